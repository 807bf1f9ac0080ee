// The one render path (render/render_plan.h): every output kind to a file and in memory,
// the template chosen, and the failures: an unwritable output is one located error with
// nothing left at its path, an unreadable plan and a contribution are refused.

#include "render/render_plan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "loader/document_loader.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

const std::string kPlan = EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml";
const std::string kMinimal = EHCP_TEST_DATA "/minimal-plan.xml";
constexpr int64_t kEpoch = 1780000000;

class RenderPlanTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    schemas_ = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas").release();
    DiagnosticList problems;
    default_ = new TemplateSet(*LoadTemplateSet(EHCP_SOURCE_DIR "/templates/default", problems));
    branded_ =
        new TemplateSet(*LoadTemplateSet(EHCP_SOURCE_DIR "/templates/exampleshire", problems));
    ASSERT_FALSE(problems.HasErrors());
  }
  static void TearDownTestSuite() {
    delete schemas_;
    delete default_;
    delete branded_;
  }
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ehcp-render-plan-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }

  static RenderRequest Request(const TemplateSet& templates, RenderOutputs outputs) {
    RenderRequest request;
    request.templates = &templates;
    request.outputs = std::move(outputs);
    request.source_date_epoch = kEpoch;
    return request;
  }
  static RenderOutputs AllInMemory() {
    std::string memory(kInMemory);
    return {{RenderFormat::kPdf, memory},
            {RenderFormat::kDocx, memory},
            {RenderFormat::kHtml, memory},
            {RenderFormat::kText, memory}};
  }

  static SchemaRegistry* schemas_;
  static TemplateSet* default_;
  static TemplateSet* branded_;
  fs::path dir_;
};

SchemaRegistry* RenderPlanTest::schemas_ = nullptr;
TemplateSet* RenderPlanTest::default_ = nullptr;
TemplateSet* RenderPlanTest::branded_ = nullptr;

TEST_F(RenderPlanTest, WritesEveryOutputKindToFiles) {
  RenderOutputs outputs{{RenderFormat::kPdf, Out("p.pdf")},
                        {RenderFormat::kDocx, Out("p.docx")},
                        {RenderFormat::kHtml, Out("p.html")},
                        {RenderFormat::kText, Out("p.txt")}};
  RenderResult result = RenderPlanFile(kPlan, Request(*default_, outputs), *schemas_);
  ASSERT_TRUE(result.rendered) << (result.diagnostics.Empty()
                                       ? ""
                                       : FormatDiagnostic(*result.diagnostics.begin()));
  EXPECT_EQ(result.Kind(), ErrorKind::kNone);
  EXPECT_EQ(result.written,
            (std::vector<std::string>{Out("p.pdf"), Out("p.docx"), Out("p.html"), Out("p.txt")}));
  EXPECT_TRUE(result.not_written.empty());
  EXPECT_TRUE(result.bytes.empty());
  EXPECT_EQ(testing::ReadFileText(Out("p.pdf")).substr(0, 5), "%PDF-");
  EXPECT_EQ(testing::ReadFileText(Out("p.docx")).substr(0, 2), "PK");
  EXPECT_NE(testing::ReadFileText(Out("p.html")).find("<html"), std::string::npos);
  EXPECT_NE(testing::ReadFileText(Out("p.txt")).find("Yusuf"), std::string::npos);
}

