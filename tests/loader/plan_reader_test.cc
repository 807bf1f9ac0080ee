#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "loader/document_loader.h"
#include "loader/loader_test_support.h"

namespace ehcp {
namespace {

using testing::MinimalPlan;
using testing::Schemas;

TEST(PlanReaderTest, MinimalPlanBuildsTheModel) {
  LoadedDocument doc = ParseDocument(MinimalPlan(), "plan.xml", Schemas());
  ASSERT_TRUE(doc.Ok());
  ASSERT_EQ(doc.kind, DocumentKind::kPlan);
  const Plan& plan = *doc.plan;
  EXPECT_EQ(plan.meta.plan_id, "TEST-0001");
  EXPECT_EQ(plan.meta.status, PlanStatus::kFinal);
  EXPECT_EQ(plan.meta.local_authority.code, "999");
  EXPECT_EQ(plan.meta.dates.request_received, (Date{2026, 1, 5}));
  EXPECT_EQ(plan.meta.dates.final_issued, (Date{2026, 5, 18}));
  EXPECT_FALSE(plan.meta.dates.last_review);
  EXPECT_EQ(plan.child.legal_name.Full(), "Alex Example");
  EXPECT_EQ(plan.child.KnownAs(), "Alex");
  EXPECT_EQ(plan.child.ncy, 5);
  ASSERT_EQ(plan.child.home_languages.size(), 1u);
  EXPECT_EQ(plan.child.home_languages[0].code, "en");
  ASSERT_EQ(plan.family.size(), 1u);
  EXPECT_EQ(plan.family[0].relationship, "Mother");

  ASSERT_EQ(plan.a.entries.size(), 1u);
  EXPECT_EQ(plan.a.entries[0].attribution, Attribution::kChildOwnWords);
  ASSERT_EQ(plan.b.needs.size(), 1u);
  EXPECT_EQ(plan.b.needs[0].area, NeedArea::kCommunicationInteraction);
  ASSERT_EQ(plan.b.needs[0].sources.size(), 1u);
  EXPECT_EQ(plan.b.needs[0].sources[0].advice_id, "K1");
  ASSERT_TRUE(plan.c.none);
  EXPECT_TRUE(plan.c.needs.empty());

  const ProvisionItem* f1 = plan.FindProvision("F1");
  ASSERT_NE(f1, nullptr);
  EXPECT_EQ(f1->kind, ProvisionKind::kSpeechLanguageTherapy);
  EXPECT_EQ(f1->deliverer_qualification, "HCPC-registered");
  ASSERT_TRUE(f1->frequency);
  EXPECT_EQ(f1->frequency->count, 1);
  EXPECT_EQ(f1->frequency->per, Period::kWeek);
  EXPECT_EQ(f1->duration_minutes, 30);
  EXPECT_EQ(f1->staffing.ratio, std::make_pair(1, 1));
  EXPECT_EQ(f1->agency, Agency::kEducation);
  ASSERT_EQ(f1->needs.size(), 1u);
  EXPECT_EQ(f1->needs[0].id, "B1");
  ASSERT_EQ(f1->outcomes.size(), 1u);
  EXPECT_EQ(f1->outcomes[0].id, "E1");

  const Outcome* e1 = plan.FindOutcome("E1");
  ASSERT_NE(e1, nullptr);
  EXPECT_EQ(e1->timeframe.by, (Date{2027, 7, 21}));
  EXPECT_EQ(e1->timeframe.phase, "end of Key Stage 2");

  ASSERT_EQ(plan.i.placements.size(), 1u);
  EXPECT_EQ(plan.i.placements[0].attendance, Attendance::kDay);
  EXPECT_TRUE(plan.j.none);
  ASSERT_EQ(plan.k.advice.size(), 1u);
  EXPECT_EQ(plan.k.advice[0].received, (Date{2026, 2, 25}));
  EXPECT_TRUE(plan.k.advice[0].appended);
  EXPECT_EQ(plan.SectionOf("F1"), SectionId::kF);
  EXPECT_EQ(plan.SectionOf("K1"), SectionId::kK);
  EXPECT_FALSE(plan.SectionOf("Z9"));
}

TEST(PlanReaderTest, EveryItemKnowsItsSourceLocation) {
  LoadedDocument doc = ParseDocument(MinimalPlan(), "plan.xml", Schemas());
  ASSERT_TRUE(doc.Ok());
  const Plan& plan = *doc.plan;
  EXPECT_EQ(plan.b.needs[0].location.FileName(), "plan.xml");
  EXPECT_EQ(plan.b.needs[0].location.line, 25);
  EXPECT_EQ(plan.b.needs[0].location.column, 5);
  // Text locations point at the first character of the words, not the tag.
  const Text& outcome = plan.e.outcomes[0].text;
  EXPECT_EQ(outcome.location.line, 34);
  EXPECT_EQ(outcome.location.column, 13);
  EXPECT_TRUE(outcome.value.starts_with("By the end of Year 6"));
}

TEST(PlanReaderTest, ContributionIsDetectedByItsRoot) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<contribution xmlns="urn:ehcp:schema:1" id="C1" category="educational" written="2026-02-20">
  <contributor kind="school-senco" agency="education"><name>Pat Teacher</name><role>SENCO</role></contributor>
  <about name="Alex Example" dateOfBirth="2016-03-01"/>
  <title>Educational advice</title>
  <needs><need id="N1" area="cognition-learning"><description><p>Reads two years below age.</p></description></need></needs>
  <provisions><provision id="P1"><description>Daily reading practice.</description><meets ref="N1"/></provision></provisions>
</contribution>)";
  LoadedDocument doc = ParseDocument(xml, "c.xml", Schemas());
  ASSERT_TRUE(doc.Ok()) << FormatDiagnostic(doc.diagnostics.Items()[0]);
  ASSERT_EQ(doc.kind, DocumentKind::kContribution);
  const Contribution& c = *doc.contribution;
  EXPECT_EQ(c.contributor.kind, ContributorKind::kSchoolSenco);
  EXPECT_EQ(c.about_date_of_birth, (Date{2016, 3, 1}));
  ASSERT_EQ(c.needs.size(), 1u);
  ASSERT_EQ(c.provision.size(), 1u);
  EXPECT_EQ(c.provision[0].needs[0].id, "N1");
}

