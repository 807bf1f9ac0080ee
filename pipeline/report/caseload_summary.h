#pragma once

// Totals over a caseload, built one plan at a time so that nothing per plan beyond a row
// of the dashboard is kept: plans by grade, most frequent findings, and the share of
// provision items that are fully quantified.

#include <array>
#include <map>
#include <ostream>
#include <string>
#include <vector>

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
};

class CaseloadSummary {
 public:
  void Add(const PlanFindings& plan);
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

  void WriteText(std::ostream& out, size_t top = 10) const;

 private:
  std::vector<CaseloadRow> rows_;
  std::array<int, 4> by_grade_{};
  int invalid_ = 0;
  int skipped_ = 0;
  int provision_items_ = 0, provision_quantified_ = 0;
  std::map<std::string, RuleCount> rules_;
};

}  // namespace ehcp
