#pragma once

// Images for the DOCX (the council logo): read from the template folder only, checked,
// and measured, so Word gets the right size and the alt text survives in every client.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"

namespace ehcp::docx {

struct ImageFile {
  std::string bytes;
  std::string extension;  // "png" or "jpeg": the media part's extension
  int width_px = 0;
  int height_px = 0;
  double dpi_x = 96;  // from pHYs / JFIF density; 96 when the file does not say
  double dpi_y = 96;
};

// Reads the PNG or JPEG size (and resolution, when recorded) from the file's bytes.
// PNG chunk CRCs are checked: LibreOffice silently drops the alt text of a corrupt PNG.
// Returns false when the bytes are not a readable PNG or JPEG.
bool ReadImageHeader(std::string_view bytes, ImageFile& image);

// Loads `image_path` (relative to `asset_root`, or absolute). The resolved file, after
// following links, must lie inside `asset_root`: a template cannot make the writer
// embed /etc/passwd or a file from another council's folder. Errors are diagnostics.
std::optional<ImageFile> LoadImage(const std::string& image_path, const std::filesystem::path& asset_root,
                                   DiagnosticList& diagnostics);

}  // namespace ehcp::docx
