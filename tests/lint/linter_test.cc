// The linter as a whole: scoping (the same words are fine in one section and vague in
// another), locations inside text, accepted findings, ordering, and the golden thread view.

#include <gtest/gtest.h>

#include "lint/golden_thread.h"
#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::LintXml;
using testing::Mutated;
using testing::WithCode;

const std::string kF1Text =
    "Direct speech and language therapy to teach Alex strategies for remembering instructions.";
const std::string kB1Text =
    "Alex has difficulty following spoken instructions of more than two steps, so he misses parts "
    "of lessons.";

TEST(Linter, VagueWordingIsScopedToProvision) {
  // "access to" states a need in B; in F it leaves the provision undefined.
  auto in_b = LintXml(Mutated(
      {{kB1Text,
        "Alex uses a wheelchair and needs wheelchair access to the building and the toilets."}}));
  EXPECT_TRUE(WithCode(in_b, "provision-vague-wording").empty()) << testing::Describe(in_b);
  auto in_f = LintXml(Mutated({{kF1Text, "Alex has access to speech and language therapy."}}));
  EXPECT_EQ(WithCode(in_f, "provision-vague-wording").size(), 1u);
}

TEST(Linter, ModalVerbsInTheChildsOwnWordsAreNotFlagged) {
  auto findings = LintXml(
      Mutated({{"<p>I like drawing.</p>", "<p>I should like to be a vet when I grow up.</p>"}}));
  EXPECT_TRUE(WithCode(findings, "provision-modal-verb").empty());
  EXPECT_TRUE(WithCode(findings, "voice-unattributed").empty());
}

TEST(Linter, MayAsAMonthIsNotAModalVerb) {
  auto findings = LintXml(Mutated(
      {{kF1Text, "Speech and language therapy from 18 May 2026 to teach Alex strategies."}}));
  EXPECT_TRUE(WithCode(findings, "provision-modal-verb").empty()) << testing::Describe(findings);
}

TEST(Linter, FindingPointsAtTheWordsInTheText) {
  std::string xml = Mutated({{kF1Text, "Therapy to teach Alex strategies, as required."}});
  auto findings = WithCode(LintXml(xml), "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  const auto& at = findings[0].location;
  // Find the line and column of "as required" in the XML text itself.
  size_t offset = xml.find("as required");
  int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + offset, '\n'));
  int column = static_cast<int>(offset - xml.rfind('\n', offset));
  EXPECT_EQ(at.line, line);
  EXPECT_EQ(at.column, column);
  EXPECT_EQ(findings[0].section, "F");
  EXPECT_EQ(findings[0].item_id, "F1");
  EXPECT_NE(findings[0].message.find("\"as required\""), std::string::npos);
  EXPECT_EQ(findings[0].severity, Severity::kError);
}

