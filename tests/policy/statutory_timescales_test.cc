// The statutory timescales read from quality/timescales.xml: the shipped numbers, the date
// arithmetic every stage shares, and a council's mistake refused at its file:line:col.

#include "policy/statutory_timescales.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ehcp {
namespace {

const std::filesystem::path kQuality = EHCP_SOURCE_DIR "/quality";
const std::filesystem::path kSchemas = EHCP_SOURCE_DIR "/schemas";

StatutoryTimescales Shipped() {
  DiagnosticList diagnostics;
  auto t = LoadStatutoryTimescales(kQuality, kSchemas, diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return t.value_or(StatutoryTimescales{});
}

// A copy of the shipped file with one text replaced, in the test's own folder.
std::filesystem::path Edited(const std::string& from, const std::string& to) {
  std::ifstream in(StatutoryTimescalesFile(kQuality));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  // One folder per test: ctest runs the tests of this file in parallel processes.
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      ("timescales-" +
       std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
       std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path file = dir / "timescales.xml";
  std::ofstream(file) << text;
  return file;
}

std::string LoadErrors(const std::filesystem::path& file) {
  SchemaRegistry schemas(kSchemas);
  RegisterTimescalesSchema(schemas);
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadStatutoryTimescales(file, schemas, diagnostics));
  std::string out;
  for (const auto& d : diagnostics) out += FormatDiagnostic(d) + "\n";
  return out;
}

TEST(StatutoryTimescalesTest, ShippedFileHasTheStatutoryNumbers) {
  StatutoryTimescales t = Shipped();
  EXPECT_EQ(t.decision_to_assess_weeks, 6);
  EXPECT_EQ(t.advice_weeks, 6);
  EXPECT_EQ(t.final_plan_weeks, 20);
  EXPECT_EQ(t.family_comment_days, 15);
  EXPECT_EQ(t.amended_plan_weeks, 8);
  EXPECT_EQ(t.review_months, 12);
  EXPECT_EQ(t.under_five_review_months, 6);
  EXPECT_EQ(t.review_decision_weeks, 4);
  EXPECT_EQ(t.phase_transfer_school.month, 2);
  EXPECT_EQ(t.phase_transfer_school.day, 15);
  EXPECT_EQ(t.phase_transfer_post16.month, 3);
  EXPECT_EQ(t.phase_transfer_post16.day, 31);
}

TEST(StatutoryTimescalesTest, DatesFollowFromTheTimescales) {
  StatutoryTimescales t = Shipped();
  Date request{2026, 3, 2};
  EXPECT_EQ(t.DecisionToAssessDue(request).ToIso(), "2026-04-13");
  EXPECT_EQ(t.FinalPlanDue(request).ToIso(), "2026-07-20");
  EXPECT_EQ(t.CommentsDue(Date{2026, 6, 15}).ToIso(), "2026-06-30");
  EXPECT_EQ(t.AmendedPlanDue(Date{2026, 10, 1}).ToIso(), "2026-11-26");
  EXPECT_EQ(t.ReviewDecisionDue(Date{2026, 10, 1}).ToIso(), "2026-10-29");
  // The later of request + 20 weeks and draft + 15 days.
  EXPECT_EQ(t.PlannedFinalIssue(request, Date{2026, 6, 15}).ToIso(), "2026-07-20");
  EXPECT_EQ(t.PlannedFinalIssue(request, Date{2026, 7, 15}).ToIso(), "2026-07-30");
  // Under 5 on the day counted from: 6 months; otherwise 12.
  EXPECT_EQ(t.ReviewDue(Date{2015, 3, 2}, Date{2026, 7, 20}).ToIso(), "2027-07-20");
  EXPECT_EQ(t.ReviewDue(Date{2023, 1, 1}, Date{2026, 7, 20}).ToIso(), "2027-01-20");
  EXPECT_EQ(t.PhaseTransferDeadline(2027, false).ToIso(), "2027-02-15");
  EXPECT_EQ(t.PhaseTransferDeadline(2027, true).ToIso(), "2027-03-31");
}

TEST(StatutoryTimescalesTest, ACouncilsNumberIsRead) {
  SchemaRegistry schemas(kSchemas);
  RegisterTimescalesSchema(schemas);
  DiagnosticList diagnostics;
  auto t = LoadStatutoryTimescales(Edited("<finalPlan weeks=\"20\"", "<finalPlan weeks=\"18\""),
                                   schemas, diagnostics);
  ASSERT_TRUE(t) << diagnostics.Size();
  EXPECT_EQ(t->final_plan_weeks, 18);
  EXPECT_EQ(t->FinalPlanDue(Date{2026, 3, 2}).ToIso(), "2026-07-06");
}

TEST(StatutoryTimescalesTest, BadNumberIsALocatedSchemaError) {
  std::string errors = LoadErrors(Edited("weeks=\"20\"", "weeks=\"twenty\""));
  EXPECT_NE(errors.find("timescales.xml:9:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("[schema.invalid]"), std::string::npos) << errors;
  EXPECT_NE(errors.find("weeks"), std::string::npos) << errors;
}

TEST(StatutoryTimescalesTest, MissingTimescaleIsALocatedSchemaError) {
  std::string errors = LoadErrors(
      Edited("<amendedPlan weeks=\"8\" source=\"SEND Regulations 2014 reg 22(3)\"/>", ""));
  EXPECT_NE(errors.find("timescales.xml:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("amendedPlan"), std::string::npos) << errors;
}

TEST(StatutoryTimescalesTest, NoSuchDayIsALocatedError) {
  std::string errors = LoadErrors(Edited("school=\"02-15\"", "school=\"02-30\""));
  EXPECT_NE(errors.find("timescales.xml:17:3: error: <phaseTransfer school=\"02-30\">: no such "
                        "day of the year [timescales.invalid]"),
            std::string::npos)
      << errors;
}

// Timescales counted from one request, and the two review intervals, must be in order.
TEST(StatutoryTimescalesTest, TimescalesOutOfOrderAreLocatedErrors) {
  std::string errors = LoadErrors(Edited("<finalPlan weeks=\"20\"", "<finalPlan weeks=\"5\""));
  EXPECT_NE(errors.find("timescales.xml:8:3: error: <decisionToAssess weeks=\"6\">: the decision "
                        "to assess cannot be due after the final plan (<finalPlan weeks=\"5\">) "
                        "[timescales.invalid]"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("timescales.xml:19:3: error: <adviceGiven weeks=\"6\">: advice cannot be "
                        "due after the final plan"),
            std::string::npos)
      << errors;
  errors = LoadErrors(Edited("underFiveMonths=\"6\"", "underFiveMonths=\"18\""));
  EXPECT_NE(errors.find("timescales.xml:14:3: error: <review underFiveMonths=\"18\">: a child "
                        "under 5 is reviewed at least as often as others (months=\"12\") "
                        "[timescales.invalid]"),
            std::string::npos)
      << errors;
}

TEST(StatutoryTimescalesTest, MissingFileIsAnError) {
  SchemaRegistry schemas(kSchemas);
  RegisterTimescalesSchema(schemas);
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadStatutoryTimescales(kQuality / "no-such-timescales.xml", schemas, diagnostics));
  EXPECT_TRUE(diagnostics.HasErrors());
}

}  // namespace
}  // namespace ehcp
