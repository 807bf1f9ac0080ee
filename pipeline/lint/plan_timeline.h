#pragma once

// A plan's issues in date order, from its <history> and the <dates> of the current
// version: what the statutory date rules check and what the caseload dashboard reads a
// plan's stage and next statutory date from. One reading, so the two cannot disagree.

#include <optional>
#include <vector>

#include "model/plan.h"

namespace ehcp {

// One version sent out, from the plan's history or from its <dates>.
struct IssuedVersion {
  IssueKind kind;
  Date issued;
  std::optional<Date> response_received;
  SourceLocation location;
};

// Every issue of the plan, oldest first: the history's entries, and the <dates> of the
// current version where the history does not already record them.
std::vector<IssuedVersion> IssueTimeline(const Plan& plan);

}  // namespace ehcp
