#pragma once

// Template images (a council's logo, PNG or JPEG) read with libpng and libjpeg-turbo and
// decoded in full before any writer embeds them. The size in the file's header is checked
// against limits before anything is allocated for the pixels (a 1 KB PNG may claim to be
// 20000 x 20000), and a file that does not decode to its last pixel and end marker
// (truncated, a bad CRC, bad compressed or Huffman data) is refused, so no writer ever
// embeds an image that a reader would show broken. No libpng or libjpeg type appears here.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace ehcp::image {

// Limits on an image's size, taken from its header before its pixels are allocated.
// These are safety limits, not a council's policy: a full A4 page at 300 dpi is 2480 x 3508
// pixels (8.7 million), and a logo is a small part of one. At the limits a decoded image
// takes at most 50 MB (4 bytes a pixel while decoding, and the alpha split out beside it),
// plus up to 60 MB of libjpeg's own buffers for a progressive JPEG (2 bytes a sample).
// Named constants rather than template data: no council needs a bigger logo, and a
// smaller one is its own choice.
inline constexpr int kMaxSidePixels = 10000;
inline constexpr std::int64_t kMaxPixels = 10'000'000;
// A progressive JPEG may have any number of scans, each decoded over the whole image; a
// real one has about ten (libjpeg-turbo's own tools stop at 500).
inline constexpr int kMaxJpegScans = 100;
// A logo file is a few KB; 16 MiB is the limit every template file reader had.
inline constexpr std::size_t kMaxImageFileBytes = 16u << 20;

struct ImageLimits {
  int max_width = kMaxSidePixels;
  int max_height = kMaxSidePixels;
  std::int64_t max_pixels = kMaxPixels;
  int max_jpeg_scans = kMaxJpegScans;
};

enum class ImageFormat { kPng, kJpeg };

// The colour samples of each pixel, 8 bits each; the value is the number of samples.
enum class ColourSpace { kGray = 1, kRgb = 3, kCmyk = 4 };

enum class ImageProblem {
  kNone,
  kUnreadable,   // the file is missing, not a regular file, or over kMaxImageFileBytes
  kNotAnImage,   // neither a PNG nor a JPEG signature
  kTooLarge,     // the header's size is over the limits (nothing was allocated for it)
  kDamaged,      // truncated, a bad CRC, bad compressed data: it does not decode whole
  kUnsupported,  // a valid file of a kind not read here (12-bit or lossless JPEG)
};

struct Image {
  ImageFormat format = ImageFormat::kPng;
  int width = 0;
  int height = 0;
  double dpi_x = 96;  // from PNG pHYs or JPEG JFIF density; 96 when the file does not say
  double dpi_y = 96;
  ColourSpace colour = ColourSpace::kRgb;
  // width x height pixels, row by row, top first, 8 bits a sample, no padding. CMYK is
  // stored as ink amounts (0 = none), whatever the file's own convention.
  std::string pixels;
  // width x height bytes of opacity (255 = opaque), or empty when every pixel is opaque.
  std::string alpha;

  int Samples() const { return static_cast<int>(colour); }
};

struct ImageResult {
  ImageProblem problem = ImageProblem::kNone;
  std::string message;  // why, in words for the person who made the template
  Image image;
  std::string bytes;  // ReadImageFile only: the file as it is, for writers that embed it
  bool Ok() const { return problem == ImageProblem::kNone; }
};

// Decodes PNG or JPEG bytes completely. Nothing is written to standard error (the
// libraries' warnings are kept quiet; a JPEG warning means damaged data and is an error).
ImageResult DecodeImage(std::string_view bytes, const ImageLimits& limits = {});

// Reads `file` through the one input reader (regular files only, size-checked before
// reading) and decodes it; on success `bytes` holds the file.
ImageResult ReadImageFile(const std::filesystem::path& file, const ImageLimits& limits = {});

}  // namespace ehcp::image
