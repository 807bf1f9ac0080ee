#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "diagnostics/diagnostic.h"
#include "document/document.h"

namespace ehcp {

struct DocxOptions {
  // Fixed timestamps (ZIP entries, core properties) for byte-identical output; defaults
  // to $SOURCE_DATE_EPOCH, else the time of the run.
  std::optional<int64_t> source_date_epoch;
  // Folder that figures' image paths must stay inside (the template folder).
  std::filesystem::path asset_root;
};

// Renders `document` as an editable, accessible WordprocessingML package at `path`,
// written atomically. Returns false with diagnostics on failure.
bool WriteDocx(const doc::Document& document, const DocxOptions& options, const std::string& path,
               DiagnosticList& diagnostics);
// The same package into `bytes` (for the service: nothing is written to disk).
bool RenderDocx(const doc::Document& document, const DocxOptions& options, std::string& bytes,
                DiagnosticList& diagnostics);

}  // namespace ehcp
