#pragma once

// Reads a council's plan exported as PDF back as text in reading order (model/plan_text.h),
// for the council reader, so that `ehcp lint plan.pdf` finds what the same plan gives as
// Word or XML. No poppler type leaves this unit.
//
// poppler-cpp gives words with their boxes and fonts but not a tagged PDF's structure tree,
// so the layout is read: words on one baseline make a line; a line whose words fall apart
// into columns (gaps wider than a space) starts a table, whose rows start where the first
// column has text and whose columns are the x positions the lines share; lines in one font,
// closer than a blank line apart, make a paragraph; a change of font size or weight (a
// heading) ends one. Words a narrow cell broke across lines are joined again.
//
// The file is someone's PDF, so it is read defensively: not a PDF or damaged beyond repair,
// encrypted, too big or too many pages: one error naming the file; a scan (pages, but no
// text layer) is refused with an error that says so. Poppler's own messages are silenced:
// they may quote the document.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "model/plan_text.h"

namespace ehcp {

struct PdfLimits {
  size_t max_file_bytes = 64u * 1024 * 1024;
  int max_pages = 1000;
};

// Reads the file at `path` (refusing files over the limit) as ParsePdf does.
std::optional<PlanText> ReadPdfFile(const std::string& path, DiagnosticList& diagnostics,
                                    const PdfLimits& limits = {});

// Reads `bytes` as a PDF named `display_name` in diagnostics. Errors (exit 2):
// "pdf.unreadable" (not a PDF, damaged, too big), "pdf.encrypted", "pdf.scan" (no text).
std::optional<PlanText> ParsePdf(std::string_view bytes, const std::string& display_name,
                                 DiagnosticList& diagnostics, const PdfLimits& limits = {});

}  // namespace ehcp
