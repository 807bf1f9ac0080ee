#pragma once

// The header part (running header: the child's name and the plan's status, plus the
// DRAFT watermark on drafts) and the footer part (council name, "Page N of M" with live
// PAGE / NUMPAGES fields).

#include <optional>
#include <string>

#include "document/document.h"

namespace ehcp::docx {

// word/header1.xml, or nullopt when there is neither a running header nor a watermark
// (a header part with nothing in it would be an empty paragraph).
std::optional<std::string> HeaderXml(const doc::Document& document);

// word/footer1.xml, or nullopt when there is neither footer text nor a page label; an
// issued plan's reference line is a second paragraph.
// "{page}" and "{pages}" in the page label become PAGE and NUMPAGES fields.
std::optional<std::string> FooterXml(const doc::Document& document);

}  // namespace ehcp::docx
