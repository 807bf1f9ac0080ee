#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "support/shell_command.h"

namespace ehcp::testing {

using CommandResult = ShellResult;

// Runs build/ehcp with `args` and captures its output and exit code.
inline CommandResult RunEhcp(const std::vector<std::string>& args) {
  std::string command = ShellQuote(EHCP_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  return RunShell(command);
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
    if (entry.path().parent_path().filename() == "contributions" &&
        entry.path().extension() == ".xml")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace ehcp::testing
