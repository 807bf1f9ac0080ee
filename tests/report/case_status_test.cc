// The caseload dashboard's statutory status of a plan: its stage, the next statutory
// date (either side of each boundary, under 5 and over), overdue against an "as of" date,
// and the share of new plans issued within 20 weeks. The timescales come from the
// statutory-date rules in quality/rules/60-dates.xml.

#include "report/case_status.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lint/lint_test_support.h"
#include "report/caseload_summary.h"
#include "report/json_report.h"

namespace ehcp {
namespace {

using testing::DefaultRules;
using testing::LintSchemas;
using testing::Mutated;

// The minimal plan: status final, request 5 January 2026, draft 20 April, final 18 May
// 2026, born 1 March 2016.
const std::string kDates =
    R"(<dates requestReceived="2026-01-05" draftIssued="2026-04-20" finalIssued="2026-05-18" nextReview="2027-05-17"/>)";
const std::string kSignOff =
    R"(<signOff name="Sam Officer" role="EHC Coordinator" date="2026-05-18"/>)";

Date D(const char* iso) {
  return *Date::FromIso(iso);
}

CaseStatus StatusOf(const std::string& xml) {
  LoadedDocument doc = ParseDocument(xml, "plan.xml", LintSchemas(), {}, SchemaCheck::kTolerant);
  EXPECT_TRUE(doc.plan.has_value());
  if (!doc.plan) return {};
  return ComputeCaseStatus(*doc.plan, CaseTimescalesFrom(DefaultRules()));
}

std::string WithDates(const std::string& dates) {
  return Mutated({{kDates, dates}});
}
std::string WithHistory(const std::string& history) {
  return Mutated({{kSignOff, kSignOff + "<history>" + history + "</history>"}});
}

TEST(CaseStatus, TimescalesAreReadFromTheStatutoryDateRules) {
  CaseTimescales t = CaseTimescalesFrom(DefaultRules());
  EXPECT_EQ(t.final_weeks, 20);
  EXPECT_EQ(t.amended_weeks, 8);
  EXPECT_EQ(t.review_decision_weeks, 4);
  EXPECT_EQ(t.review_months, 12);
  EXPECT_EQ(t.review_months_under_five, 6);
}

TEST(CaseStatus, TimescalesFollowTheRulesAsAProfileAdaptsThem) {
  // CoP 9.178 allows reviews every 3 to 6 months under 5: a council reviewing at 3 months
  // says so in its profile, and the dashboard follows the rule, not a copy in C++.
  DiagnosticList problems;
  auto rules = testing::LoadRules(
      testing::Profile(R"(<param rule="review-date-too-late" name="underFiveMonths" value="3"/>)"),
      problems);
  ASSERT_NE(rules, nullptr) << (problems.Empty() ? "" : FormatDiagnostic(problems.Items()[0]));
  CaseTimescales t = CaseTimescalesFrom(*rules);
  EXPECT_EQ(t.review_months_under_five, 3);
  EXPECT_EQ(t.review_months, 12);
}

TEST(CaseStatus, AFinalPlanIsNextReviewedTwelveMonthsAfterItsFirstIssue) {
  CaseStatus s = StatusOf(testing::MinimalPlan());
  EXPECT_EQ(s.stage, CaseStage::kFinal);
  EXPECT_EQ(s.next, NextDate::kAnnualReview);
  EXPECT_EQ(s.next_date, D("2027-05-18"));
  EXPECT_EQ(s.next_basis, "first final plan issued 18 May 2026");
  EXPECT_FALSE(s.under_five);
  // Overdue only once the date has passed: not on the day itself.
  EXPECT_FALSE(s.OverdueOn(D("2027-05-17")));
  EXPECT_FALSE(s.OverdueOn(D("2027-05-18")));
  EXPECT_TRUE(s.OverdueOn(D("2027-05-19")));
}

TEST(CaseStatus, TheLastReviewMovesTheNextOne) {
  CaseStatus s = StatusOf(WithDates(
      R"(<dates requestReceived="2026-01-05" draftIssued="2026-04-20" finalIssued="2026-05-18" lastReview="2027-02-10" nextReview="2028-02-01"/>)"));
  EXPECT_EQ(s.next_date, D("2028-02-10"));
  EXPECT_EQ(s.next_basis, "last review 10 February 2027");
  // A review recorded only in the history counts the same.
  CaseStatus h = StatusOf(WithHistory(
      R"(<annualReview meeting="2027-02-10" decisionNotified="2027-02-24" decision="maintain"/>)"));
  EXPECT_EQ(h.next, NextDate::kAnnualReview);
  EXPECT_EQ(h.next_date, D("2028-02-10"));
}

TEST(CaseStatus, UnderFiveIsReviewedWithinSixMonths) {
  // 4 years old at the first issue (born 19 May 2021): 6 months.
  CaseStatus young = StatusOf(Mutated({{"<dateOfBirth>2016-03-01", "<dateOfBirth>2021-05-19"}}));
  EXPECT_TRUE(young.under_five);
  EXPECT_EQ(young.next_date, D("2026-11-18"));
  // 5 on the day of issue (born 18 May 2021): 12 months.
  CaseStatus five = StatusOf(Mutated({{"<dateOfBirth>2016-03-01", "<dateOfBirth>2021-05-18"}}));
  EXPECT_FALSE(five.under_five);
  EXPECT_EQ(five.next_date, D("2027-05-18"));
}

TEST(CaseStatus, ADraftNotYetIssuedIsDueTwentyWeeksFromTheRequest) {
  CaseStatus s = StatusOf(Mutated(
      {{R"(status="final")", R"(status="draft")"},
       {kDates,
        R"(<dates requestReceived="2026-01-05" draftIssued="2026-04-20" nextReview="2027-05-17"/>)"}}));
  EXPECT_EQ(s.stage, CaseStage::kDraft);
  EXPECT_EQ(s.next, NextDate::kFinalPlan);
  EXPECT_EQ(s.next_date, D("2026-05-25"));  // 140 days after 5 January 2026
  EXPECT_EQ(s.first_final, FirstFinal::kNotIssued);
  EXPECT_FALSE(s.OverdueOn(D("2026-05-25")));
  EXPECT_TRUE(s.OverdueOn(D("2026-05-26")));

  CaseStatus no_request =
      StatusOf(Mutated({{R"(status="final")", R"(status="draft")"},
                        {kDates, R"(<dates draftIssued="2026-04-20" nextReview="2027-05-17"/>)"}}));
  EXPECT_EQ(no_request.next, NextDate::kFinalPlan);
  EXPECT_FALSE(no_request.next_date.has_value());
  EXPECT_EQ(no_request.next_basis, "no request date recorded");
  EXPECT_FALSE(no_request.OverdueOn(D("2030-01-01")));
}

TEST(CaseStatus, ProposedAmendmentsAreDueAsAFinalAmendedPlanWithinEightWeeks) {
  CaseStatus s = StatusOf(WithHistory(R"(
      <issue kind="final" version="1" issued="2026-05-18"/>
      <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>
      <issue kind="proposed-amendments" version="2" issued="2027-03-01"/>)"));
  EXPECT_EQ(s.stage, CaseStage::kProposedAmendment);
  EXPECT_EQ(s.next, NextDate::kAmendedPlan);
  EXPECT_EQ(s.next_date, D("2027-04-26"));
  EXPECT_FALSE(s.OverdueOn(D("2027-04-26")));
  EXPECT_TRUE(s.OverdueOn(D("2027-04-27")));
}

TEST(CaseStatus, AnAmendedPlanIsReviewedFromItsLastReview) {
  CaseStatus s = StatusOf(
      Mutated({{R"(status="final")", R"(status="amended")"}, {kSignOff, kSignOff + R"(<history>
      <issue kind="final" version="1" issued="2026-05-18"/>
      <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>
      <issue kind="proposed-amendments" version="2" issued="2027-03-01"/>
      <issue kind="amended-final" version="2" issued="2027-04-12"/></history>)"}}));
  EXPECT_EQ(s.stage, CaseStage::kAmended);
  EXPECT_EQ(s.next, NextDate::kAnnualReview);
  EXPECT_EQ(s.next_date, D("2028-02-10"));
}

TEST(CaseStatus, AReviewAwaitingItsDecisionIsDueFourWeeksAfterTheMeeting) {
  CaseStatus s = StatusOf(WithHistory(R"(
      <issue kind="final" version="1" issued="2026-05-18"/>
      <annualReview meeting="2027-02-10"/>)"));
  EXPECT_EQ(s.stage, CaseStage::kFinal);
  EXPECT_EQ(s.next, NextDate::kReviewDecision);
  EXPECT_EQ(s.next_date, D("2027-03-10"));
  EXPECT_EQ(s.next_basis, "review meeting 10 February 2027");
  // Decided to amend, proposals not yet sent: still the 4-week deadline.
  CaseStatus amend = StatusOf(WithHistory(R"(
      <issue kind="final" version="1" issued="2026-05-18"/>
      <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>)"));
  EXPECT_EQ(amend.next, NextDate::kReviewDecision);
  EXPECT_EQ(amend.next_date, D("2027-03-10"));
}

TEST(CaseStatus, FirstFinalAgainstTwentyWeeksEitherSideOfTheLimit) {
  auto final_on = [](const char* day) {
    return StatusOf(WithDates(
        std::string(
            R"(<dates requestReceived="2026-01-05" draftIssued="2026-04-20" finalIssued=")") +
        day + R"(" nextReview="2027-05-17"/>)"));
  };
  CaseStatus on_time = final_on("2026-05-25");  // day 140: within
  EXPECT_EQ(on_time.first_final, FirstFinal::kWithin);
  EXPECT_EQ(on_time.weeks_days, 140);
  CaseStatus late = final_on("2026-05-26");  // day 141
  EXPECT_EQ(late.first_final, FirstFinal::kLate);
  EXPECT_EQ(late.weeks_days, 141);

  CaseStatus exception = StatusOf(
      Mutated({{kDates, kDates + "<timescaleException>The family asked for the assessment to "
                                 "pause while Alex was in hospital.</timescaleException>"}}));
  EXPECT_EQ(exception.first_final, FirstFinal::kException);
  CaseStatus unknown = StatusOf(WithDates(
      R"(<dates draftIssued="2026-04-20" finalIssued="2026-05-18" nextReview="2027-05-17"/>)"));
  EXPECT_EQ(unknown.first_final, FirstFinal::kUnknown);
  EXPECT_EQ(unknown.first_final_issued, D("2026-05-18"));
}

PlanFindings Row(const std::string& id, const CaseStatus& status) {
  PlanFindings p;
  p.file = id + ".xml";
  p.plan_id = id;
  p.loaded = true;
  p.status = PlanStatus::kFinal;
  p.case_status = status;
  return p;
}

CaseStatus Issued(const char* request, const char* final_issued, FirstFinal how) {
  CaseStatus s;
  s.stage = CaseStage::kFinal;
  s.next = NextDate::kAnnualReview;
  s.next_date = D(final_issued).AddMonths(12);
  if (*request) s.request_received = D(request);
  s.first_final_issued = D(final_issued);
  s.first_final = how;
  return s;
}

TEST(CaseloadStatus, OverdueAndTheTwentyWeekShareOverTheWindow) {
  CaseloadSummary summary;
  summary.TrackStatus(D("2026-12-07"), CaseTimescalesFrom(DefaultRules()));
  EXPECT_EQ(summary.TwentyWeeks().from, D("2025-12-08"));
  EXPECT_EQ(summary.TwentyWeeks().to, D("2026-12-07"));
  summary.Add(Row("A", Issued("2026-01-05", "2026-05-25", FirstFinal::kWithin)));
  summary.Add(Row("B", Issued("2026-01-05", "2026-05-26", FirstFinal::kLate)));
  summary.Add(Row("C", Issued("", "2026-06-01", FirstFinal::kUnknown)));
  summary.Add(Row("D", Issued("2025-08-01", "2025-12-08", FirstFinal::kException)));
  summary.Add(Row("E", Issued("2025-07-01", "2025-12-07", FirstFinal::kLate)));  // outside
  summary.Add(Row("F", Issued("2026-07-01", "2026-11-01", FirstFinal::kWithin)));
  const TwentyWeekShare& t = summary.TwentyWeeks();
  EXPECT_EQ(t.weeks, 20);
  EXPECT_EQ(t.issued, 5);
  EXPECT_EQ(t.within, 2);
  EXPECT_EQ(t.late, 1);
  EXPECT_EQ(t.exception, 1);
  EXPECT_EQ(t.unknown, 1);
  EXPECT_EQ(SharePercent(t.within, t.within + t.late), "67%");
  // E's review fell due 7 December 2026: not yet overdue on that day. Its row says so.
  EXPECT_EQ(summary.Overdue(), 0);
  EXPECT_EQ(summary.ByStage(CaseStage::kFinal), 6);

  CaseloadSummary later;
  later.TrackStatus(D("2026-12-10"), CaseTimescalesFrom(DefaultRules()));
  later.Add(Row("E", Issued("2025-07-01", "2025-12-07", FirstFinal::kLate)));
  later.Add(Row("F", Issued("2026-07-01", "2026-11-01", FirstFinal::kWithin)));
  EXPECT_EQ(later.Overdue(), 1);
  ASSERT_EQ(later.Rows().size(), 2u);
  EXPECT_TRUE(later.Rows()[0].overdue);
  EXPECT_EQ(later.Rows()[0].overdue_days, 3);
  EXPECT_FALSE(later.Rows()[1].overdue);
  std::ostringstream text;
  later.WriteText(text);
  EXPECT_NE(text.str().find("as of 10 December 2026: 1 plan past a statutory date"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("E: annual review due 7 December 2026, 3 days overdue"),
            std::string::npos)
      << text.str();

  std::ostringstream json_out;
  JsonReportWriter json(json_out);
  json.SetAsOf(D("2026-12-10"));
  json.Add(Row("E", Issued("2025-07-01", "2025-12-07", FirstFinal::kLate)));
  json.Finish(later);
  auto j = nlohmann::json::parse(json_out.str());
  EXPECT_EQ(j["plans"][0]["caseStatus"]["next"]["overdue"], true);
  EXPECT_EQ(j["plans"][0]["caseStatus"]["next"]["date"], "2026-12-07");
  EXPECT_EQ(j["summary"]["asOf"], "2026-12-10");
  EXPECT_EQ(j["summary"]["overdue"][0]["plan"], "E");
  EXPECT_EQ(j["summary"]["overdue"][0]["daysOverdue"], 3);
  EXPECT_EQ(j["summary"]["twentyWeeks"]["within"], 1);
}

TEST(CaseloadStatus, TheDateComesFromSourceDateEpochWhenSet) {
  const char* saved = std::getenv("SOURCE_DATE_EPOCH");
  std::string restore = saved ? saved : "";
  DiagnosticList warnings;
  ::setenv("SOURCE_DATE_EPOCH", "1796601600", 1);  // 7 December 2026, 00:00 UTC
  EXPECT_EQ(StatusDate(warnings), D("2026-12-07"));
  ::setenv("SOURCE_DATE_EPOCH", "1796687999", 1);  // the last second of that day
  EXPECT_EQ(StatusDate(warnings), D("2026-12-07"));
  EXPECT_TRUE(warnings.Empty());
  ::setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  StatusDate(warnings);
  ASSERT_EQ(warnings.Size(), 1u);
  EXPECT_EQ(warnings.Items()[0].code, "lint.source-date-epoch");
  if (saved)
    ::setenv("SOURCE_DATE_EPOCH", restore.c_str(), 1);
  else
    ::unsetenv("SOURCE_DATE_EPOCH");
}

}  // namespace
}  // namespace ehcp
