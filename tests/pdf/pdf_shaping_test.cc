// Text in the scripts of India and Sri Lanka, shaped by HarfBuzz (complex_shaper.h): the
// glyphs a font's rules pick (conjuncts, vowel signs drawn before their consonant), their
// clusters, and line breaking over them. The shaper is installed for this whole binary.

#include <gtest/gtest.h>

#include "pdf/harfbuzz_shaper.h"
#include "pdf/line_breaker.h"
#include "pdf/text_shaping.h"

namespace ehcp::pdf {
namespace {

class Shaped : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { UseHarfBuzzShaper(); }
  ShapedText Shape(const std::string& text) {
    ShapedText shaped;
    EXPECT_TRUE(ShapeText({{text, {}}}, fonts_, shaped, diagnostics_)) << text;
    return shaped;
  }
  FontSet fonts_;
  DiagnosticList diagnostics_;
};

TEST_F(Shaped, AVowelSignDrawnBeforeItsConsonantIsOneCluster) {
  // कि: KA + VOWEL SIGN I; the sign is drawn first, and both are one cluster.
  ShapedText shaped = Shape("किरण");
  ASSERT_EQ(shaped.logical.size(), 4u);
  ASSERT_FALSE(shaped.cluster_of.empty());
  ASSERT_GE(shaped.cluster_of[0], 0);
  const auto& cluster = shaped.clusters[static_cast<size_t>(shaped.cluster_of[0])];
  ASSERT_EQ(cluster.size(), 2u);
  EXPECT_EQ(shaped.glyph[1].gid, kNoGlyph);
  EXPECT_EQ(shaped.glyph[1].advance, 0);
  uint16_t ka = fonts_.GlyphOf(shaped.font[0], U'\u0915').gid;
  EXPECT_NE(cluster[0].gid, ka);  // the vowel sign first
  EXPECT_EQ(cluster[1].gid, ka);
  EXPECT_NEAR(shaped.glyph[0].advance, cluster[0].advance + cluster[1].advance, 1e-3);
  EXPECT_NE(fonts_.FontName(shaped.font[0]).find("NotoSansDevanagari"), std::string::npos);
}

TEST_F(Shaped, AConjunctTakesFewerGlyphsThanCharacters) {
  ShapedText shaped = Shape("नमस्ते");  // स्त: SA + VIRAMA + TA join
  size_t glyphs = 0;
  for (const auto& cluster : shaped.clusters) glyphs += cluster.size();
  EXPECT_LT(glyphs, shaped.logical.size());
  EXPECT_LT(shaped.clusters.size(), shaped.logical.size());  // स्त is one
}

TEST_F(Shaped, MarksAndJoinersStayWithTheirCluster) {
  ShapedText shaped = Shape("ශ්\u200Dරී");  // Sinhala with ZWJ: one cluster, one font
  ASSERT_FALSE(shaped.cluster_of.empty());
  for (size_t i = 1; i < shaped.logical.size(); ++i) EXPECT_EQ(shaped.font[i], shaped.font[0]) << i;
  EXPECT_EQ(shaped.clusters.size(), 1u);
}

// In Latin text a soft hyphen, zero-width space or joiner typed into a name used to be
// drawn as a visible glyph (a hyphen, a box). They now take no glyph and no width, while
// the same joiner inside an Indic cluster is still the shaper's (test above).
TEST_F(Shaped, InvisibleFormatCharactersInLatinTextAreNotDrawn) {
  ShapedText plain = Shape("Jo Bloggs");
  ShapedText marked = Shape("Jo\u00AD Blo\u200Bg\u200Dgs\u200C\u2060");
  double plain_width = 0, marked_width = 0;
  for (const auto& g : plain.glyph) plain_width += g.advance;
  for (size_t i = 0; i < marked.glyph.size(); ++i) {
    marked_width += marked.glyph[i].advance;
    char32_t cp = marked.logical[i];
    if (cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060) {
      EXPECT_EQ(marked.glyph[i].gid, kNoGlyph) << std::hex << static_cast<uint32_t>(cp);
      EXPECT_GE(marked.font[i], 0);
    }
  }
  EXPECT_NEAR(marked_width, plain_width, 1e-6);
}

TEST_F(Shaped, LinesOfShapedTextFitAndCarryTheirTextForExtraction) {
  std::string text = "হরপ্রীত সিংহ আর শুভ্রা দাস স্কুলে যায় এবং তারা খুব ভালো বন্ধু";  // Bengali
  ShapedText shaped = Shape(text);
  LineBreaker breaker;
  auto lines = breaker.Break(shaped, 12, 120, fonts_);
  ASSERT_GT(lines.size(), 2u);
  std::u16string letters;  // the text without spaces
  for (char16_t unit : shaped.logical)
    if (unit != u' ') letters += unit;
  std::string extracted;
  for (const auto& line : lines) {
    EXPECT_LE(line.width, 120.0);
    for (const auto& run : line.runs) {
      if (run.blank) continue;
      ASSERT_EQ(run.placements.size(), run.gids.size());
      size_t next = 0;
      for (const auto& range : run.actual_text) {
        EXPECT_GE(range.first, next);  // in order, not overlapping
        next = range.first + range.count;
        EXPECT_LE(next, run.gids.size());
        extracted += range.text;
      }
    }
  }
  EXPECT_EQ(extracted, ToUtf8(letters));  // every letter in exactly one cluster's ActualText
}

TEST_F(Shaped, AWordWiderThanTheLineBreaksBetweenClustersNotInsideThem) {
  ShapedText shaped = Shape("स्त्रीस्त्रीस्त्रीस्त्रीस्त्रीस्त्रीस्त्रीस्त्री");  // one long word of conjuncts
  LineBreaker breaker;
  auto lines = breaker.Break(shaped, 12, 8, fonts_);  // narrower than one cluster
  ASSERT_GT(lines.size(), 1u);
  std::string extracted;
  for (const auto& line : lines)
    for (const auto& run : line.runs)
      for (const auto& range : run.actual_text) extracted += range.text;
  EXPECT_EQ(extracted, ToUtf8(shaped.logical));  // no cluster cut in two
}

// Thai stacks a tone mark above a vowel sign above its consonant (ที่: THO THAHAN, SARA
// II, MAI EK): the font's GPOS places them, so Thai goes through the shaper too, and the
// three are one cluster in Noto Sans Thai.
TEST_F(Shaped, ThaiToneMarksStackInOneCluster) {
  ShapedText shaped = Shape("\u0E17\u0E35\u0E48");
  ASSERT_EQ(shaped.logical.size(), 3u);
  ASSERT_FALSE(shaped.cluster_of.empty());
  EXPECT_EQ(fonts_.FontName(shaped.font[0]), "NotoSansThai-Regular");
  ASSERT_EQ(shaped.clusters.size(), 1u);
  EXPECT_EQ(shaped.cluster_of[0], 0);
  EXPECT_EQ(shaped.glyph[1].gid, kNoGlyph);  // the vowel and tone mark are drawn with it
  EXPECT_EQ(shaped.glyph[2].gid, kNoGlyph);
  EXPECT_EQ(shaped.clusters[0].size(), 3u);  // three glyphs, stacked by the font's GPOS
}

TEST_F(Shaped, ScriptsWithNoShapedFontAreStillRefused) {
  ShapedText shaped;
  EXPECT_FALSE(ShapeText({{"សុខា", {}}}, fonts_, shaped, diagnostics_));  // Khmer
  ASSERT_EQ(diagnostics_.Items().size(), 1u);
  EXPECT_NE(diagnostics_.Items()[0].message.find("KHMER"), std::string::npos)
      << diagnostics_.Items()[0].message;
}

}  // namespace
}  // namespace ehcp::pdf
