#include "output/output_guard.h"

#include <sys/stat.h>

#include "diagnostics/error_kind.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

std::string ResolvedPath(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? fs::absolute(path, ec).lexically_normal().string() : resolved.string();
}

}  // namespace

void OutputGuard::AddInput(const fs::path& input) {
  const std::string name = input.string();
  struct stat st {};
  if (::stat(input.c_str(), &st) == 0)
    inputs_by_identity_.emplace(Identity{st.st_dev, st.st_ino}, name);
  inputs_by_path_.emplace(ResolvedPath(input), name);
}

void OutputGuard::AddInputs(const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) AddInput(input);
}

bool OutputGuard::ClaimOutput(const fs::path& output, DiagnosticList& diagnostics) {
  const std::string name = output.string();
  const std::string resolved = ResolvedPath(output);
  auto refuse = [&](const std::string& message) {
    diagnostics.Error(kWriteFailedCode, message, FileLocation(name));
    return false;
  };
  auto same_as = [&](const std::string& other) {
    return other == name ? std::string() : " (the same file as " + other + ")";
  };
  struct stat st {};
  const bool exists = ::stat(output.c_str(), &st) == 0;
  const Identity identity{st.st_dev, st.st_ino};
  if (exists) {
    if (auto it = inputs_by_identity_.find(identity); it != inputs_by_identity_.end())
      return refuse("refusing to overwrite an input file" + same_as(it->second));
  }
  if (auto it = inputs_by_path_.find(resolved); it != inputs_by_path_.end())
    return refuse("refusing to overwrite an input file" + same_as(it->second));
  if (exists) {
    if (auto it = outputs_by_identity_.find(identity); it != outputs_by_identity_.end())
      return refuse("two outputs of this run are the same file" + same_as(it->second) +
                    "; give each output its own file");
  }
  if (auto it = outputs_by_path_.find(resolved); it != outputs_by_path_.end())
    return refuse("two outputs of this run are the same file" + same_as(it->second) +
                  "; give each output its own file");
  if (exists) outputs_by_identity_.emplace(identity, name);
  outputs_by_path_.emplace(resolved, name);
  return true;
}

}  // namespace ehcp
