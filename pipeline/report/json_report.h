#pragma once

// Streaming machine-readable reports: JSON (ehcp's own shape) and SARIF 2.1.0. Plans are
// written as they arrive, so memory does not grow with the caseload.

#include <optional>
#include <ostream>

#include "lint/rule_set.h"
#include "report/caseload_summary.h"
#include "report/plan_findings.h"

namespace ehcp {

// {"plans": [ {file, plan, status, valid, grade, sections, findings, accepted,
//               caseStatus}... ],
//  "summary": {..., asOf, byStage, overdue, twentyWeeks}}
// caseStatus (stage, next statutory date, first final) is written for a loaded plan;
// with an "as of" date (SetAsOf) it also says whether the next date has passed.
class JsonReportWriter {
 public:
  explicit JsonReportWriter(std::ostream& out);
  void SetAsOf(const Date& as_of) { as_of_ = as_of; }
  void Add(const PlanFindings& plan);
  void Finish(const CaseloadSummary& summary);

 private:
  std::ostream& out_;
  bool first_ = true;
  std::optional<Date> as_of_;
};

// One SARIF run: the enabled rules as tool.driver.rules, each finding a result with its
// physical location (file, line, column) and a logical location (section/item); accepted
// findings carry an external suppression with the reviewer's reason.
class SarifReportWriter {
 public:
  SarifReportWriter(std::ostream& out, const RuleSet& rules);
  void Add(const PlanFindings& plan);
  void Finish();

 private:
  std::ostream& out_;
  const RuleSet& rules_;
  bool first_ = true;
};

// A file path as a SARIF/URI reference: relative paths stay relative, absolute paths
// become file:// URIs; characters outside the unreserved set are percent-encoded.
std::string PathToUri(const std::string& path);

}  // namespace ehcp
