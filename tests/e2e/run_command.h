#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace ehcp::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs build/ehcp with `args` and captures its output and exit code.
inline CommandResult RunEhcp(const std::vector<std::string>& args) {
  std::string command = ShellQuote(EHCP_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  command += " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline std::vector<std::string> SamplePlans() {
  std::vector<std::string> plans;
  for (const auto& entry : std::filesystem::directory_iterator(EHCP_SAMPLES)) {
    auto plan = entry.path() / "plan.xml";
    if (entry.is_directory() && std::filesystem::exists(plan)) plans.push_back(plan.string());
  }
  std::sort(plans.begin(), plans.end());
  return plans;
}

inline std::vector<std::string> SampleContributions() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(EHCP_SAMPLES)) {
    if (entry.path().parent_path().filename() == "contributions" && entry.path().extension() == ".xml")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ehcp::testing
