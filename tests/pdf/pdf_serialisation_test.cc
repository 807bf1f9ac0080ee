// Unit tests of the writer's own serialisation: the TrueType reader and subsetter, and
// decoded images as XObjects (the object serialiser's tests are in tests/pdfio/).

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <regex>

#include "image/image_file.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/font_subset_cache.h"
#include "pdf/truetype_font.h"
#include "pdf_tools.h"
#include "pdfio/object_writer.h"

namespace ehcp::pdf {
namespace {

const char* kLiberation = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

TEST(TrueTypeFont, GlyphIdsAndAdvancesMatchTheFont) {
  TrueTypeFont font;
  std::string error;
  ASSERT_TRUE(font.Open(kLiberation, error)) << error;
  EXPECT_EQ(font.Metrics().units_per_em, 2048);
  EXPECT_EQ(font.GlyphId(U' '), 3);
  EXPECT_EQ(font.GlyphId(U'A'), 36);
  EXPECT_EQ(font.AdvanceWidth(36), 1366);  // 667 per 1000
  EXPECT_NEAR(font.Metrics().ascender * 1000.0 / 2048, 905.27, 0.01);
  EXPECT_NEAR(font.Metrics().descender * 1000.0 / 2048, -211.91, 0.01);
  EXPECT_EQ(font.GlyphId(0x0645), 0);  // no Arabic in Liberation

  TrueTypeFont dejavu;
  ASSERT_TRUE(dejavu.Open(kDejaVu, error)) << error;
  EXPECT_NE(dejavu.GlyphId(0x0645), 0);
  EXPECT_NE(dejavu.GlyphId(0x1F600), 0);  // beyond the BMP: the format 12 cmap
  EXPECT_EQ(dejavu.GlyphId(0x10FFFF), 0);
}

std::shared_ptr<const EncodedFontSubset> SubsetOfBytes(size_t bytes) {
  auto subset = std::make_shared<EncodedFontSubset>();
  subset->font_file.bytes.assign(bytes, 'x');
  subset->font_file_size = bytes;
  return subset;
}

TEST(FontSubsetCache, FindsWhatWasAddedUnderExactlyItsKey) {
  FontSubsetCache cache(4, 1 << 20);
  auto subset = SubsetOfBytes(100);
  cache.Add("LiberationSans glyphs 3 36", subset);
  EXPECT_EQ(cache.Find("LiberationSans glyphs 3 36"), subset);
  EXPECT_EQ(cache.Find("LiberationSans glyphs 3 36 37"), nullptr);
  EXPECT_EQ(cache.Find("LiberationSans glyphs 3"), nullptr);
}

// Memory stays flat however many different subsets go through: the least recently used
// goes first, by count and by bytes, and one too large for the cache is not kept.
TEST(FontSubsetCache, DropsTheLeastRecentlyUsedBeyondItsBounds) {
  FontSubsetCache cache(3, 1000);
  for (int i = 0; i < 100; ++i) cache.Add("key " + std::to_string(i), SubsetOfBytes(10));
  EXPECT_EQ(cache.Entries(), 3u);
  EXPECT_NE(cache.Find("key 97"), nullptr);  // now the most recently used
  cache.Add("key 100", SubsetOfBytes(10));
  EXPECT_NE(cache.Find("key 97"), nullptr);
  EXPECT_EQ(cache.Find("key 98"), nullptr);
  EXPECT_NE(cache.Find("key 99"), nullptr);

  cache.Add("large", SubsetOfBytes(240));  // with its key, within a quarter of 1000
  cache.Add("larger", SubsetOfBytes(240));
  cache.Add("largest", SubsetOfBytes(240));
  cache.Add("too large", SubsetOfBytes(251));
  EXPECT_LE(cache.Bytes(), 1000u);
  EXPECT_EQ(cache.Find("too large"), nullptr);
  EXPECT_NE(cache.Find("largest"), nullptr);
}

// A font embedded from the shared cache is byte for byte the one made afresh: two
// PDFs drawing the same glyphs, the second after the first filled the cache.
TEST(FontSubsetCache, AFontFromTheCacheIsWrittenAsAFreshOne) {
  auto embed = [](std::u32string text) {
    FontSet fonts;
    pdfio::ObjectWriter writer;
    int catalog = writer.Allocate();
    for (char32_t cp : text) fonts.GlyphOf(fonts.FontFor(cp, FontStyle{}), cp);
    fonts.ObjectNumber(fonts.FontFor(text.front(), FontStyle{}), writer);
    fonts.EmbedSubsets(writer);
    writer.WriteObject(catalog, "<</Type/Catalog>>");
    return writer.Finish(catalog, catalog);
  };
  size_t before = FontSubsetCache::Shared().Entries();
  std::string first = embed(U"Subset cache test: \u00e9t\u00e9 \u00c5ngstr\u00f6m 1234");
  EXPECT_EQ(FontSubsetCache::Shared().Entries(), before + 1);
  std::string second = embed(U"Subset cache test: \u00e9t\u00e9 \u00c5ngstr\u00f6m 1234");
  EXPECT_EQ(FontSubsetCache::Shared().Entries(), before + 1);  // found, not made again
  EXPECT_EQ(first, second);
  EXPECT_NE(first.find("/FontFile2"), std::string::npos);
  std::string other = embed(U"Subset cache test: another set of glyphs");
  EXPECT_EQ(FontSubsetCache::Shared().Entries(), before + 2);
  EXPECT_NE(first, other);
}

TEST(TrueTypeFont, MissingFileIsAnError) {
  TrueTypeFont font;
  std::string error;
  EXPECT_FALSE(font.Open("/nonexistent/font.ttf", error));
  EXPECT_NE(error.find("/nonexistent/font.ttf"), std::string::npos);
}

uint32_t ReadU32(const std::string& s, size_t at) {
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 24) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16) |
         (static_cast<uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8) |
         static_cast<unsigned char>(s[at + 3]);
}

