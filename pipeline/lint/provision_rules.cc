// Rule kinds about provision items (F, G, H1, H2): structured fields present, and
// provision placed in the wrong section.
//
// provision-field      field=frequency|duration|role|qualification|staffing|agency|weekly-hours
//                      kinds=<provision kinds it applies to>  (default: all)
//                      when=<word list: also applies when the description matches it>
//                      statedIn=<word list: the description states the field in words,
//                        "three times a week", "a group of four": not missing>
//                      skipWhenMissing=<fields: one finding per problem, so no finding
//                        about the qualification when nobody is named at all>
//                      example.<kind> / example: {example} in the hint, fitting the item
// misplaced-provision  kinds=<provision kinds that educate or train>  (sections from scope)
//                      list=<word list of educating or training therapies>  (optional)
//                      unless=<word list: the words show health care, e.g. swallowing>

#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

const std::vector<SectionId> kProvisionSections{SectionId::kF, SectionId::kG, SectionId::kH1,
                                                SectionId::kH2};

std::set<ProvisionKind> ParseKinds(const RuleSpec& spec, const RuleBuildContext& context) {
  std::set<ProvisionKind> kinds;
  for (const auto& token : SplitWords(spec.Param("kinds"))) {
    if (auto kind = ParseToken<ProvisionKind>(token))
      kinds.insert(*kind);
    else
      context.Error(spec, "unknown provision kind \"" + token + "\"");
  }
  return kinds;
}

}  // namespace

bool ProvisionFieldMissing(const std::string& field, const ProvisionItem& item) {
  if (field == "frequency") return !item.frequency;
  if (field == "duration") return !item.duration_minutes;
  if (field == "role") return item.deliverer_role.empty();
  if (field == "qualification") return item.deliverer_qualification.empty();
  if (field == "staffing") return !item.staffing.ratio && !item.staffing.group_size;
  if (field == "agency") return !item.agency;
  if (field == "weekly-hours") return !item.MinutesPerWeek();
  return false;
}

namespace {

bool Missing(const std::string& field, const ProvisionItem& item) {
  return ProvisionFieldMissing(field, item);
}

class ProvisionFieldRule : public Rule {
 public:
  ProvisionFieldRule(const RuleSpec& spec, std::string field, std::set<ProvisionKind> kinds,
                     const TermMatcher* when, const TermMatcher* stated_in,
                     std::vector<std::string> skip_when_missing)
      : Rule(spec),
        field_(std::move(field)),
        kinds_(std::move(kinds)),
        when_(when),
        stated_in_(stated_in),
        skip_when_missing_(std::move(skip_when_missing)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    for (SectionId s : kProvisionSections) {
      std::string section = SectionName(s);
      if (!spec_.scope.HasSection(section)) continue;
      for (const auto& item : input.plan.Provision(s).items) {
        if (!Applies(item) || !Missing(field_, item)) continue;
        if (stated_in_ && stated_in_->Matches(item.description.value)) continue;
        bool other_reported = false;
        for (const auto& other : skip_when_missing_)
          other_reported = other_reported || Missing(other, item);
        if (other_reported) continue;
        std::string example =
            item.kind ? spec_.Param("example." + std::string(Token(*item.kind))) : std::string();
        if (example.empty()) example = spec_.Param("example");
        Report(sink, section, item.id, item.location, {{"example", example}});
      }
    }
  }

 private:
  bool Applies(const ProvisionItem& item) const {
    if (kinds_.empty() && !when_) return true;
    if (item.kind && kinds_.count(*item.kind)) return true;
    return when_ && when_->Matches(item.description.value);
  }
  std::string field_;
  std::set<ProvisionKind> kinds_;
  const TermMatcher* when_;
  const TermMatcher* stated_in_;
  std::vector<std::string> skip_when_missing_;
};

class MisplacedProvisionRule : public Rule {
 public:
  MisplacedProvisionRule(const RuleSpec& spec, std::set<ProvisionKind> kinds,
                         const TermMatcher* list, const TermMatcher* unless)
      : Rule(spec), kinds_(std::move(kinds)), list_(list), unless_(unless) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    for (SectionId s : kProvisionSections) {
      std::string section = SectionName(s);
      if (!spec_.scope.HasSection(section)) continue;
      for (const auto& item : input.plan.Provision(s).items) {
        if (unless_ && unless_->Matches(item.description.value)) continue;
        if (item.kind && kinds_.count(*item.kind)) {
          Report(sink, section, item.id, item.location,
                 {{"match", std::string(Label(*item.kind))}});
          continue;
        }
        if (!list_) continue;
        auto matches = list_->FindAll(item.description.value);
        if (!matches.empty())
          Report(
              sink, section, item.id,
              LocationInText(item.description.location, item.description.value, matches[0].begin),
              {{"match", matches[0].text}});
      }
    }
  }

 private:
  std::set<ProvisionKind> kinds_;
  const TermMatcher* list_;
  const TermMatcher* unless_;
};

}  // namespace

std::unique_ptr<Rule> MakeProvisionFieldRule(const RuleSpec& spec,
                                             const RuleBuildContext& context) {
  static const std::set<std::string> kFields{
      "frequency", "duration", "role", "qualification", "staffing", "agency", "weekly-hours"};
  std::string field = context.Required(spec, "field");
  if (!kFields.count(field)) {
    context.Error(spec, "unknown provision field \"" + field + "\"");
    return nullptr;
  }
  std::vector<std::string> skip = SplitWords(spec.Param("skipWhenMissing"));
  for (const auto& other : skip)
    if (!kFields.count(other))
      context.Error(spec, "unknown provision field \"" + other + "\" in skipWhenMissing");
  return std::make_unique<ProvisionFieldRule>(
      spec, field, ParseKinds(spec, context), context.List(spec, "when", false),
      context.List(spec, "statedIn", false), std::move(skip));
}

std::unique_ptr<Rule> MakeMisplacedProvisionRule(const RuleSpec& spec,
                                                 const RuleBuildContext& context) {
  return std::make_unique<MisplacedProvisionRule>(spec, ParseKinds(spec, context),
                                                  context.List(spec, "list", false),
                                                  context.List(spec, "unless", false));
}

}  // namespace ehcp
