#include "bundle/active_content.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "pdfio/copier.h"
#include "pdfio/reader.h"
#include "support/classic_pdf.h"

namespace ehcp {
namespace {

using pdfio::Copier;
using pdfio::OutputPdf;
using pdfio::PdfFile;
using pdfio::Value;

// A one-page document: page actions, a FileAttachment with its embedded file, a web link,
// a JavaScript link and a direct Launch link; an open action and embedded files in the
// catalog. Object 10 stands for the structure tree pointing at the attachment.
std::string HostilePdf() {
  return testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R /OpenAction 9 0 R"
      " /Names <</EmbeddedFiles <</Names [(a) 7 0 R]>>>>>>",
      "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA <</O 9 0 R>>"
      " /Annots [4 0 R 5 0 R 6 0 R <</Type /Annot /Subtype /Link /Rect [0 0 1 1]"
      " /A <</S /Launch /F (x.exe)>>>>]>>",
      "<</Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS 7 0 R>>",
      "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A <</S /URI /URI "
      "(https://example.org/a)>>>>",
      "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A 9 0 R>>",
      "<</Type /Filespec /F (a.txt) /EF <</F 8 0 R>>>>",
      "<</Type /EmbeddedFile /Length 15>>\nstream\nEMBEDDED-SECRET\nendstream",
      "<</S /JavaScript /JS (app.alert\\(1\\))>>",
      "<</Type /OBJR /Obj 4 0 R>>",
  });
}

// Copies the page (as the bundle writer does) into a new bundle and returns its bytes.
std::string Bundle(const std::string& source, bool strip, std::vector<RemovedContent>* removed,
                   Value* objr = nullptr) {
  PdfFile file(source);
  OutputPdf out;
  int64_t catalog = out.Add(Value::Dict());
  int64_t pages = out.Add(Value::Dict());
  Copier copier(file, out, 0, "test");
  copier.Redirect(1, catalog);
  copier.Redirect(2, pages);
  std::vector<Value> page_refs = {Value::Ref(3)};
  if (strip) *removed = StripActiveContent(copier, page_refs);
  int64_t page = copier.Number(3);
  copier.Own(Value::Ref(3));
  if (objr != nullptr) *objr = copier.CopyValue(*file.Get(10)->value.Get("Obj"));
  Value& p = out.Owned(pages).value;
  p.Set("Type", Value::Name("Pages"));
  p.Set("Kids", Value::Array());
  p.Get("Kids")->array.push_back(Value::Ref(page));
  p.Set("Count", Value::Int(1));
  out.Owned(catalog).value.Set("Type", Value::Name("Catalog"));
  out.Owned(catalog).value.Set("Pages", Value::Ref(pages));
  int64_t info = out.Add(Value::Dict());
  return out.Write(catalog, info, source.size());
}

const RemovedContent* Find(const std::vector<RemovedContent>& removed, const std::string& what) {
  for (const auto& r : removed)
    if (r.what == what) return &r;
  return nullptr;
}

