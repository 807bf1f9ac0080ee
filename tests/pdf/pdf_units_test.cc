// Unit tests of the PDF writer's parts: number formatting, page labels, asset paths,
// text shaping (NFC, Arabic, unprintable characters) and line breaking.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "pdf/content_stream.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/line_breaker.h"
#include "pdf/page_furniture.h"
#include "pdf/pdf_metadata.h"
#include "pdf/text_shaping.h"
#include "pdf_tools.h"

namespace ehcp::pdf {
namespace {

TEST(FormatNumber, FixedPointWithoutTrailingZeros) {
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(12), "12");
  EXPECT_EQ(FormatNumber(12.5), "12.5");
  EXPECT_EQ(FormatNumber(595.276), "595.28");
  EXPECT_EQ(FormatNumber(-0.004), "0");
  EXPECT_EQ(FormatNumber(-3.25), "-3.25");
  EXPECT_EQ(FormatNumber(1e7), "10000000");
}

// Numbers are rounded as std::llround rounds them (half-way cases away from zero), without
// the library call: every content-stream number goes through it.
TEST(FormatNumber, RoundsAsLlroundDoes) {
  auto reference = [](double value) {
    long long hundredths = std::llround(value * 100.0);
    std::string out = hundredths < 0 ? "-" : "";
    hundredths = std::llabs(hundredths);
    out += std::to_string(hundredths / 100);
    if (hundredths % 100 != 0) {
      out += '.';
      out += static_cast<char>('0' + hundredths % 100 / 10);
      if (hundredths % 10 != 0) out += static_cast<char>('0' + hundredths % 10);
    }
    return out;
  };
  int differ = 0;
  for (int k = -20000; k <= 20000; ++k) {
    for (double value : {k / 1000.0, k / 800.0, k * 0.005, k * 0.125 + 0.005, k * 0.0049999}) {
      if (FormatNumber(value) != reference(value) && ++differ <= 5)
        ADD_FAILURE() << value << ": " << FormatNumber(value) << " against " << reference(value);
    }
  }
  EXPECT_EQ(differ, 0);
  EXPECT_EQ(FormatNumber(0.005), reference(0.005));
  EXPECT_EQ(FormatNumber(-0.125), "-0.13");
  EXPECT_EQ(FormatNumber(2.675), reference(2.675));  // 267.49999999999997 when scaled
}

// FontAndGlyph answers from its table what FontFor and GlyphOf answer, in every style,
// inside the table's range and beyond it, and again when asked a second time.
TEST(FontSetTest, FontAndGlyphAgreesWithFontForAndGlyphOf) {
  FontSet remembered, plain;
  std::vector<char32_t> characters;
  for (char32_t cp = 0; cp < 0x900; ++cp) characters.push_back(cp);
  for (char32_t cp : {U'\u4E2D', U'\uAC00', U'\u1200', U'\uFB01', U'\uFFFD', U'\U0001F996'})
    characters.push_back(cp);
  for (int round = 0; round < 2; ++round) {
    for (FontStyle style : {FontStyle{false, false}, FontStyle{true, false}, FontStyle{false, true},
                            FontStyle{true, true}}) {
      for (char32_t cp : characters) {
        Glyph glyph{7, 7};
        int font = remembered.FontAndGlyph(cp, style, glyph);
        int expected = plain.FontFor(cp, style);
        ASSERT_EQ(font, expected) << std::hex << static_cast<uint32_t>(cp);
        if (expected < 0) continue;
        const Glyph& want = plain.GlyphOf(expected, cp);
        ASSERT_EQ(glyph.gid, want.gid) << std::hex << static_cast<uint32_t>(cp);
        ASSERT_EQ(glyph.advance, want.advance) << std::hex << static_cast<uint32_t>(cp);
      }
    }
  }
}

TEST(ContentStream, SlotsAreFilledInPlace) {
  ContentStream stream;
  stream.BeginArtifact();
  size_t slot = stream.ReserveSlot();
  stream.End();
  stream.Fill(slot, "0 0 m 1 1 l S\n");
  EXPECT_EQ(stream.Take(), "/Artifact BMC\n0 0 m 1 1 l S\nEMC\n");
}

TEST(ContentStream, TaggedTextIsHexGlyphIds) {
  ContentStream stream;
  stream.BeginTagged("P", 3);
  stream.Text("Ft1", 12, 10, 20, {0x24, 0x1A2B, 0x2829, 0x5C0D, 0x0A41}, Rgb{});
  stream.End();
  std::string ops = stream.Take();
  EXPECT_NE(ops.find("/P <</MCID 3>> BDC\n"), std::string::npos);
  // Two bytes per glyph in a literal string; ( ) \\ CR and LF escaped.
  std::string expected = "/Ft1 12 Tf\n10 20 Td\n(";
  expected += '\0';
  expected += "$\x1A+\\(\\)\\\\\\r\\nA) Tj";
  EXPECT_NE(ops.find(expected), std::string::npos) << ops;
  EXPECT_EQ(ops.substr(ops.size() - 4), "EMC\n");
}

TEST(PageLabel, FillsPageAndPages) {
  EXPECT_EQ(FormatPageLabel("Page {page} of {pages}", 3, 30), "Page 3 of 30");
  EXPECT_EQ(FormatPageLabel("{page}/{pages}", 1, 1), "1/1");
  EXPECT_EQ(FormatPageLabel("", 2, 5), "Page 2 of 5");
}

TEST(Metadata, DatesAndXmp) {
  EXPECT_EQ(pdfio::PdfDateString(1767225600), "D:20260101000000Z");
  EXPECT_EQ(pdfio::XmpDateString(1767225600), "2026-01-01T00:00:00Z");
  doc::Document document;
  document.title = "Plan for O'Brien & <family>";
  std::string xmp = BuildXmp(document, 0);
  EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
  EXPECT_NE(xmp.find("xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""), std::string::npos);
  // Escaped exactly once.
  EXPECT_NE(xmp.find("Plan for O&apos;Brien &amp; &lt;family&gt;"), std::string::npos);
  EXPECT_EQ(xmp.find("&amp;amp;"), std::string::npos);
}

TEST(AssetRoot, RefusesPathsOutsideIt) {
  const auto& root = testing::kAssets;
  EXPECT_TRUE(IsInsideRoot(root, "logo.png"));
  EXPECT_TRUE(IsInsideRoot(root, root / "logo.png"));
  EXPECT_FALSE(IsInsideRoot(root, "../check_pdfua.py"));
  EXPECT_FALSE(IsInsideRoot(root, "/etc/passwd"));
  EXPECT_FALSE(IsInsideRoot(root, "sub/../../golden"));
  EXPECT_FALSE(IsInsideRoot(root, "."));
  EXPECT_FALSE(IsInsideRoot("", "logo.png"));
}

class ShapingTest : public ::testing::Test {
 protected:
  FontSet fonts_;
  DiagnosticList diagnostics_;
};

TEST_F(ShapingTest, NormalisesToNfc) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"Zoe\u0308", {}}}, fonts_, shaped, diagnostics_));
  EXPECT_EQ(shaped.logical, u"Zo\u00EB");
  EXPECT_FALSE(shaped.has_rtl);
  for (const Glyph& glyph : shaped.glyph) EXPECT_NE(glyph.gid, 0);
}

