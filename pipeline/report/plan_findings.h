#pragma once

// What every reporter gets for one input file: the findings the linter made, or the
// validator's diagnostics when the file did not load as a plan. Compact on purpose: in
// caseload mode only these (never the plan model) are kept per plan.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "model/vocabulary.h"
#include "report/case_status.h"
#include "report/grading.h"

namespace ehcp {

struct PlanFindings {
  std::string file;
  std::string plan_id;
  std::string child_name;  // as the plan knows the child
  std::optional<PlanStatus> status;
  bool loaded = false;                    // a valid plan that was linted
  std::vector<Diagnostic> load_problems;  // when not loaded: why (xml.*, schema.*, io.*)
  std::vector<Diagnostic> findings;       // sorted; accepted ones carry accepted_reason
  std::optional<PlanGrade> grade;
  int provision_items = 0;
  int provision_quantified = 0;  // frequency, duration, who (role and qualification), staffing
  std::optional<CaseStatus> case_status;  // stage and next statutory date, when loaded

  int Count(Severity severity, bool accepted = false) const;
};

}  // namespace ehcp
