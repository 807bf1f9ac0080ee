#include "pdf/figure_images.h"

#include <algorithm>
#include <deque>
#include <mutex>

#include "image/image_file.h"
#include "output/input_file.h"
#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::Deflate;

namespace fs = std::filesystem;

bool IsInsideRoot(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  if (ec || base.empty()) return false;
  fs::path full = fs::weakly_canonical(path.is_absolute() ? path : root / path, ec);
  if (ec) return false;
  auto [root_end, ignored] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  return root_end == base.end() && full != base;
}

FigureImages::EncodedImage EncodeImage(const image::Image& decoded) {
  FigureImages::EncodedImage image;
  image.width = decoded.width;
  image.height = decoded.height;
  // The image's and its mask's entries differ only in their colour space.
  auto entries = [&](const char* colour_space) {
    std::string out;
    pdfio::DictWriter::Entries(out)
        .Name("Type", "XObject")
        .Name("Subtype", "Image")
        .Int("Width", decoded.width)
        .Int("Height", decoded.height)
        .Name("ColorSpace", colour_space)
        .Int("BitsPerComponent", 8)
        .Name("Filter", "FlateDecode");
    return out;
  };
  switch (decoded.colour) {
    case image::ColourSpace::kGray: image.entries = entries("DeviceGray"); break;
    case image::ColourSpace::kRgb: image.entries = entries("DeviceRGB"); break;
    case image::ColourSpace::kCmyk: image.entries = entries("DeviceCMYK"); break;
  }
  // The fastest level (Deflate's): a logo's pixels are a few KB either way.
  image.data = Deflate(decoded.pixels);
  if (!decoded.alpha.empty()) {
    image.mask_entries = entries("DeviceGray");
    image.mask_data = Deflate(decoded.alpha);
  }
  return image;
}

namespace {

// Decoding and compressing a logo costs more CPU than laying out a page of the plan, and
// a batch render (render -o DIR, the service) uses the same logo for every plan. So the
// XObject is kept for the file's exact bytes: a file that changes is decoded afresh, and
// there is no window between checking a file and using it. Small files only, a few of them.
constexpr size_t kMaxCachedFileBytes = 1u << 20;
constexpr size_t kMaxCachedImages = 4;

std::mutex cache_mutex;
std::deque<std::pair<std::string, std::shared_ptr<const FigureImages::EncodedImage>>>
    cache;  // bytes -> image

}  // namespace

std::shared_ptr<const FigureImages::EncodedImage> FigureImages::LoadEncoded(const fs::path& file,
                                                                            std::string& problem) {
  InputFile in = ReadInputFile(file.string(), image::kMaxImageFileBytes);
  if (!in.Ok()) {
    problem = in.problem;
    return nullptr;
  }
  {
    std::lock_guard lock(cache_mutex);
    for (const auto& [bytes, image] : cache)
      if (bytes == in.bytes) return image;
  }
  image::ImageResult decoded = image::DecodeImage(in.bytes);
  if (!decoded.Ok()) {
    problem = decoded.message;
    return nullptr;
  }
  auto image = std::make_shared<const EncodedImage>(EncodeImage(decoded.image));
  if (in.bytes.size() <= kMaxCachedFileBytes) {
    std::lock_guard lock(cache_mutex);
    if (cache.size() >= kMaxCachedImages) cache.pop_front();
    cache.emplace_back(std::move(in.bytes), image);
  }
  return image;
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
  std::string problem;
  std::shared_ptr<const EncodedImage> image = LoadEncoded(full, problem);
  if (!image) {
    diagnostics.Error("pdf.image", "cannot use figure image \"" + full.string() + "\": " + problem,
                      FileLocation(full.string()));
    return -1;
  }
  images_.push_back(UsedImage{std::move(image), 0});
  int index = static_cast<int>(images_.size() - 1);
  by_path_[image_path] = index;
  return index;
}

int FigureImages::ObjectNumber(int index, pdfio::ObjectWriter& writer) {
  UsedImage& used = images_[index];
  if (used.object == 0) used.object = writer.Allocate();
  return used.object;
}

void FigureImages::WriteImages(pdfio::ObjectWriter& writer) const {
  for (const auto& [encoded, object] : images_) {
    if (object == 0) continue;
    const EncodedImage& image = *encoded;
    if (image.mask_entries.empty()) {
      writer.WriteStream(object, image.entries, image.data);
      continue;
    }
    int mask = writer.Allocate();
    std::string entries = image.entries;
    pdfio::DictWriter::Entries(entries).Ref("SMask", mask);
    writer.WriteStream(object, entries, image.data);
    writer.WriteStream(mask, image.mask_entries, image.mask_data);
  }
}

}  // namespace ehcp::pdf
