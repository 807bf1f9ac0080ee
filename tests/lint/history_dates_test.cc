// The statutory date rules apply to every issue in the plan's history, not only to the
// dates of the current version (domain §1.3): the first final within 20 weeks of the
// request, each final at least 15 days after its draft unless the family replied sooner,
// each amended final within 8 weeks of its proposals, each review decision within 4 weeks.

#include <gtest/gtest.h>

#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::Describe;
using testing::LintXml;
using testing::Mutated;
using testing::WithCode;

const std::string kSignOff =
    R"(<signOff name="Sam Officer" role="EHC Coordinator" date="2026-05-18"/>)";

// The minimal plan as an amended plan with `history`.
std::vector<Diagnostic> LintAmendedWithHistory(const std::string& history) {
  return LintXml(
      Mutated({{R"(status="final")", R"(status="amended")"},
               {R"(nextReview="2027-05-17")", R"(nextReview="2028-02-01" lastReview="2027-02-10")"},
               {kSignOff, kSignOff + "<history>" + history + "</history>"}}));
}

const std::string kOnTime = R"(
  <issue kind="draft" version="1" issued="2026-04-20"/>
  <issue kind="final" version="1" issued="2026-05-18"/>
  <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>
  <issue kind="proposed-amendments" version="2" issued="2027-03-01"/>
  <issue kind="amended-final" version="2" issued="2027-04-12"/>)";

TEST(HistoryDates, AHistoryKeptToEveryTimeLimitIsClean) {
  auto findings = LintAmendedWithHistory(kOnTime);
  for (const char* rule : {"final-plan-late", "final-too-soon-after-draft", "amended-plan-late",
                           "review-decision-late", "review-date-too-late"})
    EXPECT_TRUE(WithCode(findings, rule).empty()) << rule << "\n" << Describe(findings);
}

TEST(HistoryDates, AnEarlierAmendedFinalThatWasLateIsFoundAtItsEntry) {
  std::string history = R"(
  <issue kind="draft" version="1" issued="2026-04-20"/>
  <issue kind="final" version="1" issued="2026-05-18"/>
  <issue kind="proposed-amendments" version="2" issued="2026-09-01"/>
  <issue kind="amended-final" version="2" issued="2026-12-01"/>)" +
                        std::string(R"(
  <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>
  <issue kind="proposed-amendments" version="3" issued="2027-03-01"/>
  <issue kind="amended-final" version="3" issued="2027-04-12"/>)");
  auto late = WithCode(LintAmendedWithHistory(history), "amended-plan-late");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].message.find("1 December 2026"), std::string::npos) << late[0].message;
  EXPECT_NE(late[0].message.find("13 weeks"), std::string::npos) << late[0].message;
}

TEST(HistoryDates, TheFirstFinalIsJudgedAgainstTheRequestEvenInAnAmendedPlan) {
  std::string history = R"(
  <issue kind="draft" version="1" issued="2026-04-20"/>
  <issue kind="final" version="1" issued="2026-07-01"/>
  <annualReview meeting="2027-02-10" decisionNotified="2027-03-01" decision="amend"/>
  <issue kind="proposed-amendments" version="2" issued="2027-03-01"/>
  <issue kind="amended-final" version="2" issued="2027-04-12"/>)";
  auto findings = LintXml(
      Mutated({{R"(status="final")", R"(status="amended")"},
               {R"(finalIssued="2026-05-18")", R"(finalIssued="2026-07-01")"},
               {R"(nextReview="2027-05-17")", R"(nextReview="2028-02-01" lastReview="2027-02-10")"},
               {kSignOff, kSignOff + "<history>" + history + "</history>"}}));
  auto late = WithCode(findings, "final-plan-late");
  ASSERT_EQ(late.size(), 1u) << Describe(findings);
  EXPECT_NE(late[0].message.find("1 July 2026"), std::string::npos);
}

TEST(HistoryDates, AFinalSoonAfterItsDraftIsFineWhenTheFamilyRepliedFirst) {
  std::string quick = R"(
  <issue kind="draft" version="1" issued="2026-05-08" RESPONSE/>
  <issue kind="final" version="1" issued="2026-05-18"/>)";
  auto with_response = [&](const std::string& response) {
    std::string h = quick;
    h.replace(h.find("RESPONSE"), 8, response);
    return WithCode(LintXml(Mutated({{R"(draftIssued="2026-04-20")", R"(draftIssued="2026-05-08")"},
                                     {kSignOff, kSignOff + "<history>" + h + "</history>"}})),
                    "final-too-soon-after-draft");
  };
  EXPECT_EQ(with_response("").size(), 1u);
  EXPECT_EQ(with_response(R"(responseReceived="2026-05-12")").size(), 0u);
}

TEST(HistoryDates, AReviewDecisionMoreThanFourWeeksAfterTheMeetingIsLate) {
  std::string history = R"(
  <issue kind="final" version="1" issued="2026-05-18"/>
  <annualReview meeting="2027-02-10" decisionNotified="2027-04-01" decision="maintain"/>)";
  auto late = WithCode(LintAmendedWithHistory(history), "review-decision-late");
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(late[0].message.find("7 weeks"), std::string::npos) << late[0].message;
  EXPECT_GT(late[0].location.line, 0);
}

TEST(HistoryDates, EachReviewIsWithinTwelveMonthsOfTheOneBefore) {
  std::string history = R"(
  <issue kind="final" version="1" issued="2026-05-18"/>
  <annualReview meeting="2027-09-30" decisionNotified="2027-10-10" decision="maintain"/>)";
  auto late = WithCode(LintAmendedWithHistory(history), "review-date-too-late");
  ASSERT_GE(late.size(), 1u);
  EXPECT_NE(late[0].message.find("30 September 2027"), std::string::npos) << late[0].message;
}

}  // namespace
}  // namespace ehcp
