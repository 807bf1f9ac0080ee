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

// The limits are quality/timescales.xml's, shared with assemble and amend; the rules'
// wording says the numbers they count with.
TEST(TimescalesFile, TheDateRulesCountWithTheSharedTimescalesAndSaySo) {
  const RuleSet& rules = testing::DefaultRules();
  const RuleSpec* final_late = rules.Find("final-plan-late");
  ASSERT_NE(final_late, nullptr);
  EXPECT_EQ(final_late->Param("weeks"), "20");
  EXPECT_EQ(final_late->title, "Final plan within 20 weeks of the request");
  EXPECT_EQ(final_late->message, "the first final plan was {detail}, later than the 20-week limit");
  const RuleSpec* review = rules.Find("review-date-too-late");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->title, "Review within 12 months (6 months under 5)");
  const RuleSpec* transfer = rules.Find("phase-transfer-late");
  ASSERT_NE(transfer, nullptr);
  EXPECT_EQ(transfer->title, "Phase-transfer plan issued by 15 February (31 March for post-16)");
}

// The advice rule's 6 weeks is a statutory timescale too (reg 8(1)), from the same file.
TEST(TimescalesFile, TheAdviceRuleCountsWithTheSharedTimescalesAndSaysSo) {
  const RuleSpec* advice = testing::DefaultRules().Find("advice-late");
  ASSERT_NE(advice, nullptr);
  EXPECT_EQ(advice->Param("weeks"), "6");
  EXPECT_EQ(advice->title, "Advice arrives within 6 weeks of the request");
  EXPECT_EQ(advice->message, "advice {item} was received {detail}, later than 6 weeks");
  DiagnosticList diagnostics;
  auto rules = testing::LoadRules(
      testing::Profile(R"(<param rule="advice-late" name="weeks" value="8"/>)"), diagnostics);
  ASSERT_NE(rules, nullptr) << diagnostics.Size();
  EXPECT_EQ(rules->Find("advice-late")->title, "Advice arrives within 8 weeks of the request");
}

TEST(TimescalesFile, AProfilesOwnLimitIsCheckedAndWorded) {
  DiagnosticList diagnostics;
  auto rules = testing::LoadRules(
      testing::Profile(R"(<param rule="final-plan-late" name="weeks" value="30"/>)"), diagnostics);
  ASSERT_NE(rules, nullptr) << diagnostics.Size();
  const RuleSpec* spec = rules->Find("final-plan-late");
  EXPECT_EQ(spec->title, "Final plan within 30 weeks of the request");
  // The plan issued 24 weeks after the request is late by 20 weeks, not by 30.
  std::string xml = Mutated({{R"(finalIssued="2026-05-18")", R"(finalIssued="2026-07-01")"}});
  EXPECT_FALSE(WithCode(LintXml(xml), "final-plan-late").empty());
  EXPECT_TRUE(WithCode(LintXml(xml, *rules), "final-plan-late").empty());
}

TEST(TimescalesFile, DateRulesWithoutTheTimescalesAreRefused) {
  std::vector<std::string> files;
  for (const auto& file : testing::DefaultRuleFiles())
    if (file.find("timescales.xml") == std::string::npos) files.push_back(file);
  DiagnosticList diagnostics;
  EXPECT_EQ(RuleSet::Load(files, "", testing::LintSchemas(), diagnostics), nullptr);
  std::string errors = Describe(std::vector<Diagnostic>(diagnostics.begin(), diagnostics.end()));
  EXPECT_NE(errors.find("quality/timescales.xml"), std::string::npos) << errors;
}

}  // namespace
}  // namespace ehcp
