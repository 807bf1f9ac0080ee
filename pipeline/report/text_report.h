#pragma once

// Compiler-style text: findings grouped per plan, "file:line:col: severity: message
// [rule-id]" with the fix hint and source indented below, accepted findings listed
// separately, then a one-line count. Colour only when asked (the CLI asks on a terminal).

#include <ostream>

#include "report/plan_findings.h"

namespace ehcp {

void WriteTextReport(const PlanFindings& plan, std::ostream& out, bool colour);

}  // namespace ehcp
