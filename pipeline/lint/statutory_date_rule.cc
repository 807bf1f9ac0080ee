// Statutory time limits (domain §1.3, rules 40–45), from the dates recorded in the plan.
//
// statutory-date  check=final-within   weeks=20   (final plan within 20 weeks of the request, reg 13(2))
//                 check=decision-within weeks=6   (decision to assess, CoP 9.17)
//                 check=after-draft     days=15   (final no sooner than 15 days after the draft, or
//                                                  amended plan after the proposed amendments)
//                 check=amended-within  weeks=8   (reg 22(3))
//                 check=review-within   months=12 underFiveMonths=6 (CFA s.44; CoP 9.178)
//                 check=phase-transfer  school=02-15 post16=03-31

#include <cstdio>
#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

std::string Days(int64_t days) {
  int64_t weeks = days / 7, rest = days % 7;
  std::string out = std::to_string(weeks) + (weeks == 1 ? " week" : " weeks");
  if (rest) out += " and " + std::to_string(rest) + (rest == 1 ? " day" : " days");
  return out;
}

int64_t Between(const Date& from, const Date& to) { return to.DaysSinceEpoch() - from.DaysSinceEpoch(); }

class StatutoryDateRule : public Rule {
 public:
  StatutoryDateRule(const RuleSpec& spec, std::string check, int amount, int under_five, std::pair<int, int> school,
                    std::pair<int, int> post16)
      : Rule(spec), check_(std::move(check)), amount_(amount), under_five_(under_five), school_(school), post16_(post16) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const Plan& plan = input.plan;
    const PlanDates& d = plan.meta.dates;
    const SourceLocation& at = plan.location;
    auto report = [&](const std::string& detail) { Report(sink, "meta", "", at, {{"detail", detail}}); };

    if (check_ == "final-within") {
      if (plan.meta.status != PlanStatus::kFinal || !d.request_received || !d.final_issued) return;
      if (plan.meta.timescale_exception) return;  // reg 13(3): an exception applies
      int64_t days = Between(*d.request_received, *d.final_issued);
      if (days > amount_ * 7)
        report("issued " + d.final_issued->ToLongEnglish() + ", " + Days(days) + " after the request on " +
               d.request_received->ToLongEnglish());
    } else if (check_ == "decision-within") {
      if (!d.request_received || !d.decision_to_assess) return;
      int64_t days = Between(*d.request_received, *d.decision_to_assess);
      if (days > amount_ * 7)
        report("decided " + d.decision_to_assess->ToLongEnglish() + ", " + Days(days) + " after the request");
    } else if (check_ == "after-draft") {
      const auto& sent = plan.meta.status == PlanStatus::kAmended ? d.proposed_amendments_issued : d.draft_issued;
      const auto& issued = plan.meta.status == PlanStatus::kAmended ? d.amended_issued : d.final_issued;
      if (plan.meta.status == PlanStatus::kDraft || !sent || !issued) return;
      int64_t days = Between(*sent, *issued);
      if (days < amount_)
        report("issued " + issued->ToLongEnglish() + ", only " + std::to_string(days) + " days after " +
               (plan.meta.status == PlanStatus::kAmended ? "the proposed amendments" : "the draft") + " of " +
               sent->ToLongEnglish());
    } else if (check_ == "amended-within") {
      if (plan.meta.status != PlanStatus::kAmended || !d.proposed_amendments_issued || !d.amended_issued) return;
      int64_t days = Between(*d.proposed_amendments_issued, *d.amended_issued);
      if (days > amount_ * 7)
        report("issued " + d.amended_issued->ToLongEnglish() + ", " + Days(days) + " after the proposed amendments");
    } else if (check_ == "review-within") {
      std::optional<Date> base = d.last_review ? d.last_review : d.amended_issued ? d.amended_issued : d.final_issued;
      if (!base || !d.next_review || plan.meta.status == PlanStatus::kDraft) return;
      bool under_five = AgeInYears(plan.child.date_of_birth, *base) < 5;
      int months = under_five ? under_five_ : amount_;
      Date limit = base->AddMonths(months);
      if (*d.next_review > limit)
        report("next review " + d.next_review->ToLongEnglish() + " is later than " + limit.ToLongEnglish() + ", " +
               std::to_string(months) + " months after " + base->ToLongEnglish() +
               (under_five ? " (the child is under 5)" : ""));
    } else if (check_ == "phase-transfer") {
      if (!plan.meta.phase_transfer || plan.meta.status == PlanStatus::kDraft) return;
      const PhaseTransfer& t = *plan.meta.phase_transfer;
      auto [month, day] = t.to == PhaseTransferKind::kPost16 ? post16_ : school_;
      // The deadline falls in the calendar year of the September transfer.
      Date deadline{t.transfer_date.year, month, day};
      const auto& issued = d.amended_issued ? d.amended_issued : d.final_issued;
      if (issued && *issued > deadline)
        report("issued " + issued->ToLongEnglish() + ", after the " + deadline.ToLongEnglish() + " deadline for a transfer on " +
               t.transfer_date.ToLongEnglish());
    }
  }

 private:
  std::string check_;
  int amount_, under_five_;
  std::pair<int, int> school_, post16_;
};

std::pair<int, int> MonthDay(const RuleSpec& spec, const RuleBuildContext& context, const std::string& param,
                             std::pair<int, int> fallback) {
  std::string value = spec.Param(param);
  if (value.empty()) return fallback;
  int m = 0, d = 0;
  if (std::sscanf(value.c_str(), "%d-%d", &m, &d) != 2 || !IsValidDate(2000, m, d)) {
    context.Error(spec, "parameter \"" + param + "\" must be MM-DD, not \"" + value + "\"");
    return fallback;
  }
  return {m, d};
}

}  // namespace

std::unique_ptr<Rule> MakeStatutoryDateRule(const RuleSpec& spec, const RuleBuildContext& context) {
  std::string check = context.Required(spec, "check");
  int amount = 0;
  if (check == "final-within") amount = context.Int(spec, "weeks", 20);
  else if (check == "decision-within") amount = context.Int(spec, "weeks", 6);
  else if (check == "after-draft") amount = context.Int(spec, "days", 15);
  else if (check == "amended-within") amount = context.Int(spec, "weeks", 8);
  else if (check == "review-within") amount = context.Int(spec, "months", 12);
  else if (check != "phase-transfer") {
    context.Error(spec, "unknown check \"" + check + "\"");
    return nullptr;
  }
  return std::make_unique<StatutoryDateRule>(spec, check, amount, context.Int(spec, "underFiveMonths", 6),
                                             MonthDay(spec, context, "school", {2, 15}),
                                             MonthDay(spec, context, "post16", {3, 31}));
}

}  // namespace ehcp
