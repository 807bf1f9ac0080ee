#include "report/caseload_summary.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace ehcp {

void CaseloadSummary::Add(const PlanFindings& plan) {
  CaseloadRow row;
  row.file = plan.file;
  row.plan_id = plan.plan_id;
  row.loaded = plan.loaded;
  if (!plan.loaded) {
    ++invalid_;
    rows_.push_back(std::move(row));
    return;
  }
  row.errors = plan.Count(Severity::kError);
  row.warnings = plan.Count(Severity::kWarning);
  row.infos = plan.Count(Severity::kInfo);
  row.accepted = static_cast<int>(
      std::count_if(plan.findings.begin(), plan.findings.end(),
                    [](const Diagnostic& d) { return d.accepted_reason.has_value(); }));
  row.provision_items = plan.provision_items;
  row.provision_quantified = plan.provision_quantified;
  if (plan.grade) {
    row.grade = GradeName(plan.grade->overall);
    row.grade_token = GradeToken(plan.grade->overall);
    ++by_grade_[static_cast<int>(plan.grade->overall)];
  }
  provision_items_ += plan.provision_items;
  provision_quantified_ += plan.provision_quantified;
  std::set<std::string> seen;
  for (const auto& d : plan.findings) {
    if (d.accepted_reason) continue;
    RuleCount& count = rules_[d.code];
    count.rule = d.code;
    ++count.findings;
    if (seen.insert(d.code).second) ++count.plans;
  }
  rows_.push_back(std::move(row));
}

std::vector<CaseloadSummary::RuleCount> CaseloadSummary::MostFrequent(size_t limit) const {
  std::vector<RuleCount> out;
  for (const auto& [id, count] : rules_) out.push_back(count);
  std::sort(out.begin(), out.end(), [](const RuleCount& a, const RuleCount& b) {
    return a.plans != b.plans         ? a.plans > b.plans
           : a.findings != b.findings ? a.findings > b.findings
                                      : a.rule < b.rule;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

void CaseloadSummary::WriteText(std::ostream& out, size_t top) const {
  out << "Caseload: " << Plans() << (Plans() == 1 ? " plan" : " plans");
  if (invalid_) out << " (" << invalid_ << " not valid, not linted)";
  if (skipped_)
    out << "; " << skipped_ << " other XML " << (skipped_ == 1 ? "file" : "files")
        << " skipped (not plans)";
  out << "\n  by grade:";
  for (Grade g :
       {Grade::kOutstanding, Grade::kGood, Grade::kRequiresImprovement, Grade::kInadequate})
    out << " " << GradeName(g) << " " << ByGrade(g) << ";";
  out << "\n";
  if (provision_items_ > 0) {
    char share[64];
    std::snprintf(share, sizeof share, "%.0f%%", 100.0 * provision_quantified_ / provision_items_);
    out << "  provision fully quantified: " << provision_quantified_ << " of " << provision_items_
        << " items (" << share << ")\n";
  }
  auto frequent = MostFrequent(top);
  if (!frequent.empty()) {
    out << "  most frequent findings (plans, findings):\n";
    for (const auto& r : frequent)
      out << "    " << r.rule << ": " << r.plans << ", " << r.findings << "\n";
  }
}

}  // namespace ehcp
