#pragma once

// Runs the real PDF clients (qpdf, poppler, the pikepdf checker) from tests.

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "support/shell_command.h"

namespace ehcp::testing {

using ToolResult = ShellResult;

inline std::string Quote(const std::string& s) {
  return ShellQuote(s);
}

inline ToolResult RunTool(const std::string& command) {
  return RunShell(command);
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// pdfinfo -struct-text output without the object numbers of link annotations
// ("Object 80 0"): which number a writer gives an object is not part of the structure,
// and the golden trees were recorded with PoDoFo's numbering.
inline std::string WithoutObjectNumbers(const std::string& struct_text) {
  static const std::regex kObject("Object [0-9]+ [0-9]+");
  return std::regex_replace(struct_text, kObject, "Object");
}

inline const std::string kChecker = std::string(EHCP_SOURCE_DIR) + "/tests/pdf/check_pdfua.py";
inline const std::string kBreaker = std::string(EHCP_SOURCE_DIR) + "/tests/pdf/make_broken_pdf.py";
inline const std::filesystem::path kAssets =
    std::filesystem::path(EHCP_SOURCE_DIR) / "tests/pdf/assets";
inline const std::filesystem::path kGolden =
    std::filesystem::path(EHCP_SOURCE_DIR) / "tests/pdf/golden";

// A fresh folder under the system temp folder, removed by the destructor.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name) {
    path_ = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& Path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace ehcp::testing
