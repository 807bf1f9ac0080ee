#pragma once

// Runs a RuleSet over one plan model and returns its findings: Diagnostics whose code is
// the rule id, sorted by position, with reviewer-accepted findings marked (never dropped).

#include <optional>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/rule_set.h"
#include "model/plan.h"

namespace ehcp {

class Linter {
 public:
  explicit Linter(const RuleSet& rules) : rules_(rules) {}
  // Thread-safe: many threads may lint different plans with one Linter.
  // `structure`: the gaps the plan's reader found (LoadedDocument::structure); each is
  // reported through the structure rules, and nothing else is said about a section that
  // is missing or blank.
  std::vector<Diagnostic> Lint(const Plan& plan,
                               const std::vector<StructureProblem>& structure = {}) const;
  const RuleSet& Rules() const { return rules_; }

 private:
  const RuleSet& rules_;
};

// The national curriculum year: as stated in the plan, else derived from the date of birth
// on the plan's latest issue date (or its next review date).
std::optional<int> YearGroup(const Plan& plan);

// Marks findings the plan's <review> accepted (same rule id, and the same item unless the
// acceptance names none) with the reviewer's reason.
void MarkAccepted(const Plan& plan, std::vector<Diagnostic>& findings);

// Whether any finding that is not accepted reaches `threshold`.
bool ReachesLevel(const std::vector<Diagnostic>& findings, Severity threshold);

}  // namespace ehcp
