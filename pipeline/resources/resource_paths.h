#pragma once

#include <filesystem>
#include <string>

namespace ehcp {

// Where the data folders live: schemas/, quality/, templates/. Councils adapt quality/
// and templates/ without recompiling, so these are read at run time.
struct ResourcePaths {
  std::filesystem::path root;

  std::filesystem::path Schemas() const { return root / "schemas"; }
  std::filesystem::path Quality() const { return root / "quality"; }
  std::filesystem::path Templates() const { return root / "templates"; }
};

// Looks, in order, at $EHCP_HOME, the folder above the executable (an installed or
// in-tree build), and the source tree the binary was built from.
ResourcePaths FindResources(const std::string& argv0);

}  // namespace ehcp
