#pragma once

// `ehcp diff`'s reports of a PlanDiff: readable text (inline changes marked
// [-deleted-]{+inserted+}), JSON with stable field names, and a self-contained accessible
// HTML page from the Mustache template templates/diff/report.html (a council rewords or
// restyles it without recompiling).

#include <filesystem>
#include <optional>
#include <string>

#include "diagnostics/diagnostic.h"
#include "plan_diff/plan_diff.h"

namespace ehcp {

// The two plans as the reports name them.
struct DiffSubject {
  std::string old_file;
  std::string new_file;
  std::string plan_id;  // the new plan's
  std::string child;    // the name the new plan uses for the child
};

// "Section F" or "Section H1".
std::string SectionHeading(SectionId section);

// A word diff as text: "three [-times-]{+sessions+} a week".
std::string MarkedText(const WordDiff& words);

std::string DiffText(const PlanDiff& diff, const DiffSubject& subject);
std::string DiffJson(const PlanDiff& diff, const DiffSubject& subject);

// The HTML template's path under a templates folder.
std::filesystem::path DiffTemplateFile(const std::filesystem::path& templates_dir);
// Nullopt, with a `template.missing` or `template.invalid` error, when the template
// cannot be read or parsed.
std::optional<std::string> DiffHtml(const PlanDiff& diff, const DiffSubject& subject,
                                    const std::filesystem::path& template_file,
                                    DiagnosticList& diagnostics);

}  // namespace ehcp
