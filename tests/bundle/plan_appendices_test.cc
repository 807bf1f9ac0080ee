// Appendices (`ehcp render --appendices DIR`): which PDF in DIR each appended K entry is,
// the refusals (missing, outside DIR, shared, not a PDF) naming the entry and the path,
// and the plan with its appendices read back.

#include "bundle/plan_appendices.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "bundle/front_matter.h"
#include "bundle/source_pdf.h"
#include "pdf/pdf_writer.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

AdviceItem Advice(const std::string& id, const std::string& file, bool appended = true) {
  AdviceItem a;
  a.id = id;
  a.title = "Advice " + id;
  a.author = "Dr Example " + id;
  a.role = "Educational psychologist";
  a.organisation = "Exampleshire EPS";
  a.appended = appended;
  a.file = file;
  a.location = FileLocation("plan.xml", 10, 5);
  return a;
}

class PlanAppendicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ehcp-appendices-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / "advice");
    fs::create_directories(dir_ / "other");
    for (const char* name : {"04-ep.pdf", "K7.pdf"})
      fs::copy_file(EHCP_SAMPLES "/bundle/evidence/05-ep-report.pdf", dir_ / "advice" / name);
    std::ofstream(dir_ / "other" / "05-salt.pdf") << "%PDF-1.7";
    DiagnosticList problems;
    auto templates = LoadTemplateSet(EHCP_SAMPLES "/../templates/default", problems);
    ASSERT_TRUE(templates) << problems.Size();
    templates_ = *templates;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Folder() const { return dir_ / "advice"; }
  fs::path dir_;
  TemplateSet templates_;
};

TEST(AppendixFileName, IsTheFilesNameWithPdfOrElseTheReference) {
  EXPECT_EQ(AppendixFileName(Advice("K4", "contributions/04-educational-psychologist.xml")),
            "04-educational-psychologist.pdf");
  EXPECT_EQ(AppendixFileName(Advice("K4", "04-ep.pdf")), "04-ep.pdf");
  // Only the name counts: a `file` with folders cannot lead out of DIR.
  EXPECT_EQ(AppendixFileName(Advice("K4", "../../secret/ep.xml")), "ep.pdf");
  EXPECT_EQ(AppendixFileName(Advice("K7", "")), "K7.pdf");
}

TEST_F(PlanAppendicesTest, MatchesEveryAppendedEntryInKsOrder) {
  Plan plan;
  plan.k.advice = {Advice("K4", "contributions/04-ep.xml"), Advice("K5", "", false),
                   Advice("K7", "")};
  DiagnosticList diagnostics;
  auto appendices = MatchAppendices(plan, Folder(), templates_, diagnostics);
  EXPECT_TRUE(diagnostics.Empty());
  ASSERT_EQ(appendices.size(), 2u);  // K5 is not appended
  EXPECT_EQ(appendices[0].advice_id, "K4");
  EXPECT_EQ(appendices[0].path, fs::canonical(Folder() / "04-ep.pdf"));
  EXPECT_EQ(appendices[0].title, "Appendix K4: Dr Example K4, Educational psychologist");
  EXPECT_EQ(appendices[1].path, fs::canonical(Folder() / "K7.pdf"));
  auto links = AppendixLinks(appendices);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links["K4"], IndexLinkTarget(0));
  EXPECT_EQ(links["K7"], IndexLinkTarget(1));
}

