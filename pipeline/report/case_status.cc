#include "report/case_status.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "lint/plan_timeline.h"

namespace ehcp {

CaseTimescales CaseTimescalesFrom(const RuleSet& rules) {
  // Found by the check a rule makes, not by its id, so a council's own rule file may name
  // it differently. A disabled rule still states the law, so it counts.
  auto param = [&](std::string_view check, const std::string& name) -> std::optional<int> {
    for (const auto& spec : rules.Specs()) {
      if (spec.kind != "statutory-date" || spec.Param("check") != check) continue;
      std::string value = spec.Param(name);
      errno = 0;
      char* end = nullptr;
      long number = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || errno != 0 || *end != '\0' || number <= 0 || number > 1000)
        return std::nullopt;
      return static_cast<int>(number);
    }
    return std::nullopt;
  };
  CaseTimescales t;
  t.final_weeks = param("final-within", "weeks");
  t.amended_weeks = param("amended-within", "weeks");
  t.review_decision_weeks = param("review-decision-within", "weeks");
  t.review_months = param("review-within", "months");
  t.review_months_under_five = param("review-within", "underFiveMonths");
  return t;
}

CaseStatus ComputeCaseStatus(const Plan& plan, const CaseTimescales& timescales) {
  CaseStatus s;
  const PlanDates& d = plan.meta.dates;
  std::vector<IssuedVersion> timeline = IssueTimeline(plan);
  s.request_received = d.request_received;
  switch (plan.meta.status) {
    case PlanStatus::kDraft: s.stage = CaseStage::kDraft; break;
    case PlanStatus::kFinal: s.stage = CaseStage::kFinal; break;
    case PlanStatus::kAmended: s.stage = CaseStage::kAmended; break;
  }
  if (!timeline.empty() && timeline.back().kind == IssueKind::kProposedAmendments)
    s.stage = CaseStage::kProposedAmendment;

  auto due = [&](NextDate next, const Date& from, std::optional<int64_t> days,
                 const std::string& basis) {
    s.next = next;
    if (days) s.next_date = from.AddDays(*days);
    s.next_basis = basis + " " + from.ToLongEnglish();
  };
  auto weeks = [](std::optional<int> w) -> std::optional<int64_t> {
    if (!w) return std::nullopt;
    return int64_t{*w} * 7;
  };

  const IssuedVersion* first_final = nullptr;
  for (const auto& issue : timeline)
    if (issue.kind == IssueKind::kFinal) {
      first_final = &issue;
      break;
    }
  if (first_final == nullptr) {
    // A new plan not yet issued: the final plan is due 20 weeks from the request.
    s.next = NextDate::kFinalPlan;
    if (d.request_received)
      due(NextDate::kFinalPlan, *d.request_received, weeks(timescales.final_weeks),
          "request received");
    else
      s.next_basis = "no request date recorded";
    return s;
  }

  s.first_final_issued = first_final->issued;
  if (plan.meta.timescale_exception) {
    s.first_final = FirstFinal::kException;  // reg 10(4): not measured against 20 weeks
  } else if (!d.request_received || !timescales.final_weeks) {
    s.first_final = FirstFinal::kUnknown;
  } else {
    s.weeks_days = first_final->issued.DaysSinceEpoch() - d.request_received->DaysSinceEpoch();
    s.first_final = *s.weeks_days <= int64_t{*timescales.final_weeks} * 7 ? FirstFinal::kWithin
                                                                          : FirstFinal::kLate;
  }

  const IssuedVersion& last = timeline.back();
  if (s.stage == CaseStage::kProposedAmendment) {
    due(NextDate::kAmendedPlan, last.issued, weeks(timescales.amended_weeks),
        "amendments proposed");
    return s;
  }
  // A review held since the last issue whose decision is not yet sent, or that decided to
  // amend and has sent no proposals since: the decision is due 4 weeks from the meeting.
  const AnnualReviewMeeting* open = nullptr;
  for (const auto& review : plan.meta.history.reviews)
    if (review.meeting >= last.issued &&
        (!review.decision_notified || review.decision == ReviewDecision::kAmend))
      open = &review;
  if (open) {
    due(NextDate::kReviewDecision, open->meeting, weeks(timescales.review_decision_weeks),
        "review meeting");
    return s;
  }
  // The next review: 12 months (6 under age 5) from the last review, or from the first
  // final plan when there has been none (CFA 2014 s.44). Amending a plan does not move it.
  Date base = first_final->issued;
  std::string basis = "first final plan issued";
  std::vector<Date> reviews;
  for (const auto& review : plan.meta.history.reviews) reviews.push_back(review.meeting);
  if (d.last_review) reviews.push_back(*d.last_review);
  for (const Date& review : reviews)
    if (review > base) {
      base = review;
      basis = "last review";
    }
  s.under_five =
      plan.child.date_of_birth.year > 0 && AgeInYears(plan.child.date_of_birth, base) < 5;
  std::optional<int> months =
      s.under_five ? timescales.review_months_under_five : timescales.review_months;
  s.next = NextDate::kAnnualReview;
  if (months) s.next_date = base.AddMonths(*months);
  s.next_basis = basis + " " + base.ToLongEnglish();
  return s;
}

Date StatusDate(DiagnosticList& warnings) {
  int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  if (const char* value = std::getenv("SOURCE_DATE_EPOCH"); value != nullptr && *value != '\0') {
    errno = 0;
    char* end = nullptr;
    long long epoch = std::strtoll(value, &end, 10);
    if (errno == 0 && end != nullptr && *end == '\0' && epoch >= 0)
      seconds = epoch;
    else
      warnings.Warning("lint.source-date-epoch",
                       std::string("SOURCE_DATE_EPOCH='") + value +
                           "' is not a number of seconds; the dashboard counts from today",
                       SourceLocation{});
  }
  return Date::FromDays(seconds / 86400);
}

std::string_view CaseStageName(CaseStage stage) {
  switch (stage) {
    case CaseStage::kDraft: return "draft";
    case CaseStage::kFinal: return "final (issued)";
    case CaseStage::kProposedAmendment: return "proposed amendment";
    case CaseStage::kAmended: return "amended";
  }
  return "draft";
}

std::string_view CaseStageToken(CaseStage stage) {
  switch (stage) {
    case CaseStage::kDraft: return "draft";
    case CaseStage::kFinal: return "final";
    case CaseStage::kProposedAmendment: return "proposed-amendment";
    case CaseStage::kAmended: return "amended";
  }
  return "draft";
}

std::string_view NextDateName(NextDate next) {
  switch (next) {
    case NextDate::kNone: return "none";
    case NextDate::kFinalPlan: return "final plan due";
    case NextDate::kReviewDecision: return "review decision due";
    case NextDate::kAmendedPlan: return "amended plan due";
    case NextDate::kAnnualReview: return "annual review due";
  }
  return "none";
}

std::string_view NextDateToken(NextDate next) {
  switch (next) {
    case NextDate::kNone: return "none";
    case NextDate::kFinalPlan: return "final-plan";
    case NextDate::kReviewDecision: return "review-decision";
    case NextDate::kAmendedPlan: return "amended-plan";
    case NextDate::kAnnualReview: return "annual-review";
  }
  return "none";
}

std::string_view FirstFinalToken(FirstFinal first_final) {
  switch (first_final) {
    case FirstFinal::kNotIssued: return "not-issued";
    case FirstFinal::kWithin: return "within";
    case FirstFinal::kLate: return "late";
    case FirstFinal::kException: return "exception";
    case FirstFinal::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace ehcp
