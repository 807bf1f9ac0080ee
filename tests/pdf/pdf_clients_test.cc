// The PDF checked with real clients: qpdf --check, pdffonts, pdfinfo -struct-text
// against golden trees, pdftotext (reading order, no words run together), and the
// pikepdf PDF/UA checker (which must also catch deliberately broken copies).
// Slow (starts external programs): labelled `slow`.
//
// Golden files live in tests/pdf/golden/. To regenerate them after an intended change:
//   EHCP_UPDATE_GOLDEN=1 ctest --test-dir build-pdf -R pdf_clients
// and review the diff.

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <regex>

#include "pdf/pdf_writer.h"
#include "pdf/sample_documents.h"
#include "pdf_tools.h"
#include "support/golden_file.h"

namespace ehcp {
namespace {

using testing::Quote;
using testing::RunTool;

PdfOptions Options() {
  PdfOptions options;
  options.source_date_epoch = 1767225600;
  options.asset_root = testing::kAssets;
  return options;
}

// Renders both test documents once for the whole suite.
class PdfClients : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new testing::TempFolder("ehcp-pdf-clients");
    DiagnosticList diagnostics;
    small_ok_ =
        WritePdf(testing::SmallDocument(), Options(), folder_->File("small.pdf"), diagnostics);
    long_ok_ =
        WritePdf(testing::LongPlanDocument(), Options(), folder_->File("long.pdf"), diagnostics);
  }
  static void TearDownTestSuite() {
    delete folder_;
    folder_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(small_ok_);
    ASSERT_TRUE(long_ok_);
  }
  static std::string Small() { return folder_->File("small.pdf"); }
  static std::string Long() { return folder_->File("long.pdf"); }

  static testing::TempFolder* folder_;
  static bool small_ok_;
  static bool long_ok_;
};

testing::TempFolder* PdfClients::folder_ = nullptr;
bool PdfClients::small_ok_ = false;
bool PdfClients::long_ok_ = false;

void CompareWithGolden(const std::string& actual, const std::string& name) {
  testing::ExpectMatchesGolden(actual, testing::kGolden / name, testing::WithoutObjectNumbers);
}

TEST_F(PdfClients, QpdfFindsNoErrors) {
  for (const auto& file : {Small(), Long()}) {
    auto result = RunTool("qpdf --check " + Quote(file));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("No syntax or stream encoding errors"), std::string::npos)
        << result.output;
  }
}

TEST_F(PdfClients, EveryFontIsEmbeddedSubsetAndUnicode) {
  for (const auto& file : {Small(), Long()}) {
    auto result = RunTool("pdffonts " + Quote(file));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    std::istringstream lines(result.output);
    std::string line;
    int fonts = 0;
    std::regex row(
        R"(^(\S+)\s+CID TrueType\s+Identity-H\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$)");
    while (std::getline(lines, line)) {
      if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
      std::smatch m;
      ASSERT_TRUE(std::regex_match(line, m, row)) << "unexpected font line: " << line;
      EXPECT_EQ(m[2], "yes") << line;
      EXPECT_EQ(m[3], "yes") << line;
      EXPECT_EQ(m[4], "yes") << line;
      EXPECT_EQ(m[1].str().find('+'), 6u) << "no subset tag: " << line;
      ++fonts;
    }
    EXPECT_GE(fonts, 3) << result.output;  // regular, bold, and DejaVu for Arabic
  }
}

TEST_F(PdfClients, CheckerPassesOurOutput) {
  for (const auto& file : {Small(), Long()}) {
    auto result = RunTool("/usr/bin/python3 " + Quote(testing::kChecker) + " " + Quote(file));
    EXPECT_EQ(result.exit_code, 0) << result.output;
    EXPECT_EQ(result.output, "OK\n");
  }
}

