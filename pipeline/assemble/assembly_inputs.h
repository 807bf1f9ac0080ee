#pragma once

// Finds and reads what `ehcp assemble` works on: a case folder (case.xml plus the
// contribution files it lists, or contributions/*.xml) or explicit files (one case file
// and any number of contribution files, in any order).

#include <string>
#include <string_view>
#include <vector>

#include "assemble/assembler.h"
#include "assemble/case_file.h"
#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"

namespace ehcp {

struct AssemblyInputs {
  std::optional<CaseFile> case_file;
  std::vector<ContributionInput> contributions;
  std::vector<std::string> files;  // every input file read, for the overwrite check
  DiagnosticList diagnostics;      // invalid or unreadable inputs
  bool usage_error = false;        // a file is missing or unreadable, or no case file (exit 2)

  bool Ok() const { return case_file && !diagnostics.HasErrors(); }
};

// `inputs`: one case folder, or files. Explicit contribution files replace the case
// file's own list.
AssemblyInputs ReadAssemblyInputs(const std::vector<std::string>& inputs,
                                  const SchemaRegistry& schemas);

// A document held in memory (the service's request parts): its name and bytes.
struct NamedDocument {
  std::string name;
  std::string_view bytes;
};

// The same from documents in memory: one case file and its contributions, in any order.
// A contribution is matched by file name to the case file's listing (its received date),
// and cited in Section K as the listing names it (else contributions/NAME), so the draft
// is the one `ehcp assemble CASE_DIR` makes of the same files.
AssemblyInputs ParseAssemblyInputs(const std::vector<NamedDocument>& documents,
                                   const SchemaRegistry& schemas);

}  // namespace ehcp