TEST_F(PlanAppendicesTest, AMissingPdfIsAnErrorNamingTheEntryAndThePath) {
  Plan plan;
  plan.k.advice = {Advice("K4", "contributions/04-ep.xml"),
                   Advice("K5", "contributions/05-salt.xml")};
  DiagnosticList diagnostics;
  auto appendices = MatchAppendices(plan, Folder(), templates_, diagnostics);
  ASSERT_EQ(diagnostics.Size(), 1u);
  const Diagnostic& d = *diagnostics.begin();
  EXPECT_EQ(d.code, "render.appendix");
  EXPECT_NE(d.message.find("K5"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find((Folder() / "05-salt.pdf").string()), std::string::npos) << d.message;
  EXPECT_EQ(d.location.line, 10);
}

TEST_F(PlanAppendicesTest, ALinkOutOfTheFolderAndASharedPdfAreRefused) {
  fs::create_symlink(dir_ / "other" / "05-salt.pdf", Folder() / "05-salt.pdf");
  Plan plan;
  plan.k.advice = {Advice("K4", "04-ep.xml"), Advice("K5", "05-salt.xml"),
                   Advice("K6", "elsewhere/04-ep.docx")};
  DiagnosticList diagnostics;
  MatchAppendices(plan, Folder(), templates_, diagnostics);
  ASSERT_EQ(diagnostics.Size(), 2u);
  auto it = diagnostics.begin();
  EXPECT_NE(it->message.find("K5 is marked appended"), std::string::npos) << it->message;
  EXPECT_NE(it->message.find("outside"), std::string::npos) << it->message;
  ++it;
  EXPECT_NE(it->message.find("K6 and K4 both name"), std::string::npos) << it->message;
}

// The plan (here a one-page document with a link to appendix 0) and two appendices, one
// tagged and one not, read back as one tagged PDF with every page.
TEST_F(PlanAppendicesTest, AppendsEachPdfAfterThePlan) {
  fs::copy_file(EHCP_SAMPLES "/bundle/evidence/02-notice-of-appeal.pdf", Folder() / "K8.pdf");
  Plan plan;
  plan.k.advice = {Advice("K4", "04-ep.xml"), Advice("K8", "")};
  DiagnosticList diagnostics;
  auto appendices = MatchAppendices(plan, Folder(), templates_, diagnostics);
  ASSERT_EQ(appendices.size(), 2u);

  doc::Document document;
  document.title = "A plan";
  doc::Paragraph paragraph;
  doc::Span span;
  span.text = "Yes: Appendix K4";
  span.link = AppendixLinks(appendices)["K4"];
  paragraph.spans.push_back(span);
  document.blocks.push_back(paragraph);
  std::string plan_pdf, bytes;
  ASSERT_TRUE(RenderPdf(document, PdfOptions{}, "plan.xml", plan_pdf, diagnostics));
  ASSERT_TRUE(AppendToPlanPdf(plan_pdf, "plan.xml", appendices, bytes, diagnostics));
  EXPECT_FALSE(diagnostics.HasErrors());

  auto merged = SourcePdf::OpenInMemory(bytes, "merged", FileLocation("merged"), diagnostics);
  ASSERT_TRUE(merged);
  auto ep = SourcePdf::Open(Folder() / "04-ep.pdf", "ep", FileLocation("ep"), diagnostics);
  auto notice = SourcePdf::Open(Folder() / "K8.pdf", "notice", FileLocation("n"), diagnostics);
  ASSERT_TRUE(ep && notice);
  EXPECT_EQ(merged->PageCount(), 1 + ep->PageCount() + notice->PageCount());
  EXPECT_TRUE(merged->Tagged());
  EXPECT_NE(bytes.find("/Title (Appendix K8: Dr Example K8, Educational psychologist)"),
            std::string::npos);
  EXPECT_EQ(bytes.find("urn:ehcp:bundle-document"), std::string::npos);  // re-pointed
}

TEST_F(PlanAppendicesTest, AFileThatIsNotAPdfIsAnErrorNamingTheEntryAndThePath) {
  std::ofstream(Folder() / "K9.pdf") << "not a PDF at all";
  Plan plan;
  plan.k.advice = {Advice("K9", "")};
  DiagnosticList diagnostics;
  auto appendices = MatchAppendices(plan, Folder(), templates_, diagnostics);
  ASSERT_EQ(appendices.size(), 1u);
  doc::Document document;
  document.title = "A plan";
  document.blocks.push_back(doc::Paragraph{});
  std::string plan_pdf, bytes;
  ASSERT_TRUE(RenderPdf(document, PdfOptions{}, "plan.xml", plan_pdf, diagnostics));
  EXPECT_FALSE(AppendToPlanPdf(plan_pdf, "plan.xml", appendices, bytes, diagnostics));
  EXPECT_TRUE(bytes.empty());
  ASSERT_EQ(diagnostics.Size(), 1u);
  const Diagnostic& d = *diagnostics.begin();
  EXPECT_EQ(d.code, "render.appendix");
  EXPECT_NE(d.message.find("K9"), std::string::npos) << d.message;
  EXPECT_EQ(d.message.find("K9's PDF " + fs::canonical(Folder() / "K9.pdf").string() +
                           " is not a PDF file"),
            0u)
      << d.message;
}

}  // namespace
}  // namespace ehcp
