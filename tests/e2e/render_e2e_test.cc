// End-to-end tests of `ehcp render`: outputs appear for good plans, nothing is written
// for bad input, outputs never overwrite inputs, and usage errors exit 2.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "image/test_images.h"
#include "run_command.h"
#include "support/file_text.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;

const std::string kPlan = EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml";
const std::string kOtherPlan = EHCP_SAMPLES "/early-years-hearing/plan.xml";
const std::string kMinimal = EHCP_TEST_DATA "/minimal-plan.xml";

class RenderCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ehcp-render-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }
  size_t FilesInDir() const {
    size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(dir_); it != fs::recursive_directory_iterator();
         ++it) {
      if (it->is_regular_file()) ++n;
    }
    return n;
  }
  fs::path dir_;
};

TEST_F(RenderCommand, WritesPdfAndDocxForOnePlan) {
  auto result = RunEhcp({"render", kPlan, "--pdf", Out("yusuf.pdf"), "--docx", Out("yusuf.docx")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(testing::ReadFileText(Out("yusuf.pdf")).substr(0, 5), "%PDF-");
  EXPECT_EQ(testing::ReadFileText(Out("yusuf.docx")).substr(0, 2), "PK");
  EXPECT_GT(fs::file_size(Out("yusuf.pdf")), 10'000u);
  EXPECT_NE(result.output.find("wrote " + Out("yusuf.pdf") + ", " + Out("yusuf.docx")),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("1 plan: 1 rendered, 0 not rendered"), std::string::npos)
      << result.output;
  EXPECT_EQ(FilesInDir(), 2u);  // no temporary files left behind
}

TEST_F(RenderCommand, WritesTheHtmlPageOfOnePlan) {
  auto result = RunEhcp({"render", kPlan, "--html", Out("plan.html")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string page = testing::ReadFileText(Out("plan.html"));
  EXPECT_EQ(page.substr(0, 15), "<!DOCTYPE html>");
  EXPECT_NE(page.find("<main id=\"main\">"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(FilesInDir(), 1u);
  // The same plan gives the same bytes.
  ASSERT_EQ(RunEhcp({"render", kPlan, "--html", Out("again.html")}).exit_code, 0);
  EXPECT_EQ(testing::ReadFileText(Out("again.html")), page);
  // The output guard covers --html too.
  fs::copy_file(kMinimal, Out("plan.xml"));
  std::string before = testing::ReadFileText(Out("plan.xml"));
  auto refused = RunEhcp({"render", Out("plan.xml"), "--html", Out("plan.xml")});
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("refusing to overwrite an input file"), std::string::npos)
      << refused.output;
  EXPECT_EQ(testing::ReadFileText(Out("plan.xml")), before);
}

TEST_F(RenderCommand, FormatsChoosesWhatAFolderRunWrites) {
  auto result = RunEhcp({"render", kPlan, kOtherPlan, "-o", Out("out"), "--formats", "html,pdf"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::exists(Out("out/ks3-autism-anxiety.html")));
  EXPECT_TRUE(fs::exists(Out("out/early-years-hearing.pdf")));
  EXPECT_FALSE(fs::exists(Out("out/ks3-autism-anxiety.docx")));
  EXPECT_EQ(RunEhcp({"render", kPlan, "--formats", "html", "--html", Out("x.html")}).exit_code, 2);
  EXPECT_EQ(RunEhcp({"render", kPlan, "-o", Out("o"), "--formats", "html", "--pdf-only"}).exit_code,
            2);
  EXPECT_EQ(RunEhcp({"render", kPlan, "-o", Out("o"), "--formats", "odt"}).exit_code, 2);
}

TEST_F(RenderCommand, AboutMePageOpensThePlanWhenTheTemplateAsksForIt) {
  ASSERT_EQ(
      RunEhcp({"render", kPlan, "--template", "exampleshire", "--text", Out("ex.txt")}).exit_code,
      0);
  ASSERT_EQ(RunEhcp({"render", kPlan, "--text", Out("default.txt")}).exit_code, 0);
  std::string with = testing::ReadFileText(Out("ex.txt")),
              without = testing::ReadFileText(Out("default.txt"));
  size_t about = with.find("#about-me: All about ");
  ASSERT_NE(about, std::string::npos) << with.substr(0, 2000);
  EXPECT_LT(about, with.find("#section-a:"));
  EXPECT_EQ(without.find("#about-me"), std::string::npos);
}

TEST_F(RenderCommand, TextOutlineShowsTheDocument) {
  auto result = RunEhcp({"render", kMinimal, "--text", Out("alex.txt")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string text = testing::ReadFileText(Out("alex.txt"));
  EXPECT_NE(text.find("title: Education, Health and Care plan: Alex Example"), std::string::npos);
  EXPECT_NE(text.find("H1 #section-k: Section K: Advice and information"), std::string::npos);
}

TEST_F(RenderCommand, InvalidPlanGetsValidatorDiagnosticsAndNothingIsWritten) {
  auto result = RunEhcp({"render", EHCP_SAMPLES "/invalid/malformed.xml", "--pdf", Out("x.pdf"),
                         "--docx", Out("x.docx")});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("malformed.xml:"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(": error: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("[xml.malformed]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("not rendered"), std::string::npos) << result.output;
  EXPECT_EQ(FilesInDir(), 0u);
}

// The minimal plan with `words` at the start of its first paragraph; returns the path and
// sets the line and column (the loader's byte columns) where the words begin.
std::string PlanWith(const std::string& words, const std::string& path, size_t& line,
                     size_t& column) {
  std::string plan = testing::ReadFileText(kMinimal);
  size_t at = plan.find("<p>") + 3;
  plan.insert(at, words);
  std::ofstream(path, std::ios::binary) << plan;
  line =
      1 + static_cast<size_t>(std::count(plan.begin(), plan.begin() + static_cast<long>(at), '\n'));
  column = at - plan.rfind('\n', at);
  return path;
}

// A name in Devanagari: `ehcp` hands the plan to ehcp-render, which shapes it with
// HarfBuzz; the PDF reads back exactly, with the Noto font embedded and subset.
TEST_F(RenderCommand, IndicScriptsAreShapedThroughEhcpRender) {
  size_t line = 0, column = 0;
  PlanWith("Alex (\u0906\u0932\u0947\u0915\u094D\u0938) ", Out("plan.xml"), line, column);  // आलेक्स
  auto result =
      RunEhcp({"render", Out("plan.xml"), "--pdf", Out("plan.pdf"), "--docx", Out("plan.docx")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("1 plan: 1 rendered, 0 not rendered"), std::string::npos)
      << result.output;
  auto text =
      testing::RunShell("pdftotext -enc UTF-8 " + testing::ShellQuote(Out("plan.pdf")) + " -");
  EXPECT_NE(text.output.find("Alex (\u0906\u0932\u0947\u0915\u094D\u0938)"), std::string::npos)
      << text.output;
  auto fonts = testing::RunShell("pdffonts " + testing::ShellQuote(Out("plan.pdf")));
  EXPECT_NE(fonts.output.find("+NotoSansDevanagari-Regular"), std::string::npos) << fonts.output;
  // The machine-checkable PDF/UA conditions hold for shaped text too (every glyph maps to
  // Unicode; the shaped clusters carry /ActualText).
  auto checker = testing::RunShell(
      "/usr/bin/python3 " + testing::ShellQuote(EHCP_SAMPLES "/../tests/pdf/check_pdfua.py") + " " +
      testing::ShellQuote(Out("plan.pdf")) + " 2>&1");
  EXPECT_EQ(checker.exit_code, 0) << checker.output;
}

// Thai is shaped too (tone marks stack on vowel signs): a plan whose only other script
// is Thai is handed to ehcp-render as well, and reads back exactly.
TEST_F(RenderCommand, ThaiIsShapedThroughEhcpRender) {
  size_t line = 0, column = 0;
  PlanWith("Somsri (\u0E2A\u0E21\u0E28\u0E23\u0E35) ", Out("plan.xml"), line, column);  // สมศรี
  auto result = RunEhcp({"render", Out("plan.xml"), "--pdf", Out("plan.pdf")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  auto text =
      testing::RunShell("pdftotext -enc UTF-8 " + testing::ShellQuote(Out("plan.pdf")) + " -");
  EXPECT_NE(text.output.find("Somsri (\u0E2A\u0E21\u0E28\u0E23\u0E35)"), std::string::npos)
      << text.output;
  auto fonts = testing::RunShell("pdffonts " + testing::ShellQuote(Out("plan.pdf")));
  EXPECT_NE(fonts.output.find("+NotoSansThai-Regular"), std::string::npos) << fonts.output;
}

// Every script families in England write (tests/data/many-scripts-plan.xml: names and
// views in Chinese, Urdu, Bengali, Punjabi in Gurmukhi and Shahmukhi, Gujarati, Tamil,
// Arabic, Farsi, Pashto, Hebrew, Turkish, Amharic, Tigrinya, Thai, Vietnamese): the PDF
// gives back each name and view (pdftotext), tags each with its language, passes the
// PDF/UA checks and stays small; the DOCX has every text with Word's per-script language.
TEST_F(RenderCommand, EveryScriptFamiliesWriteRendersToPdfDocxAndHtml) {
  const std::string plan = EHCP_TEST_DATA "/many-scripts-plan.xml";
  auto result = RunEhcp({"render", plan, "--pdf", Out("plan.pdf"), "--docx", Out("plan.docx"),
                         "--html", Out("plan.html")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  // Every text read back from all three, and in the HTML inside an element of its language.
  auto checked = testing::RunShell(
      "/usr/bin/python3 " + testing::ShellQuote(EHCP_SAMPLES "/../tests/e2e/check_script_text.py") +
      " " + testing::ShellQuote(plan) + " " + testing::ShellQuote(Out("plan.pdf")) + " " +
      testing::ShellQuote(Out("plan.docx")) + " " + testing::ShellQuote(Out("plan.html")) +
      " 2>&1");
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_NE(checked.output.find("40 texts in 17 languages"), std::string::npos) << checked.output;

  auto fonts = testing::RunShell("pdffonts " + testing::ShellQuote(Out("plan.pdf")));
  for (const char* font :
       {"+DroidSansFallback", "+NanumGothic", "+NotoSansEthiopic-Regular", "+NotoSansThai-Regular",
        "+NotoSansArabic-Regular", "+NotoSansTamil-Regular"})
    EXPECT_NE(fonts.output.find(font), std::string::npos) << font << "\n" << fonts.output;
  auto checker = testing::RunShell(
      "/usr/bin/python3 " + testing::ShellQuote(EHCP_SAMPLES "/../tests/pdf/check_pdfua.py") + " " +
      testing::ShellQuote(Out("plan.pdf")) + " 2>&1");
  EXPECT_EQ(checker.exit_code, 0) << checker.output;
  // Subsets: the Chinese and Korean fonts (4 MB each) add only the glyphs drawn.
  EXPECT_LT(fs::file_size(Out("plan.pdf")), 400'000u);

  // Word picks a font and a language per slot: Chinese in eastAsia, Tamil and Shahmukhi
  // in the complex-script one.
  auto document = testing::RunShell(
      "/usr/bin/python3 -c 'import zipfile,sys; "
      "print(zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\").decode())' " +
      testing::ShellQuote(Out("plan.docx")));
  EXPECT_NE(document.output.find("w:eastAsia=\"zh\""), std::string::npos);
  EXPECT_NE(document.output.find("w:eastAsia=\"ko\""), std::string::npos);
  EXPECT_NE(document.output.find("w:bidi=\"ta\""), std::string::npos);
  EXPECT_NE(document.output.find("w:bidi=\"pa-Arab\""), std::string::npos);
}

// A script no font here is shaped for (Khmer): one error for the word at its place in the
// plan file, no PDF, and the DOCX (Word shapes it) still written and reported as such.
TEST_F(RenderCommand, UnshapeableScriptIsOneLocatedErrorAndTheDocxIsStillWritten) {
  size_t line = 0, column = 0;
  PlanWith("Sokha (\u179F\u17BB\u1781\u17B6) ", Out("plan.xml"), line, column);  // សុខា
  auto result =
      RunEhcp({"render", Out("plan.xml"), "--pdf", Out("plan.pdf"), "--docx", Out("plan.docx")});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  std::string where =
      Out("plan.xml") + ":" + std::to_string(line) + ":" + std::to_string(column + 7) + ": error: ";
  EXPECT_NE(result.output.find(
                where + "U+179F KHMER LETTER SA and 3 other characters: this script needs shaping"),
            std::string::npos)
      << result.output;
  size_t errors = 0;
  for (size_t p = result.output.find("[pdf.unprintable-character]"); p != std::string::npos;
       p = result.output.find("[pdf.unprintable-character]", p + 1))
    ++errors;
  EXPECT_EQ(errors, 1u) << result.output;
  EXPECT_FALSE(fs::exists(Out("plan.pdf")));
  EXPECT_EQ(testing::ReadFileText(Out("plan.docx")).substr(0, 2), "PK");
  EXPECT_NE(result.output.find("wrote " + Out("plan.docx") + "; not written: " + Out("plan.pdf")),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("1 plan: 0 rendered, 1 not rendered"), std::string::npos)
      << result.output;
}

TEST_F(RenderCommand, RefusesToOverwriteItsInput) {
  fs::copy_file(kMinimal, Out("plan.xml"));
  std::string before = testing::ReadFileText(Out("plan.xml"));
  auto result = RunEhcp({"render", Out("plan.xml"), "--pdf", Out("plan.xml")});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("refusing to overwrite an input file"), std::string::npos)
      << result.output;
  EXPECT_EQ(testing::ReadFileText(Out("plan.xml")), before);

  // The same file through another path.
  fs::create_directories(dir_ / "sub");
  result = RunEhcp({"render", Out("plan.xml"), "--docx", Out("sub/../plan.xml")});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(Out("plan.xml")), before);
}

TEST_F(RenderCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(RunEhcp({"render", kPlan}).exit_code, 2);  // nothing to write
  auto two = RunEhcp({"render", kPlan, kOtherPlan, "--pdf", Out("x.pdf")});
  EXPECT_EQ(two.exit_code, 2);
  EXPECT_NE(two.output.find("use -o DIR"), std::string::npos) << two.output;
  EXPECT_EQ(RunEhcp({"render", kPlan, "--pdf", Out("x.pdf"), "-o", Out("d")}).exit_code, 2);
  EXPECT_EQ(RunEhcp({"render", kPlan, "--pdf-only", "--pdf", Out("x.pdf")}).exit_code, 2);
  auto missing = RunEhcp({"render", Out("no-such-plan.xml"), "--pdf", Out("x.pdf")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("no-such-plan.xml"), std::string::npos);
  auto no_template =
      RunEhcp({"render", kPlan, "--pdf", Out("x.pdf"), "--template", "no-such-council"});
  EXPECT_EQ(no_template.exit_code, 2);
  EXPECT_NE(no_template.output.find("[template.not-found]"), std::string::npos)
      << no_template.output;
  EXPECT_EQ(FilesInDir(), 0u);
}

// A council's "layout" reaches both formats: US Letter with its own margins comes out
// as a Letter PDF and a Letter DOCX. A mistake in it stops the render at the key's
// line:col, exit 2, with nothing written.
TEST_F(RenderCommand, TemplateLayoutSetsThePageAndItsMistakesStopTheRender) {
  fs::create_directories(dir_ / "templates");
  fs::copy(EHCP_SOURCE_DIR "/templates/default", dir_ / "templates/default",
           fs::copy_options::recursive);
  fs::create_directories(dir_ / "templates/northshire");
  std::string council = (dir_ / "templates/northshire").string();
  std::ofstream(dir_ / "templates/northshire/template.json")
      << R"({"extends": "default", "layout": {"page": {"width": 612, "height": 792},
  "margins": {"top": 72, "right": 54, "bottom": 72, "left": 54},
  "colours": {"heading": "#005E42"}}})";
  auto good = RunEhcp({"render", kMinimal, "--template", council, "--pdf", Out("letter.pdf"),
                       "--docx", Out("letter.docx")});
  ASSERT_EQ(good.exit_code, 0) << good.output;
  auto info = testing::RunShell("pdfinfo " + testing::ShellQuote(Out("letter.pdf")));
  EXPECT_NE(info.output.find("612 x 792 pts (letter)"), std::string::npos) << info.output;
  auto section = testing::RunShell("unzip -p " + testing::ShellQuote(Out("letter.docx")) +
                                   " word/document.xml | grep -o '<w:pgSz[^>]*>'");
  EXPECT_NE(section.output.find(R"(w:w="12240" w:h="15840")"), std::string::npos) << section.output;

  std::ofstream(dir_ / "templates/northshire/template.json")
      << R"({"extends": "default", "layout": {
  "margins": {"top": 72, "right": 54, "bottom": 72, "left": -5},
  "colours": {"heading": "navy"}}})";
  auto bad = RunEhcp({"render", kMinimal, "--template", council, "--pdf", Out("bad.pdf"), "--docx",
                      Out("bad.docx"), "--html", Out("bad.html")});
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("template.json:2:53: error: layout.margins.left is -5: it must be "
                            "28 to 288 points [template.layout]"),
            std::string::npos)
      << bad.output;
  EXPECT_NE(bad.output.find("template.json:3:15: error: layout.colours.heading is \"navy\""),
            std::string::npos)
      << bad.output;
  for (const char* name : {"bad.pdf", "bad.docx", "bad.html"}) EXPECT_FALSE(fs::exists(Out(name)));
}

// The ks3 sample's advice (samples/ks3-autism-anxiety/advice, see sources/generate.sh),
// in K's order: K7 has no file, so its PDF is named after it.
const std::string kAdvice = EHCP_SAMPLES "/ks3-autism-anxiety/advice";
const std::vector<std::pair<std::string, std::string>> kAppendices{
    {"K1", "01-parent-carer.pdf"},
    {"K2", "02-child-views.pdf"},
    {"K3", "03-senco.pdf"},
    {"K4", "04-educational-psychologist.pdf"},
    {"K5", "05-speech-language-therapy.pdf"},
    {"K6", "06-health-camhs-paediatrics.pdf"},
    {"K7", "K7.pdf"},
    {"K8", "07-social-care.pdf"}};

int PdfPages(const std::string& path) {
  auto info = testing::RunShell("pdfinfo " + testing::ShellQuote(path));
  size_t at = info.output.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.output.substr(at + 6));
}

// Issue #18 item 5: the plan PDF carries each appended advice PDF after the plan, with
// as many pages as the plan and its appendices (pdfinfo), sound (qpdf), bookmarked,
// labelled, tagged and linked from K (pikepdf), and as accessible as the plan alone.
TEST_F(RenderCommand, AppendsTheAdviceKMarksAppended) {
  ASSERT_EQ(RunEhcp({"render", kPlan, "--pdf", Out("plan.pdf")}).exit_code, 0);
  auto result = RunEhcp({"render", kPlan, "--pdf", Out("appended.pdf"), "--appendices", kAdvice});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("wrote " + Out("appended.pdf")), std::string::npos) << result.output;
  int pages = PdfPages(Out("plan.pdf"));
  std::string checker_args;
  for (const auto& [id, file] : kAppendices) {
    pages += PdfPages(kAdvice + "/" + file);
    checker_args += " " + testing::ShellQuote(id + "=" + kAdvice + "/" + file);
  }
  EXPECT_EQ(PdfPages(Out("appended.pdf")), pages);
  auto qpdf = testing::RunShell("qpdf --check " + testing::ShellQuote(Out("appended.pdf")));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.output;
  auto appendices = testing::RunShell(
      "/usr/bin/python3 " + testing::ShellQuote(EHCP_SAMPLES "/../tests/e2e/check_appendices.py") +
      " " + testing::ShellQuote(Out("appended.pdf")) + " " + testing::ShellQuote(Out("plan.pdf")) +
      checker_args + " 2>&1");
  EXPECT_EQ(appendices.exit_code, 0) << appendices.output;
  EXPECT_NE(appendices.output.find("OK: 8 appendices"), std::string::npos) << appendices.output;
  auto pdfua = testing::RunShell("/usr/bin/python3 " +
                                 testing::ShellQuote(EHCP_SAMPLES "/../tests/pdf/check_pdfua.py") +
                                 " " + testing::ShellQuote(Out("appended.pdf")) + " 2>&1");
  EXPECT_EQ(pdfua.exit_code, 0) << pdfua.output;
  // The appendices' text is there to search and read.
  auto text = testing::RunShell("pdftotext -f " + std::to_string(PdfPages(Out("plan.pdf")) + 1) +
                                " " + testing::ShellQuote(Out("appended.pdf")) + " -");
  EXPECT_NE(text.output.find("Occupational therapy advice"), std::string::npos);
  EXPECT_EQ(FilesInDir(), 2u);
}

// A missing or unreadable appendix names its K entry and its path; exit 2, nothing written.
TEST_F(RenderCommand, AMissingOrUnreadableAppendixExitsTwoAndWritesNothing) {
  fs::create_directories(dir_ / "advice");
  for (const auto& [id, file] : kAppendices)
    if (id != "K7") fs::copy_file(kAdvice + "/" + file, dir_ / "advice" / file);
  auto missing =
      RunEhcp({"render", kPlan, "--pdf", Out("plan.pdf"), "--appendices", Out("advice")});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("plan.xml:731:5: error: K7 is marked appended, but its PDF " +
                                Out("advice") +
                                "/K7.pdf cannot be used: the file \"K7.pdf\" "
                                "does not exist [render.appendix]"),
            std::string::npos)
      << missing.output;
  EXPECT_FALSE(fs::exists(Out("plan.pdf")));

  std::ofstream(dir_ / "advice" / "K7.pdf") << "<html>not a PDF</html>";
  auto unreadable =
      RunEhcp({"render", kPlan, "--pdf", Out("plan.pdf"), "--appendices", Out("advice")});
  EXPECT_EQ(unreadable.exit_code, 2) << unreadable.output;
  EXPECT_NE(unreadable.output.find("error: K7's PDF " +
                                   fs::canonical(dir_ / "advice" / "K7.pdf").string() +
                                   " is not a PDF file (it has no %PDF- header) [render.appendix]"),
            std::string::npos)
      << unreadable.output;
  EXPECT_FALSE(fs::exists(Out("plan.pdf")));

  // --appendices goes with one plan's PDF, and names a folder.
  auto docx = RunEhcp({"render", kPlan, "--docx", Out("plan.docx"), "--appendices", kAdvice});
  EXPECT_EQ(docx.exit_code, 2);
  EXPECT_NE(docx.output.find("--appendices goes with --pdf"), std::string::npos) << docx.output;
  auto no_folder =
      RunEhcp({"render", kPlan, "--pdf", Out("plan.pdf"), "--appendices", Out("no-such")});
  EXPECT_EQ(no_folder.exit_code, 2);
  EXPECT_NE(no_folder.output.find("is not a folder"), std::string::npos) << no_folder.output;
  // The plan's PDF may not replace an appendix.
  auto over = RunEhcp(
      {"render", kPlan, "--pdf", Out("advice/03-senco.pdf"), "--appendices", Out("advice")});
  EXPECT_EQ(over.exit_code, 2) << over.output;
  EXPECT_FALSE(fs::exists(Out("plan.pdf")));
  EXPECT_EQ(FilesInDir(), kAppendices.size());
}

// The HTML page's skeleton is the template set's: without one, or with one the writer
// cannot fill, no HTML is written while the other formats still are (exit 1).
TEST_F(RenderCommand, HtmlNeedsAUsablePageTemplate) {
  fs::create_directories(dir_ / "templates/bare");
  fs::copy_file(EHCP_SOURCE_DIR "/templates/default/template.json",
                dir_ / "templates/bare/template.json");
  std::string bare = (dir_ / "templates/bare").string();
  auto none = RunEhcp(
      {"render", kMinimal, "--template", bare, "--pdf", Out("a.pdf"), "--html", Out("a.html")});
  EXPECT_EQ(none.exit_code, 1) << none.output;
  EXPECT_NE(none.output.find("[render.html-template]"), std::string::npos) << none.output;
  EXPECT_TRUE(fs::exists(Out("a.pdf")));
  EXPECT_FALSE(fs::exists(Out("a.html")));

  std::ofstream(dir_ / "templates/bare/plan.html") << "<html><body>{{child.name}}</body></html>";
  auto broken = RunEhcp({"render", kMinimal, "--template", bare, "--html", Out("b.html")});
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("plan.html: error:"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("[html.template]"), std::string::npos) << broken.output;
  EXPECT_FALSE(fs::exists(Out("b.html")));

  std::ofstream(dir_ / "templates/bare/plan.html")
      << "<html lang=\"{{lang}}\"><main>{{body}}</main></html>";
  auto own = RunEhcp({"render", kMinimal, "--template", bare, "--html", Out("c.html")});
  ASSERT_EQ(own.exit_code, 0) << own.output;
  EXPECT_EQ(testing::ReadFileText(Out("c.html")).substr(0, 28), "<html lang=\"en-GB\"><main><h1");
}

TEST_F(RenderCommand, TemplateLogoOutsideItsFolderIsRefused) {
  fs::create_directories(dir_ / "templates/evil");
  fs::copy_file(EHCP_SOURCE_DIR "/templates/exampleshire/logo.png", dir_ / "templates/secret.png");
  std::ofstream(dir_ / "templates/evil/template.json")
      << R"({"branding": {"logo": "../secret.png", "logo_alt": "x"}})";
  auto result = RunEhcp({"render", kMinimal, "--pdf", Out("x.pdf"), "--template",
                         (dir_ / "templates/evil").string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("[template.logo-outside]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("template.json"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(Out("x.pdf")));
}

// A council template folder under dir_/templates extending a copy of the default set,
// with `bytes` as its logo.
class RenderWithLogo : public RenderCommand {
 protected:
  std::string Template(const std::string& bytes, const std::string& logo = "logo.png") {
    fs::path templates = dir_ / "templates";
    fs::create_directories(templates);
    if (!fs::exists(templates / "default"))
      fs::copy(EHCP_SOURCE_DIR "/templates/default", templates / "default",
               fs::copy_options::recursive);
    fs::create_directories(templates / "council");
    std::ofstream(templates / "council/template.json")
        << R"({"extends": "default", "branding": {"logo": ")" + logo +
               R"(", "logo_alt": "Testshire Council logo"}})";
    std::ofstream(templates / "council" / logo, std::ios::binary) << bytes;
    return (templates / "council").string();
  }
};

TEST_F(RenderWithLogo, DamagedOrOversizedLogoIsABadTemplateAndNothingIsWritten) {
  std::string png = testing::MakePng(64, 64, 3, testing::GradientPixels(64, 64, 3));
  std::string jpeg = testing::MakeJpeg(64, 64, 3, testing::GradientPixels(64, 64, 3));
  const std::pair<const char*, std::string> cases[] = {
      {"is 20000 x 20000 pixels", testing::PngClaimingSize(20000, 20000)},
      {"the file ends before the image does", png.substr(0, png.size() / 2)},
      {"CRC error", testing::PngWithBadCrc(png)},
      {"Corrupt JPEG data", testing::JpegWithBadScanData(jpeg)},
  };
  for (const auto& [expected, bytes] : cases) {
    std::string folder = Template(bytes);
    auto result = RunEhcp(
        {"render", kMinimal, "--pdf", Out("x.pdf"), "--docx", Out("x.docx"), "--template", folder});
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("template.json: error: logo \"logo.png\""), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find(expected), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("[template.image]"), std::string::npos) << result.output;
    EXPECT_FALSE(fs::exists(Out("x.pdf")));
    EXPECT_FALSE(fs::exists(Out("x.docx")));
  }
}

TEST_F(RenderWithLogo, HugeLogoHeaderIsRefusedWithoutABigAllocation) {
  // 20000 x 20000 RGBA in a 130-byte file: peak memory must stay that of a small render.
  std::string folder = Template(testing::PngClaimingSize(20000, 20000));
  auto result = testing::RunShell("/usr/bin/time -v " + testing::ShellQuote(EHCP_BINARY) +
                                  " render " + testing::ShellQuote(kMinimal) + " --pdf " +
                                  testing::ShellQuote(Out("x.pdf")) + " --template " +
                                  testing::ShellQuote(folder));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("[template.image]"), std::string::npos) << result.output;
  size_t at = result.output.find("Maximum resident set size (kbytes): ");
  ASSERT_NE(at, std::string::npos) << result.output;
  long kilobytes = std::stol(result.output.substr(at + 36));
  EXPECT_LT(kilobytes, 300 * 1024)
      << "peak RSS " << kilobytes << " KB";  // the header alone: 1.6 GB
}

TEST_F(RenderWithLogo, PngWithAlphaAndJpegLogosRenderInBothFormats) {
  std::string rgba = testing::GradientPixels(120, 40, 4);
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = static_cast<char>(i % 256);
  const std::tuple<std::string, std::string, std::string> cases[] = {
      {"logo.png", testing::MakePng(120, 40, 4, rgba), "/ColorSpace/DeviceRGB"},
      {"logo.jpg", testing::MakeJpeg(120, 40, 3, testing::GradientPixels(120, 40, 3)),
       "/ColorSpace/DeviceRGB"},
      {"grey.jpg", testing::MakeJpeg(120, 40, 1, testing::GradientPixels(120, 40, 1)),
       "/ColorSpace/DeviceGray"},
      {"cmyk.jpg", testing::MakeJpeg(120, 40, 4, testing::GradientPixels(120, 40, 4)),
       "/ColorSpace/DeviceCMYK"},
  };
  for (const auto& [name, bytes, entry] : cases) {
    std::string folder = Template(bytes, name);
    auto result = RunEhcp({"render", kMinimal, "--pdf", Out(name + ".pdf"), "--docx",
                           Out(name + ".docx"), "--template", folder});
    ASSERT_EQ(result.exit_code, 0) << result.output;
    std::string pdf = testing::ReadFileText(Out(name + ".pdf"));
    EXPECT_NE(pdf.find("/Subtype/Image/Width 120/Height 40" + entry), std::string::npos) << name;
    // The PNG has alpha: a soft mask; the JPEGs none.
    EXPECT_EQ(pdf.find("/SMask ") != std::string::npos, name == "logo.png") << name;
    auto check = testing::RunShell("qpdf --check " + testing::ShellQuote(Out(name + ".pdf")));
    EXPECT_EQ(check.exit_code, 0) << check.output;
    std::string docx = testing::ReadFileText(Out(name + ".docx"));
    EXPECT_NE(
        docx.find(name.ends_with(".png") ? "word/media/image1.png" : "word/media/image1.jpeg"),
        std::string::npos)
        << name;
  }
}

TEST_F(RenderCommand, TemplateByNameOrPath) {
  auto by_name =
      RunEhcp({"render", kMinimal, "--text", Out("a.txt"), "--template", "exampleshire"});
  ASSERT_EQ(by_name.exit_code, 0) << by_name.output;
  std::string text = testing::ReadFileText(Out("a.txt"));
  EXPECT_NE(text.find("FIGURE logo.png"), std::string::npos);
  EXPECT_NE(text.find("Issued by Exampleshire County Council SEND Assessment and Review Team"),
            std::string::npos);
  auto by_path = RunEhcp({"render", kMinimal, "--text", Out("b.txt"), "--template",
                          EHCP_SOURCE_DIR "/templates/exampleshire"});
  ASSERT_EQ(by_path.exit_code, 0) << by_path.output;
  EXPECT_EQ(testing::ReadFileText(Out("b.txt")), text);
}

TEST_F(RenderCommand, OutputFolderNamesFilesAfterTheCaseFolder) {
  auto result =
      RunEhcp({"render", kPlan, kOtherPlan, "-o", Out("out"), "--pdf-only", "--jobs", "2"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::exists(Out("out/ks3-autism-anxiety.pdf")));
  EXPECT_TRUE(fs::exists(Out("out/early-years-hearing.pdf")));
  EXPECT_FALSE(fs::exists(Out("out/ks3-autism-anxiety.docx")));
  EXPECT_NE(result.output.find("2 plans: 2 rendered, 0 not rendered"), std::string::npos)
      << result.output;
}

TEST_F(RenderCommand, OneBadPlanAmongGoodOnesExitsOne) {
  fs::copy_file(EHCP_SAMPLES "/invalid/schema-violation.xml", Out("broken.xml"));
  auto result = RunEhcp(
      {"render", kMinimal, Out("broken.xml"), "-o", Out("out"), "--docx-only", "--format", "json"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  auto json = nlohmann::json::parse(result.output);
  EXPECT_EQ(json["summary"]["rendered"], 1);
  EXPECT_EQ(json["summary"]["failed"], 1);
  EXPECT_TRUE(fs::exists(Out("out/minimal-plan.docx")));
  EXPECT_FALSE(fs::exists(Out("out/broken.docx")));
  EXPECT_EQ(json["files"][1]["diagnostics"][0]["code"], "schema.invalid");
}

TEST_F(RenderCommand, ACaseFolderRendersItsPlanAndSkipsTheRest) {
  // The case file, contributions and any other XML beside the plan are not plans.
  fs::copy(EHCP_SAMPLES "/early-years-hearing", Out("early-years"), fs::copy_options::recursive);
  auto result = RunEhcp({"render", Out("early-years"), "-o", Out("out"), "--docx-only"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("case.xml: skipped (not a plan)"), std::string::npos)
      << result.output;
  EXPECT_TRUE(fs::exists(Out("out/early-years.docx"))) << result.output;
  EXPECT_FALSE(fs::exists(Out("out/case.docx")));
}

TEST_F(RenderCommand, TheStaticFrontEndRendersAndBundlesAlone) {
  // ehcp is one static binary that renders PDF and DOCX and builds bundles itself; only
  // text that needs shaping is handed to ehcp-render (tested above).
  fs::copy_file(EHCP_BINARY, Out("ehcp"));
  fs::permissions(Out("ehcp"), fs::perms::owner_exec, fs::perm_options::add);
#ifdef EHCP_STATIC_FRONT_END  // not in sanitizer builds
  auto ldd = testing::RunShell("ldd " + testing::ShellQuote(Out("ehcp")));
  EXPECT_TRUE(ldd.output.find("statically linked") != std::string::npos ||
              ldd.output.find("not a dynamic executable") != std::string::npos)
      << ldd.output;
#endif
  auto render = testing::RunShell(
      testing::ShellQuote(Out("ehcp")) + " render " + testing::ShellQuote(kMinimal) + " --pdf " +
      testing::ShellQuote(Out("x.pdf")) + " --docx " + testing::ShellQuote(Out("x.docx")));
  EXPECT_EQ(render.exit_code, 0) << render.output;
  EXPECT_TRUE(fs::exists(Out("x.pdf"))) << render.output;
  EXPECT_TRUE(fs::exists(Out("x.docx"))) << render.output;
  auto bundle = testing::RunShell(testing::ShellQuote(Out("ehcp")) + " bundle " +
                                  testing::ShellQuote(EHCP_SAMPLES "/bundle/manifest.xml") +
                                  " --evidence-root " + testing::ShellQuote(EHCP_SAMPLES) + " -o " +
                                  testing::ShellQuote(Out("b.pdf")));
  EXPECT_EQ(bundle.exit_code, 0) << bundle.output;
  EXPECT_TRUE(fs::exists(Out("b.pdf"))) << bundle.output;
}

TEST_F(RenderCommand, ContributionIsNotAPlan) {
  auto result = RunEhcp({"render", EHCP_SAMPLES "/ks3-autism-anxiety/contributions/03-senco.xml",
                         "--pdf", Out("x.pdf")});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("[render.not-a-plan]"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(Out("x.pdf")));
}

}  // namespace
}  // namespace ehcp
