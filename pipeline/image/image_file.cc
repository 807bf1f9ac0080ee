#include "image/image_file.h"

// clang-format off
#include <cstdio>  // jpeglib.h needs FILE declared first
#include <jpeglib.h>
#include <jerror.h>
// clang-format on
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <vector>

#include "output/input_file.h"

namespace ehcp::image {
namespace {

// libpng's own limit on an ancillary chunk it keeps (text, an ICC profile): a logo's are
// far smaller, and this keeps a crafted one from taking memory before the pixels do.
constexpr png_alloc_size_t kMaxPngChunkBytes = 4u << 20;

ImageResult Failure(ImageProblem problem, std::string message) {
  ImageResult result;
  result.problem = problem;
  result.message = std::move(message);
  return result;
}

// The header's size against the limits, before anything is allocated for the pixels.
bool WithinLimits(std::uint64_t width, std::uint64_t height, const ImageLimits& limits,
                  ImageResult& result) {
  if (width == 0 || height == 0) {
    result =
        Failure(ImageProblem::kDamaged, "the image has no pixels (its header says 0 wide or high)");
    return false;
  }
  if (width > static_cast<std::uint64_t>(limits.max_width) ||
      height > static_cast<std::uint64_t>(limits.max_height) ||
      width * height > static_cast<std::uint64_t>(limits.max_pixels)) {
    std::string all = limits.max_pixels % 1'000'000 == 0
                          ? std::to_string(limits.max_pixels / 1'000'000) + " million"
                          : std::to_string(limits.max_pixels);
    result =
        Failure(ImageProblem::kTooLarge,
                "the image is " + std::to_string(width) + " x " + std::to_string(height) +
                    " pixels; a template image may be at most " + std::to_string(limits.max_width) +
                    " pixels wide, " + std::to_string(limits.max_height) + " high and " + all +
                    " in all (a logo needs far fewer: save it smaller)");
    return false;
  }
  return true;
}

// Takes the last of `samples` interleaved samples of each pixel out as alpha, compacting
// the colour in place (each pixel moves towards the start, so nothing is overwritten
// before it is read). An alpha that is opaque everywhere is dropped.
void SplitAlpha(std::string& decoded, int samples, std::size_t count, std::string& alpha) {
  alpha.resize(count);
  bool opaque = true;
  char* data = decoded.data();
  const int colours = samples - 1;
  for (std::size_t i = 0; i < count; ++i) {
    const char* pixel = data + i * samples;
    alpha[i] = pixel[colours];
    opaque = opaque && static_cast<unsigned char>(pixel[colours]) == 255;
    std::memmove(data + i * colours, pixel, colours);
  }
  decoded.resize(count * colours);
  if (opaque) std::string().swap(alpha);
}

// ------------------------------------------------------------------------------ PNG

// What libpng's callbacks need. Trivially destructible, like everything alive in the
// functions that call setjmp below: png_error longjmps back there and skips destructors.
struct PngContext {
  const unsigned char* data;
  std::size_t size;
  std::size_t at;
  char message[256];
};

void PngRead(png_structp png, png_bytep out, png_size_t length) {
  auto* context = static_cast<PngContext*>(png_get_io_ptr(png));
  if (length > context->size - context->at) png_error(png, "the file ends before the image does");
  std::memcpy(out, context->data + context->at, length);
  context->at += length;
}

[[noreturn]] void PngError(png_structp png, png_const_charp message) {
  auto* context = static_cast<PngContext*>(png_get_error_ptr(png));
  std::snprintf(context->message, sizeof context->message, "%s", message);
  png_longjmp(png, 1);
}

// Warnings are about ancillary details (an unusual colour profile); the image is whole.
// They are not printed: nothing from an input goes to standard error unasked.
void PngWarning(png_structp, png_const_charp) {}

// The three steps of reading, each its own setjmp: the header (nothing allocated for
// pixels yet), the transforms to 8-bit grey or RGB with alpha, and the rows with the
// chunks after them (their CRCs and IEND).
bool PngReadInfo(png_structp png, png_infop info) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_info(png, info);
  return true;
}

bool PngPrepare(png_structp png, png_infop info, png_size_t* row_bytes, int* samples) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_byte type = png_get_color_type(png, info);
  if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
    png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  png_set_strip_16(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  *row_bytes = png_get_rowbytes(png, info);
  *samples = png_get_channels(png, info);
  return true;
}

bool PngReadRows(png_structp png, png_infop info, png_bytepp rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_read_image(png, rows);
  png_read_end(png, info);
  return true;
}

struct PngStructs {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngStructs() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

ImageResult DecodePng(std::string_view bytes, const ImageLimits& limits) {
  PngContext context{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0, {}};
  auto damaged = [&context] {
    return Failure(ImageProblem::kDamaged,
                   std::string("the PNG data is damaged: ") + context.message);
  };
  PngStructs structs;
  structs.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, PngError, PngWarning);
  if (structs.png == nullptr) return Failure(ImageProblem::kDamaged, "libpng could not start");
  structs.info = png_create_info_struct(structs.png);
  if (structs.info == nullptr) return Failure(ImageProblem::kDamaged, "libpng could not start");
  png_structp png = structs.png;
  png_infop info = structs.info;
  png_set_read_fn(png, &context, PngRead);
  // A bad CRC in any chunk is an error, not only in the critical ones: LibreOffice drops
  // the alt text of such a PNG, and it is a damaged file.
  png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
  png_set_chunk_malloc_max(png, kMaxPngChunkBytes);
  // libpng's own size limit (a million a side) would answer before ours, less clearly.
  png_set_user_limits(png, PNG_UINT_31_MAX, PNG_UINT_31_MAX);

