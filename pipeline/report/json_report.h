#pragma once

// Streaming machine-readable reports: JSON (ehcp's own shape) and SARIF 2.1.0. Plans are
// written as they arrive, so memory does not grow with the caseload.

#include <ostream>

#include "lint/rule_set.h"
#include "report/caseload_summary.h"
#include "report/plan_findings.h"

namespace ehcp {

// {"plans": [ {file, plan, status, valid, grade, sections, findings, accepted}... ],
//  "summary": {...}}
class JsonReportWriter {
 public:
  explicit JsonReportWriter(std::ostream& out);
  void Add(const PlanFindings& plan);
  void Finish(const CaseloadSummary& summary);

 private:
  std::ostream& out_;
  bool first_ = true;
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