TEST_F(PdfClients, CheckerCatchesEachDeliberateDefect) {
  const std::vector<std::pair<std::string, std::string>> defects = {
      {"th-scope", "FAIL 15-003"},
      {"figure-alt", "FAIL 13-004"},
      {"first-heading", "FAIL 14-002"},
      {"untagged-path", "FAIL 01-005"},
      {"nested-artifact", "FAIL 01-004"},
      {"link-contents", "FAIL 28-012"},
      {"tabs", "FAIL 7.18.3-1"},
      {"markinfo", "FAIL 6.2-1"},
      {"lang", "FAIL 7.2-2"},
      {"display-doc-title", "FAIL 7.1-10"},
      {"pdfuaid", "FAIL 5-1"},
      {"cidset", "FAIL 7.21.4.2-2"},
      {"tounicode", "FAIL 7.21.7-1"},
      {"struct-parent-missing", "FAIL 7.1-12"},
      {"table-nesting", "FAIL 09-004"},
      {"unreferenced-mcid", "FAIL 7.1-3"},
      {"nonstandard-type", "FAIL 02-001"},
      {"version", "FAIL version"},
  };
  std::string broken = folder_->File("broken.pdf");
  for (const auto& [defect, expected] : defects) {
    auto made = RunTool("/usr/bin/python3 " + Quote(testing::kBreaker) + " " + Quote(Small()) +
                        " " + Quote(broken) + " " + defect);
    ASSERT_EQ(made.exit_code, 0) << defect << ": " << made.output;
    auto result = RunTool("/usr/bin/python3 " + Quote(testing::kChecker) + " " + Quote(broken));
    EXPECT_EQ(result.exit_code, 1) << defect << ": " << result.output;
    EXPECT_NE(result.output.find(expected), std::string::npos) << defect << ": " << result.output;
  }
}

TEST_F(PdfClients, StructureTreeMatchesGoldenSmall) {
  auto result = RunTool("pdfinfo -struct-text " + Quote(Small()));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  CompareWithGolden(result.output, "small.struct.txt");
}

TEST_F(PdfClients, StructureTreeMatchesGoldenLong) {
  auto result = RunTool("pdfinfo -struct-text " + Quote(Long()));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  CompareWithGolden(result.output, "long.struct.txt");
}

TEST_F(PdfClients, InfoShowsTaggedA4WithTitle) {
  auto result = RunTool("pdfinfo " + Quote(Long()));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(
      result.output.find("Title:           Education, Health and Care plan: Zuzanna Wiśniewska"),
      std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("Tagged:          yes"), std::string::npos);
  EXPECT_NE(result.output.find("Metadata Stream: yes"), std::string::npos);
  EXPECT_NE(result.output.find("(A4)"), std::string::npos);
  EXPECT_NE(result.output.find("PDF version:     1.7"), std::string::npos);
}

std::string Collapse(const std::string& text) {
  // pdftotext ends each line with a newline: read lines as one running text.
  std::string out;
  for (char c : text) {
    char d = (c == '\n' || c == '\f') ? ' ' : c;
    if (d == ' ' && !out.empty() && out.back() == ' ') continue;
    out += d;
  }
  return out;
}

TEST_F(PdfClients, TextReadsInOrderWithoutWordsRunTogether) {
  auto result = RunTool("pdftotext -enc UTF-8 " + Quote(Long()) + " -");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string text = Collapse(result.output);
  // A paragraph wrapped over several lines reads as the original sentence.
  EXPECT_NE(
      text.find(
          "Zuzanna understands more than she can say. In a quiet room with one adult she follows "
          "two-step instructions; in a busy classroom she misses much of what is said, and she may "
          "look as if she is not listening."),
      std::string::npos);
  // Sections in order A..K; the footer on every page.
  size_t last = 0;
  for (char letter = 'A'; letter <= 'K'; ++letter) {
    size_t at = text.find(std::string("Section ") + letter + ": ", last);
    ASSERT_NE(at, std::string::npos) << letter;
    last = at;
  }
  EXPECT_NE(text.find("Page 1 of "), std::string::npos);
  // The header row repeats on continuation pages (drawn, though tagged once).
  size_t headers = 0;
  for (size_t at = text.find("Provision Who How often Group Serves"); at != std::string::npos;
       at = text.find("Provision Who How often Group Serves", at + 1)) {
    ++headers;
  }
  EXPECT_GE(headers, 6u);
  EXPECT_NE(text.find("Zuzanna Wiśniewska"), std::string::npos);
}

