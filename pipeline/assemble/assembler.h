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
#include "policy/assembly_policy.h"

namespace ehcp {

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
// (advice category in the policy's Section K order, date written, contribution id)
// before anything is numbered. Placement, merging, ages and timescales are the policy's.
AssemblyResult AssemblePlan(const CaseFile& case_file, std::vector<ContributionInput> contributions,
                            const AssemblyPolicy& policy);

// The planned final issue date: the later of the final-plan limit after the request
// (SEND Regulations 2014 reg 13(2)) and the draft plus the family's time to comment
// (reg 13(1)). The first review is due a review interval after it (CFA 2014 s.44; the
// shorter one under 5, Code of Practice 9.178).
Date PlannedFinalIssue(const CaseDates& dates, const StatutoryTimescales& timescales);
Date NextReviewDate(const CaseDates& dates, const Date& date_of_birth,
                    const StatutoryTimescales& timescales);

}  // namespace ehcp
