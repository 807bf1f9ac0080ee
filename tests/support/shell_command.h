#pragma once

// Runs a shell command line from a test and captures its output and exit code. Shared by
// the end-to-end tests and the checks that drive real clients (qpdf, poppler, LibreOffice).

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ehcp::testing {

struct ShellResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline ShellResult RunShell(const std::string& command_line) {
  ShellResult result;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ehcp::testing
