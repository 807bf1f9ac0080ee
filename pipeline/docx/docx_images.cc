#include "docx/docx_images.h"

#include <algorithm>

#include "image/image_file.h"

namespace ehcp::docx {
namespace {

// True when `path` is `root` or lies below it (both already canonical).
bool IsInside(const std::filesystem::path& path, const std::filesystem::path& root) {
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

std::optional<ImageFile> LoadImage(const std::string& image_path,
                                   const std::filesystem::path& asset_root,
                                   DiagnosticList& diagnostics) {
  namespace fs = std::filesystem;
  auto location = FileLocation(image_path);
  if (asset_root.empty()) {
    diagnostics.Error("docx.image.outside-assets",
                      "image '" + image_path + "' cannot be embedded: no template folder was given",
                      location);
    return std::nullopt;
  }
  std::error_code ec;
  fs::path root = fs::canonical(asset_root, ec);
  if (ec) {
    diagnostics.Error("docx.image.unreadable",
                      "template folder '" + asset_root.string() + "': " + ec.message(),
                      FileLocation(asset_root.string()));
    return std::nullopt;
  }
  fs::path requested(image_path);
  fs::path candidate = requested.is_absolute() ? requested : root / requested;
  fs::path resolved = fs::canonical(candidate, ec);
  if (ec) {
    diagnostics.Error("docx.image.unreadable",
                      "cannot read image '" + image_path + "': " + ec.message(), location);
    return std::nullopt;
  }
  if (!IsInside(resolved, root)) {
    diagnostics.Error(
        "docx.image.outside-assets",
        "image '" + image_path + "' lies outside the template folder '" + root.string() + "'",
        location);
    return std::nullopt;
  }
  image::ImageResult decoded = image::ReadImageFile(resolved);
  if (decoded.problem == image::ImageProblem::kUnreadable) {
    diagnostics.Error(
        "docx.image.unreadable",
        "image '" + image_path + "' is not a readable regular file under 16 MB: " + decoded.message,
        location);
    return std::nullopt;
  }
  if (!decoded.Ok()) {
    diagnostics.Error("docx.image.format",
                      "image '" + image_path + "' cannot be used: " + decoded.message, location);
    return std::nullopt;
  }
  ImageFile image;
  image.bytes = std::move(decoded.bytes);
  image.extension = decoded.image.format == image::ImageFormat::kPng ? "png" : "jpeg";
  image.width_px = decoded.image.width;
  image.height_px = decoded.image.height;
  image.dpi_x = decoded.image.dpi_x;
  image.dpi_y = decoded.image.dpi_y;
  return image;
}

}  // namespace ehcp::docx
