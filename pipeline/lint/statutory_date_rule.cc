// Statutory time limits (domain §1.3, rules 40–45), from the dates recorded in the plan.
// The numbers are quality/timescales.xml's (the rule set fills each missing parameter from
// it); a rule or a council's profile may still set its own.
//
// statutory-date  check=final-within   weeks=20   (final plan within 20 weeks of the request, reg
// 13(2))
//                 check=decision-within weeks=6   (decision to assess, CoP 9.17)
//                 check=after-draft     days=15   (final no sooner than 15 days after the draft, or
//                                                  amended plan after the proposed amendments)
//                 check=amended-within  weeks=8   (reg 22(3))
//                 check=review-within   months=12 underFiveMonths=6 (CFA s.44; CoP 9.178)
//                 check=review-decision-within weeks=4 (reg 20(10): decision after a review
//                 meeting) check=phase-transfer  school=02-15 post16=03-31
//
// Every issue in the plan's history counts (<history>, with the current <dates>): the first
// final, each final after its draft, each amended final after its proposals, each review.

#include <algorithm>
#include <cstdio>
#include <set>

#include "lint/plan_timeline.h"
#include "lint/rule_kinds.h"
#include "policy/wording.h"

namespace ehcp {
namespace {

std::string Days(int64_t days) {
  int64_t weeks = days / 7, rest = days % 7;
  std::string out = std::to_string(weeks) + (weeks == 1 ? " week" : " weeks");
  if (rest) out += " and " + std::to_string(rest) + (rest == 1 ? " day" : " days");
  return out;
}

int64_t Between(const Date& from, const Date& to) {
  return to.DaysSinceEpoch() - from.DaysSinceEpoch();
}

using Sent = IssuedVersion;

// The latest entry of `kind` before position `before` in the timeline, if any.
const Sent* LastBefore(const std::vector<Sent>& timeline, size_t before, IssueKind kind) {
  for (size_t i = before; i-- > 0;)
    if (timeline[i].kind == kind) return &timeline[i];
  return nullptr;
}

class StatutoryDateRule : public Rule {
 public:
  StatutoryDateRule(const RuleSpec& spec, std::string check, int amount, int under_five,
                    std::pair<int, int> school, std::pair<int, int> post16,
                    std::optional<StatutoryTimescales> timescales)
      : Rule(spec),
        check_(std::move(check)),
        amount_(amount),
        under_five_(under_five),
        school_(school),
        post16_(post16),
        timescales_(std::move(timescales)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const Plan& plan = input.plan;
    const PlanDates& d = plan.meta.dates;
    auto report = [&](const std::string& detail, const SourceLocation& at) {
      Report(sink, "meta", "", at, {{"detail", detail}});
    };
    std::vector<Sent> timeline = IssueTimeline(plan);

    if (check_ == "final-within") {
      // The first final plan, however many amended plans followed it.
      if (!d.request_received || plan.meta.timescale_exception)
        return;  // reg 13(3): an exception applies
      for (const Sent& s : timeline) {
        if (s.kind != IssueKind::kFinal) continue;
        int64_t days = Between(*d.request_received, s.issued);
        if (days > amount_ * 7)
          report("issued " + s.issued.ToLongEnglish() + ", " + Days(days) +
                     " after the request on " + d.request_received->ToLongEnglish(),
                 s.location);
        break;
      }
    } else if (check_ == "decision-within") {
      if (!d.request_received || !d.decision_to_assess) return;
      int64_t days = Between(*d.request_received, *d.decision_to_assess);
      if (days > amount_ * 7)
        report("decided " + d.decision_to_assess->ToLongEnglish() + ", " + Days(days) +
                   " after the request",
               plan.location);
    } else if (check_ == "after-draft") {
      // Each final at least 15 days after its draft, each amended final after its
      // proposals, unless the family's response came back sooner.
      for (size_t i = 0; i < timeline.size(); ++i) {
        const Sent& s = timeline[i];
        bool amended = s.kind == IssueKind::kAmendedFinal;
        if (s.kind != IssueKind::kFinal && !amended) continue;
        const Sent* sent =
            LastBefore(timeline, i, amended ? IssueKind::kProposedAmendments : IssueKind::kDraft);
        if (sent == nullptr) continue;
        int64_t days = Between(sent->issued, s.issued);
        if (days >= amount_) continue;
        if (sent->response_received && *sent->response_received <= s.issued) continue;
        report("issued " + s.issued.ToLongEnglish() + ", only " + Counted(days, "day", "days") +
                   " after " + (amended ? "the proposed amendments" : "the draft") + " of " +
                   sent->issued.ToLongEnglish(),
               s.location);
      }
    } else if (check_ == "amended-within") {
      for (size_t i = 0; i < timeline.size(); ++i) {
        const Sent& s = timeline[i];
        if (s.kind != IssueKind::kAmendedFinal) continue;
        const Sent* proposed = LastBefore(timeline, i, IssueKind::kProposedAmendments);
        if (proposed == nullptr) continue;
        int64_t days = Between(proposed->issued, s.issued);
        if (days > amount_ * 7)
          report("issued " + s.issued.ToLongEnglish() + ", " + Days(days) +
                     " after the proposed amendments of " + proposed->issued.ToLongEnglish(),
                 s.location);
      }
    } else if (check_ == "review-decision-within") {
      for (const auto& review : plan.meta.history.reviews) {
        if (!review.decision_notified) continue;
        int64_t days = Between(review.meeting, *review.decision_notified);
        if (days > amount_ * 7)
          report("notified " + review.decision_notified->ToLongEnglish() + ", " + Days(days) +
                     " after the review meeting of " + review.meeting.ToLongEnglish(),
                 review.location);
      }
    } else if (check_ == "review-within") {
      if (plan.meta.status == PlanStatus::kDraft) {
        // A draft's review date counts from when its final is due: the later of the
        // request + 20 weeks and the draft + 15 days (the assembler plans it the same way,
        // with the same timescales).
        if (!d.draft_issued || !d.next_review || !timescales_) return;
        Date due = timescales_->CommentsDue(*d.draft_issued);
        if (d.request_received)
          due = timescales_->PlannedFinalIssue(*d.request_received, *d.draft_issued);
        bool under_five =
            plan.child.date_of_birth.year > 0 && AgeInYears(plan.child.date_of_birth, due) < 5;
        int months = under_five ? under_five_ : amount_;
        Date limit = due.AddMonths(months);
        if (*d.next_review > limit)
          report("next review " + d.next_review->ToLongEnglish() + " is later than " +
                     limit.ToLongEnglish() + ", " + Counted(months, "month", "months") +
                     " after the final plan is due on " + due.ToLongEnglish() +
                     (under_five ? " (the child is under 5)" : ""),
                 plan.location);
        return;
      }
      // Each review within 12 months (6 under age 5) of the first final plan or of the
      // review before it, and the next review within the same of the last one.
      auto check_gap = [&](const Date& base, const Date& next, const std::string& what,
                           const SourceLocation& at) {
        bool under_five =
            plan.child.date_of_birth.year > 0 && AgeInYears(plan.child.date_of_birth, base) < 5;
        int months = under_five ? under_five_ : amount_;
        Date limit = base.AddMonths(months);
        if (next > limit)
          report(what + " " + next.ToLongEnglish() + " is later than " + limit.ToLongEnglish() +
                     ", " + Counted(months, "month", "months") + " after " + base.ToLongEnglish() +
                     (under_five ? " (the child is under 5)" : ""),
                 at);
      };
      std::optional<Date> base;
      for (const Sent& s : timeline)
        if (s.kind == IssueKind::kFinal) {
          base = s.issued;
          break;
        }
      for (const auto& review : plan.meta.history.reviews) {
        if (base && review.meeting > *base)
          check_gap(*base, review.meeting, "review meeting of", review.location);
        if (!base || review.meeting > *base) base = review.meeting;
      }
      std::optional<Date> last = d.last_review      ? d.last_review
                                 : d.amended_issued ? d.amended_issued
                                                    : d.final_issued;
      if (base && (!last || *base > *last)) last = base;
      if (last && d.next_review) check_gap(*last, *d.next_review, "next review", plan.location);
    } else if (check_ == "phase-transfer") {
      if (!plan.meta.phase_transfer || plan.meta.status == PlanStatus::kDraft) return;
      const PhaseTransfer& t = *plan.meta.phase_transfer;
      auto [month, day] = t.to == PhaseTransferKind::kPost16 ? post16_ : school_;
      // The deadline falls in the calendar year of the September transfer.
      Date deadline{t.transfer_date.year, month, day};
      const auto& issued = d.amended_issued ? d.amended_issued : d.final_issued;
      if (issued && *issued > deadline)
        report("issued " + issued->ToLongEnglish() + ", after the " + deadline.ToLongEnglish() +
                   " deadline for a transfer on " + t.transfer_date.ToLongEnglish(),
               plan.location);
    }
  }

