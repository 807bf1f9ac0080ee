// `ehcp lint` reads the plans reviewers are handed, imperfect ones included: a plan with a
// structural gap is linted with every rule, and each gap is one finding in plain words,
// not a cascade of schema errors. `validate` and `render` stay strict.

#include <gtest/gtest.h>

#include <regex>

#include "diagnostics/diagnostic_json.h"
#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::Describe;
using testing::LintXml;
using testing::Mutated;
using testing::WithCode;

std::string Cut(std::string xml, const std::string& open, const std::string& close) {
  auto from = xml.find(open);
  auto to = xml.find(close, from);
  EXPECT_NE(from, std::string::npos) << open;
  if (from != std::string::npos && to != std::string::npos)
    xml.erase(from, to + close.size() - from);
  return xml;
}

std::vector<Diagnostic> StructureFindings(const std::vector<Diagnostic>& findings) {
  static const std::set<std::string> kStructure{
      "section-missing", "section-blank",    "required-field-missing", "required-field-blank",
      "value-invalid",   "reference-broken", "duplicate-id",           "structure-unexpected"};
  std::vector<Diagnostic> out;
  for (const auto& d : findings)
    if (kStructure.count(d.code)) out.push_back(d);
  return out;
}

std::string SamplePlan(const std::string& name) {
  return testing::ReadFile(std::string(EHCP_SAMPLES) + "/" + name + "/plan.xml");
}

TEST(TolerantLint, AMissingSectionIsOneFindingInWordsAndEveryOtherRuleStillRuns) {
  std::string xml =
      Cut(Mutated({{"Direct speech and language therapy", "Regular speech and language therapy"}}),
          "<sectionD>", "</sectionD>");
  auto findings = LintXml(xml);
  auto structure = StructureFindings(findings);
  ASSERT_EQ(structure.size(), 1u) << Describe(findings);
  EXPECT_EQ(structure[0].code, "section-missing");
  EXPECT_EQ(structure[0].section, "D");
  EXPECT_NE(structure[0].message.find("Section D (Social care needs) is missing"),
            std::string::npos)
      << structure[0].message;
  EXPECT_GT(structure[0].location.line, 0);
  // The rest of the plan is still linted.
  EXPECT_FALSE(WithCode(findings, "provision-vague-wording").empty()) << Describe(findings);
}

TEST(TolerantLint, OneMissingSectionIsNotFortyReferenceErrors) {
  // Without Section J the validator rejects every later key reference (40 errors on this
  // plan); a reviewer sees one finding.
  std::string xml = Cut(SamplePlan("ks3-autism-anxiety"), "<sectionJ>", "</sectionJ>");
  auto findings = LintXml(xml);
  ASSERT_EQ(findings.size(), 1u) << Describe(findings);
  EXPECT_EQ(findings[0].code, "section-missing");
  EXPECT_EQ(findings[0].section, "J");
  EXPECT_NE(findings[0].message.find("personal budget"), std::string::npos);
}

TEST(TolerantLint, ReferencesIntoAMissingSectionArePartOfThatOneFinding) {
  // E1 and F1 both meet B1; with Section B gone there is still one finding.
  auto findings = LintXml(Cut(testing::MinimalPlan(), "<sectionB>", "</sectionB>"));
  auto structure = StructureFindings(findings);
  ASSERT_EQ(structure.size(), 1u) << Describe(findings);
  EXPECT_EQ(structure[0].code, "section-missing");
  EXPECT_EQ(structure[0].section, "B");
  EXPECT_TRUE(WithCode(findings, "reference-broken").empty());
}

TEST(TolerantLint, ABlankSectionIsOneFindingAndNothingElseIsSaidAboutIt) {
  std::string xml = testing::MinimalPlan();
  auto from = xml.find("<sectionE>");
  auto to = xml.find("</sectionE>");
  xml.replace(from, to - from, "<sectionE>\n  ");
  auto findings = LintXml(xml);
  auto blank = WithCode(findings, "section-blank");
  ASSERT_EQ(blank.size(), 1u) << Describe(findings);
  EXPECT_EQ(blank[0].section, "E");
  EXPECT_NE(blank[0].message.find("is blank"), std::string::npos);
  for (const auto& d : findings) {
    if (d.code != "section-blank") {
      EXPECT_NE(d.section, "E") << FormatDiagnostic(d);
    }
  }
}

