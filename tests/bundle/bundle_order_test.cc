#include "bundle/bundle_order.h"

#include <gtest/gtest.h>

#include "bundle/bundle_checks.h"
#include "bundle/bundle_manifest.h"
#include "bundle/bundle_rules.h"
#include "bundle/page_map.h"

namespace ehcp {
namespace {

// The sample manifest and the shipped rules file, read through the real schema.
class BundleOrderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schemas_ = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterBundleSchemas(*schemas_);
    DiagnosticList diagnostics;
    auto rules =
        LoadBundleRules(EHCP_SOURCE_DIR "/quality/bundle-rules.xml", *schemas_, diagnostics);
    ASSERT_TRUE(rules) << (diagnostics.Empty() ? "" : FormatDiagnostic(*diagnostics.begin()));
    rules_ = *rules;
    auto manifest = ReadBundleManifest(EHCP_SAMPLES "/bundle/manifest.xml", *schemas_, EHCP_SAMPLES,
                                       diagnostics);
    ASSERT_TRUE(manifest) << (diagnostics.Empty() ? "" : FormatDiagnostic(*diagnostics.begin()));
    manifest_ = *manifest;
  }
  std::unique_ptr<SchemaRegistry> schemas_;
  BundleRules rules_;
  BundleManifest manifest_;
};

TEST_F(BundleOrderTest, RulesFileListsSectionsAndLimitsAsData) {
  ASSERT_GE(rules_.sections.size(), 4u);
  EXPECT_EQ(rules_.sections[0].id, "appeal-documents");
  EXPECT_EQ(rules_.sections[1].id, "ehc-plan");
  EXPECT_EQ(rules_.sections[1].page_limit, 150);
  const AppealTypeRule* appeal = rules_.FindAppealType("section-b-f");
  ASSERT_NE(appeal, nullptr);
  EXPECT_EQ(appeal->evidence_pages_per_party, 100);
  EXPECT_EQ(rules_.PageLimit(rules_.sections[*rules_.SectionIndex("parent-evidence")],
                             *rules_.FindAppealType("section-i")),
            75);
}

TEST_F(BundleOrderTest, ReadsTheSampleManifest) {
  EXPECT_EQ(manifest_.tribunal_reference, "EH998/26/00042");
  EXPECT_EQ(manifest_.child_name, "Yusuf Haddad");
  EXPECT_EQ(manifest_.lang, "en-GB");
  EXPECT_EQ(manifest_.issue_date, (Date{2026, 12, 1}));
  ASSERT_EQ(manifest_.sections.size(), 4u);
  EXPECT_EQ(manifest_.sections[1].documents[2].source_kind, BundleSourceKind::kPdf);
  EXPECT_EQ(manifest_.sections[2].documents[0].source_kind, BundleSourceKind::kPlan);
  EXPECT_TRUE(manifest_.sections[2].documents[0].path.is_absolute());
}

TEST_F(BundleOrderTest, SectionsFollowTheRulesAndDocumentsTheirDates) {
  DiagnosticList diagnostics;
  auto sections = OrderBundle(manifest_, rules_, diagnostics);
  EXPECT_TRUE(diagnostics.Empty());
  ASSERT_EQ(sections.size(), 4u);
  EXPECT_EQ(sections[0].rule->id, "appeal-documents");
  EXPECT_EQ(sections[1].rule->id, "ehc-plan");
  EXPECT_EQ(sections[2].rule->id, "parent-evidence");
  EXPECT_EQ(sections[3].rule->id, "la-evidence");
  ASSERT_EQ(sections[0].documents.size(), 3u);
  EXPECT_EQ(sections[0].documents[0].entry->title, "Decision letter: final EHC plan issued");
  EXPECT_EQ(sections[0].documents[1].entry->title, "Notice of appeal");
  EXPECT_EQ(sections[0].documents[2].entry->title, "Local authority response to the appeal");
  EXPECT_EQ(sections[0].documents[2].tab, "A3");
  EXPECT_EQ(sections[3].documents[0].tab, "D1");

  for (auto& s : sections)
    for (auto& d : s.documents) d.facts.pages = 2;
  EXPECT_EQ(NumberPages(sections, 2), 2 + 6 * 2);
  EXPECT_EQ(sections[0].documents[0].first_page, 3);
  EXPECT_EQ(sections[0].documents[0].last_page, 4);
  EXPECT_EQ(sections[3].documents[0].first_page, 13);
  EXPECT_EQ(sections[3].documents[0].last_page, 14);

  PageMap map = MakePageMap(manifest_, sections, 14);
  EXPECT_EQ(map.front_matter_pages, 2);
  ASSERT_EQ(map.documents.size(), 6u);
  EXPECT_EQ(PageMapToJson(map)["documents"][5]["first_page"], 13);
  EXPECT_NE(FormatPageMap(map).find("D1   13-14"), std::string::npos) << FormatPageMap(map);
}

