#pragma once

// Navigation: link annotations (internal "#anchor" links jump to the heading, web
// links open the URL; each with /Contents, the Print flag, no border, no /M time
// stamp) and bookmarks for every heading listed in the contents, nested by level.

#include <vector>

#include "pdf/page_layout.h"

namespace PoDoFo {
class PdfMemDocument;
class PdfObject;
class PdfPage;
}  // namespace PoDoFo

namespace ehcp::pdf {

// Returns the annotation objects in layout.links order (their StructParent keys are
// assigned by TagTree::Write).
std::vector<PoDoFo::PdfObject*> WriteLinkAnnotations(PoDoFo::PdfMemDocument& pdf, const Layout& layout,
                                                     const std::vector<PoDoFo::PdfPage*>& pages);

void WriteBookmarks(PoDoFo::PdfMemDocument& pdf, const Layout& layout, const std::vector<PoDoFo::PdfPage*>& pages);

}  // namespace ehcp::pdf