TEST(Linter, VagueWordingIsAWarningInG) {
  std::string g =
      R"(<sectionG><provision id="G1" kind="health-care"><description>Asthma review by the school nurse as required.</description><meets ref="B1"/><deliveredBy role="School nurse" qualification="Registered nurse"/><frequency count="1" per="term"/><duration minutes="20"/><staffing ratio="1:1"/><responsible agency="health"/></provision></sectionG>)";
  auto findings = WithCode(
      LintXml(Mutated(
          {{"<sectionG><none>No health care provision is required.</none></sectionG>", g}})),
      "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[0].section, "G");
}

TEST(Linter, AcceptedFindingsAreMarkedNotDropped) {
  std::string xml = Mutated(
      {{kF1Text, "Alex has access to speech and language therapy."},
       {"</plan>",
        R"(<review><accepted rule="provision-vague-wording" item="F1" by="QA panel" date="2026-06-01">Tribunal order wording, kept as ordered.</accepted></review></plan>)"}});
  auto findings = WithCode(LintXml(xml), "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_TRUE(findings[0].accepted_reason.has_value());
  EXPECT_NE(findings[0].accepted_reason->find("Tribunal order wording"), std::string::npos);
  EXPECT_NE(findings[0].accepted_reason->find("QA panel"), std::string::npos);
  EXPECT_FALSE(ReachesLevel(findings, Severity::kError));
}

TEST(Linter, AcceptanceForAnotherItemDoesNotApply) {
  std::string xml = Mutated(
      {{kF1Text, "Alex has access to speech and language therapy."},
       {"</plan>",
        R"(<review><accepted rule="provision-vague-wording" item="E1" by="QA panel" date="2026-06-01">Other item.</accepted></review></plan>)"}});
  auto findings = WithCode(LintXml(xml), "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_FALSE(findings[0].accepted_reason.has_value());
  EXPECT_TRUE(ReachesLevel(findings, Severity::kError));
}

TEST(Linter, FindingsAreSortedByPosition) {
  auto findings = LintXml(
      Mutated({{kF1Text, "Regular therapy as required."}, {R"( received="2026-02-25")", ""}}));
  ASSERT_GE(findings.size(), 3u);
  for (size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LE(std::tie(findings[i - 1].location.line, findings[i - 1].location.column),
              std::tie(findings[i].location.line, findings[i].location.column));
  }
}

TEST(Linter, YearGroupComesFromTheStatedYearOrTheDateOfBirth) {
  LoadedDocument doc = ParseDocument(testing::MinimalPlan(), "plan.xml", testing::LintSchemas());
  ASSERT_TRUE(doc.plan);
  EXPECT_EQ(YearGroup(*doc.plan), 5);
  doc.plan->child.ncy.reset();
  // Born 1 March 2016; the final plan of 18 May 2026 falls in school year 2025/26: Year 5.
  EXPECT_EQ(YearGroup(*doc.plan), 5);
  doc.plan->child.date_of_birth = Date{2012, 3, 1};
  EXPECT_EQ(YearGroup(*doc.plan), 9);
}

TEST(Linter, PfaRulesFireFromYearNineDerivedFromDateOfBirth) {
  std::string xml =
      Mutated({{R"(<yearGroup ncy="5"/>)", "<yearGroup/>"}, {"2016-03-01", "2012-03-01"}});
  EXPECT_FALSE(WithCode(LintXml(xml), "pfa-missing").empty());
}

TEST(GoldenThread, TableShowsEachNeedWithItsOutcomesAndProvision) {
  LoadedDocument doc = ParseDocument(testing::MinimalPlan(), "plan.xml", testing::LintSchemas());
  ASSERT_TRUE(doc.plan);
  GoldenThreadTable table = BuildGoldenThread(*doc.plan);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].need->id, "B1");
  ASSERT_EQ(table.rows[0].outcomes.size(), 1u);
  EXPECT_EQ(table.rows[0].outcomes[0]->id, "E1");
  ASSERT_EQ(table.rows[0].provision.size(), 1u);
  EXPECT_EQ(table.rows[0].provision[0].item->id, "F1");
  EXPECT_TRUE(table.rows[0].has_expected_provision);
  EXPECT_TRUE(table.orphan_provision.empty());
  EXPECT_TRUE(table.outcomes_without_provision.empty());
}

TEST(GoldenThread, GapsAreMarked) {
  LoadedDocument doc =
      ParseDocument(Mutated({{"<meets ref=\"B1\"/>\n      <towards ref=\"E1\"/>", ""}}), "plan.xml",
                    testing::LintSchemas());
  ASSERT_TRUE(doc.plan);
  GoldenThreadTable table = BuildGoldenThread(*doc.plan);
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_FALSE(table.rows[0].has_expected_provision);
  ASSERT_EQ(table.orphan_provision.size(), 1u);
  EXPECT_EQ(table.orphan_provision[0].item->id, "F1");
  ASSERT_EQ(table.outcomes_without_provision.size(), 1u);
}

}  // namespace
}  // namespace ehcp
