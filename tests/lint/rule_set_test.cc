// Loading rules and council profiles: what a profile can change, and how bad rule data
// is reported (never a crash).

#include <gtest/gtest.h>

#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::LintXml;
using testing::LoadRules;
using testing::Mutated;
using testing::Profile;
using testing::WithCode;

TEST(RuleSet, EveryRuleHasItsData) {
  for (const auto& spec : testing::DefaultRules().Specs()) {
    EXPECT_FALSE(spec.title.empty()) << spec.id;
    EXPECT_FALSE(spec.message.empty()) << spec.id;
    EXPECT_FALSE(spec.hint.empty()) << spec.id;
    EXPECT_FALSE(spec.source.empty()) << spec.id;
    EXPECT_FALSE(spec.scope.sections.empty()) << spec.id << " has no sections to grade against";
  }
}

TEST(RuleSet, ProfileDisablesARule) {
  DiagnosticList diagnostics;
  auto rules = LoadRules(Profile(R"(<disable rule="outcome-count"/>)"), diagnostics);
  ASSERT_TRUE(rules) << testing::Describe(diagnostics.Items());
  EXPECT_FALSE(WithCode(LintXml(testing::MinimalPlan()), "outcome-count").empty());
  EXPECT_TRUE(WithCode(LintXml(testing::MinimalPlan(), *rules), "outcome-count").empty());
  EXPECT_EQ(rules->ProfileName(), "Test council");
}

TEST(RuleSet, ProfileChangesSeverityEverywhere) {
  DiagnosticList diagnostics;
  auto rules =
      LoadRules(Profile(R"(<severity rule="provision-vague-wording" level="info"/>)"), diagnostics);
  ASSERT_TRUE(rules);
  auto findings = WithCode(
      LintXml(
          Mutated({{"Direct speech and language therapy to teach", "Regular therapy to teach"}}),
          *rules),
      "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::kInfo);
}

TEST(RuleSet, ProfileAddsTermsWithoutRecompiling) {
  std::string xml = Mutated({{"Direct speech and language therapy to teach",
                              "Speech and language therapy as directed, to teach"}});
  EXPECT_TRUE(WithCode(LintXml(xml), "provision-vague-wording").empty());
  DiagnosticList diagnostics;
  auto rules = LoadRules(
      Profile(
          R"(<terms list="vague-provision"><term text="as directed" suggest="say how often"/></terms>)"),
      diagnostics);
  ASSERT_TRUE(rules);
  auto findings = WithCode(LintXml(xml, *rules), "provision-vague-wording");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_NE(findings[0].message.find("\"as directed\""), std::string::npos);
  EXPECT_NE(findings[0].hint.find("say how often"), std::string::npos);
}

TEST(RuleSet, ProfileChangesAParameter) {
  DiagnosticList diagnostics;
  auto rules =
      LoadRules(Profile(R"(<param rule="outcome-count" name="min" value="1"/>)"), diagnostics);
  ASSERT_TRUE(rules);
  EXPECT_TRUE(WithCode(LintXml(testing::MinimalPlan(), *rules), "outcome-count").empty());
}

TEST(RuleSet, ProfileNamingAnUnknownRuleIsAnError) {
  DiagnosticList diagnostics;
  auto rules = LoadRules(Profile(R"(<disable rule="no-such-rule"/>)"), diagnostics);
  EXPECT_FALSE(rules);
  ASSERT_FALSE(diagnostics.Empty());
  EXPECT_NE(diagnostics.Items()[0].message.find("no-such-rule"), std::string::npos);
  EXPECT_GT(diagnostics.Items()[0].location.line, 0);
}

TEST(RuleSet, InvalidProfileGetsSchemaDiagnostics) {
  DiagnosticList diagnostics;
  auto rules =
      LoadRules(Profile(R"(<severity rule="outcome-count" level="catastrophic"/>)"), diagnostics);
  EXPECT_FALSE(rules);
  ASSERT_FALSE(diagnostics.Empty());
  EXPECT_EQ(diagnostics.Items()[0].code, "schema.invalid");
}

TEST(RuleSet, BadRuleDataIsReportedWithItsLocation) {
  auto dir = std::filesystem::temp_directory_path() / ("ehcp-rules-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = (dir / "bad.xml").string();
  std::ofstream(file) << R"(<rules xmlns="urn:ehcp:schema:1">
  <wordList name="broken"><term regex="(unclosed"/></wordList>
  <rule id="mystery" kind="no-such-kind" severity="error"><title>t</title><message>m</message><hint>h</hint><source>s</source></rule>
  <rule id="needs-list" kind="lexicon" severity="error"><title>t</title><param name="list" value="missing"/><message>m</message><hint>h</hint><source>s</source></rule>
</rules>)";
  DiagnosticList diagnostics;
  auto rules = RuleSet::Load({file}, "", testing::LintSchemas(), diagnostics);
  std::filesystem::remove_all(dir);
  EXPECT_FALSE(rules);
  std::string all = testing::Describe(diagnostics.Items());
  EXPECT_NE(all.find("not a valid regular expression"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown rule kind"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown word list \"missing\""), std::string::npos) << all;
  EXPECT_NE(all.find("bad.xml:3:"), std::string::npos) << all;
}

}  // namespace
}  // namespace ehcp
