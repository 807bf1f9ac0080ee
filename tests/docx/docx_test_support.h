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

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace ehcp::testing {

struct ProgramResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command line and captures its output and exit code.
inline ProgramResult RunProgram(const std::string& command_line) {
  ProgramResult result;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ehcp::testing
