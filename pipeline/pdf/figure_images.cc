#include "pdf/figure_images.h"

#include <zlib.h>

#include <algorithm>

#include "output/input_file.h"
#include "pdf/pdf_object_writer.h"

namespace ehcp::pdf {
namespace fs = std::filesystem;

namespace {

// Logos and figures: far below this; the limit keeps a wrong path from being read whole.
constexpr size_t kMaxFigureBytes = 16u * 1024 * 1024;

uint32_t U32(const unsigned char* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

// zlib-inflates a PNG's joined IDAT data into `out` (whose size is known in advance).
bool Inflate(const std::string& in, std::string& out) {
  uLongf size = static_cast<uLongf>(out.size());
  int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &size,
                          reinterpret_cast<const Bytef*>(in.data()), static_cast<uLong>(in.size()));
  // Z_BUF_ERROR with a full buffer: more data than the header promised; the rows we
  // need are complete. Short data leaves the buffer part-filled: damaged.
  return (status == Z_OK || status == Z_BUF_ERROR) && size == out.size();
}

int Paeth(int a, int b, int c) {
  int p = a + b - c;
  int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

// Undoes PNG's per-row filters in place; returns the rows without their filter bytes.
bool Unfilter(std::string& raw, size_t rows, size_t stride, size_t bpp, std::string& pixels) {
  pixels.assign(rows * stride, '\0');
  auto* out = reinterpret_cast<unsigned char*>(pixels.data());
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  for (size_t y = 0; y < rows; ++y) {
    unsigned char filter = in[y * (stride + 1)];
    const unsigned char* src = in + y * (stride + 1) + 1;
    unsigned char* row = out + y * stride;
    const unsigned char* up = y > 0 ? row - stride : nullptr;
    for (size_t x = 0; x < stride; ++x) {
      int a = x >= bpp ? row[x - bpp] : 0;
      int b = up ? up[x] : 0;
      int c = (up && x >= bpp) ? up[x - bpp] : 0;
      int predicted;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) / 2; break;
        case 4: predicted = Paeth(a, b, c); break;
        default: return false;
      }
      row[x] = static_cast<unsigned char>(src[x] + predicted);
    }
  }
  return true;
}

}  // namespace

bool IsInsideRoot(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  if (ec || base.empty()) return false;
  fs::path full = fs::weakly_canonical(path.is_absolute() ? path : root / path, ec);
  if (ec) return false;
  auto [root_end, ignored] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  return root_end == base.end() && full != base;
}

