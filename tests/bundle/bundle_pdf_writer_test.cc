// The bundle writer's merge of one PDF into another (AppendPdfs, as `render --appendices`
// uses it) on hostile sources made here: it must finish with a PDF or an error, never crash.

#include "bundle/bundle_pdf_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bundle/source_pdf.h"
#include "support/classic_pdf.h"

namespace ehcp {
namespace {

// A one-page tagged PDF, as the plan PDF the appendices go after.
std::string BasePdf() {
  return testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R>>",
      "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
      "<</Type /StructTreeRoot /K 5 0 R>>",
      "<</Type /StructElem /S /Document /P 4 0 R>>",
  });
}

// A one-page PDF whose bookmarks are nested `levels` deep, each one open.
std::string DeepBookmarksPdf(int levels) {
  std::vector<std::string> bodies = {
      "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
      "<</Type /Outlines /First 5 0 R /Last 5 0 R /Count " + std::to_string(levels) + ">>"};
  bodies.reserve(static_cast<size_t>(levels) + 4);
  for (int n = 5; n < 5 + levels; ++n) {
    std::string item = "<</Title (b) /Parent " + std::to_string(n - 1) + " 0 R";
    if (n + 1 < 5 + levels)
      item += " /First " + std::to_string(n + 1) + " 0 R /Last " + std::to_string(n + 1) +
              " 0 R /Count 1";
    bodies.push_back(item + ">>");
  }
  return testing::PdfWithClassicXref(bodies);
}

// Found by review after the fuzzers: the count of open bookmarks recursed once a level
// of the source's outline, so a PDF with bookmarks nested 300,000 deep (a few MB) overflowed
// the stack. Levels past the 64th are now left out, as the active-content check does.
TEST(AppendPdfs, BookmarksNestedHundredsOfThousandsDeepAreNotAStackOverflow) {
  DiagnosticList diagnostics;
  std::unique_ptr<SourcePdf> base =
      SourcePdf::OpenInMemory(BasePdf(), "plan", FileLocation("plan.xml"), diagnostics);
  std::unique_ptr<SourcePdf> deep = SourcePdf::OpenInMemory(DeepBookmarksPdf(300000), "K1",
                                                            FileLocation("plan.xml"), diagnostics);
  ASSERT_TRUE(base && deep) << (diagnostics.Empty() ? "" : diagnostics.Items()[0].message);
  std::vector<AppendedPdf> appended(1);
  appended[0].title = "Appendix K1: deep bookmarks";
  appended[0].source = deep.get();
  appended[0].location = FileLocation("plan.xml");
  appended[0].page_label = "K1-";
  std::string bytes;
  ASSERT_TRUE(AppendPdfs(*base, "plan.pdf", appended, bytes, diagnostics))
      << (diagnostics.Empty() ? "" : diagnostics.Items()[0].message);
  EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
  EXPECT_EQ(appended[0].first_page, 2);
  ASSERT_EQ(appended[0].removed.size(), 1u);
  EXPECT_EQ(appended[0].removed[0].what, "bookmarks nested more than 64 levels deep");
}

// Found by review: a bookmark's /Prev, a parent's /Last and the outline root's /Last were
// copied as they were, and the copy takes whatever they lead to, so a bookmark outside the
// /First-/Next lists (never checked, as the lists are what is walked) carried its script
// into the merged PDF. Each is now pointed back at a bookmark that was checked.
TEST(AppendPdfs, NoLinkBetweenBookmarksLeadsToOneThatWasNotChecked) {
  // 5 and 6 are the top level, 7 is 5's only child; 8, outside every list, runs a script
  // and is what the root's /Last, 6's /Prev and 5's /Last lead to; 7's /Parent leads to 8.
  const std::string source = testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>",
      "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
      "<</Type /Outlines /First 5 0 R /Last 8 0 R /Count 2>>",
      "<</Title (one) /Parent 4 0 R /Next 6 0 R /First 7 0 R /Last 8 0 R /Count 1>>",
      "<</Title (two) /Parent 4 0 R /Prev 8 0 R>>",
      "<</Title (one.one) /Parent 8 0 R>>",
      "<</Title (hidden) /Parent 4 0 R /A 9 0 R>>",
      "<</S /JavaScript /JS (app.alert\\(1\\))>>",
  });
  DiagnosticList diagnostics;
  std::unique_ptr<SourcePdf> base =
      SourcePdf::OpenInMemory(BasePdf(), "plan", FileLocation("plan.xml"), diagnostics);
  std::unique_ptr<SourcePdf> hostile =
      SourcePdf::OpenInMemory(source, "K1", FileLocation("plan.xml"), diagnostics);
  ASSERT_TRUE(base && hostile) << (diagnostics.Empty() ? "" : diagnostics.Items()[0].message);
  std::vector<AppendedPdf> appended(1);
  appended[0].title = "Appendix K1: links to a hidden bookmark";
  appended[0].source = hostile.get();
  appended[0].location = FileLocation("plan.xml");
  appended[0].page_label = "K1-";
  std::string bytes;
  ASSERT_TRUE(AppendPdfs(*base, "plan.pdf", appended, bytes, diagnostics))
      << (diagnostics.Empty() ? "" : diagnostics.Items()[0].message);
  EXPECT_EQ(bytes.find("JavaScript"), std::string::npos);
  EXPECT_EQ(bytes.find("app.alert"), std::string::npos);
  EXPECT_EQ(bytes.find("(hidden)"), std::string::npos);
  // The three bookmarks that were walked are all still there.
  EXPECT_NE(bytes.find("(one)"), std::string::npos);
  EXPECT_NE(bytes.find("(two)"), std::string::npos);
  EXPECT_NE(bytes.find("(one.one)"), std::string::npos);
}

}  // namespace
}  // namespace ehcp