  if (!PngReadInfo(png, info)) return damaged();
  ImageResult result;
  png_uint_32 width = png_get_image_width(png, info), height = png_get_image_height(png, info);
  if (!WithinLimits(width, height, limits, result)) return result;
  Image& image = result.image;
  image.format = ImageFormat::kPng;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  png_uint_32 x_density = 0, y_density = 0;
  int unit = 0;
  if (png_get_pHYs(png, info, &x_density, &y_density, &unit) && unit == PNG_RESOLUTION_METER &&
      x_density > 0 && y_density > 0) {
    image.dpi_x = x_density * 0.0254;
    image.dpi_y = y_density * 0.0254;
  }

  png_size_t row_bytes = 0;
  int samples = 0;
  if (!PngPrepare(png, info, &row_bytes, &samples)) return damaged();
  if (samples < 1 || samples > 4 || row_bytes != static_cast<png_size_t>(width) * samples)
    return Failure(ImageProblem::kUnsupported,
                   "the PNG's pixel layout is not one this reader supports");
  std::string& decoded = image.pixels;
  decoded.resize(row_bytes * height);
  std::vector<png_bytep> rows(height);
  for (png_uint_32 y = 0; y < height; ++y)
    rows[y] = reinterpret_cast<png_bytep>(decoded.data()) + static_cast<std::size_t>(y) * row_bytes;
  if (!PngReadRows(png, info, rows.data())) return damaged();