bool EncodePng(const std::vector<unsigned char>& bytes, FigureImages::EncodedImage& image,
               std::string& error) {
  int bit_depth = 0, colour_type = -1, interlace = 0;
  std::string palette, transparency, idat;
  for (size_t at = 8; at + 12 <= bytes.size();) {
    uint32_t length = U32(&bytes[at]);
    if (length > bytes.size() - at - 12) {
      error = "the PNG data is cut short";
      return false;
    }
    std::string_view type(reinterpret_cast<const char*>(&bytes[at + 4]), 4);
    const unsigned char* data = &bytes[at + 8];
    if (type == "IHDR" && length >= 13) {
      image.width = static_cast<int>(U32(data));
      image.height = static_cast<int>(U32(data + 4));
      bit_depth = data[8];
      colour_type = data[9];
      interlace = data[12];
    } else if (type == "PLTE") {
      palette.assign(reinterpret_cast<const char*>(data), length);
    } else if (type == "tRNS") {
      transparency.assign(reinterpret_cast<const char*>(data), length);
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(data), length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  int channels = colour_type == 0   ? 1
                 : colour_type == 2 ? 3
                 : colour_type == 3 ? 1
                 : colour_type == 4 ? 2
                 : colour_type == 6 ? 4
                                    : 0;
  if (channels == 0 || image.width <= 0 || image.height <= 0 || idat.empty() ||
      (bit_depth != 1 && bit_depth != 2 && bit_depth != 4 && bit_depth != 8 && bit_depth != 16) ||
      (colour_type == 3 && palette.size() < 3)) {
    error = "not a valid PNG image";
    return false;
  }
  if (interlace != 0) {
    error = "interlaced PNG images are not supported; save it without interlacing";
    return false;
  }
  if (image.width > 20000 || image.height > 20000) {
    error = "the image is larger than 20000 pixels a side";
    return false;
  }
  bool has_alpha =
      colour_type == 4 || colour_type == 6 || (colour_type == 3 && !transparency.empty());
  int colours = colour_type == 2 || colour_type == 6 ? 3 : 1;
  std::string colour_space;
  if (colour_type == 3) {
    colour_space = "/ColorSpace[/Indexed/DeviceRGB ";
    AppendInt(colour_space, static_cast<int64_t>(palette.size() / 3 - 1));
    colour_space += ' ';
    AppendHexString(colour_space, palette.substr(0, palette.size() / 3 * 3));
    colour_space += ']';
  } else {
    colour_space = colours == 3 ? "/ColorSpace/DeviceRGB" : "/ColorSpace/DeviceGray";
  }
  std::string size = "/Type/XObject/Subtype/Image/Width ";
  AppendInt(size, image.width);
  size += "/Height ";
  AppendInt(size, image.height);

  if (!has_alpha) {
    // Opaque: PDF's Flate filter understands PNG row filters, so the data passes through.
    image.entries = size + colour_space + "/BitsPerComponent ";
    AppendInt(image.entries, bit_depth);
    if (colour_type != 3 && transparency.size() >= 2u * colours && bit_depth == 8) {
      // A colour key: pixels of exactly this value are transparent.
      image.entries += "/Mask[";
      for (int c = 0; c < colours; ++c) {
        int value = static_cast<unsigned char>(transparency[2 * c + 1]);
        AppendInt(image.entries, value);
        image.entries += ' ';
        AppendInt(image.entries, value);
        image.entries += c + 1 < colours ? " " : "";
      }
      image.entries += ']';
    }
    image.entries += "/Filter/FlateDecode/DecodeParms<</Predictor 15/Colors ";
    AppendInt(image.entries, colours);
    image.entries += "/BitsPerComponent ";
    AppendInt(image.entries, bit_depth);
    image.entries += "/Columns ";
    AppendInt(image.entries, image.width);
    image.entries += ">>";
    image.data = std::move(idat);
    return true;
  }

  // With alpha: decode the rows and split colour from alpha (the soft mask).
  size_t bits_per_pixel = static_cast<size_t>(channels) * bit_depth;
  size_t stride = (static_cast<size_t>(image.width) * bits_per_pixel + 7) / 8;
  size_t bpp = std::max<size_t>(1, bits_per_pixel / 8);
  std::string raw((stride + 1) * image.height, '\0');
  std::string pixels;
  if (!Inflate(idat, raw) || !Unfilter(raw, image.height, stride, bpp, pixels)) {
    error = "the PNG image data is damaged";
    return false;
  }
  std::string colour, alpha;
  size_t count = static_cast<size_t>(image.width) * image.height;
  const auto* p = reinterpret_cast<const unsigned char*>(pixels.data());
  int out_depth = bit_depth;
  if (colour_type == 3) {
    // Indices stay as they are; the alpha of each index comes from tRNS.
    colour = pixels;
    alpha.reserve(count);
    for (int y = 0; y < image.height; ++y) {
      const unsigned char* row = p + y * stride;
      for (int x = 0; x < image.width; ++x) {
        int bit = x * bit_depth;
        int index = (row[bit / 8] >> (8 - bit_depth - bit % 8)) & ((1 << bit_depth) - 1);
        alpha += static_cast<size_t>(index) < transparency.size() ? transparency[index] : '\xFF';
      }
    }
    out_depth = bit_depth;
  } else {
    size_t sample = bit_depth / 8;  // 1 or 2 bytes (alpha types are 8 or 16 bits)
    colour.reserve(count * colours * sample);
    alpha.reserve(count * sample);
    for (size_t i = 0; i < count; ++i) {
      const unsigned char* px = p + i * channels * sample;
      colour.append(reinterpret_cast<const char*>(px), colours * sample);
      alpha.append(reinterpret_cast<const char*>(px + colours * sample), sample);
    }
  }
  image.entries = size + colour_space + "/BitsPerComponent ";
  AppendInt(image.entries, out_depth);
  image.entries += "/Filter/FlateDecode";
  image.data = Deflate(colour, Z_BEST_SPEED);
  image.mask_entries = size + "/ColorSpace/DeviceGray/BitsPerComponent ";
  AppendInt(image.mask_entries, colour_type == 3 ? 8 : bit_depth);
  image.mask_entries += "/Filter/FlateDecode";
  image.mask_data = Deflate(alpha, Z_BEST_SPEED);
  return true;
}

bool EncodeJpeg(const std::vector<unsigned char>& bytes, FigureImages::EncodedImage& image,
                std::string& error) {
  // Walk the markers to the frame header (SOFn) for size and colour components.
  size_t at = 2;
  while (at + 4 <= bytes.size()) {
    if (bytes[at] != 0xFF) break;
    unsigned char marker = bytes[at + 1];
    if (marker == 0xFF) {
      ++at;  // fill byte
      continue;
    }
    size_t length = (static_cast<size_t>(bytes[at + 2]) << 8) | bytes[at + 3];
    bool frame =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame && at + 10 <= bytes.size()) {
      int bits = bytes[at + 4];
      image.height = (bytes[at + 5] << 8) | bytes[at + 6];
      image.width = (bytes[at + 7] << 8) | bytes[at + 8];
      int components = bytes[at + 9];
      if (image.width <= 0 || image.height <= 0 ||
          (components != 1 && components != 3 && components != 4))
        break;
      image.entries = "/Type/XObject/Subtype/Image/Width ";
      AppendInt(image.entries, image.width);
      image.entries += "/Height ";
      AppendInt(image.entries, image.height);
      image.entries += components == 1   ? "/ColorSpace/DeviceGray"
                       : components == 3 ? "/ColorSpace/DeviceRGB"
                                         // Adobe's CMYK JPEGs store inverted values.
                                         : "/ColorSpace/DeviceCMYK/Decode[1 0 1 0 1 0 1 0]";
      image.entries += "/BitsPerComponent ";
      AppendInt(image.entries, bits);
      image.entries += "/Filter/DCTDecode";
      image.data.assign(bytes.begin(), bytes.end());
      return true;
    }
    if (marker == 0xD9 || marker == 0xDA) break;  // end of image or scan before a frame
    at += 2 + length;
  }
  error = "not a valid JPEG image (no frame header)";
  return false;
}

FigureImages::FigureImages(fs::path asset_root) : asset_root_(std::move(asset_root)) {}

FigureImages::~FigureImages() = default;

int FigureImages::Load(const std::string& image_path, DiagnosticList& diagnostics) {
  auto found = by_path_.find(image_path);
  if (found != by_path_.end()) return found->second;
  if (asset_root_.empty() || !IsInsideRoot(asset_root_, image_path)) {
    diagnostics.Error("pdf.image-path",
                      "figure image \"" + image_path + "\" is not inside the template folder " +
                          asset_root_.string(),
                      SourceLocation{});
    return -1;
  }
  fs::path full =
      fs::path(image_path).is_absolute() ? fs::path(image_path) : asset_root_ / image_path;
  InputFile in = ReadInputFile(full.string(), kMaxFigureBytes);
  std::vector<unsigned char> bytes(in.bytes.begin(), in.bytes.end());
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  bool png = bytes.size() > 8 && std::equal(kPng, kPng + 8, bytes.begin());
  bool jpeg = bytes.size() > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
  if (!png && !jpeg) {
    diagnostics.Error(
        "pdf.image",
        "figure image \"" + full.string() + "\" is missing or is not a PNG or JPEG file",
        FileLocation(full.string()));
    return -1;
  }
  EncodedImage image;
  std::string error;
  if (!(png ? EncodePng(bytes, image, error) : EncodeJpeg(bytes, image, error))) {
    diagnostics.Error("pdf.image", "cannot read figure image \"" + full.string() + "\": " + error,
                      FileLocation(full.string()));
    return -1;
  }
  images_.push_back(std::move(image));
  int index = static_cast<int>(images_.size() - 1);
  by_path_[image_path] = index;
  return index;
}

int FigureImages::ObjectNumber(int index, PdfObjectWriter& writer) {
  EncodedImage& image = images_[index];
  if (image.object == 0) image.object = writer.Allocate();
  return image.object;
}

void FigureImages::WriteImages(PdfObjectWriter& writer) const {
  for (const EncodedImage& image : images_) {
    if (image.object == 0) continue;
    if (image.mask_entries.empty()) {
      writer.WriteStream(image.object, image.entries, image.data);
      continue;
    }
    int mask = writer.Allocate();
    std::string entries = image.entries + "/SMask ";
    AppendRef(entries, mask);
    writer.WriteStream(image.object, entries, image.data);
    writer.WriteStream(mask, image.mask_entries, image.mask_data);
  }
}

}  // namespace ehcp::pdf
