// Rule kinds about provision items (F, G, H1, H2): structured fields present, and
// provision placed in the wrong section.
//
// provision-field      field=frequency|duration|role|qualification|staffing|agency|weekly-hours
//                      kinds=<provision kinds it applies to>  (default: all)
//                      when=<word list: also applies when the description matches it>
// misplaced-provision  kinds=<provision kinds that educate or train>  (sections from scope)
//                      list=<word list of educating or training therapies>  (optional)

#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

const std::vector<SectionId> kProvisionSections{SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2};

std::set<ProvisionKind> ParseKinds(const RuleSpec& spec, const RuleBuildContext& context) {
  std::set<ProvisionKind> kinds;
  for (const auto& token : SplitWords(spec.Param("kinds"))) {
    if (auto kind = ParseToken<ProvisionKind>(token)) kinds.insert(*kind);
    else context.Error(spec, "unknown provision kind \"" + token + "\"");
  }
  return kinds;
}

bool Missing(const std::string& field, const ProvisionItem& item) {
  if (field == "frequency") return !item.frequency;
  if (field == "duration") return !item.duration_minutes;
  if (field == "role") return item.deliverer_role.empty();
  if (field == "qualification") return item.deliverer_qualification.empty();
  if (field == "staffing") return !item.staffing.ratio && !item.staffing.group_size;
  if (field == "agency") return !item.agency;
  if (field == "weekly-hours") return !item.MinutesPerWeek();
  return false;
}

class ProvisionFieldRule : public Rule {
 public:
  ProvisionFieldRule(const RuleSpec& spec, std::string field, std::set<ProvisionKind> kinds, const TermMatcher* when)
      : Rule(spec), field_(std::move(field)), kinds_(std::move(kinds)), when_(when) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    for (SectionId s : kProvisionSections) {
      std::string section = SectionName(s);
      if (!spec_.scope.HasSection(section)) continue;
      for (const auto& item : input.plan.Provision(s).items) {
        if (!Applies(item) || !Missing(field_, item)) continue;
        Report(sink, section, item.id, item.location);
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
};

class MisplacedProvisionRule : public Rule {
 public:
  MisplacedProvisionRule(const RuleSpec& spec, std::set<ProvisionKind> kinds, const TermMatcher* list)
      : Rule(spec), kinds_(std::move(kinds)), list_(list) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    for (SectionId s : kProvisionSections) {
      std::string section = SectionName(s);
      if (!spec_.scope.HasSection(section)) continue;
      for (const auto& item : input.plan.Provision(s).items) {
        if (item.kind && kinds_.count(*item.kind)) {
          Report(sink, section, item.id, item.location, {{"match", std::string(Label(*item.kind))}});
          continue;
        }
        if (!list_) continue;
        auto matches = list_->FindAll(item.description.value);
        if (!matches.empty())
          Report(sink, section, item.id,
                 LocationInText(item.description.location, item.description.value, matches[0].begin),
                 {{"match", matches[0].text}});
      }
    }
  }

 private:
  std::set<ProvisionKind> kinds_;
  const TermMatcher* list_;
};

}  // namespace

std::unique_ptr<Rule> MakeProvisionFieldRule(const RuleSpec& spec, const RuleBuildContext& context) {
  static const std::set<std::string> kFields{"frequency", "duration", "role", "qualification",
                                             "staffing", "agency", "weekly-hours"};
  std::string field = context.Required(spec, "field");
  if (!kFields.count(field)) {
    context.Error(spec, "unknown provision field \"" + field + "\"");
    return nullptr;
  }
  return std::make_unique<ProvisionFieldRule>(spec, field, ParseKinds(spec, context), context.List(spec, "when", false));
}

std::unique_ptr<Rule> MakeMisplacedProvisionRule(const RuleSpec& spec, const RuleBuildContext& context) {
  return std::make_unique<MisplacedProvisionRule>(spec, ParseKinds(spec, context), context.List(spec, "list", false));
}

}  // namespace ehcp
