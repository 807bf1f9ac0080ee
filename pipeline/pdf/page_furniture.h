#pragma once

// Page furniture, all of it Pagination artifacts (never read as content): the running
// header with a rule under it, the footer (council name on the left, "Page X of Y" on
// the right; on an issued plan a second line with its reference, version and date), and the DRAFT
// watermark behind the text on drafts. Also writes the page numbers on the contents page, which are
// only known once every page is laid out.

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "pdf/font_set.h"
#include "pdf/line_breaker.h"
#include "pdf/page_layout.h"

namespace ehcp::pdf {

// "Page {page} of {pages}" -> "Page 3 of 30".
std::string FormatPageLabel(const std::string& pattern, int page, int pages);

bool DrawPageFurniture(const doc::Document& document, Layout& layout, FontSet& fonts,
                       LineBreaker& breaker, DiagnosticList& diagnostics);

bool FillContentsNumbers(Layout& layout, FontSet& fonts, LineBreaker& breaker,
                         DiagnosticList& diagnostics);

}  // namespace ehcp::pdf
