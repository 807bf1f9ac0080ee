#include "docx/docx_images.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "output/input_file.h"

namespace ehcp::docx {
namespace {

// A logo is a few KB; anything this big is a mistake, not an image to embed.
constexpr std::uintmax_t kMaxImageBytes = 16u << 20;

uint32_t ReadU32(std::string_view b, size_t at) {
  return (uint32_t{static_cast<unsigned char>(b[at])} << 24) | (uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) | uint32_t{static_cast<unsigned char>(b[at + 3])};
}

uint16_t ReadU16(std::string_view b, size_t at) {
  return static_cast<uint16_t>((static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]));
}

bool ReadPng(std::string_view b, ImageFile& image) {
  size_t at = 8;
  bool seen_header = false;
  while (at + 12 <= b.size()) {
    uint32_t length = ReadU32(b, at);
    if (length > b.size() - at - 12) return false;
    std::string_view type = b.substr(at + 4, 4);
    std::string_view data = b.substr(at + 8, length);
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(b.data() + at + 4), static_cast<uInt>(length + 4));
    if (crc != ReadU32(b, at + 8 + length)) return false;
    if (!seen_header) {
      if (type != "IHDR" || length < 13) return false;
      image.width_px = static_cast<int>(ReadU32(data, 0));
      image.height_px = static_cast<int>(ReadU32(data, 4));
      seen_header = true;
    } else if (type == "pHYs" && length >= 9 && data[8] == 1) {  // unit 1: pixels per metre
      uint32_t x = ReadU32(data, 0), y = ReadU32(data, 4);
      if (x > 0 && y > 0) {
        image.dpi_x = x * 0.0254;
        image.dpi_y = y * 0.0254;
      }
    } else if (type == "IEND") {
      return image.width_px > 0 && image.height_px > 0;
    }
    at += 12 + length;
  }
  return false;  // truncated: no IEND
}

bool ReadJpeg(std::string_view b, ImageFile& image) {
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xFF) return false;
    unsigned char marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return false;  // end or scan before a frame header
    uint16_t length = ReadU16(b, at + 2);
    if (length < 2 || at + 2 + length > b.size()) return false;
    std::string_view segment = b.substr(at + 4, length - 2);
    if (marker == 0xE0 && segment.size() >= 12 && segment.substr(0, 5) == std::string_view("JFIF\0", 5)) {
      unsigned char units = static_cast<unsigned char>(segment[7]);
      uint16_t x = ReadU16(segment, 8), y = ReadU16(segment, 10);
      if (x > 0 && y > 0 && (units == 1 || units == 2)) {
        image.dpi_x = units == 1 ? x : x * 2.54;
        image.dpi_y = units == 1 ? y : y * 2.54;
      }
    }
    bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame) {
      if (segment.size() < 5) return false;
      image.height_px = ReadU16(segment, 1);
      image.width_px = ReadU16(segment, 3);
      return image.width_px > 0 && image.height_px > 0;
    }
    at += 2 + length;
  }
  return false;
}

// True when `path` is `root` or lies below it (both already canonical).
bool IsInside(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

bool ReadImageHeader(std::string_view bytes, ImageFile& image) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    image.extension = "png";
    return ReadPng(bytes, image);
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
    image.extension = "jpeg";
    return ReadJpeg(bytes, image);
  }
  return false;
}

std::optional<ImageFile> LoadImage(const std::string& image_path, const std::filesystem::path& asset_root,
                                   DiagnosticList& diagnostics) {
  namespace fs = std::filesystem;
  auto location = FileLocation(image_path);
  if (asset_root.empty()) {
    diagnostics.Error("docx.image.outside-assets",
                      "image '" + image_path + "' cannot be embedded: no template folder was given", location);
    return std::nullopt;
  }
  std::error_code ec;
  fs::path root = fs::canonical(asset_root, ec);
  if (ec) {
    diagnostics.Error("docx.image.unreadable", "template folder '" + asset_root.string() + "': " + ec.message(),
                      FileLocation(asset_root.string()));
    return std::nullopt;
  }
  fs::path requested(image_path);
  fs::path candidate = requested.is_absolute() ? requested : root / requested;
  fs::path resolved = fs::canonical(candidate, ec);
  if (ec) {
    diagnostics.Error("docx.image.unreadable", "cannot read image '" + image_path + "': " + ec.message(), location);
    return std::nullopt;
  }
  if (!IsInside(resolved, root)) {
    diagnostics.Error("docx.image.outside-assets",
                      "image '" + image_path + "' lies outside the template folder '" + root.string() + "'", location);
    return std::nullopt;
  }
  InputFile in = ReadInputFile(resolved.string(), kMaxImageBytes);
  if (!in.Ok()) {
    diagnostics.Error(
        "docx.image.unreadable",
        "image '" + image_path + "' is not a readable regular file under 16 MB: " + in.problem,
        location);
    return std::nullopt;
  }
  ImageFile image;
  image.bytes = std::move(in.bytes);
  if (!ReadImageHeader(image.bytes, image)) {
    diagnostics.Error("docx.image.format", "image '" + image_path + "' is not a valid PNG or JPEG file", location);
    return std::nullopt;
  }
  return image;
}

}  // namespace ehcp::docx
