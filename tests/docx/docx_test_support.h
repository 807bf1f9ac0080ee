#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "diagnostics/diagnostic.h"

namespace ehcp::testing {

// A fresh folder per test (and per process, so parallel ctest runs never collide),
// removed at the end.
class ScratchFolder {
 public:
  ScratchFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("ehcp-docx-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& Path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string Describe(const DiagnosticList& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += FormatDiagnostic(d) + "\n";
  return text;
}

}  // namespace ehcp::testing

#include "support/shell_command.h"

namespace ehcp::testing {

using ProgramResult = ShellResult;

inline std::string Quote(const std::string& s) {
  return ShellQuote(s);
}

// Runs a shell command line and captures its output and exit code.
inline ProgramResult RunProgram(const std::string& command_line) {
  return RunShell(command_line);
}

}  // namespace ehcp::testing
