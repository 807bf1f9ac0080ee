#include "pdf/figure_images.h"

#include <zlib.h>

#include <algorithm>

#include "image/image_file.h"
#include "pdf/pdf_object_writer.h"

namespace ehcp::pdf {
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
  std::string size = "/Type/XObject/Subtype/Image/Width ";
  AppendInt(size, decoded.width);
  size += "/Height ";
  AppendInt(size, decoded.height);
  image.entries = size;
  switch (decoded.colour) {
    case image::ColourSpace::kGray: image.entries += "/ColorSpace/DeviceGray"; break;
    case image::ColourSpace::kRgb: image.entries += "/ColorSpace/DeviceRGB"; break;
    case image::ColourSpace::kCmyk: image.entries += "/ColorSpace/DeviceCMYK"; break;
  }
  image.entries += "/BitsPerComponent 8/Filter/FlateDecode";
  image.data = Deflate(decoded.pixels, Z_DEFAULT_COMPRESSION);
  if (!decoded.alpha.empty()) {
    image.mask_entries = size + "/ColorSpace/DeviceGray/BitsPerComponent 8/Filter/FlateDecode";
    image.mask_data = Deflate(decoded.alpha, Z_DEFAULT_COMPRESSION);
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
  image::ImageResult decoded = image::ReadImageFile(full);
  if (!decoded.Ok()) {
    diagnostics.Error("pdf.image",
                      "cannot use figure image \"" + full.string() + "\": " + decoded.message,
                      FileLocation(full.string()));
    return -1;
  }
  EncodedImage image = EncodeImage(decoded.image);
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
