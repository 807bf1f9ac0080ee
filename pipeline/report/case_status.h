#pragma once

// Where one plan stands in its statutory life, for the caseload dashboard: its stage, the
// next date the law sets for it, and how long its first final plan took from the request
// (the national 20-week indicator). Read from the plan's <history> and <dates> (the same
// timeline the statutory date rules check); nothing here depends on the day it is run, so
// "overdue" is decided by the caller against its "as of" date.

#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "lint/rule_set.h"
#include "model/plan.h"

namespace ehcp {

// The statutory timescales the dashboard counts with, as the statutory-date rules count:
// quality/timescales.xml (policy/statutory_timescales.h) unless a council's profile gives a
// rule its own number, so the dashboard and the lint findings cannot disagree.
// CaseTimescalesFrom is the one place that reads them. A timescale no rule states is
// absent, and the dashboard then says the date is not known rather than inventing one.
struct CaseTimescales {
  std::optional<int> final_weeks;            // request -> first final plan (reg 13(2))
  std::optional<int> amended_weeks;          // proposed amendments -> amended plan (reg 22(3))
  std::optional<int> review_decision_weeks;  // review meeting -> decision (reg 20(10))
  std::optional<int> review_months;          // between reviews (CFA 2014 s.44)
  std::optional<int> review_months_under_five;
};
CaseTimescales CaseTimescalesFrom(const RuleSet& rules);

enum class CaseStage { kDraft, kFinal, kProposedAmendment, kAmended };
enum class NextDate { kNone, kFinalPlan, kReviewDecision, kAmendedPlan, kAnnualReview };
// How the first final plan compares with the 20-week limit.
// kUnknown: no request date recorded, so the time it took cannot be known.
enum class FirstFinal { kNotIssued, kWithin, kLate, kException, kUnknown };

struct CaseStatus {
  CaseStage stage = CaseStage::kDraft;
  NextDate next = NextDate::kNone;
  std::optional<Date> next_date;
  std::string next_basis;   // what the date counts from: "request received 5 January 2026"
  bool under_five = false;  // the review interval for a child under 5 was used
  FirstFinal first_final = FirstFinal::kNotIssued;
  std::optional<Date> first_final_issued;
  std::optional<Date> request_received;  // <dates requestReceived>
  std::optional<int64_t> weeks_days;     // days from request to first final, when both known

  bool OverdueOn(const Date& as_of) const { return next_date && *next_date < as_of; }
};

CaseStatus ComputeCaseStatus(const Plan& plan, const CaseTimescales& timescales);

// The day the dashboard counts from: $SOURCE_DATE_EPOCH's day when set (reproducible
// output), else today (UTC). A value that is not a number of seconds is warned about in
// `warnings` ([lint.source-date-epoch]) and today is used.
Date StatusDate(DiagnosticList& warnings);

std::string_view CaseStageName(CaseStage stage);   // "final (issued)"
std::string_view CaseStageToken(CaseStage stage);  // "final", for JSON and CSS
std::string_view NextDateName(NextDate next);      // "annual review"
std::string_view NextDateToken(NextDate next);     // "annual-review"
std::string_view FirstFinalToken(FirstFinal first_final);

}  // namespace ehcp
