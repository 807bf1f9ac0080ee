#include "pdf/figure_images.h"

#include <podofo/podofo.h>

#include <fstream>

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

FigureImages::FigureImages(PoDoFo::PdfMemDocument& document, fs::path asset_root)
    : document_(document), asset_root_(std::move(asset_root)) {}

FigureImages::~FigureImages() = default;

int FigureImages::Load(const std::string& image_path, DiagnosticList& diagnostics) {
  auto found = by_path_.find(image_path);
  if (found != by_path_.end()) return found->second;
  if (asset_root_.empty() || !IsInsideRoot(asset_root_, image_path)) {
    diagnostics.Error("pdf.image-path",
                      "figure image \"" + image_path + "\" is not inside the template folder " + asset_root_.string(),
                      SourceLocation{});
    return -1;
  }
  fs::path full = fs::path(image_path).is_absolute() ? fs::path(image_path) : asset_root_ / image_path;
  std::ifstream in(full, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) bytes.clear();
  static const unsigned char kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  bool png = bytes.size() > 8 && std::equal(kPng, kPng + 8, bytes.begin());
  bool jpeg = bytes.size() > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
  if (!png && !jpeg) {
    diagnostics.Error("pdf.image",
                      "figure image \"" + full.string() + "\" is missing or is not a PNG or JPEG file",
                      FileLocation(full.string()));
    return -1;
  }
  auto image = std::make_unique<PoDoFo::PdfImage>(&document_);
  try {
    if (png) {
      image->LoadFromPngData(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()));
    } else {
      image->LoadFromJpegData(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()));
    }
  } catch (const PoDoFo::PdfError& error) {
    diagnostics.Error("pdf.image", "cannot read figure image \"" + full.string() + "\": " +
                                       PoDoFo::PdfError::ErrorMessage(error.GetError()),
                      FileLocation(full.string()));
    return -1;
  }
  images_.push_back(std::move(image));
  int index = static_cast<int>(images_.size() - 1);
  by_path_[image_path] = index;
  return index;
}

double FigureImages::PixelWidth(int index) const { return images_[index]->GetWidth(); }
double FigureImages::PixelHeight(int index) const { return images_[index]->GetHeight(); }
std::string FigureImages::ResourceName(int index) const { return images_[index]->GetIdentifier().GetName(); }

}  // namespace ehcp::pdf
