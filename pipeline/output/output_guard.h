#pragma once

// The one check every command makes before it writes anything: no output may be a file
// the command reads (a plan, contribution, case file, profile, rule file, template, logo,
// manifest or piece of evidence), and no two outputs of one run may be the same file.
// Files are compared by identity (device and inode after following links), so a hard
// link, a symbolic link or "dir/../plan.xml" is still recognised; an output that does
// not exist yet is compared by its resolved path.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

class OutputGuard {
 public:
  // Records a file the command reads. Inputs that do not exist are recorded by path.
  void AddInput(const std::filesystem::path& input);
  void AddInputs(const std::vector<std::string>& inputs);

  // Records a file the command will write. False, with an `io.write` error at `output`,
  // when it is one of the inputs or another output of this run; nothing has been
  // written then, and the command must write nothing.
  bool ClaimOutput(const std::filesystem::path& output, DiagnosticList& diagnostics);

 private:
  using Identity = std::pair<dev_t, ino_t>;
  std::map<Identity, std::string> inputs_by_identity_;
  std::map<std::string, std::string> inputs_by_path_;
  std::map<Identity, std::string> outputs_by_identity_;
  std::map<std::string, std::string> outputs_by_path_;
};

}  // namespace ehcp
