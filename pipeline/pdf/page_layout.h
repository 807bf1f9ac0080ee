#pragma once

// What the layout engine produces and the writer turns into PDF objects: the pages'
// content streams, the tag tree, where headings landed, the links to annotate and the
// contents-page numbers still to fill in.

#include <set>
#include <string>
#include <vector>

#include "pdf/content_stream.h"
#include "pdf/tag_tree.h"

namespace ehcp::pdf {

// The page in points, with margins that leave room for the running header and footer:
// A4 here; the layout engine sets it from the document's template (doc::LayoutSpec).
struct PageGeometry {
  double width = 595.28;
  double height = 841.89;
  double margin_left = 62;
  double margin_right = 62;
  double body_top = 841.89 - 84;
  double body_bottom = 72;
  double BodyWidth() const { return width - margin_left - margin_right; }
};

struct PageLayout {
  ContentStream content;
  size_t furniture_slot = 0;  // filled with header, footer and watermark after layout
  std::set<int> fonts;        // font slots drawn with on this page
  std::vector<std::pair<std::string, int>> images;  // resource name, figure image index
  // Where the body ended on this page (y, points from the foot), and whether the page
  // ended at the document's own page break (after the cover): the fill checks' input.
  double filled_to = 0;
  bool ended_by_break = false;
};

struct Rect {
  double x = 0, y = 0, width = 0, height = 0;
};

struct LinkArea {
  int page = 0;
  Rect rect;
  std::string target;    // "#anchor" or a URL
  std::string contents;  // the link text: the annotation's /Contents
  int element = -1;      // the Link structure element
};

struct PlacedHeading {
  int level = 1;
  std::string text;
  std::string anchor;
  bool in_contents = true;
  int page = -1;
  double top = 0;  // y of the heading's top edge
};

// Where a link target (a heading's or paragraph's anchor) landed.
struct PlacedAnchor {
  std::string anchor;
  int page = 0;
  double top = 0;
};

// A page number on the contents page, drawn once every heading has its page.
struct ContentsNumber {
  int page = 0;
  size_t slot = 0;
  std::string anchor;
  double right = 0;  // right edge of the number
  double baseline = 0;
  double size = 12;
  Rgb colour{0.07, 0.07, 0.07};  // the contents entry's text colour
};

struct Layout {
  PageGeometry geometry;
  std::vector<PageLayout> pages;
  TagTree tags;
  std::vector<LinkArea> links;
  std::vector<PlacedHeading> headings;
  std::vector<PlacedAnchor> anchors;
  std::vector<ContentsNumber> contents_numbers;
};

}  // namespace ehcp::pdf
