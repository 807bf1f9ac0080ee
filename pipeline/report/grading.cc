#include "report/grading.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "lint/plan_text.h"

namespace ehcp {

std::string_view GradeName(Grade grade) {
  switch (grade) {
    case Grade::kOutstanding: return "Outstanding";
    case Grade::kGood: return "Good";
    case Grade::kRequiresImprovement: return "Requires improvement";
    case Grade::kInadequate: return "Inadequate";
  }
  return "Inadequate";
}

std::string_view GradeToken(Grade grade) {
  switch (grade) {
    case Grade::kOutstanding: return "outstanding";
    case Grade::kGood: return "good";
    case Grade::kRequiresImprovement: return "requires-improvement";
    case Grade::kInadequate: return "inadequate";
  }
  return "inadequate";
}

std::string SectionTitle(std::string_view section) {
  if (section == "meta") return "Process and dates";
  if (section == "child") return "Child's details";
  if (auto id = ParseToken<SectionId>(section))
    return std::string(SectionLetter(*id)) + ": " + std::string(Label(*id));
  return std::string(section);
}

const std::vector<std::string>& ReportSections() {
  static const std::vector<std::string> kSections = [] {
    std::vector<std::string> out{"meta", "child"};
    for (const auto& entry : EnumTable<SectionId>()) out.emplace_back(entry.token);
    return out;
  }();
  return kSections;
}

namespace {

Grade FromScore(double score, const GradingThresholds& t) {
  if (score >= t.outstanding) return Grade::kOutstanding;
  if (score >= t.good) return Grade::kGood;
  if (score >= t.requires_improvement) return Grade::kRequiresImprovement;
  return Grade::kInadequate;
}

Grade Cap(Grade grade, Grade cap) {
  return std::max(grade, cap);
}

// The <grading errorCap> token as a grade; the schema allows only the four.
Grade ErrorCap(const GradingThresholds& t) {
  for (Grade grade : {Grade::kOutstanding, Grade::kGood, Grade::kRequiresImprovement})
    if (GradeToken(grade) == t.error_cap) return grade;
  return Grade::kInadequate;
}

}  // namespace

PlanGrade GradePlan(const std::vector<Diagnostic>& findings, const RuleSet& rules,
                    PlanStatus status) {
  // Per section, the rules with a finding there: looked up with the rule's id as it is,
  // where a (rule, section) pair cost two string copies per rule and section.
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> failed;
  for (const auto& d : findings)
    if (!d.accepted_reason) failed[d.section].insert(d.code);

  const GradingThresholds& thresholds = rules.Grading();
  const Grade error_cap = ErrorCap(thresholds);
  PlanGrade plan;
  double total_weight = 0, met_weight = 0;
  std::set<std::string> failed_error_rules;
  for (const auto& name : ReportSections()) {
    SectionGrade section;
    section.section = name;
    double weight = 0, met = 0;
    int failed_errors = 0;
    auto failed_here = failed.find(name);
    const uint32_t bit = SectionBit(name);
    for (const auto& rule : rules.Rules()) {
      const RuleSpec& spec = rule->Spec();
      if (!spec.AppliesTo(status)) continue;
      bool in_section = spec.scope.sections.empty()       ? name == "meta"
                        : spec.scope.compiled && bit != 0 ? (spec.scope.section_mask & bit) != 0
                                                          : spec.scope.HasSection(name);
      if (!in_section) continue;
      ++section.criteria;
      weight += spec.Weight();
      if (failed_here != failed.end() && failed_here->second.count(spec.id)) {
        section.unmet.push_back(spec.id);
        if (spec.SeverityIn(name) == Severity::kError) {
          ++failed_errors;
          failed_error_rules.insert(spec.id);
        }
      } else {
        ++section.met;
        met += spec.Weight();
      }
    }
    if (section.criteria == 0) continue;
    section.score = met / weight;
    section.grade = FromScore(section.score, thresholds);
    if (failed_errors > 0) section.grade = Cap(section.grade, error_cap);
    total_weight += weight;
    met_weight += met;
    plan.sections.push_back(std::move(section));
  }
  plan.score = total_weight > 0 ? met_weight / total_weight : 1;
  plan.overall = FromScore(plan.score, thresholds);
  if (!failed_error_rules.empty()) plan.overall = Cap(plan.overall, error_cap);
  if (failed_error_rules.size() >= static_cast<size_t>(thresholds.inadequate_error_rules))
    plan.overall = Grade::kInadequate;
  return plan;
}

}  // namespace ehcp
