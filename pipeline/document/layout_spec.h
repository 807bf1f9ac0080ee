#pragma once

// How a template wants its documents to look: page size, margins, the Word font, type
// sizes, line spacing and colours (template.json "layout", read by LoadTemplateSet). The
// PDF layout engine and the DOCX writer both read it from the document, so one value
// set by a council reaches both. Plain data: no library type appears here.
//
// Values a template leaves out keep each format's own look of today, which is not the
// same in the PDF and the Word file for some of them (heading sizes, margins, line
// spacing, colours); the `...Or` helpers give the writer its own default.

#include <cstdint>
#include <optional>
#include <string>

namespace ehcp::doc {

// An sRGB colour, written "#RRGGBB" in template.json.
struct Colour {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Colour&) const = default;
};

// Distances from the page's edges to the body text, in points. The running header and
// footer sit inside the top and bottom margins.
struct Margins {
  double top = 0, right = 0, bottom = 0, left = 0;
};

struct LayoutSpec {
  // A4 portrait, in points; the DOCX rounds to twips (11906 x 16838).
  double page_width = 595.28;
  double page_height = 841.89;
  // Unset: the PDF's 84 top, 62 right, 72 bottom, 62 left; the DOCX's 2 cm all round.
  std::optional<Margins> margins;
  // The font Word and LibreOffice draw the DOCX with. The PDF embeds Liberation Sans,
  // which has Arial's metrics, for Latin text (pipeline/pdf/font_set.cc).
  std::string font_family = "Arial";
  // Type sizes in points (whole or half points: Word counts half points).
  double body_size = 12;
  double table_size = 12;
  double title_size = 26;
  // Headings 1 to 3; unset: the PDF's 20, 16, 13.5 and the DOCX's 18, 15, 13.
  std::optional<double> heading_size[3];
  // Body line height as a multiple of the type size; unset: the PDF's 1.4, the DOCX's 1.15.
  std::optional<double> line_spacing;
  // Unset: each format's own (the PDF's near black, navy and blue; the DOCX's 1F3864).
  std::optional<Colour> text_colour;
  std::optional<Colour> heading_colour;
  std::optional<Colour> link_colour;
  std::optional<Colour> rule_colour;          // table borders and rules
  std::optional<Colour> table_header_colour;  // the header row's fill

  double HeadingSizeOr(int level, double fallback) const {
    int i = level < 1 ? 0 : level > 3 ? 2 : level - 1;
    return heading_size[i].value_or(fallback);
  }
};

}  // namespace ehcp::doc
