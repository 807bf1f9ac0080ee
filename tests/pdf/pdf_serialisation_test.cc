// Unit tests of the writer's own serialisation: the TrueType reader and subsetter, and
// decoded images as XObjects (the object serialiser's tests are in tests/pdfio/).

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstring>
#include <regex>

#include "image/image_file.h"
#include "pdf/figure_images.h"
#include "pdf/truetype_font.h"
#include "pdf_tools.h"

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
