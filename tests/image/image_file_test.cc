// The template image reader: every PNG and JPEG kind a council may supply decodes to the
// right pixels, and every damaged or oversized file is refused with a reason, the size
// checked before anything is allocated for the pixels.

#include "image/image_file.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdlib>
#include <fstream>

#include "image/test_images.h"
#include "support/file_text.h"

namespace ehcp::image {
namespace {

using testing::GradientPixels;
using testing::MakeJpeg;
using testing::MakePng;

int Sample(const std::string& bytes, size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

TEST(DecodePng, RgbPixelsComeBackExactly) {
  std::string pixels = GradientPixels(13, 7, 3);
  ImageResult result = DecodeImage(MakePng(13, 7, 3, pixels));
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_EQ(result.image.format, ImageFormat::kPng);
  EXPECT_EQ(result.image.width, 13);
  EXPECT_EQ(result.image.height, 7);
  EXPECT_EQ(result.image.colour, ColourSpace::kRgb);
  EXPECT_EQ(result.image.pixels, pixels);
  EXPECT_TRUE(result.image.alpha.empty());
}

TEST(DecodePng, AlphaIsSplitFromColour) {
  std::string rgba = GradientPixels(5, 4, 4);
  rgba[3] = '\x10';  // the first pixel mostly transparent
  ImageResult result = DecodeImage(MakePng(5, 4, 4, rgba));
  ASSERT_TRUE(result.Ok()) << result.message;
  ASSERT_EQ(result.image.pixels.size(), 5u * 4 * 3);
  ASSERT_EQ(result.image.alpha.size(), 5u * 4);
  for (size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(result.image.pixels.substr(i * 3, 3), rgba.substr(i * 4, 3)) << i;
    EXPECT_EQ(result.image.alpha[i], rgba[i * 4 + 3]) << i;
  }
  // Grey with alpha likewise.
  std::string ga = GradientPixels(3, 3, 2);
  result = DecodeImage(MakePng(3, 3, 2, ga));
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_EQ(result.image.colour, ColourSpace::kGray);
  EXPECT_EQ(result.image.alpha.size(), 9u);
  EXPECT_EQ(result.image.pixels[4], ga[8]);
}

TEST(DecodePng, AnAlphaChannelThatIsOpaqueEverywhereIsDropped) {
  std::string rgba = GradientPixels(4, 4, 4);
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = '\xFF';
  ImageResult result = DecodeImage(MakePng(4, 4, 4, rgba));
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_TRUE(result.image.alpha.empty());
  EXPECT_EQ(result.image.pixels.size(), 4u * 4 * 3);
}

TEST(DecodePng, TheSampleLogosDecode) {
  for (const char* file : {EHCP_SOURCE_DIR "/templates/exampleshire/logo.png",
                           EHCP_SOURCE_DIR "/tests/pdf/assets/logo.png",
                           EHCP_SOURCE_DIR "/tests/docx/data/council-logo.png"}) {
    ImageResult result = ReadImageFile(file);
    ASSERT_TRUE(result.Ok()) << file << ": " << result.message;
    EXPECT_EQ(result.bytes, testing::ReadFileText(file));
    EXPECT_EQ(result.image.pixels.size(),
              static_cast<size_t>(result.image.width) * result.image.height * 3);
  }
  ImageResult council = ReadImageFile(EHCP_SOURCE_DIR "/tests/docx/data/council-logo.png");
  EXPECT_EQ(council.image.width, 240);
  EXPECT_EQ(council.image.height, 80);
  EXPECT_NEAR(council.image.dpi_x, 144, 0.1);  // from its pHYs chunk
}

#if !defined(__SANITIZE_ADDRESS__)
// In a child process: exits 0 when `bytes` is refused as too large with the address space
// capped at `limit` bytes.
[[noreturn]] void DecodeUnderAddressSpaceLimit(const std::string& bytes, rlim_t limit) {
  rlimit cap{limit, limit};
  setrlimit(RLIMIT_AS, &cap);
  std::exit(DecodeImage(bytes).problem == ImageProblem::kTooLarge ? 0 : 1);
}
#endif

TEST(DecodePng, HeaderClaimingAHugeImageIsRefusedBeforeAllocating) {
  // 20000 x 20000 RGBA would be 1.6 GB of pixels. Cap this process's address space well
  // below that in a child, so the test fails loudly if the reader trusts the header.
  std::string png = testing::PngClaimingSize(20000, 20000);
  ASSERT_LT(png.size(), 1024u);
  ImageResult result = DecodeImage(png);
  EXPECT_EQ(result.problem, ImageProblem::kTooLarge);
  EXPECT_NE(result.message.find("20000 x 20000"), std::string::npos) << result.message;
#if !defined(__SANITIZE_ADDRESS__)  // ASan reserves terabytes of address space for itself
  EXPECT_EXIT(DecodeUnderAddressSpaceLimit(png, 512u << 20), ::testing::ExitedWithCode(0), "");
#endif
  // One side over the limit, or the product over the pixel limit.
  EXPECT_EQ(DecodeImage(testing::PngClaimingSize(10001, 10)).problem, ImageProblem::kTooLarge);
  EXPECT_EQ(DecodeImage(testing::PngClaimingSize(5000, 2001)).problem, ImageProblem::kTooLarge);
  EXPECT_EQ(DecodeImage(testing::PngClaimingSize(0x7FFFFFFF, 1)).problem, ImageProblem::kTooLarge);
  // Limits are the caller's to lower.
  EXPECT_EQ(
      DecodeImage(MakePng(40, 10, 3, GradientPixels(40, 10, 3)), ImageLimits{32, 32, 1000}).problem,
      ImageProblem::kTooLarge);
}

TEST(DecodePng, TruncatedFileIsDamaged) {
  std::string png = MakePng(64, 64, 3, GradientPixels(64, 64, 3));
  for (size_t keep : {png.size() / 2, png.size() - 12, png.size() - 1, size_t{40}}) {
    ImageResult result = DecodeImage(png.substr(0, keep));
    EXPECT_EQ(result.problem, ImageProblem::kDamaged) << keep;
    EXPECT_NE(result.message.find("damaged"), std::string::npos) << result.message;
  }
}

TEST(DecodePng, BadCrcIsDamagedInAnyChunk) {
  std::string png = MakePng(16, 16, 3, GradientPixels(16, 16, 3));
  ImageResult result = DecodeImage(testing::PngWithBadCrc(png));
  EXPECT_EQ(result.problem, ImageProblem::kDamaged);
  EXPECT_NE(result.message.find("CRC"), std::string::npos) << result.message;
  // An ancillary chunk (text) with a wrong CRC: libpng would warn and drop it; we refuse.
  std::string text = testing::PngChunk("tEXt", std::string("Title\0Logo", 10));
  text[text.size() - 1] ^= 1;
  std::string with_text = png.substr(0, 33) + text + png.substr(33);
  EXPECT_EQ(DecodeImage(with_text).problem, ImageProblem::kDamaged);
  EXPECT_TRUE(DecodeImage(png.substr(0, 33) +
                          testing::PngChunk("tEXt", std::string("Title\0Logo", 10)) +
                          png.substr(33))
                  .Ok());
}

TEST(DecodePng, RowsMissingFromTheDataAreDamaged) {
  // The header says 2 rows of RGB; the compressed data holds one.
  std::string header = testing::Be32(2) + testing::Be32(2) + std::string("\x08\x02\x00\x00\x00", 5);
  std::string row("\x00\x10\x20\x30\x40\x50\x60", 7);
  uLongf size = compressBound(row.size());
  std::string packed(size, '\0');
  compress(reinterpret_cast<Bytef*>(packed.data()), &size,
           reinterpret_cast<const Bytef*>(row.data()), row.size());
  packed.resize(size);
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + testing::PngChunk("IHDR", header) +
                    testing::PngChunk("IDAT", packed) + testing::PngChunk("IEND", "");
  EXPECT_EQ(DecodeImage(png).problem, ImageProblem::kDamaged);
}

TEST(DecodePng, PaletteInterlacedAndSixteenBitImagesBecomeEightBitSamples) {
  // Made with libpng's full writer: a 2-colour palette with one transparent entry,
  // interlaced (Adam7), and a 16-bit grey image.
  struct Buffer {
    static void Write(png_structp png, png_bytep data, png_size_t length) {
      static_cast<std::string*>(png_get_io_ptr(png))
          ->append(reinterpret_cast<const char*>(data), length);
    }
    static void Flush(png_structp) {}
  };
  auto write = [](int colour_type, int depth, bool interlaced, auto&& fill) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &out, Buffer::Write, Buffer::Flush);
    png_set_IHDR(png, info, 9, 5, depth, colour_type,
                 interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    fill(png, info);
    png_write_info(png, info);
    std::vector<std::string> rows(5);
    std::vector<png_bytep> pointers;
    for (int y = 0; y < 5; ++y) {
      for (int x = 0; x < 9; ++x) {
        if (depth == 16) {
          rows[y] += static_cast<char>(x * 20 + y);
          rows[y] += '\x77';
        } else {
          rows[y] += static_cast<char>((x + y) % 2);
        }
      }
      pointers.push_back(reinterpret_cast<png_bytep>(rows[y].data()));
    }
    png_write_image(png, pointers.data());
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return out;
  };
  std::string palette = write(PNG_COLOR_TYPE_PALETTE, 8, true, [](png_structp png, png_infop info) {
    png_color colours[2] = {{200, 10, 20}, {0, 90, 40}};
    png_set_PLTE(png, info, colours, 2);
    png_byte alpha[1] = {0};
    png_set_tRNS(png, info, alpha, 1, nullptr);
  });
  ImageResult result = DecodeImage(palette);
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_EQ(result.image.colour, ColourSpace::kRgb);
  ASSERT_EQ(result.image.pixels.size(), 9u * 5 * 3);
  ASSERT_EQ(result.image.alpha.size(), 9u * 5);
  EXPECT_EQ(Sample(result.image.pixels, 0), 200);  // (0,0): index 0, transparent
  EXPECT_EQ(Sample(result.image.alpha, 0), 0);
  EXPECT_EQ(Sample(result.image.pixels, 4), 90);  // (1,0): index 1, opaque
  EXPECT_EQ(Sample(result.image.alpha, 1), 255);

  std::string grey16 = write(PNG_COLOR_TYPE_GRAY, 16, false, [](png_structp, png_infop) {});
  result = DecodeImage(grey16);
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_EQ(result.image.colour, ColourSpace::kGray);
  ASSERT_EQ(result.image.pixels.size(), 45u);
  EXPECT_EQ(Sample(result.image.pixels, 9 * 2 + 3), 3 * 20 + 2);  // the high byte
}

TEST(DecodeJpeg, RgbGreyAndProgressiveDecodeCloseToTheirPixels) {
  for (bool progressive : {false, true}) {
    for (int samples : {1, 3}) {
      std::string pixels = GradientPixels(24, 16, samples);
      ImageResult result = DecodeImage(MakeJpeg(24, 16, samples, pixels, progressive));
      ASSERT_TRUE(result.Ok()) << result.message;
      EXPECT_EQ(result.image.format, ImageFormat::kJpeg);
      EXPECT_EQ(result.image.colour, samples == 1 ? ColourSpace::kGray : ColourSpace::kRgb);
      ASSERT_EQ(result.image.pixels.size(), pixels.size());
      EXPECT_TRUE(result.image.alpha.empty());
      for (size_t i = 0; i < pixels.size(); i += 37)
        EXPECT_NEAR(Sample(result.image.pixels, i), Sample(pixels, i), 24) << i;
    }
  }
}

TEST(DecodeJpeg, CmykFromAdobeToolsComesBackAsInkAmounts) {
  // Flat patches of ink keep JPEG's error small.
  std::string inks;
  for (int i = 0; i < 16 * 16; ++i) inks += std::string("\x00\x40\xC0\xFF", 4);
  ImageResult result = DecodeImage(MakeJpeg(16, 16, 4, inks));
  ASSERT_TRUE(result.Ok()) << result.message;
  EXPECT_EQ(result.image.colour, ColourSpace::kCmyk);
  ASSERT_EQ(result.image.pixels.size(), inks.size());
  EXPECT_NEAR(Sample(result.image.pixels, 0), 0, 3);
  EXPECT_NEAR(Sample(result.image.pixels, 1), 0x40, 3);
  EXPECT_NEAR(Sample(result.image.pixels, 2), 0xC0, 3);
  EXPECT_NEAR(Sample(result.image.pixels, 3), 0xFF, 3);
}

TEST(DecodeJpeg, DamagedScanDataIsRefused) {
  std::string jpeg = MakeJpeg(64, 64, 3, GradientPixels(64, 64, 3));
  ImageResult result = DecodeImage(testing::JpegWithBadScanData(jpeg));
  EXPECT_EQ(result.problem, ImageProblem::kDamaged);
  EXPECT_NE(result.message.find("JPEG data is damaged"), std::string::npos) << result.message;
}

TEST(DecodeJpeg, TruncatedFileIsRefused) {
  std::string jpeg = MakeJpeg(64, 64, 3, GradientPixels(64, 64, 3));
  for (size_t keep : {jpeg.size() / 2, jpeg.size() - 2, size_t{20}}) {
    ImageResult result = DecodeImage(jpeg.substr(0, keep));
    EXPECT_EQ(result.problem, ImageProblem::kDamaged) << keep << ": " << result.message;
  }
}

TEST(DecodeJpeg, ProgressiveJpegWithTooManyScansIsRefused) {
  // libjpeg's simple progression has 10 scans for colour; each is decoded over the image.
  std::string jpeg = MakeJpeg(24, 16, 3, GradientPixels(24, 16, 3), true);
  EXPECT_TRUE(DecodeImage(jpeg).Ok());
  ImageLimits limits;
  limits.max_jpeg_scans = 4;
  ImageResult result = DecodeImage(jpeg, limits);
  EXPECT_EQ(result.problem, ImageProblem::kDamaged);
  EXPECT_NE(result.message.find("more than 4 scans"), std::string::npos) << result.message;
}

TEST(DecodeJpeg, HeaderClaimingAHugeImageIsRefusedBeforeDecoding) {
  // A real 8 x 8 JPEG with its frame header changed to say 20000 x 20000.
  std::string jpeg = MakeJpeg(8, 8, 3, GradientPixels(8, 8, 3));
  size_t frame = jpeg.find("\xFF\xC0");
  ASSERT_NE(frame, std::string::npos);
  jpeg.replace(frame + 5, 4, std::string("\x4E\x20\x4E\x20", 4));
  ImageResult result = DecodeImage(jpeg);
  EXPECT_EQ(result.problem, ImageProblem::kTooLarge);
  EXPECT_NE(result.message.find("20000 x 20000"), std::string::npos) << result.message;
}

TEST(DecodeImage, OtherFilesAreNotImages) {
  for (std::string bytes : {std::string(), std::string("GIF89a...."), std::string("\x89PNG", 4),
                            std::string("\xFF\xD8", 2)}) {
    EXPECT_EQ(DecodeImage(bytes).problem, ImageProblem::kNotAnImage) << bytes;
  }
  ImageResult missing = ReadImageFile("/nonexistent/logo.png");
  EXPECT_EQ(missing.problem, ImageProblem::kUnreadable);
  EXPECT_FALSE(missing.message.empty());
  EXPECT_EQ(ReadImageFile("/dev/zero").problem, ImageProblem::kUnreadable);  // not a regular file
}

}  // namespace
}  // namespace ehcp::image