TEST(TolerantLint, APlacementWithNoTypeSaysSo) {
  auto findings = LintXml(Mutated({{"<type>Mainstream primary academy</type>", ""}}));
  auto missing = WithCode(findings, "required-field-missing");
  ASSERT_EQ(missing.size(), 1u) << Describe(findings);
  EXPECT_EQ(missing[0].section, "I");
  EXPECT_EQ(missing[0].message,
            "the placement in Section I has no type of school or other institution");
  EXPECT_NE(missing[0].detail.find("not expected"), std::string::npos)
      << "the schema's words stay in detail";
}

TEST(TolerantLint, AViewWithNoAttributionSaysWhoseWordsAreMissing) {
  auto findings = LintXml(Mutated({{R"( attribution="child-own-words")", ""}}));
  auto missing = WithCode(findings, "required-field-missing");
  ASSERT_EQ(missing.size(), 1u) << Describe(findings);
  EXPECT_EQ(missing[0].item_id, "A1");
  EXPECT_EQ(missing[0].message.rfind("view A1 has no attribution (whose words these are", 0), 0u)
      << missing[0].message;
}

TEST(TolerantLint, ABlankDescriptionAndABadValueAreOneFindingEach) {
  auto findings = LintXml(Mutated(
      {{"Direct speech and language therapy to teach Alex strategies for remembering instructions.",
        "   "},
       {R"(per="week")", R"(per="weekly")"}}));
  auto blank = WithCode(findings, "required-field-blank");
  ASSERT_EQ(blank.size(), 1u) << Describe(findings);
  EXPECT_EQ(blank[0].item_id, "F1");
  auto invalid = WithCode(findings, "value-invalid");
  ASSERT_EQ(invalid.size(), 1u) << Describe(findings);
  EXPECT_NE(invalid[0].message.find("\"weekly\" is not a valid period"), std::string::npos)
      << invalid[0].message;
}

TEST(TolerantLint, NoReviewerSeesTheSchemaValidatorsWording) {
  std::string xml = Cut(SamplePlan("year10-pfa"), "<sectionC>", "</sectionC>");
  xml = std::regex_replace(xml, std::regex(R"( attribution="[^"]*")"), "",
                           std::regex_constants::format_first_only);
  for (const auto& d : LintXml(xml)) {
    for (const char* raw : {"Element '", "key-sequence", "{urn:", "Expected is", "[facet"})
      EXPECT_EQ(d.message.find(raw), std::string::npos) << d.message;
    nlohmann::json j = DiagnosticToJson(d);
    if (!d.detail.empty()) {
      EXPECT_EQ(j["detail"], d.detail);
    }
  }
}

TEST(TolerantLint, ValidateAndRenderStayStrict) {
  std::string xml = Cut(testing::MinimalPlan(), "<sectionJ>", "</sectionJ>");
  LoadedDocument strict = ParseDocument(xml, "plan.xml", testing::LintSchemas());
  EXPECT_TRUE(strict.diagnostics.HasErrors());
  EXPECT_FALSE(strict.plan.has_value());
  LoadedDocument tolerant =
      ParseDocument(xml, "plan.xml", testing::LintSchemas(), {}, SchemaCheck::kTolerant);
  EXPECT_FALSE(tolerant.diagnostics.HasErrors());
  ASSERT_TRUE(tolerant.plan.has_value());
  ASSERT_EQ(tolerant.structure.size(), 1u);
  EXPECT_EQ(tolerant.structure[0].kind, StructureProblemKind::kSectionMissing);
}

TEST(TolerantLint, MalformedXmlAndOtherDocumentsAreStillRefused) {
  LoadedDocument broken = ParseDocument("<plan xmlns=\"urn:ehcp:schema:1\"><meta>", "plan.xml",
                                        testing::LintSchemas(), {}, SchemaCheck::kTolerant);
  EXPECT_TRUE(broken.diagnostics.HasErrors());
  EXPECT_FALSE(broken.plan.has_value());
  // A contribution that breaks its schema is not read tolerantly.
  LoadedDocument contribution =
      ParseDocument("<contribution xmlns=\"urn:ehcp:schema:1\"/>", "c.xml", testing::LintSchemas(),
                    {}, SchemaCheck::kTolerant);
  EXPECT_TRUE(contribution.diagnostics.HasErrors());
  EXPECT_FALSE(contribution.contribution.has_value());
}

TEST(TolerantLint, FindingsQuoteTheWordsTheyAreAbout) {
  auto findings = LintXml(Mutated({{R"(<frequency count="1" per="week"/>)", ""}}));
  auto missing = WithCode(findings, "provision-frequency-missing");
  ASSERT_EQ(missing.size(), 1u) << Describe(findings);
  EXPECT_EQ(
      missing[0].quote,
      "Direct speech and language therapy to teach Alex strategies for remembering instructions.");
}

}  // namespace
}  // namespace ehcp