// A command that works on plans only names itself in the error for a contribution.
TEST(LoadPlanOnly, TakesAPlanAndRefusesAContributionNamingTheCommand) {
  namespace fs = std::filesystem;
  const fs::path folder =
      fs::temp_directory_path() / ("ehcp-load-plan-only-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "plan.xml") << MinimalPlan();
  std::ofstream(folder / "c.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<contribution xmlns="urn:ehcp:schema:1" id="C1" category="educational" written="2026-02-20">
  <contributor kind="school-senco" agency="education"><name>Pat Teacher</name><role>SENCO</role></contributor>
  <about name="Alex Example" dateOfBirth="2016-03-01"/>
  <title>Educational advice</title>
  <needs><need id="N1" area="cognition-learning"><description><p>Reads slowly.</p></description></need></needs>
  <provisions><provision id="P1"><description>Daily reading.</description><meets ref="N1"/></provision></provisions>
</contribution>)";
  DiagnosticList problems;
  std::optional<Plan> plan =
      LoadPlanOnly((folder / "plan.xml").string(), Schemas(), "diff", "why", problems);
  ASSERT_TRUE(plan.has_value());
  EXPECT_TRUE(problems.Empty());
  std::optional<Plan> not_plan = LoadPlanOnly((folder / "c.xml").string(), Schemas(), "diff",
                                              "diff compares two plans", problems);
  EXPECT_FALSE(not_plan.has_value());
  ASSERT_EQ(problems.Items().size(), 1u);
  EXPECT_EQ(problems.Items()[0].code, "diff.not-a-plan");
  EXPECT_EQ(problems.Items()[0].message,
            "this is a contribution, not a plan; diff compares two plans");
  EXPECT_FALSE(LoadPlanOnly((folder / "missing.xml").string(), Schemas(), "diff", "why", problems));
  EXPECT_TRUE(problems.HasErrors());
  fs::remove_all(folder);
}

TEST(PlanReaderTest, ContributionLocalReferencesAreChecked) {
  std::string xml =
      R"(<contribution xmlns="urn:ehcp:schema:1" id="C1" category="educational" written="2026-02-20">
  <contributor kind="school-senco"><name>Pat</name><role>SENCO</role></contributor>
  <about name="Alex Example" dateOfBirth="2016-03-01"/>
  <title>Advice</title>
  <provisions><provision id="P1"><description>Daily reading.</description><meets ref="N7"/></provision></provisions>
</contribution>)";
  LoadedDocument doc = ParseDocument(xml, "c.xml", Schemas());
  EXPECT_FALSE(doc.Ok());
  ASSERT_TRUE(doc.diagnostics.HasErrors());
  EXPECT_NE(doc.diagnostics.Items()[0].message.find("N7"), std::string::npos);
}

TEST(PlanReaderTest, SectionBRefusesAHealthNeed) {
  std::string xml =
      testing::MinimalPlanWith("area=\"communication-interaction\"", "area=\"health\"");
  LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas());
  EXPECT_FALSE(doc.Ok());
}

TEST(PlanReaderTest, MissingSectionIsAnError) {
  std::string xml = testing::MinimalPlanWith(
      "<sectionD><none>Alex has no identified social care needs.</none></sectionD>", "");
  LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas());
  EXPECT_FALSE(doc.Ok());
  ASSERT_TRUE(doc.diagnostics.HasErrors());
  EXPECT_NE(doc.diagnostics.Items()[0].message.find("sectionD"), std::string::npos)
      << doc.diagnostics.Items()[0].message;
}

}  // namespace
}  // namespace ehcp
