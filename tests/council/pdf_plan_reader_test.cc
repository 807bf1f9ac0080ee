// A council's plans exported as PDF (issue #16): each fixture layout, saved as PDF by
// LibreOffice (tests/council/make_pdf_fixtures.sh), gives the same lint findings as the
// equivalent XML plan, with the page in every place; scans, encrypted and damaged PDFs are
// refused with one error naming the file.

#include "pdf_plan_reader/pdf_plan_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "lint/lint_test_support.h"
#include "pdf_plan_reader/pdf_plan.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

const std::string kDir = EHCP_SOURCE_DIR "/tests/council";

const CouncilPlanReader& Reader() {
  static auto reader = [] {
    RegisterCouncilSchema(testing::LintSchemas());
    DiagnosticList diagnostics;
    auto r = CouncilPlanReader::Load(std::filesystem::path(EHCP_SOURCE_DIR) / "quality",
                                     testing::LintSchemas(), diagnostics);
    for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
    return r;
  }();
  return *reader;
}

[[maybe_unused]] std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The text as read, for failure messages: one paragraph a line with its place.
[[maybe_unused]] std::string Shown(const PlanText& text) {
  std::string out;
  for (const auto& p : text.paragraphs)
    out += "  p" + std::to_string(p.place.page) + " t" + std::to_string(p.place.table) + " r" +
           std::to_string(p.place.row) + " c" + std::to_string(p.place.column) + ": " + p.text +
           "\n";
  return out;
}

std::vector<Diagnostic> LintPdf(const std::string& path) {
  LoadedDocument doc = LoadPdfPlanToLint(path, Reader());
  for (const auto& d : doc.diagnostics)
    if (d.severity == Severity::kError) ADD_FAILURE() << FormatDiagnostic(d);
  if (!doc.plan) return {};
  return Linter(testing::DefaultRules()).Lint(*doc.plan, doc.structure);
}

std::multiset<std::string> Said(const std::vector<Diagnostic>& findings) {
  std::multiset<std::string> out;
  for (const auto& d : findings)
    out.insert(d.code + " | " + d.section + " | " + d.item_id + " | " + d.message + " | " +
               d.quote);
  return out;
}

std::string Difference(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  std::string out;
  for (const auto& s : a)
    if (a.count(s) > b.count(s)) out += "  only in the PDF plan: " + s + "\n";
  for (const auto& s : b)
    if (b.count(s) > a.count(s)) out += "  only in the XML plan: " + s + "\n";
  return out;
}

[[maybe_unused]] const Diagnostic* Find(const std::vector<Diagnostic>& findings,
                                        const std::string& code, const std::string& item) {
  for (const auto& d : findings)
    if (d.code == code && d.item_id == item) return &d;
  return nullptr;
}

class PdfLayout : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(CouncilPlans, PdfLayout, ::testing::Values("tables", "prose", "golden"));

#ifndef EHCP_PDF_LIBREOFFICE

TEST_P(PdfLayout, FindsWhatTheXmlPlanGives) {
  std::string path = kDir + "/" + GetParam() + ".pdf";
  auto xml = testing::LintFile(kDir + "/plan.xml");
  auto pdf = LintPdf(path);
  ASSERT_FALSE(xml.empty());
  DiagnosticList read;
  auto text = ReadPdfFile(path, read);
  ASSERT_TRUE(text);
  EXPECT_EQ(Said(pdf), Said(xml)) << Difference(Said(pdf), Said(xml)) << "read as:\n"
                                  << Shown(*text);
  EXPECT_TRUE(Find(pdf, "section-missing", "")) << "Section J";
  EXPECT_TRUE(Find(pdf, "required-field-missing", "A1")) << "a view with no attribution";
  EXPECT_TRUE(Find(pdf, "provision-vague-wording", "F2"));
  // Every finding in a section points at its page in the PDF.
  for (const auto& d : pdf) {
    EXPECT_EQ(d.location.line, 0) << FormatDiagnostic(d);
    EXPECT_EQ(d.location.FileName(), path);
    if (d.section != "meta" && d.code != "section-missing" && d.code != "advice-category-missing") {
      EXPECT_EQ(d.location.place.rfind("page ", 0), 0u) << FormatDiagnostic(d);
    }
  }
  // Findings come in the order the document reads.
  for (size_t i = 1; i < pdf.size(); ++i)
    EXPECT_LE(pdf[i - 1].location.order, pdf[i].location.order) << FormatDiagnostic(pdf[i]);
}

