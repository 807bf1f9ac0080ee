#pragma once

// Navigation: link annotations (internal "#anchor" links jump to the heading, web
// links open the URL; each with /Contents, the Print flag, no border, no /M time
// stamp) and bookmarks for every heading listed in the contents, nested by level.

#include <vector>

#include "pdf/page_layout.h"

namespace ehcp::pdfio {
class ObjectWriter;
}  // namespace ehcp::pdfio

namespace ehcp::pdf {

// Allocates an object number for each link annotation, in layout.links order, so pages
// can list them in /Annots before they are written.
std::vector<int> AllocateLinkAnnotations(pdfio::ObjectWriter& writer, const Layout& layout);

// Writes the annotations numbered by AllocateLinkAnnotations. `pages` are the pages'
// object numbers; annotation i gets /StructParent first_struct_parent + i (its key in the
// ParentTree that TagTree::Write builds).
void WriteLinkAnnotations(pdfio::ObjectWriter& writer, const Layout& layout,
                          const std::vector<int>& pages, const std::vector<int>& annotations,
                          int first_struct_parent);

// Writes the bookmarks and returns the /Outlines object number, or 0 when there are none.
int WriteBookmarks(pdfio::ObjectWriter& writer, const Layout& layout,
                   const std::vector<int>& pages);

}  // namespace ehcp::pdf