TEST_F(ShapingTest, LatinUsesLiberationAndArabicFallsBackToDejaVu) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"Wiśniewska ", {}}, {"مريم", {}}}, fonts_, shaped, diagnostics_));
  EXPECT_TRUE(shaped.has_rtl);
  EXPECT_NE(fonts_.ResourceName(shaped.font[0]), fonts_.ResourceName(shaped.font.back()));
  EXPECT_EQ(fonts_.FontName(shaped.font.back()).find("DejaVu"), 0u);
  // Arabic is shaped into presentation forms (U+FExx), same length as the logical text.
  ASSERT_EQ(shaped.display.size(), shaped.logical.size());
  EXPECT_GE(shaped.display.back(), 0xFE70);
  EXPECT_EQ(shaped.logical.back(), u'\u0645');
  EXPECT_EQ(shaped.run.back(), 1);
}

TEST_F(ShapingTest, LamAlefLigatureDrawsTwoLettersAsOneGlyph) {
  // "الأقل": lam + alef-with-hamza join into one ligature glyph; the letter it absorbed
  // is drawn as nothing and takes no room, rather than as a space inside the word.
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"الأقل", {}}}, fonts_, shaped, diagnostics_));
  ASSERT_EQ(shaped.logical.size(), 5u);
  int absorbed = 0;
  for (size_t i = 0; i < shaped.glyph.size(); ++i) {
    EXPECT_NE(shaped.display[i] == u' ' && shaped.glyph[i].gid != kNoGlyph, true)
        << "a drawn space at " << i;
    if (shaped.glyph[i].gid == kNoGlyph) {
      ++absorbed;
      EXPECT_EQ(shaped.glyph[i].advance, 0);
      EXPECT_EQ(shaped.font[i], shaped.font[0]);  // same font: the word stays one piece
    }
  }
  EXPECT_EQ(absorbed, 1);
}

