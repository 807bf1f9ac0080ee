// Rule kinds about outcomes (E) and Preparing for Adulthood.
//
// outcome-timebound        list=<deadline phrases>: an outcome with no timeframe must say by when
// preparing-for-adulthood  check=present|domains  fromYear=<national curriculum year, default 9>
// item-count               items=outcomes  min=<n>  max=<n>

#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

class OutcomeTimeboundRule : public Rule {
 public:
  OutcomeTimeboundRule(const RuleSpec& spec, const TermMatcher* deadlines)
      : Rule(spec), deadlines_(deadlines) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    for (const auto& outcome : input.plan.e.outcomes) {
      if (!outcome.timeframe.Empty() || deadlines_->Matches(outcome.text.value)) continue;
      Report(sink, "E", outcome.id,
             outcome.text.location.Known() ? outcome.text.location : outcome.location);
    }
  }

 private:
  const TermMatcher* deadlines_;
};

class PreparingForAdulthoodRule : public Rule {
 public:
  PreparingForAdulthoodRule(const RuleSpec& spec, bool domains, int from_year)
      : Rule(spec), domains_(domains), from_year_(from_year) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    if (!input.year_group || *input.year_group < from_year_) return;
    const Plan& plan = input.plan;
    std::set<std::string> pfa_outcomes;
    std::set<PfaDomain> covered;
    for (const auto& outcome : plan.e.outcomes) {
      if (!outcome.pfa) continue;
      pfa_outcomes.insert(outcome.id);
      covered.insert(*outcome.pfa);
    }
    std::string year = "Year " + std::to_string(*input.year_group);
    if (!domains_) {
      bool provision = false;
      for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2}) {
        for (const auto& item : plan.Provision(s).items) {
          if (item.kind == ProvisionKind::kPreparingForAdulthood) provision = true;
          for (const auto& ref : item.outcomes) provision = provision || pfa_outcomes.count(ref.id);
        }
      }
      std::string missing;
      if (pfa_outcomes.empty()) missing = "outcomes";
      if (!provision) missing += missing.empty() ? "provision" : " or provision";
      if (!missing.empty())
        Report(sink, "E", "", plan.e.location, {{"detail", missing}, {"year", year}});
      return;
    }
    if (pfa_outcomes.empty()) return;  // reported by the "present" check
    std::string missing;
    for (const auto& entry : EnumTable<PfaDomain>()) {
      if (!covered.count(entry.value))
        missing += (missing.empty() ? "" : ", ") + std::string(entry.label);
    }
    if (!missing.empty())
      Report(sink, "E", "", plan.e.location, {{"detail", missing}, {"year", year}});
  }

 private:
  bool domains_;
  int from_year_;
};

class ItemCountRule : public Rule {
 public:
  ItemCountRule(const RuleSpec& spec, int min, int max) : Rule(spec), min_(min), max_(max) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    int n = static_cast<int>(input.plan.e.outcomes.size());
    if (n >= min_ && n <= max_) return;
    Report(sink, "E", "", input.plan.e.location,
           {{"detail", std::to_string(n) + " outcomes; guidance suggests " + std::to_string(min_) +
                           " to " + std::to_string(max_)}});
  }

 private:
  int min_, max_;
};

}  // namespace

std::unique_ptr<Rule> MakeOutcomeTimeboundRule(const RuleSpec& spec,
                                               const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  if (!list) return nullptr;
  return std::make_unique<OutcomeTimeboundRule>(spec, list);
}

std::unique_ptr<Rule> MakePreparingForAdulthoodRule(const RuleSpec& spec,
                                                    const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  if (check != "present" && check != "domains") {
    context.Error(spec, "check must be \"present\" or \"domains\"");
    return nullptr;
  }
  return std::make_unique<PreparingForAdulthoodRule>(spec, check == "domains",
                                                     context.Int(spec, "fromYear", 9));
}

std::unique_ptr<Rule> MakeItemCountRule(const RuleSpec& spec, const RuleBuildContext& context) {
  if (spec.Param("items", "outcomes") != "outcomes") {
    context.Error(spec, "items must be \"outcomes\"");
    return nullptr;
  }
  return std::make_unique<ItemCountRule>(spec, context.Int(spec, "min", 3),
                                         context.Int(spec, "max", 10));
}

}  // namespace ehcp
