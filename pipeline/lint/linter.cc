#include "lint/linter.h"

#include <algorithm>

#include "lint/plan_text.h"

namespace ehcp {

std::optional<int> YearGroup(const Plan& plan) {
  if (plan.child.ncy) return plan.child.ncy;
  const PlanDates& d = plan.meta.dates;
  std::optional<Date> on;
  for (const auto& date : {d.draft_issued, d.final_issued, d.amended_issued, d.last_review})
    if (date && (!on || *date > *on)) on = date;
  if (!on) on = d.next_review;
  if (!on || plan.child.date_of_birth.year == 0) return std::nullopt;
  return NationalCurriculumYear(plan.child.date_of_birth, *on);
}

void MarkAccepted(const Plan& plan, std::vector<Diagnostic>& findings) {
  for (auto& finding : findings) {
    for (const auto& accepted : plan.accepted) {
      if (accepted.rule_id != finding.code) continue;
      if (!accepted.item_id.empty() && accepted.item_id != finding.item_id) continue;
      finding.accepted_reason = accepted.reason.value + " (accepted by " + accepted.by + " on " +
                                accepted.date.ToLongEnglish() + ")";
      break;
    }
  }
}

bool ReachesLevel(const std::vector<Diagnostic>& findings, Severity threshold) {
  return std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) {
    return !d.accepted_reason && AtLeast(d.severity, threshold);
  });
}

std::vector<Diagnostic> Linter::Lint(const Plan& plan) const {
  std::vector<PlanTextField> text = CollectPlanText(plan);
  LintInput input{plan, text, YearGroup(plan)};
  FindingSink sink;
  for (const auto& rule : rules_.Rules()) {
    if (rule->Spec().AppliesTo(plan.meta.status)) rule->Check(input, sink);
  }
  std::vector<Diagnostic> findings = std::move(sink.Findings());
  MarkAccepted(plan, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.column, a.code) < std::tie(b.location.line, b.location.column, b.code);
  });
  return findings;
}

}  // namespace ehcp
