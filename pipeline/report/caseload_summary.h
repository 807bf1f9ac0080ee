#pragma once

// Totals over a caseload, built one plan at a time so that nothing per plan beyond a row
// of the dashboard is kept: plans by grade, most frequent findings, the share of
// provision items that are fully quantified, and (once TrackStatus is called) each plan's
// stage and next statutory date, the plans overdue, and the share of new plans issued
// within 20 weeks.

#include <array>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "report/case_status.h"
#include "report/plan_findings.h"

namespace ehcp {

struct CaseloadRow {  // one plan on the dashboard
  std::string file;
  std::string plan_id;
  bool loaded = false;
  std::string grade;  // GradeName, or empty when not loaded
  std::string grade_token;
  int errors = 0, warnings = 0, infos = 0, accepted = 0;
  int provision_items = 0, provision_quantified = 0;
  std::optional<CaseStatus> status;
  bool overdue = false;  // the next statutory date is before the "as of" date
  int64_t overdue_days = 0;
  // The plan's unaccepted findings, kept only when KeepFindings() was called (the HTML
  // dashboard lists them under each plan, and the plan's row links there).
  struct Finding {
    Severity severity = Severity::kError;
    std::string code, message, where;
  };
  std::vector<Finding> findings;
};

// New plans against the national 20-week indicator: plans whose first final was issued
// in the window (the 12 months up to and including the "as of" date), by how long it took
// from the request. A plan with a reg 10(4) exception is counted apart, as the national
// statistics do; a plan with no request date is "unknown", never left out.
struct TwentyWeekShare {
  Date from, to;  // the window, both days included
  int weeks = 0;  // the limit, from the rules (0 when the rules state none)
  int issued = 0, within = 0, late = 0, exception = 0, unknown = 0;
};

class CaseloadSummary {
 public:
  void Add(const PlanFindings& plan);
  // Counts each plan's stage, next date and first issue as of `as_of` (call before Add).
  void TrackStatus(const Date& as_of, const CaseTimescales& timescales);
  // Keeps each plan's unaccepted findings in its row (call before Add).
  void KeepFindings() { keep_findings_ = true; }
  // A file found in a folder that is not a plan (contribution, case file, manifest).
  void AddSkipped() { ++skipped_; }

  int Plans() const { return static_cast<int>(rows_.size()); }
  int Invalid() const { return invalid_; }
  int Skipped() const { return skipped_; }
  int ByGrade(Grade grade) const { return by_grade_[static_cast<int>(grade)]; }
  int ProvisionItems() const { return provision_items_; }
  int ProvisionQuantified() const { return provision_quantified_; }
  // Rules by number of plans they fired in (then by id), with their finding counts.
  struct RuleCount {
    std::string rule;
    int plans = 0;
    int findings = 0;
  };
  std::vector<RuleCount> MostFrequent(size_t limit) const;
  const std::vector<CaseloadRow>& Rows() const { return rows_; }
  // Set once TrackStatus was called.
  const std::optional<Date>& AsOf() const { return as_of_; }
  int Overdue() const { return overdue_; }
  int ByStage(CaseStage stage) const { return by_stage_[static_cast<int>(stage)]; }
  const TwentyWeekShare& TwentyWeeks() const { return twenty_weeks_; }

  void WriteText(std::ostream& out, size_t top = 10) const;

 private:
  std::vector<CaseloadRow> rows_;
  std::array<int, 4> by_grade_{};
  int invalid_ = 0;
  int skipped_ = 0;
  int provision_items_ = 0, provision_quantified_ = 0;
  std::map<std::string, RuleCount> rules_;
  bool keep_findings_ = false;
  std::optional<Date> as_of_;
  int overdue_ = 0;
  std::array<int, 4> by_stage_{};
  TwentyWeekShare twenty_weeks_;
};

// "67%", or "n/a" when there is nothing to divide by.
std::string SharePercent(int part, int whole);

}  // namespace ehcp
