#pragma once

// Images for figures (council logos): PNG or JPEG files that must lie inside the asset
// root (the template folder). Each file is read and turned into a PDF image XObject
// once however often it is used: a JPEG is embedded as it is (DCTDecode); a PNG's
// compressed pixels are passed through with the PNG predictor when they are opaque, and
// decoded into colour plus an /SMask when they carry alpha.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp::pdf {

class PdfObjectWriter;

class FigureImages {
 public:
  explicit FigureImages(std::filesystem::path asset_root);
  ~FigureImages();
  FigureImages(const FigureImages&) = delete;
  FigureImages& operator=(const FigureImages&) = delete;

  // Index of the loaded image, or -1 (with an error) when the path escapes the asset
  // root, is missing, or is not a readable PNG/JPEG.
  int Load(const std::string& image_path, DiagnosticList& diagnostics);

  double PixelWidth(int index) const { return images_[index].width; }
  double PixelHeight(int index) const { return images_[index].height; }
  std::string ResourceName(int index) const { return "Im" + std::to_string(index + 1); }

  // The image's XObject number, allocated on first use; written by WriteImages.
  int ObjectNumber(int index, PdfObjectWriter& writer);
  // Writes every image that was given an object number.
  void WriteImages(PdfObjectWriter& writer) const;

  // An image ready to write: its stream dictionary entries (without /Length) and
  // encoded data, and the soft mask's when it has one.
  struct EncodedImage {
    int width = 0;
    int height = 0;
    std::string entries;
    std::string data;
    std::string mask_entries;  // empty: opaque
    std::string mask_data;
    int object = 0;
  };

 private:
  std::filesystem::path asset_root_;
  std::map<std::string, int> by_path_;
  std::vector<EncodedImage> images_;
};

// True when `path` (relative to `root`, or absolute) resolves to a file inside `root`.
bool IsInsideRoot(const std::filesystem::path& root, const std::filesystem::path& path);

// Turns PNG or JPEG file bytes into an image XObject's stream; false with `error` set
// when the file is damaged or of a kind not supported (interlaced PNG, for one).
bool EncodePng(const std::vector<unsigned char>& bytes, FigureImages::EncodedImage& image,
               std::string& error);
bool EncodeJpeg(const std::vector<unsigned char>& bytes, FigureImages::EncodedImage& image,
                std::string& error);

}  // namespace ehcp::pdf
