#pragma once

// Reads a whole file as bytes, for tests comparing output or golden files. A missing
// file reads as empty, which the comparing assertion then reports.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ehcp::testing {

inline std::string ReadFileText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace ehcp::testing