// Chinese, Japanese, Korean and Ethiopic need no shaper: the static `ehcp` draws them
// glyph by glyph, each from its own font; a bold name takes the regular face where the
// family has no bold one.
TEST_F(ShapingTest, ChineseKoreanAndEthiopicComeFromTheirOwnFonts) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"王小明 さくら 김민지 ሰላም", {}}}, fonts_, shaped, diagnostics_))
      << (diagnostics_.Items().empty() ? "" : diagnostics_.Items()[0].message);
  auto font_of = [&](char16_t c) {
    for (size_t i = 0; i < shaped.logical.size(); ++i)
      if (shaped.logical[i] == c) return fonts_.FontName(shaped.font[i]);
    return std::string("(not found)");
  };
  EXPECT_EQ(font_of(u'\u738B'), "DroidSansFallback");         // 王
  EXPECT_EQ(font_of(u'\u3055'), "DroidSansFallback");         // さ
  EXPECT_EQ(font_of(u'\uAE40'), "NanumGothic");               // 김
  EXPECT_EQ(font_of(u'\u1230'), "NotoSansEthiopic-Regular");  // ሰ
  for (size_t i = 0; i < shaped.glyph.size(); ++i)
    if (shaped.logical[i] != u' ') {
      EXPECT_NE(shaped.glyph[i].gid, 0) << i;
    }
  ShapedText bold;
  ASSERT_TRUE(ShapeText({{"王小明", {true, false}}}, fonts_, bold, diagnostics_));
  EXPECT_EQ(fonts_.FontName(bold.font[0]), "DroidSansFallback");
}

// DejaVu Sans lacks a few letters of Urdu and Pashto (heh goal, ye with tail) that Noto
// Sans Arabic has: the whole word is drawn from the one font with every letter, so its
// letters join.
TEST_F(ShapingTest, AnUrduWordIsDrawnFromOneFont) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"فاطمہ بیگم", {}}}, fonts_, shaped, diagnostics_));
  for (size_t i = 0; i < 5; ++i)
    EXPECT_EQ(fonts_.FontName(shaped.font[i]), "NotoSansArabic-Regular") << i;
  for (size_t i = 0; i < shaped.glyph.size(); ++i)
    if (shaped.logical[i] != u' ') {
      EXPECT_NE(shaped.glyph[i].gid, 0) << i;
    }
}