TEST(TrueTypeFont, SubsetKeepsGlyphIdsAndReadsBack) {
  TrueTypeFont font;
  std::string error;
  ASSERT_TRUE(font.Open(kLiberation, error)) << error;
  uint16_t a = font.GlyphId(U'A'), z = font.GlyphId(U'z');
  std::string subset = font.Subset({a, z});
  EXPECT_LT(subset.size(), 20000u);

  // The whole file sums to the magic number once head.checkSumAdjustment is set.
  uint32_t sum = 0;
  for (size_t i = 0; i + 4 <= subset.size(); i += 4) sum += ReadU32(subset, i);
  EXPECT_EQ(sum, 0xB1B0AFBAu);

  testing::TempFolder folder("ehcp-ttf-subset");
  std::string path = folder.File("subset.ttf");
  {
    std::ofstream out(path, std::ios::binary);
    out << subset;
  }
  TrueTypeFont reread;
  ASSERT_TRUE(reread.Open(path, error)) << error;
  EXPECT_EQ(reread.GlyphCount(), z + 1);  // glyphs after the last one kept are dropped
  EXPECT_EQ(reread.AdvanceWidth(a), font.AdvanceWidth(a));
  EXPECT_EQ(reread.AdvanceWidth(z), font.AdvanceWidth(z));
  EXPECT_EQ(reread.Metrics().ascender, font.Metrics().ascender);
  // poppler's pdffonts and qpdf are the real check (pdf_clients_test); here the outline
  // of an unused glyph must be gone while the kept ones are not.
  EXPECT_LT(subset.size(), font.Subset({a, z, static_cast<uint16_t>(font.GlyphId(U'B'))}).size());
}

std::string Inflate(const std::string& data, size_t size) {
  std::string out(size, '\0');
  uLongf length = out.size();
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                       reinterpret_cast<const Bytef*>(data.data()), data.size()),
            Z_OK);
  EXPECT_EQ(length, size);
  return out;
}

TEST(ImageEncoding, DecodedPixelsGoUnderFlateDecode) {
  image::Image decoded;
  decoded.width = 2;
  decoded.height = 1;
  decoded.colour = image::ColourSpace::kRgb;
  decoded.pixels = std::string("\x10\x20\x30\x11\x21\x31", 6);
  FigureImages::EncodedImage image = EncodeImage(decoded);
  EXPECT_EQ(image.width, 2);
  EXPECT_EQ(image.entries,
            "/Type/XObject/Subtype/Image/Width 2/Height 1/ColorSpace/DeviceRGB/BitsPerComponent "
            "8/Filter/FlateDecode");
  EXPECT_EQ(Inflate(image.data, 6), decoded.pixels);
  EXPECT_TRUE(image.mask_entries.empty());
}

TEST(ImageEncoding, AlphaBecomesASoftMask) {
  image::Image decoded;
  decoded.width = 2;
  decoded.height = 2;
  decoded.colour = image::ColourSpace::kGray;
  decoded.pixels = std::string("\x01\x02\x03\x04", 4);
  decoded.alpha = std::string("\x40\x80\x41\xFF", 4);
  FigureImages::EncodedImage image = EncodeImage(decoded);
  EXPECT_NE(image.entries.find("/ColorSpace/DeviceGray/BitsPerComponent 8"), std::string::npos)
      << image.entries;
  EXPECT_EQ(image.mask_entries,
            "/Type/XObject/Subtype/Image/Width 2/Height 2/ColorSpace/DeviceGray/BitsPerComponent "
            "8/Filter/FlateDecode");
  EXPECT_EQ(Inflate(image.data, 4), decoded.pixels);
  EXPECT_EQ(Inflate(image.mask_data, 4), decoded.alpha);
}

TEST(ImageEncoding, CmykIsDeviceCmykWithoutADecodeArray) {
  // The image reader has already turned Adobe's inverted inks round.
  image::Image decoded;
  decoded.width = 1;
  decoded.height = 1;
  decoded.colour = image::ColourSpace::kCmyk;
  decoded.pixels = std::string("\x00\x40\xC0\xFF", 4);
  FigureImages::EncodedImage image = EncodeImage(decoded);
  EXPECT_NE(image.entries.find("/ColorSpace/DeviceCMYK/BitsPerComponent 8/Filter/FlateDecode"),
            std::string::npos);
  EXPECT_EQ(image.entries.find("/Decode"), std::string::npos);
  EXPECT_EQ(Inflate(image.data, 4), decoded.pixels);
}

}  // namespace
}  // namespace ehcp::pdf
