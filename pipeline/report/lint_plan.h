#pragma once

// One loaded document linted into what every reporter reads: the findings, the grade and
// the provision counts, or why it could not be linted. Shared by `ehcp lint` and the
// service, so both give the same findings for the same plan.

#include <string>

#include "lint/linter.h"
#include "loader/document_loader.h"
#include "report/html_report.h"
#include "report/plan_findings.h"

namespace ehcp {

struct LintedPlan {
  PlanFindings findings;
  std::string html;  // the reviewer's report, when an HtmlReporter was given
};

// Loads for linting: tolerant, so a plan with structural gaps is linted and its gaps are
// findings; only an unreadable or malformed file, or one that is not a plan, stops here.
LoadedDocument LoadPlanToLint(const std::string& file, const SchemaRegistry& schemas);
LoadedDocument ParsePlanToLint(std::string_view bytes, const std::string& display_name,
                               const SchemaRegistry& schemas);

// `file` names the plan in the findings. `html` may be null.
LintedPlan LintLoadedPlan(const std::string& file, LoadedDocument doc, const Linter& linter,
                          const HtmlReporter* html);

}  // namespace ehcp
