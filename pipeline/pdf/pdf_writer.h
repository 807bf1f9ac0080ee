#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "diagnostics/diagnostic.h"
#include "document/document.h"

namespace ehcp {

struct PdfOptions {
  // Fixed creation date for byte-identical output; defaults to $SOURCE_DATE_EPOCH, else
  // the time of the run.
  std::optional<int64_t> source_date_epoch;
  // Folder that figures' image paths must stay inside (the template folder).
  std::filesystem::path asset_root;
  // Where the source has a character (see pdf::CharacterLocator), so that an error about
  // a character no font can show names file:line:col; optional.
  std::function<SourceLocation(char32_t)> locate_character;
  // Characters the regular font's embedded subset carries even where no page draws them:
  // a bundle stamps page numbers on other documents' pages with this PDF's font.
  std::u32string reserve_characters;
};

// Renders `document` as a tagged PDF/UA-1 file (PDF 1.7) at `path`, written atomically:
// nothing is left at `path` when rendering fails. Returns false with diagnostics (for
// example a character no font can show) on failure.
bool WritePdf(const doc::Document& document, const PdfOptions& options, const std::string& path,
              DiagnosticList& diagnostics);
// The same PDF into `bytes` (for the service: nothing is written to disk).
bool RenderPdf(const doc::Document& document, const PdfOptions& options, std::string& bytes,
               DiagnosticList& diagnostics);

// Renders `document` as WritePdf does, into `bytes` (a plan inside a bundle is never
// written to a file). `name` is where diagnostics without a place of their own point.
bool RenderPdf(const doc::Document& document, const PdfOptions& options, const std::string& name,
               std::string& bytes, DiagnosticList& diagnostics);

}  // namespace ehcp
