#pragma once

// The generic rule kinds (internal to the lint stage). Each Make* function builds one kind
// from a RuleSpec; CreateRule (rule.h) picks the function by spec.kind. Parameters each
// kind reads are documented in quality/README.md and at the top of its .cc file.

#include <memory>

#include "lint/rule.h"

namespace ehcp {

// lexicon_rules.cc
std::unique_ptr<Rule> MakeLexiconRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeAcronymRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeReadabilityRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeTextLengthRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakePlanLengthRule(const RuleSpec&, const RuleBuildContext&);
// golden_thread_rule.cc
std::unique_ptr<Rule> MakeGoldenThreadRule(const RuleSpec&, const RuleBuildContext&);
// provision_rules.cc
std::unique_ptr<Rule> MakeProvisionFieldRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeMisplacedProvisionRule(const RuleSpec&, const RuleBuildContext&);
// outcome_rules.cc
std::unique_ptr<Rule> MakeOutcomeTimeboundRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakePreparingForAdulthoodRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeItemCountRule(const RuleSpec&, const RuleBuildContext&);
// structure_rules.cc
std::unique_ptr<Rule> MakePlacementRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakePersonalBudgetRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeAdviceRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeMetadataRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeVoiceRule(const RuleSpec&, const RuleBuildContext&);
// narrative_rules.cc
std::unique_ptr<Rule> MakeOtherNameRule(const RuleSpec&, const RuleBuildContext&);
std::unique_ptr<Rule> MakeUnrecordedNeedRule(const RuleSpec&, const RuleBuildContext&);
// structure_gap_rule.cc
std::unique_ptr<Rule> MakeStructureGapRule(const RuleSpec&, const RuleBuildContext&);
// statutory_date_rule.cc
std::unique_ptr<Rule> MakeStatutoryDateRule(const RuleSpec&, const RuleBuildContext&);

// Helpers shared by the kinds.
// A provision field (frequency, duration, role, qualification, staffing, agency,
// weekly-hours) is not stated in the item's structured fields.
bool ProvisionFieldMissing(const std::string& field, const ProvisionItem& item);
bool InScope(const RuleScope& scope, const PlanTextField& field);
int CountWords(std::string_view text);
std::vector<std::string> SplitWords(const std::string& list);  // on spaces

}  // namespace ehcp