// The service and the bundle keep outputs in memory: the same bytes as the files.
TEST_F(RenderPlanTest, InMemoryOutputsAreTheFilesBytes) {
  RenderOutputs files{{RenderFormat::kPdf, Out("p.pdf")},
                      {RenderFormat::kDocx, Out("p.docx")},
                      {RenderFormat::kHtml, Out("p.html")},
                      {RenderFormat::kText, Out("p.txt")}};
  ASSERT_TRUE(RenderPlanFile(kPlan, Request(*default_, files), *schemas_).rendered);
  std::string xml = testing::ReadFileText(kPlan);
  RenderResult memory =
      RenderPlanBytes(xml, "plan.xml", Request(*default_, AllInMemory()), *schemas_);
  ASSERT_TRUE(memory.rendered);
  EXPECT_TRUE(memory.written.empty());
  ASSERT_EQ(memory.bytes.size(), 4u);
  EXPECT_EQ(memory.bytes[RenderFormat::kPdf], testing::ReadFileText(Out("p.pdf")));
  EXPECT_EQ(memory.bytes[RenderFormat::kDocx], testing::ReadFileText(Out("p.docx")));
  EXPECT_EQ(memory.bytes[RenderFormat::kHtml], testing::ReadFileText(Out("p.html")));
  EXPECT_EQ(memory.bytes[RenderFormat::kText], testing::ReadFileText(Out("p.txt")));
  // A plan already loaded renders the same again.
  auto loaded = LoadDocument(kPlan, *schemas_);
  ASSERT_TRUE(loaded.plan);
  RenderResult from_plan =
      RenderPlan(std::move(*loaded.plan), kPlan, Request(*default_, AllInMemory()));
  EXPECT_EQ(from_plan.bytes[RenderFormat::kPdf], memory.bytes[RenderFormat::kPdf]);
}

TEST_F(RenderPlanTest, TheChosenTemplateSetDrawsThePlan) {
  RenderResult plain = RenderPlanFile(kPlan, Request(*default_, AllInMemory()), *schemas_);
  RenderResult branded = RenderPlanFile(kPlan, Request(*branded_, AllInMemory()), *schemas_);
  ASSERT_TRUE(plain.rendered);
  ASSERT_TRUE(branded.rendered);
  const std::string council = "Exampleshire County Council";
  EXPECT_NE(branded.bytes[RenderFormat::kText].find(council), std::string::npos);
  EXPECT_NE(branded.bytes[RenderFormat::kHtml].find(council), std::string::npos);
  EXPECT_EQ(plain.bytes[RenderFormat::kText].find(council), std::string::npos);
  EXPECT_NE(plain.bytes[RenderFormat::kPdf], branded.bytes[RenderFormat::kPdf]);
}

TEST_F(RenderPlanTest, PageLabelReplacesTheDocumentsOwn) {
  RenderRequest request = Request(*default_, {{RenderFormat::kText, std::string(kInMemory)}});
  request.page_label = "Plan page {page} of {pages}";
  RenderResult labelled = RenderPlanFile(kPlan, request, *schemas_);
  ASSERT_TRUE(labelled.rendered);
  EXPECT_NE(labelled.bytes[RenderFormat::kText].find("Plan page {page} of {pages}"),
            std::string::npos);
}

// An output whose folder cannot exist (its parent is a file): one io.write error at that
// path, nothing there, the other formats written, and the kind that exits 2.
TEST_F(RenderPlanTest, AnUnwritableOutputIsOneLocatedErrorAndNothingHalfWritten) {
  std::ofstream(Out("file")) << "not a folder";
  std::string blocked = Out("file") + "/p.pdf";
  RenderOutputs outputs{{RenderFormat::kPdf, blocked}, {RenderFormat::kDocx, Out("p.docx")}};
  RenderResult result = RenderPlanFile(kPlan, Request(*default_, outputs), *schemas_);
  EXPECT_FALSE(result.rendered);
  EXPECT_EQ(result.Kind(), ErrorKind::kNotWritten);
  EXPECT_EQ(ExitCode(result.Kind()), 2);
  ASSERT_EQ(result.diagnostics.Count(Severity::kError), 1);
  const Diagnostic& error = *result.diagnostics.begin();
  EXPECT_EQ(error.code, kWriteFailedCode);
  EXPECT_EQ(error.location.FileName(), blocked);
  EXPECT_EQ(result.not_written, std::vector<std::string>{blocked});
  EXPECT_EQ(result.written, std::vector<std::string>{Out("p.docx")});
  // Only the two files this test made: no staging file left behind.
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 2u);
}

