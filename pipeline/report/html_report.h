#pragma once

// HTML reports for reviewers, rendered from Mustache templates in templates/lint/ (a
// council restyles them without recompiling): per plan, a grade per section, the golden
// thread as a table with gaps highlighted, and the findings; for a caseload, a dashboard.
// Templates are parsed once; output is self-contained (no external assets).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/rule_set.h"
#include "model/plan.h"
#include "report/caseload_summary.h"
#include "report/plan_findings.h"

namespace ehcp {

class HtmlReporter {
 public:
  // Reads report.html and caseload.html from `template_dir`; reports a missing or broken
  // template and returns nullptr.
  static std::unique_ptr<HtmlReporter> Load(const std::filesystem::path& template_dir,
                                            DiagnosticList& diagnostics);
  // The files Load reads from `template_dir` (so that no report overwrites them).
  static std::vector<std::string> TemplateFiles(const std::filesystem::path& template_dir);
  ~HtmlReporter();

  std::string RenderPlan(const Plan& plan, const PlanFindings& findings,
                         const RuleSet& rules) const;
  std::string RenderCaseload(const CaseloadSummary& summary, const RuleSet& rules) const;

 private:
  struct Templates;
  HtmlReporter();
  std::unique_ptr<Templates> templates_;
};

}  // namespace ehcp
