// Loading rules and council profiles: what a profile can change, and how bad rule data
// is reported (never a crash).

#include <gtest/gtest.h>

#include "lint/plan_text.h"
#include "lint/rule_kinds.h"
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

// Scopes are compiled to bit masks when the rule set is built; the masks must say what
// the names say for every rule and every field of real plans.
TEST(RuleSet, CompiledScopesAgreeWithTheirNames) {
  for (const char* sample :
       {"/samples/ks3-autism-anxiety/plan.xml", "/samples/weak-plan/plan.xml",
        "/samples/year10-pfa/plan.xml", "/samples/early-years-hearing/plan.xml"}) {
    LoadedDocument doc = LoadDocument(std::string(EHCP_SOURCE_DIR) + sample, testing::LintSchemas(),
                                      {}, SchemaCheck::kTolerant);
    ASSERT_TRUE(doc.plan) << sample;
    std::vector<PlanTextField> text = CollectPlanText(*doc.plan);
    ASSERT_FALSE(text.empty());
    for (const auto& f : text) {
      EXPECT_EQ(f.section_bit, SectionBit(f.section)) << f.section;
      EXPECT_NE(f.field_bit, 0u) << f.field << " is missing from plan_text.cc's field names";
    }
    size_t in_scope = 0;
    for (const auto& spec : testing::DefaultRules().Specs()) {
      ASSERT_TRUE(spec.scope.compiled) << spec.id;
      RuleScope by_name = spec.scope;
      by_name.compiled = false;
      for (const auto& f : text) {
        bool expected = InScope(by_name, f);
        EXPECT_EQ(InScope(spec.scope, f), expected)
            << spec.id << " " << f.section << "." << f.field;
        in_scope += expected;
      }
    }
    EXPECT_GT(in_scope, 0u) << sample;
  }
}

TEST(RuleSet, CompiledScopeExcludesSectionsFieldsAndPairs) {
  RuleScope scope;
  scope.sections = {"B", "C", "I", "Z"};  // "Z" is no section: it matches nothing
  scope.exclude = {"I.none", "C", "need.title", "K.intro"};
  scope.Compile();
  auto field = [](std::string section, std::string name) {
    PlanTextField f;
    f.section = std::move(section);
    f.field = std::move(name);
    f.section_bit = SectionBit(f.section);
    f.field_bit = FieldBit(f.field);
    return f;
  };
  EXPECT_TRUE(InScope(scope, field("B", "need.description")));
  EXPECT_FALSE(InScope(scope, field("B", "need.title")));
  EXPECT_FALSE(InScope(scope, field("C", "need.description")));
  EXPECT_FALSE(InScope(scope, field("I", "none")));
  EXPECT_TRUE(InScope(scope, field("B", "none")));
  EXPECT_TRUE(InScope(scope, field("I", "intro")));
  EXPECT_FALSE(InScope(scope, field("D", "intro")));
  // A field outside the name tables falls back to the names.
  PlanTextField unknown = field("Z", "note");
  EXPECT_EQ(unknown.section_bit, 0u);
  EXPECT_TRUE(InScope(scope, unknown));
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
