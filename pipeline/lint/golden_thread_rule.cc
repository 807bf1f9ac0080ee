// The golden thread as graph checks (domain §3): advice (K) evidences needs (B, C, D),
// needs are met by provision (F, G, H1, H2), provision works towards outcomes (E).
//
// golden-thread  check=need-has-provision  needs=<sections> provision=<sections>
//                check=provision-has-need | provision-has-outcome   (sections from scope)
//                check=outcome-has-need | outcome-has-provision | need-has-outcome
//                check=cites-advice        (needs and provision in the scope's sections)
//                check=aspirations         (Section A records the child's aspirations)

#include <algorithm>
#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

const std::vector<SectionId> kNeedSections{SectionId::kB, SectionId::kC, SectionId::kD};
const std::vector<SectionId> kProvisionSections{SectionId::kF, SectionId::kG, SectionId::kH1,
                                                SectionId::kH2};

std::vector<SectionId> ParseSections(const std::vector<std::string>& names,
                                     const std::vector<SectionId>& allowed) {
  std::vector<SectionId> out;
  for (SectionId id : allowed) {
    if (names.empty() || std::find(names.begin(), names.end(), SectionName(id)) != names.end())
      out.push_back(id);
  }
  return out;
}

class GoldenThreadRule : public Rule {
 public:
  GoldenThreadRule(const RuleSpec& spec, std::string check, std::vector<SectionId> needs,
                   std::vector<SectionId> provision)
      : Rule(spec),
        check_(std::move(check)),
        needs_(std::move(needs)),
        provision_(std::move(provision)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const Plan& plan = input.plan;
    // A thread that runs into a missing or blank section is that section's one finding.
    auto all_absent = [&](const std::vector<SectionId>& sections) {
      for (SectionId s : sections)
        if (!input.SectionAbsent(SectionName(s))) return false;
      return !sections.empty();
    };
    bool e_absent = input.SectionAbsent("E");
    if ((check_ == "need-has-provision" && all_absent(provision_)) ||
        ((check_ == "need-has-outcome" || check_ == "provision-has-outcome") && e_absent) ||
        (check_ == "outcome-has-provision" && all_absent(kProvisionSections)) ||
        (check_ == "provision-has-need" && all_absent(kNeedSections)) ||
        (check_ == "cites-advice" && input.SectionAbsent("K")))
      return;
    if (check_ == "need-has-provision") {
      std::set<std::string> met;
      for (SectionId s : provision_)
        for (const auto& item : plan.Provision(s).items)
          for (const auto& ref : item.needs) met.insert(ref.id);
      std::string where;
      for (SectionId s : provision_) where += (where.empty() ? "" : " or ") + SectionName(s);
      for (SectionId s : needs_)
        for (const auto& need : plan.Needs(s).needs)
          if (!met.count(need.id))
            Report(sink, SectionName(s), need.id, need.location, {{"detail", where}});
    } else if (check_ == "need-has-outcome") {
      std::set<std::string> met;
      for (const auto& outcome : plan.e.outcomes)
        for (const auto& ref : outcome.needs) met.insert(ref.id);
      for (SectionId s : needs_)
        for (const auto& need : plan.Needs(s).needs)
          if (!met.count(need.id)) Report(sink, SectionName(s), need.id, need.location);
    } else if (check_ == "provision-has-need" || check_ == "provision-has-outcome") {
      bool needs = check_ == "provision-has-need";
      for (SectionId s : provision_)
        for (const auto& item : plan.Provision(s).items)
          if ((needs ? item.needs : item.outcomes).empty())
            Report(sink, SectionName(s), item.id, item.location);
    } else if (check_ == "outcome-has-need") {
      for (const auto& outcome : plan.e.outcomes)
        if (outcome.needs.empty()) Report(sink, "E", outcome.id, outcome.location);
    } else if (check_ == "outcome-has-provision") {
      std::set<std::string> served;
      for (SectionId s : kProvisionSections)
        for (const auto& item : plan.Provision(s).items)
          for (const auto& ref : item.outcomes) served.insert(ref.id);
      for (const auto& outcome : plan.e.outcomes)
        if (!served.count(outcome.id)) Report(sink, "E", outcome.id, outcome.location);
    } else if (check_ == "cites-advice") {
      for (SectionId s : needs_)
        for (const auto& need : plan.Needs(s).needs)
          if (need.sources.empty()) Report(sink, SectionName(s), need.id, need.location);
      for (SectionId s : provision_)
        for (const auto& item : plan.Provision(s).items)
          if (item.sources.empty()) Report(sink, SectionName(s), item.id, item.location);
    } else if (check_ == "aspirations") {
      for (const auto& entry : plan.a.entries)
        if (entry.kind == ViewKind::kAspirations) return;
      Report(sink, "A", "", plan.a.location);
    }
  }

 private:
  std::string check_;
  std::vector<SectionId> needs_, provision_;
};

}  // namespace

std::unique_ptr<Rule> MakeGoldenThreadRule(const RuleSpec& spec, const RuleBuildContext& context) {
  static const std::set<std::string> kChecks{
      "need-has-provision", "need-has-outcome",      "provision-has-need", "provision-has-outcome",
      "outcome-has-need",   "outcome-has-provision", "cites-advice",       "aspirations"};
  std::string check = context.Required(spec, "check");
  if (!kChecks.count(check)) {
    context.Error(spec, "unknown check \"" + check + "\"");
    return nullptr;
  }
  // needs= / provision= name the sections on each side; otherwise the scope's sections.
  auto needs = ParseSections(
      spec.params.count("needs") ? SplitWords(spec.Param("needs")) : spec.scope.sections,
      kNeedSections);
  auto provision = ParseSections(
      spec.params.count("provision") ? SplitWords(spec.Param("provision")) : spec.scope.sections,
      kProvisionSections);
  return std::make_unique<GoldenThreadRule>(spec, check, needs, provision);
}

}  // namespace ehcp