 private:
  std::string check_;
  int amount_, under_five_;
  std::pair<int, int> school_, post16_;
  std::optional<StatutoryTimescales> timescales_;  // for a draft's planned final date
};

std::pair<int, int> MonthDayParam(const RuleSpec& spec, const RuleBuildContext& context,
                                  const std::string& param, std::pair<int, int> fallback) {
  std::string value = spec.Param(param);
  if (value.empty()) {
    context.Error(spec, "parameter \"" + param +
                            "\" is missing: it comes from quality/timescales.xml unless the rule "
                            "or a profile sets it");
    return fallback;
  }
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
  // Every number comes from quality/timescales.xml (or the rule or a profile): none is
  // assumed here.
  auto count = [&](const std::string& param) {
    int value = context.Int(spec, param, 0);
    if (value < 1)
      context.Error(spec, "parameter \"" + param +
                              "\" must be a whole number of at least 1; it comes from "
                              "quality/timescales.xml unless the rule or a profile sets it");
    return value;
  };
  int amount = 0, under_five = 0;
  std::pair<int, int> school{0, 0}, post16{0, 0};
  if (check == "final-within" || check == "decision-within" || check == "amended-within" ||
      check == "review-decision-within")
    amount = count("weeks");
  else if (check == "after-draft")
    amount = count("days");
  else if (check == "review-within") {
    amount = count("months");
    under_five = count("underFiveMonths");
    if (context.Timescales() == nullptr)
      context.Error(spec,
                    "a draft's review is counted from its planned final date, which needs "
                    "quality/timescales.xml among the rule files");
  } else if (check == "phase-transfer") {
    school = MonthDayParam(spec, context, "school", {1, 1});
    post16 = MonthDayParam(spec, context, "post16", {1, 1});
  } else {
    context.Error(spec, "unknown check \"" + check + "\"");
    return nullptr;
  }
  std::optional<StatutoryTimescales> timescales;
  if (context.Timescales()) timescales = *context.Timescales();
  return std::make_unique<StatutoryDateRule>(spec, check, amount, under_five, school, post16,
                                             std::move(timescales));
}

}  // namespace ehcp