TEST_F(BundleOrderTest, SameDateDocumentsAreOrderedByTitle) {
  auto& docs = manifest_.sections[1].documents;  // appeal documents
  for (auto& d : docs) d.date = Date{2026, 10, 1};
  DiagnosticList diagnostics;
  auto sections = OrderBundle(manifest_, rules_, diagnostics);
  EXPECT_EQ(sections[0].documents[0].entry->title, "Decision letter: final EHC plan issued");
  EXPECT_EQ(sections[0].documents[1].entry->title, "Local authority response to the appeal");
  EXPECT_EQ(sections[0].documents[2].entry->title, "Notice of appeal");
}

TEST_F(BundleOrderTest, UnknownSectionsAndAppealTypesAreErrors) {
  manifest_.sections[0].ref = "closing-submissions";
  manifest_.appeal_type = "refusal-to-dance";
  DiagnosticList diagnostics;
  OrderBundle(manifest_, rules_, diagnostics);
  ASSERT_EQ(diagnostics.Count(Severity::kError), 2);
  EXPECT_NE(diagnostics.Items()[0].message.find("refusal-to-dance"), std::string::npos);
  EXPECT_NE(diagnostics.Items()[1].message.find("closing-submissions"), std::string::npos);
}

TEST_F(BundleOrderTest, OverLimitSectionIsAnErrorUnlessASend7RequestIsRecorded) {
  DiagnosticList ordering;
  auto sections = OrderBundle(manifest_, rules_, ordering);
  for (auto& s : sections)
    for (auto& d : s.documents) d.facts.pages = 2;
  sections[2].documents[0].facts.pages = 101;  // parent's evidence, limit 100 for B/F appeals
  DiagnosticList diagnostics;
  CheckBundle(manifest_, rules_, sections, diagnostics);
  ASSERT_EQ(diagnostics.Count(Severity::kError), 1);
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.code, "bundle.page-limit");
  EXPECT_NE(d.message.find("101 pages"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("is 100 (1 over)"), std::string::npos) << d.message;
  // The expert report is also over the 15-page limit for expert reports (a warning).
  EXPECT_EQ(diagnostics.Count(Severity::kWarning), 1);

  manifest_.sections[0].over_limit_request = "SEND7 request made 1 December 2026";
  DiagnosticList with_request;
  CheckBundle(manifest_, rules_, sections, with_request);
  EXPECT_EQ(with_request.Count(Severity::kError), 0);
  EXPECT_EQ(with_request.Count(Severity::kWarning), 2);
}

TEST_F(BundleOrderTest, PagesWithoutTextAreFlaggedWithTheirNumbers) {
  DiagnosticList ordering;
  auto sections = OrderBundle(manifest_, rules_, ordering);
  for (auto& s : sections)
    for (auto& d : s.documents) d.facts.pages = 3;
  sections[0].documents[1].facts.pages_without_text = {2, 3};
  DiagnosticList diagnostics;
  CheckBundle(manifest_, rules_, sections, diagnostics);
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].severity, Severity::kWarning);
  EXPECT_EQ(diagnostics.Items()[0].code, "bundle.no-text");
  EXPECT_NE(diagnostics.Items()[0].message.find("\"Notice of appeal\": pages 2, 3"),
            std::string::npos)
      << diagnostics.Items()[0].message;
}

}  // namespace
}  // namespace ehcp
