#pragma once

// Assembles a draft EHC plan from a case file and the advice contributions: places every
// item in its section, remaps contribution-local ids to plan ids, merges near-identical
// needs and provision from different advisers, keeps and reports conflicting quantities,
// and records provenance to one Section K entry per contribution.

#include <optional>
#include <string>
#include <vector>

#include "assemble/assembly_report.h"
#include "assemble/case_file.h"
#include "model/plan.h"

namespace ehcp {

// Two needs or two provision items (same area or kind, different advisers) whose content
// words overlap at least this much (WordOverlap) are one item in different words: most
// of the shorter text is in the longer one. On the sample advice the pairs at or above
// 0.6 are restatements (hearing-aid checks, 0.78); between 0.45 and 0.6 there are both
// restatements (a parents' course, 0.57) and related but different needs (a family's
// wish for a break and the child's leisure, 0.50), so those are reported as possible
// duplicates for the officer instead of being merged.
inline constexpr double kNearIdenticalOverlap = 0.6;
inline constexpr double kPossibleDuplicateOverlap = 0.45;

// Provision with identical frequency and duration, the same kind and a need in the same
// area is the same provision at this lower overlap: two advisers quantified the same
// thing identically and described it in their own words.
inline constexpr double kSameQuantityOverlap = 0.3;

// The planned final issue date is the later of the 20-week limit (SEND Regulations 2014
// reg 13(2)) and the draft issue date plus the 15 days the family has to comment
// (reg 13(1)). The first review is due 12 months after the final plan is issued (CFA
// 2014 s.44), or 6 months for a child under 5 (Code of Practice 9.178: every 3-6 months).
inline constexpr int kWeeksToFinalPlan = 20;
inline constexpr int kDaysToComment = 15;
inline constexpr int kReviewMonths = 12;
inline constexpr int kUnderFiveReviewMonths = 6;

struct ContributionInput {
  Contribution contribution;
  std::string file;      // as given, for messages
  std::string relative;  // relative to the case folder, for Section K
  std::optional<Date> received;
};

struct AssemblyResult {
  std::optional<Plan> plan;  // unset when a blocking problem stopped assembly
  AssemblyReport report;
};

// The same inputs in any order give the same plan: contributions are sorted by
// (advice category, date written, contribution id) before anything is numbered.
AssemblyResult AssemblePlan(const CaseFile& case_file,
                            std::vector<ContributionInput> contributions);

// The date the first review is due, per the constants above.
Date PlannedFinalIssue(const CaseDates& dates);
Date NextReviewDate(const CaseDates& dates, const Date& date_of_birth);

}  // namespace ehcp
