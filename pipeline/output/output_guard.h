#pragma once

// The one check every command makes before it writes anything: no output may be a file
// the command reads (a plan, contribution, case file, profile, rule file, template, logo,
// manifest or piece of evidence), no two outputs of one run may be the same file, and an
// output's name must say what is written there (a DOCX is not written to plan-b.xml, a
// council's plan). Files are compared by identity (device and inode after following
// links), so a hard link, a symbolic link or "dir/../plan.xml" is still recognised; an
// output that does not exist yet is compared by its resolved path.

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// What a command writes to an output, and so the names it may have.
enum class OutputKind {
  kPdf,    // .pdf
  kDocx,   // .docx
  kXml,    // .xml (a plan, a contribution, an assembled draft)
  kHtml,   // .html or .htm
  kJson,   // .json
  kSarif,  // .sarif or .json
  kText,   // any name but one another kind takes (.txt, .log, none, ...)
};

// The kind of a report written in `format` ("text", "json", "sarif", "html").
OutputKind ReportKind(const std::string& format);

// False, with an `io.output-kind` error at `output`, when the output's name (after
// following a symbolic link) ends in an extension other than the kind's: replacing it
// would lose a file of another kind, or leave a file that opens in the wrong program. A
// FIFO or character device (/dev/null, a pipe), or any name under /dev (/dev/stdout), has
// no kind and is always accepted; so is an existing empty file whose name is no other
// kind's (what `mktemp` makes).
bool CheckOutputKind(const std::filesystem::path& output, OutputKind kind,
                     DiagnosticList& diagnostics);

class OutputGuard {
 public:
  // Records a file the command reads. Inputs that do not exist are recorded by path.
  void AddInput(const std::filesystem::path& input);
  void AddInputs(const std::vector<std::string>& inputs);

  // Records a file the command will write as `kind`. False, with an `io.write` error at
  // `output`, when it is one of the inputs or another output of this run, or with an
  // `io.output-kind` error when its name is of another kind (CheckOutputKind); nothing has
  // been written then, and the command must write nothing.
  bool ClaimOutput(const std::filesystem::path& output, OutputKind kind,
                   DiagnosticList& diagnostics);

 private:
  using Identity = std::pair<dev_t, ino_t>;
  std::map<Identity, std::string> inputs_by_identity_;
  std::map<std::string, std::string> inputs_by_path_;
  std::map<Identity, std::string> outputs_by_identity_;
  std::map<std::string, std::string> outputs_by_path_;
};

}  // namespace ehcp
