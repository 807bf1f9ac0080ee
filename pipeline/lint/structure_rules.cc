// Rule kinds about the plan's structure and records: Section I placement, Section J
// personal budget, Section K advice, metadata, and the child's voice in Section A.
//
// placement        check=blank-in-draft | named-in-final
// personal-budget  (no parameters) a recorded budget states its needs/outcomes and amount
// advice           check=received | categories (categories=<advice categories>) |
//                  pfa (fromYear=9) | timely (weeks: quality/timescales.xml's)
// metadata         check=issue-date | review-date | sign-off
// voice            check=attribution (firstPerson=<regex>) | child-voice
//                  (observedUpToYear=<year group: a young child's views recorded by
//                  observation, on their behalf, are their voice; default 0, Reception>)

#include <algorithm>
#include <set>

#include "lint/rule_kinds.h"
#include "policy/wording.h"

namespace ehcp {
namespace {

class PlacementRule : public Rule {
 public:
  PlacementRule(const RuleSpec& spec, bool draft) : Rule(spec), draft_(draft) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    const SectionI& i = input.plan.i;
    if (draft_ && !i.placements.empty()) {
      const Placement& p = i.placements.front();
      Report(sink, "I", "", p.location, {{"match", p.name.empty() ? p.type : p.name}});
    } else if (!draft_ && i.placements.empty()) {
      Report(sink, "I", "", i.location);
    }
  }

 private:
  bool draft_;
};

class PersonalBudgetRule : public Rule {
 public:
  using Rule::Rule;
  void Check(const LintInput& input, FindingSink& sink) const override {
    const auto& budget = input.plan.j.budget;
    if (!budget) return;
    std::string missing;
    if (budget->needs.empty() && budget->outcomes.empty())
      missing = "the needs and outcomes it meets";
    if (!budget->annual_amount_pence)
      missing += (missing.empty() ? "" : " and ") + std::string("the amount");
    if (!missing.empty()) Report(sink, "J", "", budget->location, {{"detail", missing}});
  }
};

class AdviceRule : public Rule {
 public:
  AdviceRule(const RuleSpec& spec, std::string check, std::vector<AdviceCategory> categories,
             int number)
      : Rule(spec), check_(std::move(check)), categories_(std::move(categories)), number_(number) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const SectionK& k = input.plan.k;
    if (check_ == "received") {
      for (const auto& advice : k.advice)
        if (!advice.received) Report(sink, "K", advice.id, advice.location);
    } else if (check_ == "timely") {
      for (const auto& advice : k.advice) {
        if (!advice.requested || !advice.received) continue;
        int64_t days = advice.received->DaysSinceEpoch() - advice.requested->DaysSinceEpoch();
        if (days > number_)
          Report(sink, "K", advice.id, advice.location,
                 {{"detail", Counted(days, "day", "days") + " after it was requested on " +
                                 advice.requested->ToLongEnglish()}});
      }
    } else if (check_ == "categories") {
      std::string missing;
      for (AdviceCategory c : categories_) {
        bool found = std::any_of(k.advice.begin(), k.advice.end(),
                                 [&](const AdviceItem& a) { return a.category == c; });
        if (!found) missing += (missing.empty() ? "" : ", ") + std::string(Label(c));
      }
      if (!missing.empty()) Report(sink, "K", "", k.location, {{"detail", missing}});
    } else if (check_ == "pfa") {
      if (!input.year_group || *input.year_group < number_) return;
      for (const auto& a : k.advice)
        if (a.category == AdviceCategory::kPreparingForAdulthood) return;
      Report(sink, "K", "", k.location, {{"year", "Year " + std::to_string(*input.year_group)}});
    }
  }

 private:
  std::string check_;
  std::vector<AdviceCategory> categories_;
  int number_;
};

class MetadataRule : public Rule {
 public:
  MetadataRule(const RuleSpec& spec, std::string check) : Rule(spec), check_(std::move(check)) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    const PlanMeta& meta = input.plan.meta;
    const PlanDates& d = meta.dates;
    if (check_ == "review-date" && !d.next_review) {
      Report(sink, "meta", "", input.plan.location);
    } else if (check_ == "sign-off" && !meta.sign_off) {
      Report(sink, "meta", "", input.plan.location);
    } else if (check_ == "issue-date") {
      const std::optional<Date>* issued = &d.draft_issued;
      std::string which = "draftIssued";
      if (meta.status == PlanStatus::kFinal) issued = &d.final_issued, which = "finalIssued";
      if (meta.status == PlanStatus::kAmended) issued = &d.amended_issued, which = "amendedIssued";
      // An amended plan still at the proposals stage was issued as proposed amendments.
      const auto& issues = meta.history.issues;
      bool proposals_pending =
          meta.status == PlanStatus::kAmended && d.proposed_amendments_issued &&
          (issues.empty() || issues.back().kind == IssueKind::kProposedAmendments);
      if (!*issued && !proposals_pending)
        Report(sink, "meta", "", input.plan.location, {{"detail", which}});
    }
  }

 private:
  std::string check_;
};

// Whether byte `offset` of `text` falls inside a quotation ("...", “...”).
bool InsideQuotes(std::string_view text, size_t offset) {
  int open = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '"')
      open ^= 1;
    else if (text.compare(i, 3, "\u201C") == 0)
      open = 1;
    else if (text.compare(i, 3, "\u201D") == 0)
      open = 0;
  }
  return open != 0;
}

