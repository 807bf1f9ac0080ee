#pragma once

// The one entry point behind `ehcp import DOCX --base PLAN -o OUT`: read the Word file
// defensively, render the base plan again with the same template, map the edits, validate
// the result against the plan schema, and write it atomically (or not at all).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "import/plan_import.h"
#include "resources/resource_paths.h"

namespace ehcp {

struct ImportRequest {
  std::string docx;
  std::string base;
  std::string output;
  std::string template_folder;  // the template the DOCX was rendered with
};

struct ImportRun {
  int exit_code = 0;  // 0 written; 1 the result is not a valid plan; 2 unreadable or not written
  std::optional<ImportResult> result;
  DiagnosticList diagnostics;
  bool written = false;
  // The quality rules (quality/rules) over the imported plan: every finding is counted;
  // those about items the edits changed or added are listed in the report.
  std::vector<Diagnostic> findings;
  std::vector<Diagnostic> findings_on_edits;
};

ImportRun RunImport(const ImportRequest& request, const ResourcePaths& resources);

// The same from memory (`ehcp serve`): the DOCX's and the base plan's bytes, named in
// diagnostics and reports by request.docx and request.base. The imported plan's XML comes
// back in `xml` when run.written; nothing is written to disk (request.output only names it).
ImportRun RunImportInMemory(std::string_view docx, std::string_view base,
                            const ImportRequest& request, const ResourcePaths& resources,
                            std::string& xml);

// The change report, item by item: text for people, JSON for tools.
std::string ImportReportText(const ImportRun& run, const ImportRequest& request);
std::string ImportReportJson(const ImportRun& run, const ImportRequest& request);

}  // namespace ehcp