// A format that fails in the writer (a script no font here shapes) leaves no file; the
// others are still made.
TEST_F(RenderPlanTest, AFormatThatFailsLeavesNoFile) {
  std::string plan = testing::ReadFileText(kMinimal);
  plan.insert(plan.find("<p>") + 3, "Sokha (\u179F\u17BB\u1781\u17B6) ");
  std::ofstream(Out("plan.xml"), std::ios::binary) << plan;
  RenderOutputs outputs{{RenderFormat::kPdf, Out("p.pdf")}, {RenderFormat::kDocx, Out("p.docx")}};
  RenderResult result = RenderPlanFile(Out("plan.xml"), Request(*default_, outputs), *schemas_);
  EXPECT_FALSE(result.rendered);
  EXPECT_EQ(result.Kind(), ErrorKind::kInvalid);
  EXPECT_FALSE(fs::exists(Out("p.pdf")));
  EXPECT_EQ(result.not_written, std::vector<std::string>{Out("p.pdf")});
  EXPECT_EQ(result.written, std::vector<std::string>{Out("p.docx")});
  ASSERT_FALSE(result.diagnostics.Empty());
  EXPECT_EQ(result.diagnostics.begin()->code, "pdf.unprintable-character");
  EXPECT_EQ(result.diagnostics.begin()->location.FileName(), Out("plan.xml"));
  EXPECT_GT(result.diagnostics.begin()->location.line, 0);
  // In memory the format is named, not a path.
  RenderResult memory =
      RenderPlanBytes(plan, "plan.xml", Request(*default_, AllInMemory()), *schemas_);
  EXPECT_EQ(memory.not_written, std::vector<std::string>{"pdf"});
  EXPECT_EQ(memory.bytes.count(RenderFormat::kPdf), 0u);
  EXPECT_EQ(memory.bytes.count(RenderFormat::kDocx), 1u);
}

TEST_F(RenderPlanTest, AnUnreadablePlanAndAContributionAreRefused) {
  RenderOutputs outputs{{RenderFormat::kPdf, Out("p.pdf")}};
  RenderResult missing = RenderPlanFile(Out("nope.xml"), Request(*default_, outputs), *schemas_);
  EXPECT_FALSE(missing.rendered);
  EXPECT_EQ(missing.Kind(), ErrorKind::kUnreadable);
  EXPECT_FALSE(fs::exists(Out("p.pdf")));

  std::string contribution;
  for (const auto& entry :
       fs::directory_iterator(EHCP_SAMPLES "/ks3-autism-anxiety/contributions")) {
    contribution = entry.path().string();
    break;
  }
  ASSERT_FALSE(contribution.empty());
  RenderResult refused = RenderPlanFile(contribution, Request(*default_, outputs), *schemas_);
  EXPECT_FALSE(refused.rendered);
  EXPECT_EQ(refused.Kind(), ErrorKind::kInvalid);
  ASSERT_FALSE(refused.diagnostics.Empty());
  EXPECT_EQ(refused.diagnostics.begin()->code, "render.not-a-plan");
  // Found in a folder rather than named, it is skipped without a word.
  RenderRequest folder = Request(*default_, outputs);
  folder.skip_non_plans = true;
  RenderResult skipped = RenderPlanFile(contribution, folder, *schemas_);
  EXPECT_TRUE(skipped.skipped);
  EXPECT_TRUE(skipped.diagnostics.Empty());
  EXPECT_FALSE(fs::exists(Out("p.pdf")));
}

// The raw-byte test that decides the hand-off to ehcp-render.
TEST_F(RenderPlanTest, NeedsComplexShapingFindsIndicText) {
  EXPECT_TRUE(NeedsComplexShaping("<p>Alex (\u0906\u0932\u0947\u0915\u094D\u0938)</p>"));
  EXPECT_FALSE(NeedsComplexShaping("<p>Yusuf (\u064A\u0648\u0633\u0641) \u674E</p>"));
  EXPECT_FALSE(NeedsComplexShaping(std::string("\xff\xfe<p>", 5)));
  EXPECT_FALSE(FileNeedsComplexShaping(kPlan));
  EXPECT_FALSE(FileNeedsComplexShaping(Out("missing.xml")));
}

}  // namespace
}  // namespace ehcp