TEST_F(PdfClients, ContentsPageNumbersMatchTheHeadingsPages) {
  // Find, for each "Section X" heading, the page it appears on (pdftotext -f/-l), and
  // the number the contents page gives it.
  auto contents = RunTool("pdftotext -enc UTF-8 -f 1 -l 2 -layout " + Quote(Long()) + " -");
  ASSERT_EQ(contents.exit_code, 0);
  std::regex entry(R"(Section ([A-K]): [^\n]*?\s(\d+)\n)");
  int checked = 0;
  for (std::sregex_iterator it(contents.output.begin(), contents.output.end(), entry), end;
       it != end; ++it) {
    std::string letter = (*it)[1];
    int page = std::stoi((*it)[2]);
    auto on_page = RunTool("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " +
                           std::to_string(page) + " " + Quote(Long()) + " -");
    EXPECT_NE(on_page.output.find("Section " + letter + ": "), std::string::npos)
        << "contents says Section " << letter << " is on page " << page;
    ++checked;
  }
  EXPECT_EQ(checked, 11);
}

// Arabic views as a parent reads them: the paragraph's lines align right (each ends at the
// right margin), English paragraphs around them stay left-aligned, and the lam-alef
// ligature in "الأقل" leaves no gap inside the word.
TEST(PdfArabicText, RightToLeftParagraphAlignsRightAndLigaturesLeaveNoGap) {
  testing::TempFolder folder("ehcp-pdf-arabic");
  DiagnosticList diagnostics;
  ASSERT_TRUE(
      WritePdf(testing::ArabicViewsDocument(), Options(), folder.File("arabic.pdf"), diagnostics));
  auto layout =
      RunTool("pdftotext -bbox-layout -enc UTF-8 " + Quote(folder.File("arabic.pdf")) + " -");
  ASSERT_EQ(layout.exit_code, 0) << layout.output;
  const double left = 62, right = 595.276 - 62;  // A4 and the default margins
  std::regex line_re(
      R"re(<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)</line>)re");
  std::regex word_re(R"re(<word [^>]*>([^<]*)</word>)re");
  int arabic_lines = 0, english_lines = 0;
  for (std::sregex_iterator it(layout.output.begin(), layout.output.end(), line_re), end; it != end;
       ++it) {
    double x_min = std::stod((*it)[1]), x_max = std::stod((*it)[2]);
    std::string words;
    std::string body = (*it)[3];
    for (std::sregex_iterator w(body.begin(), body.end(), word_re); w != end; ++w)
      words += (*w)[1].str() + " ";
    if (words.find("Example") != std::string::npos || words.find("Page") != std::string::npos)
      continue;  // furniture
    bool arabic_only =
        words.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") ==
        std::string::npos;
    if (arabic_only) {
      ++arabic_lines;
      EXPECT_NEAR(x_max, right, 1.5) << "an Arabic line ends at the right margin: " << words;
    } else {
      ++english_lines;
      EXPECT_NEAR(x_min, left, 1.5) << "an English line starts at the left margin: " << words;
    }
  }
  EXPECT_EQ(arabic_lines, 2);
  EXPECT_GE(english_lines, 3);

  auto text = RunTool("pdftotext -enc UTF-8 " + Quote(folder.File("arabic.pdf")) + " -");
  UErrorCode status = U_ZERO_ERROR;
  std::string plain;
  icu::Normalizer2::getNFKCInstance(status)
      ->normalize(icu::UnicodeString::fromUTF8(text.output), status)
      .toUTF8String(plain);
  ASSERT_TRUE(U_SUCCESS(status));
  EXPECT_NE(plain.find("الأقل"), std::string::npos) << plain;
  EXPECT_EQ(plain.find("الأ قل"), std::string::npos) << plain;
}

}  // namespace
}  // namespace ehcp
