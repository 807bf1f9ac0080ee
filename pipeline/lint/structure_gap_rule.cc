// Structural gaps as findings (domain rules 1 and 3; SEND Regulations 2014 reg 12): a plan
// a reviewer is handed may miss a section or a field, and the linter still reads the rest.
//
// structure  problem=section-missing | section-blank | field-missing | field-blank |
//                    value-invalid | unexpected   (reported by the plan's reader)
//                    reference-broken | duplicate-id (checked here, on the model)
//            why.<letter>  what the section is for, in a sentence ({why})
//            field.<name>  plain words for an element or attribute ({field})
//
// Message variables: {subject} ("view A3", "Section J"), {field}, {value}, {title} (the
// section's title), {why}.

#include <map>
#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

// The section an item id belongs to by the plan's numbering: "B3" -> B, "H1.2" -> H1.
std::string SectionOfId(const std::string& id) {
  if (id.size() >= 2 && id[0] == 'H' && (id[1] == '1' || id[1] == '2') &&
      (id.size() == 2 || id[2] == '.'))
    return id.substr(0, 2);
  if (!id.empty() && id[0] >= 'A' && id[0] <= 'K') return id.substr(0, 1);
  return {};
}

std::string SectionTitle(const std::string& letter) {
  if (auto id = ParseToken<SectionId>(letter)) return std::string(Label(*id));
  return {};
}

class StructureGapRule : public Rule {
 public:
  StructureGapRule(const RuleSpec& spec, std::string problem)
      : Rule(spec), problem_(std::move(problem)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    if (problem_ == "reference-broken") return CheckReferences(input, sink);
    if (problem_ == "duplicate-id") return CheckDuplicates(input, sink);
    for (const StructureProblem& p : input.structure) {
      if (StructureProblemName(p.kind) != problem_) continue;
      FindingSink::Vars vars{{"subject", p.subject},
                             {"field", FieldWords(p.field)},
                             {"value", p.value},
                             {"title", SectionTitle(p.section)},
                             {"why", spec_.Param("why." + p.section)},
                             {"raw", p.detail}};
      Report(sink, p.section, p.item_id, p.location, vars);
    }
  }

 private:
  std::string FieldWords(const std::string& field) const {
    return spec_.Param("field." + field, field);
  }

  void CheckReferences(const LintInput& input, FindingSink& sink) const {
    const Plan& plan = input.plan;
    std::set<std::pair<std::string, std::string>> reported;
    auto check = [&](const std::string& section, const std::string& holder, const std::string& noun,
                     const std::string& ref, const SourceLocation& location, bool found) {
      if (found || ref.empty()) return;
      // A reference into a section that is missing or blank is part of that one finding.
      if (input.SectionAbsent(SectionOfId(ref))) return;
      if (!reported.insert({holder, ref}).second) return;
      Report(sink, section, holder, location,
             {{"subject", noun + " " + holder}, {"value", ref}, {"field", ""}, {"quote", ""}});
    };
    auto sources = [&](const std::string& section, const std::string& holder,
                       const std::string& noun, const std::vector<SourceRef>& refs) {
      for (const auto& s : refs)
        check(section, holder, noun, s.advice_id, s.location, plan.FindAdvice(s.advice_id));
    };
    for (const auto& entry : plan.a.entries) sources("A", entry.id, "view", entry.sources);
    for (SectionId s : {SectionId::kB, SectionId::kC, SectionId::kD})
      for (const auto& need : plan.Needs(s).needs)
        sources(SectionName(s), need.id, "need", need.sources);
    for (const auto& outcome : plan.e.outcomes) {
      for (const auto& r : outcome.needs)
        check("E", outcome.id, "outcome", r.id, r.location, plan.FindNeed(r.id));
      sources("E", outcome.id, "outcome", outcome.sources);
    }
    for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2})
      for (const auto& item : plan.Provision(s).items) {
        std::string section = SectionName(s);
        for (const auto& r : item.needs)
          check(section, item.id, "provision", r.id, r.location, plan.FindNeed(r.id));
        for (const auto& r : item.outcomes)
          check(section, item.id, "provision", r.id, r.location, plan.FindOutcome(r.id));
        sources(section, item.id, "provision", item.sources);
      }
    if (const auto& budget = plan.j.budget) {
      for (const auto& r : budget->needs)
        check("J", "", "the personal budget", r.id, r.location, plan.FindNeed(r.id));
      for (const auto& r : budget->outcomes)
        check("J", "", "the personal budget", r.id, r.location, plan.FindOutcome(r.id));
      for (const auto& r : budget->provision)
        check("J", "", "the personal budget", r.id, r.location, plan.FindProvision(r.id));
    }
  }

  void CheckDuplicates(const LintInput& input, FindingSink& sink) const {
    const Plan& plan = input.plan;
    std::set<std::string> seen;
    auto check = [&](const std::string& section, const std::string& id,
                     const SourceLocation& location) {
      if (id.empty() || seen.insert(id).second) return;
      Report(sink, section, id, location, {{"subject", id}, {"value", id}, {"field", ""}});
    };
    for (const auto& entry : plan.a.entries) check("A", entry.id, entry.location);
    for (SectionId s : {SectionId::kB, SectionId::kC, SectionId::kD})
      for (const auto& need : plan.Needs(s).needs) check(SectionName(s), need.id, need.location);
    for (const auto& outcome : plan.e.outcomes) check("E", outcome.id, outcome.location);
    for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2})
      for (const auto& item : plan.Provision(s).items)
        check(SectionName(s), item.id, item.location);
    for (const auto& advice : plan.k.advice) check("K", advice.id, advice.location);
  }

  std::string problem_;
};

}  // namespace

std::unique_ptr<Rule> MakeStructureGapRule(const RuleSpec& spec, const RuleBuildContext& context) {
  static const std::set<std::string> kProblems{"section-missing",  "section-blank", "field-missing",
                                               "field-blank",      "value-invalid", "unexpected",
                                               "reference-broken", "duplicate-id"};
  std::string problem = context.Required(spec, "problem");
  if (!problem.empty() && !kProblems.count(problem)) {
    context.Error(spec, "unknown structure problem \"" + problem + "\"");
    return nullptr;
  }
  return std::make_unique<StructureGapRule>(spec, problem);
}

}  // namespace ehcp