TEST_F(ShapingTest, UnprintableCharacterIsAnErrorNamingIt) {
  ShapedText shaped;
  EXPECT_FALSE(ShapeText({{"Likes \U0001F600 and dogs", {}}}, fonts_, shaped, diagnostics_));
  ASSERT_TRUE(diagnostics_.HasErrors());
  const Diagnostic& d = diagnostics_.Items().front();
  EXPECT_EQ(d.code, "pdf.unprintable-character");
  EXPECT_NE(d.message.find("U+1F600"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("Likes \U0001F600 and dogs"), std::string::npos) << d.message;
}

TEST_F(ShapingTest, ScriptsNeedingComplexShapingAreRefused) {
  ShapedText shaped;
  EXPECT_FALSE(ShapeText({{"नमस्ते", {}}}, fonts_, shaped, diagnostics_));
  // One error for the word, naming its first letter and counting the other distinct ones.
  ASSERT_EQ(diagnostics_.Items().size(), 1u);
  EXPECT_NE(diagnostics_.Items().front().message.find(
                "U+0928 DEVANAGARI LETTER NA and 5 other characters"),
            std::string::npos)
      << diagnostics_.Items().front().message;
}

TEST_F(ShapingTest, ControlCharactersBecomeSpacesOrGo) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"a\tb\nc\x01"
                          "d",
                          {}}},
                        fonts_, shaped, diagnostics_));
  EXPECT_EQ(shaped.logical, u"a b cd");
}

class LineBreakerTest : public ShapingTest {
 protected:
  LineBreaker breaker_;
};

TEST_F(LineBreakerTest, LinesFitAndKeepEveryCharacterAndTrailingSpaces) {
  std::string text =
      "Zuzanna understands more than she can say. In a quiet room with one adult she follows "
      "two-step "
      "instructions; in a busy classroom she misses much of what is said.";
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{text, {}}}, fonts_, shaped, diagnostics_));
  auto lines = breaker_.Break(shaped, 12, 200, fonts_);
  ASSERT_GT(lines.size(), 3u);
  size_t glyphs = 0;
  uint16_t space = fonts_.GlyphOf(shaped.font[0], U' ').gid;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].width, 200.0);
    for (const auto& run : lines[i].runs) glyphs += run.gids.size();
    // Every line but the last ends in the space it broke at (or a hyphen), so
    // extracted text keeps its word boundaries.
    if (i + 1 < lines.size()) {
      uint16_t last = lines[i].runs.back().gids.back();
      uint16_t hyphen = fonts_.GlyphOf(shaped.font[0], U'-').gid;
      EXPECT_TRUE(last == space || last == hyphen) << "line " << i;
    }
  }
  EXPECT_EQ(glyphs, shaped.logical.size());
}

// A family reads a phone number, a date, a postcode or an e-mail address in one piece:
// at every width, no line ends inside one ("01632 | 960233" left "960233." alone).
TEST_F(LineBreakerTest, NumbersDatesPostcodesAndAddressesAreNeverBroken) {
  std::string text =
      "Call the coordinator on 01632 960233 or +44 7700 900123 before 4 March 2026, write to 12 "
      "Mill Lane, "
      "Newcastle NE1 4XY, or e-mail send-team@example-council.gov.uk about the review in September "
      "2026.";
  const std::vector<std::string> whole = {"01632 960233",
                                          "+44 7700 900123",
                                          "4 March 2026",
                                          "NE1 4XY",
                                          "send-team@example-council.gov.uk",
                                          "September 2026"};
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{text, {}}}, fonts_, shaped, diagnostics_));
  ASSERT_EQ(shaped.logical.size(), text.size());  // ASCII: one unit per byte
  int breaks_checked = 0;
  // From 200 pt, wider than the e-mail address: a piece wider than the line still breaks.
  for (double width = 200; width <= 420; width += 5) {
    auto lines = breaker_.Break(shaped, 12, width, fonts_);
    size_t end = 0;
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
      for (const auto& run : lines[i].runs) end += run.gids.size();
      ++breaks_checked;
      for (const std::string& piece : whole) {
        size_t at = text.find(piece);
        EXPECT_FALSE(end > at && end < at + piece.size())
            << "width " << width << ": line " << i << " ends inside \"" << piece << "\": \""
            << text.substr(0, end) << "\"";
      }
    }
  }
  EXPECT_GT(breaks_checked, 150);
  // Ordinary numbers next to words still break: "12 Mill" is not one piece.
  double widest = breaker_.LongestPiece(shaped, 12);
  EXPECT_LT(widest, MeasureWidth(shaped, 12) / 3);
}