class VoiceRule : public Rule {
 public:
  VoiceRule(const RuleSpec& spec, std::string check, std::unique_ptr<TermMatcher> first_person,
            int observed_up_to_year = 0)
      : Rule(spec),
        check_(std::move(check)),
        first_person_(std::move(first_person)),
        observed_up_to_year_(observed_up_to_year) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const SectionA& a = input.plan.a;
    if (check_ == "child-voice") {
      // A child too young to give views in words gives them through what adults observe.
      bool observed_counts = input.year_group && *input.year_group <= observed_up_to_year_;
      for (const auto& entry : a.entries) {
        if (entry.attribution == Attribution::kChildOwnWords) return;
        if (observed_counts && entry.kind == ViewKind::kViews &&
            entry.attribution == Attribution::kWrittenOnBehalf)
          return;
      }
      Report(sink, "A", "", a.location);
      return;
    }
    // A first-person passage must be the child's own words, marked as such, or say whose
    // words it is; a professional writing "I ..." in the child's voice is a defect
    // (CoP 9.62 via DfE template A2).
    for (const auto& entry : a.entries) {
      // No attribution at all is the structure finding about this entry, not this one.
      if (!entry.attribution || entry.attribution == Attribution::kChildOwnWords) continue;
      bool on_behalf = entry.attribution == Attribution::kWrittenOnBehalf;
      if (!on_behalf && !entry.speaker.empty()) continue;
      for (const auto& p : entry.text) {
        auto matches = first_person_->FindAll(p.value);
        // Someone quoting the child ('he said "I hate the noise"') is not writing as them.
        std::erase_if(matches, [&](const TermMatch& m) { return InsideQuotes(p.value, m.begin); });
        if (matches.empty()) continue;
        std::string detail =
            !on_behalf ? "it names no speaker"
            : entry.speaker.empty()
                ? "it is marked as written on the child's behalf and names no speaker"
                : "it is marked as written on the child's behalf by " + entry.speaker;
        Report(sink, "A", entry.id, LocationInText(p.location, p.value, matches[0].begin),
               {{"match", matches[0].text}, {"detail", detail}});
        break;
      }
    }
  }

 private:
  std::string check_;
  std::unique_ptr<TermMatcher> first_person_;
  int observed_up_to_year_;
};

}  // namespace

std::unique_ptr<Rule> MakePlacementRule(const RuleSpec& spec, const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  if (check != "blank-in-draft" && check != "named-in-final") {
    context.Error(spec, "check must be \"blank-in-draft\" or \"named-in-final\"");
    return nullptr;
  }
  return std::make_unique<PlacementRule>(spec, check == "blank-in-draft");
}

std::unique_ptr<Rule> MakePersonalBudgetRule(const RuleSpec& spec, const RuleBuildContext&) {
  return std::make_unique<PersonalBudgetRule>(spec);
}

std::unique_ptr<Rule> MakeAdviceRule(const RuleSpec& spec, const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  std::vector<AdviceCategory> categories;
  for (const auto& token : SplitWords(spec.Param("categories"))) {
    if (auto c = ParseToken<AdviceCategory>(token))
      categories.push_back(*c);
    else
      context.Error(spec, "unknown advice category \"" + token + "\"");
  }
  if (check == "received" || check == "categories")
    return std::make_unique<AdviceRule>(spec, check, categories, 0);
  if (check == "pfa")
    return std::make_unique<AdviceRule>(spec, check, categories, context.Int(spec, "fromYear", 9));
  if (check == "timely") {
    int weeks = context.Int(spec, "weeks", 0);  // quality/timescales.xml's adviceGiven
    if (weeks < 1)
      context.Error(spec,
                    "parameter \"weeks\" must be at least 1; it comes from "
                    "quality/timescales.xml unless the rule or a profile sets it");
    return std::make_unique<AdviceRule>(spec, check, categories, 7 * weeks);
  }
  context.Error(spec, "unknown check \"" + check + "\"");
  return nullptr;
}

std::unique_ptr<Rule> MakeMetadataRule(const RuleSpec& spec, const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  if (check != "issue-date" && check != "review-date" && check != "sign-off") {
    context.Error(spec, "unknown check \"" + check + "\"");
    return nullptr;
  }
  return std::make_unique<MetadataRule>(spec, check);
}

std::unique_ptr<Rule> MakeVoiceRule(const RuleSpec& spec, const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  if (check == "child-voice")
    return std::make_unique<VoiceRule>(spec, check, nullptr,
                                       context.Int(spec, "observedUpToYear", 0));
  if (check != "attribution") {
    context.Error(spec, "unknown check \"" + check + "\"");
    return nullptr;
  }
  // Case-sensitive so that "I" is the pronoun, not a section letter in lower-case text.
  auto first_person =
      TermMatcher::CompilePattern(spec.Param("firstPerson", "I|I'm|I've|I'd|I'll|my|me|mine"), true,
                                  context.Diagnostics(), spec.location);
  if (!first_person) return nullptr;
  return std::make_unique<VoiceRule>(spec, check, std::move(first_person));
}

}  // namespace ehcp
