#pragma once

// Images for figures (council logos): PNG or JPEG files that must lie inside the asset
// root (the template folder). Each file is decoded in full by pipeline/image (size limits
// checked before its pixels are allocated; a damaged file is an error) and turned into a
// PDF image XObject once however often it is used (and once a process for the same
// bytes): the decoded 8-bit pixels under FlateDecode, and the alpha as an /SMask when the
// image has any transparency. No file bytes pass through, so a viewer never meets data
// that did not decode here.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp::image {
struct Image;
}

namespace ehcp::pdfio {
class ObjectWriter;
}  // namespace ehcp::pdfio

namespace ehcp::pdf {

class FigureImages {
 public:
  explicit FigureImages(std::filesystem::path asset_root);
  ~FigureImages();
  FigureImages(const FigureImages&) = delete;
  FigureImages& operator=(const FigureImages&) = delete;

  // Index of the loaded image, or -1 (with an error) when the path escapes the asset
  // root, is missing, or is not a PNG/JPEG that decodes whole within the size limits.
  int Load(const std::string& image_path, DiagnosticList& diagnostics);

  double PixelWidth(int index) const { return images_[index].image->width; }
  double PixelHeight(int index) const { return images_[index].image->height; }
  std::string ResourceName(int index) const { return "Im" + std::to_string(index + 1); }

  // The image's XObject number, allocated on first use; written by WriteImages.
  int ObjectNumber(int index, pdfio::ObjectWriter& writer);
  // Writes every image that was given an object number.
  void WriteImages(pdfio::ObjectWriter& writer) const;

  // An image ready to write: its stream dictionary entries (without /Length) and
  // encoded data, and the soft mask's when it has one.
  struct EncodedImage {
    int width = 0;
    int height = 0;
    std::string entries;
    std::string data;
    std::string mask_entries;  // empty: opaque
    std::string mask_data;
  };

 private:
  // The file's image, decoded and encoded, or null with `problem` set.
  static std::shared_ptr<const EncodedImage> LoadEncoded(const std::filesystem::path& file,
                                                         std::string& problem);

  struct UsedImage {
    std::shared_ptr<const EncodedImage> image;  // shared with other renders of the same file
    int object = 0;
  };
  std::filesystem::path asset_root_;
  std::map<std::string, int> by_path_;
  std::vector<UsedImage> images_;
};

// True when `path` (relative to `root`, or absolute) resolves to a file inside `root`.
bool IsInsideRoot(const std::filesystem::path& root, const std::filesystem::path& path);

// Turns a decoded image into an image XObject's stream (and its soft mask's).
FigureImages::EncodedImage EncodeImage(const image::Image& decoded);

}  // namespace ehcp::pdf
