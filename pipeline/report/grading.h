#pragma once

// Per-section grades, as council QA audit tools grade plans: each rule that applies to a
// section is a weighted criterion; a section's score is the weighted share of its criteria
// met (no finding that is not accepted), and its grade follows the boundaries in the rule
// set. An unmet error-level criterion caps the grade (at Requires improvement as shipped);
// unmet error-level criteria in three or more rules (as shipped) make the plan Inadequate
// overall. The boundaries and both caps are <grading> in quality/rules/00-framework.xml.

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/rule_set.h"
#include "model/vocabulary.h"

namespace ehcp {

enum class Grade { kOutstanding, kGood, kRequiresImprovement, kInadequate };

std::string_view GradeName(Grade grade);  // "Outstanding", "Good", ...
std::string_view GradeToken(
    Grade grade);  // "outstanding", "good", "requires-improvement", "inadequate"

struct SectionGrade {
  std::string section;  // "meta", "A".."K"
  Grade grade = Grade::kOutstanding;
  double score = 1;  // weighted share of criteria met
  int criteria = 0;
  int met = 0;
  std::vector<std::string> unmet;  // rule ids
};

struct PlanGrade {
  Grade overall = Grade::kOutstanding;
  double score = 1;
  std::vector<SectionGrade> sections;  // in plan order, meta first
};

PlanGrade GradePlan(const std::vector<Diagnostic>& findings, const RuleSet& rules,
                    PlanStatus status);

// "B: Special educational needs", "Process and dates" for "meta". A plan section's letter
// and title are the one section table's (model/vocabulary.cc, EnumTable<SectionId>).
std::string SectionTitle(std::string_view section);

// What grades and findings are grouped by, in order: "meta", "child", then every plan
// section in the section table's order.
const std::vector<std::string>& ReportSections();

}  // namespace ehcp