  std::size_t count = static_cast<std::size_t>(width) * height;
  image.colour = samples <= 2 ? ColourSpace::kGray : ColourSpace::kRgb;
  if (samples == 2 || samples == 4) SplitAlpha(decoded, samples, count, image.alpha);
  return result;
}

// ----------------------------------------------------------------------------- JPEG

// libjpeg's error manager with room for our own state. Trivially destructible (see
// PngContext); `manager` comes first because libjpeg hands back a pointer to it.
struct JpegErrors {
  jpeg_error_mgr manager;
  jpeg_progress_mgr progress;
  std::jmp_buf jump;
  int max_scans;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void JpegError(j_common_ptr jpeg) {
  auto* errors = reinterpret_cast<JpegErrors*>(jpeg->err);
  (*jpeg->err->format_message)(jpeg, errors->message);
  std::longjmp(errors->jump, 1);
}

// Level -1 is a warning about the data (corrupt Huffman data, the data ending early, bytes
// where a marker should be): libjpeg carries on with grey pixels, but the image is damaged,
// and the caller refuses it. Other levels are traces. Nothing is printed.
void JpegMessage(j_common_ptr jpeg, int level) {
  if (level >= 0) return;
  auto* errors = reinterpret_cast<JpegErrors*>(jpeg->err);
  if (errors->manager.num_warnings++ == 0) (*jpeg->err->format_message)(jpeg, errors->message);
}

void JpegProgress(j_common_ptr jpeg) {
  auto* errors = reinterpret_cast<JpegErrors*>(jpeg->err);
  if (jpeg->is_decompressor &&
      reinterpret_cast<j_decompress_ptr>(jpeg)->input_scan_number > errors->max_scans) {
    std::snprintf(errors->message, sizeof errors->message, "the JPEG has more than %d scans",
                  errors->max_scans);
    errors->manager.msg_code = 0;
    std::longjmp(errors->jump, 1);
  }
}

bool JpegReadHeader(j_decompress_ptr jpeg, JpegErrors* errors, const unsigned char* data,
                    unsigned long size) {
  if (setjmp(errors->jump)) return false;
  jpeg_create_decompress(jpeg);
  jpeg->progress = &errors->progress;
  jpeg_mem_src(jpeg, data, size);
  jpeg_read_header(jpeg, TRUE);
  return true;
}

// Decodes every scanline into `out` (rows of `row_bytes`), then reads to the end marker.
bool JpegReadRows(j_decompress_ptr jpeg, JpegErrors* errors, unsigned char* out,
                  std::size_t row_bytes) {
  if (setjmp(errors->jump)) return false;
  jpeg_start_decompress(jpeg);
  if (static_cast<std::size_t>(jpeg->output_width) * jpeg->output_components != row_bytes) {
    std::snprintf(errors->message, sizeof errors->message, "unexpected decoded row size");
    return false;
  }
  while (jpeg->output_scanline < jpeg->output_height) {
    JSAMPROW row = out + static_cast<std::size_t>(jpeg->output_scanline) * row_bytes;
    jpeg_read_scanlines(jpeg, &row, 1);
  }
  jpeg_finish_decompress(jpeg);
  return true;
}

struct JpegDecompressor {
  jpeg_decompress_struct jpeg{};
  ~JpegDecompressor() { jpeg_destroy_decompress(&jpeg); }  // safe before create: mem is null
};

ImageResult DecodeJpeg(std::string_view bytes, const ImageLimits& limits) {
  JpegErrors errors{};
  JpegDecompressor decompressor;
  j_decompress_ptr jpeg = &decompressor.jpeg;
  jpeg->err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = JpegError;
  errors.manager.emit_message = JpegMessage;
  errors.progress.progress_monitor = JpegProgress;
  errors.max_scans = limits.max_jpeg_scans;
  auto failed = [&errors] {
    int code = errors.manager.msg_code;
    if (code == JERR_BAD_PRECISION || code == JERR_SOF_UNSUPPORTED || code == JERR_ARITH_NOTIMPL)
      return Failure(ImageProblem::kUnsupported,
                     std::string("this kind of JPEG is not supported (") + errors.message +
                         "); save it as an ordinary 8-bit baseline or progressive JPEG, or as PNG");
    return Failure(ImageProblem::kDamaged,
                   std::string("the JPEG data is damaged: ") + errors.message);
  };

  if (!JpegReadHeader(jpeg, &errors, reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<unsigned long>(bytes.size())))
    return failed();
  ImageResult result;
  if (!WithinLimits(jpeg->image_width, jpeg->image_height, limits, result)) return result;
  Image& image = result.image;
  image.format = ImageFormat::kJpeg;
  image.width = static_cast<int>(jpeg->image_width);
  image.height = static_cast<int>(jpeg->image_height);
  switch (jpeg->jpeg_color_space) {
    case JCS_GRAYSCALE:
      jpeg->out_color_space = JCS_GRAYSCALE;
      image.colour = ColourSpace::kGray;
      break;
    case JCS_YCbCr:
    case JCS_RGB:
      jpeg->out_color_space = JCS_RGB;
      image.colour = ColourSpace::kRgb;
      break;
    case JCS_CMYK:
    case JCS_YCCK:
      jpeg->out_color_space = JCS_CMYK;
      image.colour = ColourSpace::kCmyk;
      break;
    default:
      return Failure(ImageProblem::kUnsupported,
                     "the JPEG has " + std::to_string(jpeg->num_components) +
                         " colour components; only grey, RGB and CMYK are supported");
  }
  if (jpeg->saw_JFIF_marker && jpeg->X_density > 0 && jpeg->Y_density > 0 &&
      (jpeg->density_unit == 1 || jpeg->density_unit == 2)) {
    double scale = jpeg->density_unit == 1 ? 1 : 2.54;  // 2: dots per centimetre
    image.dpi_x = jpeg->X_density * scale;
    image.dpi_y = jpeg->Y_density * scale;
  }
  std::size_t row_bytes = static_cast<std::size_t>(image.width) * image.Samples();
  image.pixels.resize(row_bytes * image.height);
  if (!JpegReadRows(jpeg, &errors, reinterpret_cast<unsigned char*>(image.pixels.data()),
                    row_bytes))
    return failed();
  if (errors.manager.num_warnings > 0)
    return Failure(ImageProblem::kDamaged,
                   std::string("the JPEG data is damaged: ") + errors.message);
  // Adobe's CMYK JPEGs (the ones with its APP14 marker) store the inks inverted.
  if (image.colour == ColourSpace::kCmyk && jpeg->saw_Adobe_marker)
    for (char& sample : image.pixels)
      sample = static_cast<char>(255 - static_cast<unsigned char>(sample));
  return result;
}

}  // namespace

ImageResult DecodeImage(std::string_view bytes, const ImageLimits& limits) {
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  static constexpr std::string_view kJpeg("\xFF\xD8\xFF", 3);
  if (bytes.substr(0, kPng.size()) == kPng) return DecodePng(bytes, limits);
  if (bytes.substr(0, kJpeg.size()) == kJpeg) return DecodeJpeg(bytes, limits);
  return Failure(ImageProblem::kNotAnImage, "the file is not a PNG or JPEG image");
}

ImageResult ReadImageFile(const std::filesystem::path& file, const ImageLimits& limits) {
  InputFile in = ReadInputFile(file.string(), kMaxImageFileBytes);
  if (!in.Ok()) return Failure(ImageProblem::kUnreadable, in.problem);
  ImageResult result = DecodeImage(in.bytes, limits);
  if (result.Ok()) result.bytes = std::move(in.bytes);
  return result;
}

}  // namespace ehcp::image
