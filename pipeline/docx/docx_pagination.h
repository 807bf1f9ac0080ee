#pragma once

// Where the DOCX's headings fall on its pages. The PDF layout engine lays the same
// document out on the DOCX's page (A4, 2 cm margins) with the Word styles' sizes, leading
// and spacing, so the contents carry page numbers that LibreOffice and Word show as they
// are, before anyone updates fields. An estimate: Word and LibreOffice paginate by their
// own rules (docs/engineering.md has how often it agrees with LibreOffice).

#include <filesystem>
#include <optional>
#include <vector>

#include "document/document.h"
#include "pdf/layout_engine.h"

namespace ehcp::docx {

// The Word styles of docx_styles.cc, with the template's sizes and spacing, as the layout
// engine's text styles.
pdf::TextStyles WordTextStyles(const doc::LayoutSpec& spec);

// The DOCX's page (PageTwipsOf the template's layout) in points.
pdf::PageGeometry WordPageGeometry(const doc::LayoutSpec& spec);

// The 1-based page of each doc::Heading block, in document order. nullopt when the
// document cannot be laid out here (text no font draws, a figure that does not load):
// the DOCX then lists its contents without numbers, and its own checks report the rest.
std::optional<std::vector<int>> EstimateHeadingPages(const doc::Document& document,
                                                     const std::filesystem::path& asset_root);

}  // namespace ehcp::docx
