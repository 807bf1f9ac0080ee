#pragma once

// `ehcp import FORM.docx -o CONTRIBUTION.xml`: an advice form that `ehcp form` wrote,
// filled in Word, read back as a contribution (schemas/ehcp-contribution-1.xsd). The
// boxes and tables are found by their field marks (forms/form_writer.h), not by their
// wording, so a council may reword the form between writing and reading it. Every row of
// a table is read; provision in words goes through the provision grammar. Text typed
// outside the boxes is reported as not mapped with its place, never dropped silently.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "docx_reader/docx_reader.h"
#include "forms/form_wording.h"
#include "model/plan.h"
#include "provision_text/provision_grammar.h"
#include "resources/resource_paths.h"

namespace ehcp::forms {

// The kind of form `word` is ("education", ...), or nothing when it is not a form.
std::optional<std::string> FormKindOf(const WordDocument& word);

// What the import took from one place in the form, for the report.
struct FormRead {
  std::string place;  // "paragraph 12", "table 2, row 3"
  std::string what;   // "need N1 (Cognition and learning)", "your name"
  std::string text;
  std::string note;  // what was read from provision words, links, dates
};

struct FormImport {
  std::optional<Contribution> contribution;  // nothing when a required box is empty
  std::vector<FormRead> read;
  DiagnosticList diagnostics;  // errors (form.required, form.date) and not-mapped warnings
};

FormImport ImportForm(const WordDocument& word, const std::string& docx_name, const FormSpec& spec,
                      const ProvisionGrammar& grammar);

struct FormImportRun {
  int exit_code = 0;  // 0 written; 1 the form is incomplete or invalid; 2 unreadable or not written
  std::optional<FormImport> import;
  DiagnosticList diagnostics;
  bool written = false;
};

// Reads the Word file, refuses what is not a form (with a hint when it is an ehcp plan),
// imports it, validates the contribution and writes it atomically, or not at all.
FormImportRun RunFormImport(const std::string& docx, const std::string& output,
                            const ResourcePaths& resources);

std::string FormImportReportText(const FormImportRun& run, const std::string& docx,
                                 const std::string& output);

}  // namespace ehcp::forms