TEST_F(LineBreakerTest, WordLongerThanTheLineIsSplit) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"Pneumonoultramicroscopicsilicovolcanoconiosis", {}}}, fonts_, shaped,
                        diagnostics_));
  auto lines = breaker_.Break(shaped, 12, 60, fonts_);
  ASSERT_GT(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_LE(line.width, 60.0);
}

TEST_F(LineBreakerTest, ARightToLeftParagraphsLinesAreMarkedAndEndAtTheLeft) {
  ShapedText arabic;
  ASSERT_TRUE(ShapeText(
      {{"يوسف ولد ذكي ولطيف. أريد أن يذهب إلى المدرسة دون خوف، وأن يكون له صديق واحد على الأقل.",
        {}}},
      fonts_, arabic, diagnostics_));
  arabic.right_to_left = true;  // as the layout engine decides (ReadsRightToLeft)
  auto lines = breaker_.Break(arabic, 12, 200, fonts_);
  ASSERT_GE(lines.size(), 2u);
  size_t drawn = 0;
  for (const auto& line : lines) {
    EXPECT_TRUE(line.right_to_left);
    EXPECT_GE(line.advance + 1e-9, line.width);
    for (const auto& run : line.runs) drawn += run.gids.size();
  }
  EXPECT_EQ(drawn, arabic.logical.size() - 1);  // all but the letter inside the lam-alef ligature
  // The full stop ends the sentence, so in a right-to-left paragraph it is drawn leftmost.
  uint16_t stop = fonts_.GlyphOf(arabic.font.back(), U'.').gid;
  EXPECT_EQ(lines.back().runs.front().gids.front(), stop);
  // The same text in a left-to-right paragraph keeps the full stop at the right.
  arabic.right_to_left = false;
  auto ltr_lines = breaker_.Break(arabic, 12, 200, fonts_);
  EXPECT_FALSE(ltr_lines.back().right_to_left);
  EXPECT_EQ(ltr_lines.back().runs.back().gids.back(), stop);
}

TEST_F(LineBreakerTest, RightToLeftRunIsReversedIntoVisualOrder) {
  ShapedText shaped;
  ASSERT_TRUE(ShapeText({{"Mother: ", {}}, {"مريم حداد", {}}, {" (stepmother)", {}}}, fonts_,
                        shaped, diagnostics_));
  auto lines = breaker_.Break(shaped, 12, 1000, fonts_);
  ASSERT_EQ(lines.size(), 1u);
  const auto& runs = lines[0].runs;
  // Visual order in a left-to-right paragraph: "Mother: ", the Arabic name (its two
  // words swapped, each drawn right to left), then " (stepmother)".
  ASSERT_GE(runs.size(), 3u);
  EXPECT_EQ(runs.front().run, 0);
  EXPECT_EQ(runs.back().run, 2);
  std::vector<uint16_t> arabic;
  for (const auto& run : runs) {
    if (run.run == 1) {
      EXPECT_TRUE(run.right_to_left);
      arabic.insert(arabic.end(), run.gids.begin(), run.gids.end());
    }
  }
  // The first glyph drawn (leftmost) is the last letter of the logical text.
  size_t last_letter = shaped.logical.size() - std::u16string(u" (stepmother)").size() - 1;
  EXPECT_EQ(arabic.front(), shaped.glyph[last_letter].gid);
  double x = 0;
  for (const auto& run : runs) {
    EXPECT_NEAR(run.x, x, 1e-9);
    x += run.width;
  }
}

}  // namespace
}  // namespace ehcp::pdf