TEST(ActiveContent, ScriptsLaunchesAndEmbeddedFilesNeverReachTheBundle) {
  std::vector<RemovedContent> removed;
  Value objr;
  std::string bytes = Bundle(HostilePdf(), true, &removed, &objr);
  EXPECT_EQ(bytes.find("EMBEDDED-SECRET"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("JavaScript"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("app.alert"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("Launch"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("FileAttachment"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("/AA"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find("(https://example.org/a)"), std::string::npos) << bytes;
  // The structure tree's reference to the attachment comes out as null.
  EXPECT_TRUE(objr.IsNull());

  for (const char* what :
       {"a FileAttachment annotation and its embedded file", "a JavaScript action",
        "a Launch action (starts a program or opens a file)",
        "page actions (run when the page opens or closes)"}) {
    const RemovedContent* r = Find(removed, what);
    ASSERT_NE(r, nullptr) << what;
    EXPECT_EQ(r->pages, std::vector<int>{1}) << what;
  }
  for (const char* what : {"a JavaScript action run when the document opens", "embedded files"}) {
    const RemovedContent* r = Find(removed, what);
    ASSERT_NE(r, nullptr) << what;
    EXPECT_TRUE(r->pages.empty()) << what;
  }
}

TEST(ActiveContent, ADocumentWithoutActiveContentIsCopiedByteForByte) {
  std::string source = testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit]>>",
      "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R 5 0 R]>>",
      "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A <</S /URI /URI (mailto:a@b.example)>>>>",
      "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A <</S /GoTo /D [3 0 R /Fit]>>>>",
      "<</Type /Annot /Subtype /Highlight /Rect [0 0 10 10] /QuadPoints [0 0 1 0 1 1 0 1]>>",
      "<</Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (a note)>>",
      "<</Type /OBJR /Obj 4 0 R>>",
      "null",
      "null",
  });
  std::vector<RemovedContent> removed;
  std::string stripped = Bundle(source, true, &removed);
  EXPECT_TRUE(removed.empty()) << removed.front().what;
  std::vector<RemovedContent> unused;
  EXPECT_EQ(stripped, Bundle(source, false, &unused));
}

TEST(ActiveContent, OnlyWebAndMailLinksAndJumpsAreKept) {
  auto link = [](const std::string& action) {
    std::string source = testing::PdfWithClassicXref({
        "<</Type /Catalog /Pages 2 0 R>>",
        "<</Type /Pages /Kids [3 0 R] /Count 1>>",
        "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R]>>",
        "<</Type /Annot /Subtype /Link /Rect [0 0 10 10] /A " + action + ">>",
        "null",
        "null",
        "null",
        "null",
        "null",
        "<</Obj 4 0 R>>",
    });
    std::vector<RemovedContent> removed;
    Bundle(source, true, &removed);
    return removed.empty() ? std::string() : removed.front().what;
  };
  EXPECT_EQ(link("<</S /URI /URI (https://www.gov.uk/)>>"), "");
  EXPECT_EQ(link("<</S /URI /URI <687474703A2F2F612E6578616D706C65>>>"), "");  // http://a.example
  EXPECT_EQ(link("<</S /GoTo /D [3 0 R /Fit]>>"), "");
  EXPECT_EQ(link("<</S /URI /URI (javascript:alert\\(1\\))>>"),
            "a link to a javascript: address (not a web page)");
  EXPECT_EQ(link("<</S /URI /URI (file:///etc/passwd)>>"),
            "a link to a file: address (not a web page)");
  EXPECT_EQ(link("<</S /URI /URI (  https://a.example)>>"), "a link without a web address");
  EXPECT_EQ(link("<</S /GoToR /F (other.pdf) /D [0 /Fit]>>"),
            "a GoToR action (opens another PDF file)");
  EXPECT_EQ(link("<</S /Java#53cript /JS (x)>>"), "a Java#53cript action");  // escapes: unknown
  EXPECT_EQ(link("<</S /URI /URI (https://a.example) /Next <</S /JavaScript /JS (x)>>>>"),
            "a JavaScript action chained after another");
}

// A page and bookmarks nested `levels` deep whose deepest has a JavaScript action, copied
// as the bundle writer copies a document's bookmarks (from the outline root's /First).
std::string BundleWithDeepBookmarks(int levels, std::vector<RemovedContent>& removed) {
  std::vector<std::string> bodies = {
      "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R>>", "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
      "<</Type /Outlines /First 5 0 R /Last 5 0 R /Count " + std::to_string(levels) + ">>"};
  const int script = 5 + levels;  // the object number of the action
  for (int n = 5; n < 5 + levels; ++n) {
    std::string item =
        "<</Title (level " + std::to_string(n - 4) + ") /Parent " + std::to_string(n - 1) + " 0 R";
    if (n + 1 < script)
      item += " /First " + std::to_string(n + 1) + " 0 R /Last " + std::to_string(n + 1) +
              " 0 R /Count 1";
    else
      item += " /A " + std::to_string(script) + " 0 R";
    bodies.push_back(item + ">>");
  }
  bodies.push_back("<</S /JavaScript /JS (app.alert\\(1\\))>>");
  std::string source = testing::PdfWithClassicXref(bodies);
  PdfFile file(source);
  OutputPdf out;
  int64_t catalog = out.Add(Value::Dict());
  int64_t pages = out.Add(Value::Dict());
  Copier copier(file, out, 0, "test");
  copier.Redirect(1, catalog);
  copier.Redirect(2, pages);
  removed = StripActiveContent(copier, {Value::Ref(3)});
  Value outlines = Value::Dict();
  outlines.Set("First", copier.CopyValue(Value::Ref(5)));
  Value& p = out.Owned(pages).value;
  p.Set("Type", Value::Name("Pages"));
  p.Set("Kids", Value::Array());
  p.Get("Kids")->array.push_back(Value::Ref(copier.Number(3)));
  p.Set("Count", Value::Int(1));
  out.Owned(catalog).value.Set("Type", Value::Name("Catalog"));
  out.Owned(catalog).value.Set("Pages", Value::Ref(pages));
  out.Owned(catalog).value.Set("Outlines", std::move(outlines));
  int64_t info = out.Add(Value::Dict());
  return out.Write(catalog, info, source.size());
}

// Found by review: bookmarks were checked only 64 levels deep, and everything below was
// still copied, so a script on a deeper bookmark reached the bundle. They are cut off.
TEST(ActiveContent, BookmarksNestedPastTheLimitAreCutOffNotCopiedUnchecked) {
  std::vector<RemovedContent> removed;
  std::string bytes = BundleWithDeepBookmarks(70, removed);
  EXPECT_EQ(bytes.find("app.alert"), std::string::npos);
  EXPECT_NE(bytes.find("(level 64)"), std::string::npos);
  EXPECT_EQ(bytes.find("(level 65)"), std::string::npos);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].what, "bookmarks nested more than 64 levels deep");

  // Within the limit every bookmark is kept and the script is taken off the deepest.
  bytes = BundleWithDeepBookmarks(60, removed);
  EXPECT_EQ(bytes.find("app.alert"), std::string::npos);
  EXPECT_NE(bytes.find("(level 60)"), std::string::npos);
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0].what, "a JavaScript action on a bookmark");
}

TEST(ActiveContent, DescribesPages) {
  EXPECT_EQ(DescribePages({2}), "page 2");
  EXPECT_EQ(DescribePages({1, 3, 4}), "pages 1, 3 and 4");
}

}  // namespace
}  // namespace ehcp
