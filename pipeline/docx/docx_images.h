#pragma once

// Images for the DOCX (the council logo): read from the template folder only, decoded in
// full by pipeline/image (so a damaged or oversized file is refused rather than embedded as
// a broken picture), and measured, so Word gets the right size and the alt text survives
// in every client. The file's own bytes are embedded, once they have decoded.

#include <filesystem>
#include <optional>
#include <string>

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

// Loads `image_path` (relative to `asset_root`, or absolute). The resolved file, after
// following links, must lie inside `asset_root`: a template cannot make the writer
// embed /etc/passwd or a file from another council's folder. Errors are diagnostics.
std::optional<ImageFile> LoadImage(const std::string& image_path,
                                   const std::filesystem::path& asset_root,
                                   DiagnosticList& diagnostics);

}  // namespace ehcp::docx
