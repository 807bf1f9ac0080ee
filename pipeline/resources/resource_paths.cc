#include "resources/resource_paths.h"

#include <cstdlib>

#ifndef EHCP_SOURCE_DIR
#define EHCP_SOURCE_DIR "."
#endif

namespace ehcp {

static bool HasSchemas(const std::filesystem::path& root) {
  std::error_code ec;
  return std::filesystem::exists(root / "schemas" / "ehcp-plan-1.xsd", ec);
}

ResourcePaths FindResources(const std::string& argv0) {
  if (const char* home = std::getenv("EHCP_HOME"); home != nullptr && *home != '\0')
    return ResourcePaths{home};
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) exe = std::filesystem::absolute(argv0, ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      if (HasSchemas(dir)) return ResourcePaths{dir};
      if (HasSchemas(dir / "share" / "ehcp")) return ResourcePaths{dir / "share" / "ehcp"};
    }
  }
  return ResourcePaths{EHCP_SOURCE_DIR};
}

}  // namespace ehcp
