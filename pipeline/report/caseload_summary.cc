#include "report/caseload_summary.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "policy/wording.h"

namespace ehcp {

namespace {

// The window of the 20-week share: the year up to the "as of" date, so the figure moves
// with the day it is run, like the national indicator's rolling year.
constexpr int kTwentyWeekWindowMonths = 12;

}  // namespace

std::string SharePercent(int part, int whole) {
  if (whole <= 0) return "n/a";
  char share[16];
  std::snprintf(share, sizeof share, "%.0f%%", 100.0 * part / whole);
  return share;
}

void CaseloadSummary::TrackStatus(const Date& as_of, const CaseTimescales& timescales) {
  as_of_ = as_of;
  twenty_weeks_.to = as_of;
  twenty_weeks_.from = as_of.AddMonths(-kTwentyWeekWindowMonths).AddDays(1);
  twenty_weeks_.weeks = timescales.final_weeks.value_or(0);
}

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
  if (as_of_ && plan.case_status) {
    const CaseStatus& status = *plan.case_status;
    row.status = status;
    ++by_stage_[static_cast<int>(status.stage)];
    if (status.OverdueOn(*as_of_)) {
      row.overdue = true;
      row.overdue_days = as_of_->DaysSinceEpoch() - status.next_date->DaysSinceEpoch();
      ++overdue_;
    }
    if (status.first_final_issued && *status.first_final_issued >= twenty_weeks_.from &&
        *status.first_final_issued <= twenty_weeks_.to) {
      ++twenty_weeks_.issued;
      switch (status.first_final) {
        case FirstFinal::kWithin: ++twenty_weeks_.within; break;
        case FirstFinal::kLate: ++twenty_weeks_.late; break;
        case FirstFinal::kException: ++twenty_weeks_.exception; break;
        case FirstFinal::kUnknown:
        case FirstFinal::kNotIssued: ++twenty_weeks_.unknown; break;
      }
    }
  }
  if (keep_findings_)
    for (const auto& d : plan.findings)
      if (!d.accepted_reason)
        row.findings.push_back({d.severity, d.code, d.message,
                                !d.location.place.empty() ? d.location.place
                                : d.location.line > 0 ? "line " + std::to_string(d.location.line)
                                                      : std::string()});
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
  if (provision_items_ > 0)
    out << "  provision fully quantified: " << provision_quantified_ << " of " << provision_items_
        << " items (" << SharePercent(provision_quantified_, provision_items_) << ")\n";
  if (as_of_) {
    const TwentyWeekShare& t = twenty_weeks_;
    out << "  as of " << as_of_->ToLongEnglish() << ": " << overdue_
        << (overdue_ == 1 ? " plan" : " plans") << " past a statutory date\n";
    for (const auto& row : rows_)
      if (row.overdue)
        out << "    " << (row.plan_id.empty() ? row.file : row.plan_id) << ": "
            << NextDateName(row.status->next) << " " << row.status->next_date->ToLongEnglish()
            << ", " << Counted(row.overdue_days, "day", "days") << " overdue\n";
    out << "  new plans issued within " << Counted(t.weeks, "week", "weeks")
        << " (first final plans issued " << t.from.ToLongEnglish() << " to " << t.to.ToLongEnglish()
        << "): " << t.within << " of " << t.within + t.late << " ("
        << SharePercent(t.within, t.within + t.late) << "); " << t.exception
        << " with an exception, " << t.unknown << " unknown (no request date)\n";
  }
  auto frequent = MostFrequent(top);
  if (!frequent.empty()) {
    out << "  most frequent findings (plans, findings):\n";
    for (const auto& r : frequent)
      out << "    " << r.rule << ": " << r.plans << ", " << r.findings << "\n";
  }
}

}  // namespace ehcp
