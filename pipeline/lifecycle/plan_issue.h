#pragma once

// Issuing a final plan from a draft (SEND Regs 2014 reg 13-14): the placement named in
// Section I, the issue recorded in the plan's history with its date and signatory,
// status Final, and the ids renumbered so a deleted item leaves no gap. Refused while the
// quality framework finds errors nobody accepted; each refusal names the finding, and
// an acceptance given at issue is recorded on the plan (<review>), with who and when.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lifecycle/renumber.h"
#include "lint/linter.h"
#include "model/plan.h"

namespace ehcp {

// A finding accepted at issue: the rule id, and the item it is about (empty: every
// finding of that rule in the plan).
struct Acceptance {
  std::string rule_id;
  std::string item_id;
};

// "rule" or "rule/ITEM" (as `--accept` takes it); nullopt when it is neither.
std::optional<Acceptance> ParseAcceptance(const std::string& text);

struct IssueRequest {
  std::string placement_name;  // the school or other institution named in Section I
  std::string placement_type;  // needed when the draft does not already name the placement
  Date issued;
  std::string signatory;       // who signs for the council
  std::string signatory_role;  // their role
  std::vector<Acceptance> accept;
  std::string accept_reason;  // recorded with each acceptance
};

struct IssueResult {
  std::optional<Plan> plan;  // the final plan, when issued
  std::vector<IdChange> renumbered;
  // Errors of the quality framework that nobody accepted: the plan was not issued.
  std::vector<Diagnostic> blocking;
  // Findings accepted (before or at issue), reported so the officer sees what was waived.
  std::vector<Diagnostic> accepted;
  // Problems with the draft or the request ([issue.*]).
  DiagnosticList diagnostics;
  bool Ok() const { return plan.has_value(); }
};

// Issues `draft` as a final plan. `linter` checks the plan as it would be issued (named
// placement, status and dates set), before ids are renumbered, so the findings name the
// ids the officer sees in the draft.
IssueResult IssuePlan(Plan draft, const IssueRequest& request, const Linter& linter);

}  // namespace ehcp
