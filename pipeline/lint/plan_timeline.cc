#include "lint/plan_timeline.h"

#include <algorithm>

namespace ehcp {

std::vector<IssuedVersion> IssueTimeline(const Plan& plan) {
  std::vector<IssuedVersion> out;
  for (const auto& issue : plan.meta.history.issues)
    out.push_back(IssuedVersion{issue.kind, issue.issued, issue.response_received, issue.location});
  const PlanDates& d = plan.meta.dates;
  auto add = [&](IssueKind kind, const std::optional<Date>& date) {
    if (!date) return;
    for (const auto& s : out)
      if (s.kind == kind && s.issued == *date) return;
    out.push_back(IssuedVersion{kind, *date, std::nullopt, plan.location});
  };
  add(IssueKind::kDraft, d.draft_issued);
  add(IssueKind::kFinal, d.final_issued);
  add(IssueKind::kProposedAmendments, d.proposed_amendments_issued);
  add(IssueKind::kAmendedFinal, d.amended_issued);
  std::stable_sort(out.begin(), out.end(), [](const IssuedVersion& a, const IssuedVersion& b) {
    return a.issued < b.issued;
  });
  return out;
}

}  // namespace ehcp
