#pragma once

// Images for figures (council logos): PNG or JPEG files that must lie inside the asset
// root (the template folder). Each file is embedded once however often it is used.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace PoDoFo {
class PdfImage;
class PdfMemDocument;
}  // namespace PoDoFo

namespace ehcp::pdf {

class FigureImages {
 public:
  FigureImages(PoDoFo::PdfMemDocument& document, std::filesystem::path asset_root);
  ~FigureImages();
  FigureImages(const FigureImages&) = delete;
  FigureImages& operator=(const FigureImages&) = delete;

  // Index of the loaded image, or -1 (with an error) when the path escapes the asset
  // root, is missing, or is not a readable PNG/JPEG.
  int Load(const std::string& image_path, DiagnosticList& diagnostics);

  PoDoFo::PdfImage& Image(int index) const { return *images_[index]; }
  double PixelWidth(int index) const;
  double PixelHeight(int index) const;
  std::string ResourceName(int index) const;

 private:
  PoDoFo::PdfMemDocument& document_;
  std::filesystem::path asset_root_;
  std::map<std::string, int> by_path_;
  std::vector<std::unique_ptr<PoDoFo::PdfImage>> images_;
};

// True when `path` (relative to `root`, or absolute) resolves to a file inside `root`.
bool IsInsideRoot(const std::filesystem::path& root, const std::filesystem::path& path);

}  // namespace ehcp::pdf