TEST(PdfPlaces, NameThePageThenTheSectionTableRowAndColumnOrTheParagraph) {
  auto tables = LintPdf(kDir + "/tables.pdf");
  const Diagnostic* vague = Find(tables, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(vague->location.place, "page 3, Section F, table 5, row 3, column 'Provision'");
  EXPECT_EQ(vague->location.ToString(),
            kDir + "/tables.pdf (page 3, Section F, table 5, row 3, column 'Provision')");
  const Diagnostic* unattributed = Find(tables, "required-field-missing", "A1");
  ASSERT_TRUE(unattributed);
  EXPECT_EQ(unattributed->location.place, "page 1, Section A, paragraph 2");

  auto prose = LintPdf(kDir + "/prose.pdf");
  vague = Find(prose, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(vague->location.place.rfind("page ", 0), 0u) << vague->location.place;
  EXPECT_NE(vague->location.place.find(", Section F, paragraph 2"), std::string::npos)
      << vague->location.place;

  auto golden = LintPdf(kDir + "/golden.pdf");
  vague = Find(golden, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(vague->location.place,
            "page 2, Sections B, E and F, table 2, row 2, column 'Special educational provision "
            "(Section F)'");
}

std::vector<std::string> Codes(const DiagnosticList& diagnostics) {
  std::vector<std::string> codes;
  for (const auto& d : diagnostics) codes.push_back(d.code);
  return codes;
}

TEST(PdfRefused, AScanWithNoTextSaysSo) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(ReadPdfFile(kDir + "/scan.pdf", diagnostics));
  ASSERT_EQ(Codes(diagnostics), std::vector<std::string>{"pdf.scan"});
  const Diagnostic& d = *diagnostics.begin();
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.location.FileName(), kDir + "/scan.pdf");
  EXPECT_NE(d.message.find("no text"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("scan"), std::string::npos) << d.message;
}

TEST(PdfRefused, AnEncryptedPdfNamesTheFile) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(ReadPdfFile(kDir + "/encrypted.pdf", diagnostics));
  ASSERT_EQ(Codes(diagnostics), std::vector<std::string>{"pdf.encrypted"});
  EXPECT_EQ(diagnostics.begin()->location.FileName(), kDir + "/encrypted.pdf");
  EXPECT_NE(diagnostics.begin()->message.find("password"), std::string::npos);
}

TEST(PdfRefused, DamagedOrNotAPdfIsOneErrorNamingTheFile) {
  std::string good = FileBytes(kDir + "/tables.pdf");
  ASSERT_GT(good.size(), 1000u);
  for (const std::string& bytes :
       {std::string(), std::string("%PDF-1.7\n"), std::string("<plan/>"), good.substr(0, 300),
        std::string("%PDF-1.4\n") + std::string(5000, '\0')}) {
    DiagnosticList diagnostics;
    EXPECT_FALSE(ParsePdf(bytes, "bad.pdf", diagnostics)) << bytes.size();
    ASSERT_EQ(Codes(diagnostics), std::vector<std::string>{"pdf.unreadable"}) << bytes.size();
    EXPECT_EQ(diagnostics.begin()->location.FileName(), "bad.pdf");
  }
  DiagnosticList missing;
  EXPECT_FALSE(ReadPdfFile(kDir + "/no-such-plan.pdf", missing));
  EXPECT_TRUE(missing.HasErrors());
}

TEST(PdfRefused, OverTheLimitsIsRefusedBeforeReading) {
  std::string good = FileBytes(kDir + "/tables.pdf");
  DiagnosticList big;
  EXPECT_FALSE(ParsePdf(good, "big.pdf", big, PdfLimits{1000, 1000}));
  EXPECT_EQ(Codes(big), std::vector<std::string>{"pdf.unreadable"});
  DiagnosticList pages;
  EXPECT_FALSE(ParsePdf(good, "long.pdf", pages, PdfLimits{good.size(), 1}));
  EXPECT_EQ(Codes(pages), std::vector<std::string>{"pdf.unreadable"});
}

TEST(PdfText, HeadingsParagraphsAndTablesComeInReadingOrderWithPages) {
  DiagnosticList diagnostics;
  auto text = ReadPdfFile(kDir + "/tables.pdf", diagnostics);
  ASSERT_TRUE(text);
  std::set<int> pages;
  bool in_table = false;
  for (const auto& p : text->paragraphs) {
    pages.insert(p.place.page);
    in_table = in_table || p.place.table > 0;
    EXPECT_EQ(p.text.find("  "), std::string::npos) << p.text;
  }
  EXPECT_TRUE(in_table) << Shown(*text);
  EXPECT_GE(pages.size(), 3u) << Shown(*text);
  EXPECT_EQ(pages.count(0), 0u) << "every paragraph has its page";
}

#else
// The checked-in PDFs were exported once; the LibreOffice installed here exports the Word
// layouts again at test time, and those PDFs give the same findings too.
TEST_P(PdfLayout, ExportedAgainByLibreOfficeFindsTheSame) {
  auto dir =
      std::filesystem::temp_directory_path() / ("ehcp-council-pdf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "in");
  std::filesystem::copy_file(kDir + "/" + GetParam() + ".docx",
                             dir / "in" / (GetParam() + ".docx"));
  auto result = testing::RunShell(
      "cd " + testing::ShellQuote(dir.string()) + " && HOME=" + testing::ShellQuote(dir.string()) +
      " soffice --headless --convert-to pdf --outdir out in/" + GetParam() + ".docx");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string exported = (dir / "out" / (GetParam() + ".pdf")).string();
  ASSERT_TRUE(std::filesystem::exists(exported)) << result.output;
  auto xml = testing::LintFile(kDir + "/plan.xml");
  auto pdf = LintPdf(exported);
  EXPECT_EQ(Said(pdf), Said(xml)) << Difference(Said(pdf), Said(xml));
  std::filesystem::remove_all(dir);
}
#endif

}  // namespace
}  // namespace ehcp
