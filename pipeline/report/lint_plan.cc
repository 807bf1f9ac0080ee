#include "report/lint_plan.h"

namespace ehcp {
namespace {

bool FullyQuantified(const ProvisionItem& item) {
  return item.frequency && item.duration_minutes && !item.deliverer_role.empty() &&
         !item.deliverer_qualification.empty() && (item.staffing.ratio || item.staffing.group_size);
}

}  // namespace

LoadedDocument LoadPlanToLint(const std::string& file, const SchemaRegistry& schemas) {
  return LoadDocument(file, schemas, {}, SchemaCheck::kTolerant);
}

LoadedDocument ParsePlanToLint(std::string_view bytes, const std::string& display_name,
                               const SchemaRegistry& schemas) {
  return ParseDocument(bytes, display_name, schemas, {}, SchemaCheck::kTolerant);
}

LintedPlan LintLoadedPlan(const std::string& file, LoadedDocument doc, const Linter& linter,
                          const HtmlReporter* html) {
  LintedPlan work;
  PlanFindings& result = work.findings;
  result.file = file;
  if (!doc.Ok() || !doc.plan) {
    result.load_problems = doc.diagnostics.Items();
    if (doc.Ok()) {
      DiagnosticList not_a_plan;
      not_a_plan.Error("lint.not-a-plan",
                       "this is a contribution, not a plan; only plans are linted",
                       FileLocation(file));
      result.load_problems.push_back(not_a_plan.Items().front());
    }
    return work;
  }
  const Plan& plan = *doc.plan;
  result.loaded = true;
  result.plan_id = plan.meta.plan_id;
  result.child_name = plan.child.KnownAs();
  result.status = plan.meta.status;
  result.findings = linter.Lint(plan, doc.structure);
  result.case_status = ComputeCaseStatus(plan, CaseTimescalesFrom(linter.Rules()));
  result.grade = GradePlan(result.findings, linter.Rules(), plan.meta.status);
  for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2}) {
    for (const auto& item : plan.Provision(s).items) {
      ++result.provision_items;
      result.provision_quantified += FullyQuantified(item);
    }
  }
  if (html) work.html = html->RenderPlan(plan, result, linter.Rules());
  return work;
}

}  // namespace ehcp
