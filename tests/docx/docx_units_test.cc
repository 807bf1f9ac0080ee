// Unit tests for the DOCX writer's building blocks: XML text, direction detection and
// bookmark names (images: tests/image and docx_writer_test).

#include <gtest/gtest.h>

#include "document/text_direction.h"
#include "docx/docx_body.h"
#include "docx/docx_package_reader.h"
#include "docx/docx_runs.h"
#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

TEST(XmlText, EscapesMarkupAndDropsWhatXmlCannotCarry) {
  std::string out;
  AppendXmlText(out, "a<b & c>d \"q\"\x01\x1f\tok\n");
  EXPECT_EQ(out, "a&lt;b &amp; c&gt;d \"q\"\tok\n");
  out.clear();
  AppendXmlAttribute(out, "say \"hi\"\tthere");
  EXPECT_EQ(out, "say &quot;hi&quot;&#9;there");
  // Malformed UTF-8, an encoded surrogate and U+FFFE are dropped; good text survives.
  EXPECT_EQ(XmlLegalText("Wi\xC5\x9Bniewska \xFF\xED\xA0\x80\xEF\xBF\xBE مريم"),
            "Wiśniewska  مريم");
  EXPECT_EQ(XmlLegalText("\xC0\xAF"), "");  // overlong "/"
}

TEST(TextDirection, LanguagesAndScripts) {
  for (const char* rtl : {"ar", "ar-SA", "he", "ur", "fa-IR", "ps", "pa-Arab", "ckb", "yi"})
    EXPECT_TRUE(IsRightToLeftLanguage(rtl)) << rtl;
  for (const char* ltr : {"en-GB", "pl", "pa", "pa-Guru", "az-Latn", "ku-Latn", "", "arn", "heb-x"})
    EXPECT_FALSE(IsRightToLeftLanguage(ltr)) << ltr;
  EXPECT_EQ(FirstStrongDirection("مريم حداد"), Direction::kRightToLeft);
  EXPECT_EQ(FirstStrongDirection("12, \"مريم\" and more"), Direction::kRightToLeft);
  EXPECT_EQ(FirstStrongDirection("Zuzanna مريم"), Direction::kLeftToRight);
  EXPECT_EQ(FirstStrongDirection("Żaneta"), Direction::kLeftToRight);
  EXPECT_EQ(FirstStrongDirection("12 – 14"), Direction::kNeutral);
  EXPECT_TRUE(ContainsRightToLeftText("name: שרה"));
  // Paragraph direction (shared with the PDF writer).
  auto span = [](std::string text, std::string lang = "") {
    doc::Span s;
    s.text = std::move(text);
    s.lang = std::move(lang);
    return s;
  };
  EXPECT_TRUE(ReadsRightToLeft("يوسف ولد ذكي ولطيف."));
  EXPECT_TRUE(ReadsRightToLeft("12, \"مريم\"."));
  EXPECT_FALSE(ReadsRightToLeft("مريم حداد (stepmother)"));  // an English cell starting with a name
  EXPECT_FALSE(ReadsRightToLeft("Mother: مريم حداد"));
  EXPECT_FALSE(ReadsRightToLeft("12 – 14"));
  EXPECT_FALSE(ReadsRightToLeft("Zuzanna Wiśniewska"));
  EXPECT_TRUE(ReadsRightToLeft(
      {span("يوسف يحب Minecraft كثيرا.", "ar")}));  // tagged Arabic with a Latin word
  EXPECT_FALSE(ReadsRightToLeft({span("يوسف يحب Minecraft كثيرا.")}));
  EXPECT_FALSE(ReadsRightToLeft({span("Mother: "), span("مريم حداد", "ar")}));
  EXPECT_TRUE(ReadsRightToLeft({span("  "), span("מרים", "he"), span(".")}));
  EXPECT_FALSE(ContainsRightToLeftText("Zuzanna Wiśniewska"));
}

TEST(Runs, SplitsRightToLeftStretchesOutOfUntaggedText) {
  std::string out;
  AppendRuns(out, "Friend: مريم حداد, age 9", RunFormat{});
  EXPECT_EQ(out,
            "<w:r><w:t xml:space=\"preserve\">Friend: </w:t></w:r>"
            "<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space=\"preserve\">مريم حداد</w:t></w:r>"
            "<w:r><w:t xml:space=\"preserve\">, age 9</w:t></w:r>");
  out.clear();
  AppendRuns(out, "مريم", RunFormat{true, false, "ar", {}});
  EXPECT_EQ(out,
            "<w:r><w:rPr><w:b/><w:bCs/><w:rtl/><w:lang w:bidi=\"ar\"/></w:rPr><w:t "
            "xml:space=\"preserve\">مريم</w:t></w:r>");
  out.clear();
  AppendRuns(out, "", RunFormat{});
  EXPECT_EQ(out, "");
}

// Word picks a run's font and language per slot: Chinese in the eastAsia slot, the
// scripts of India (left to right) in the complex one, tagged with w:bidi.
TEST(Runs, EastAsianAndComplexScriptsGetTheirFontSlotsAndLanguage) {
  std::string out;
  AppendRuns(out, "王小明", RunFormat{false, false, "zh", {}});
  EXPECT_EQ(out,
            "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" w:eastAsia=\"Microsoft YaHei\"/>"
            "<w:lang w:val=\"zh\" w:eastAsia=\"zh\"/></w:rPr>"
            "<w:t xml:space=\"preserve\">王小明</w:t></w:r>");
  out.clear();
  AppendRuns(out, "রহিমা খাতুন", RunFormat{false, false, "bn", {}});
  EXPECT_EQ(out,
            "<w:r><w:rPr><w:rFonts w:cs=\"Nirmala UI\"/>"
            "<w:lang w:val=\"bn\" w:bidi=\"bn\"/></w:rPr>"
            "<w:t xml:space=\"preserve\">রহিমা খাতুন</w:t></w:r>");
  out.clear();
  AppendRuns(out, "ሰላም", RunFormat{false, false, "am", {}});
  EXPECT_NE(out.find("<w:rFonts w:ascii=\"Ebrima\" w:hAnsi=\"Ebrima\"/>"), std::string::npos)
      << out;
  out.clear();
  AppendRuns(out, "Parent: 王小明", RunFormat{});  // untagged: the font slot, no language
  EXPECT_NE(out.find("w:eastAsia=\"Microsoft YaHei\""), std::string::npos) << out;
  EXPECT_EQ(out.find("<w:lang"), std::string::npos) << out;
}

TEST(Bookmarks, NamesFollowWordRules) {
  EXPECT_EQ(BookmarkNameFor("section-f"), "section_f");
  EXPECT_EQ(BookmarkNameFor("need-B1"), "need_B1");
  EXPECT_EQ(BookmarkNameFor("1st"), "h_1st");
  EXPECT_EQ(BookmarkNameFor(std::string(60, 'a')).size(), 40u);
}

}  // namespace
}  // namespace ehcp::docx
