#include "pdf/page_furniture.h"

#include <map>
#include <optional>
#include <set>

#include "pdf/single_line_text.h"

namespace ehcp::pdf {
namespace {

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

constexpr Rgb kFurnitureText{0.2, 0.2, 0.2};  // dark grey: contrast 12:1
constexpr Rgb kWatermark{0.86, 0.86, 0.86};   // light: it must not hide the text over it

}  // namespace

std::string FormatPageLabel(const std::string& pattern, int page, int pages) {
  std::string out = pattern.empty() ? std::string("Page {page} of {pages}") : pattern;
  ReplaceAll(out, "{page}", std::to_string(page));
  ReplaceAll(out, "{pages}", std::to_string(pages));
  return out;
}

bool DrawPageFurniture(const doc::Document& document, Layout& layout, FontSet& fonts,
                       LineBreaker& breaker, DiagnosticList& diagnostics) {
  const PageGeometry& g = layout.geometry;
  int pages = static_cast<int>(layout.pages.size());
  double left = g.margin_left;
  double right = g.width - g.margin_right;
  // The watermark, running header and footer texts are the same on every page: each is
  // shaped once.
  std::optional<ShapedSingleLine> mark_shape, header_shape, footer_shape, reference_shape;
  auto draw = [&](const SingleLine& line, std::optional<ShapedSingleLine>& shape,
                  ContentStream& out, std::set<int>& fonts_used) {
    if (!shape) {
      shape.emplace();
      if (!ShapeSingleLine(line, fonts, breaker, *shape, diagnostics)) return false;
    }
    DrawShapedLine(line, *shape, fonts, out, fonts_used);
    return true;
  };
  for (int i = 0; i < pages; ++i) {
    PageLayout& page = layout.pages[i];
    ContentStream out;
    if (document.watermark && !document.watermark->empty()) {
      out.BeginPagination("Watermark");
      SingleLine mark;
      mark.text = *document.watermark;
      mark.size = 110;
      mark.style.bold = true;
      mark.colour = kWatermark;
      mark.x = g.width / 2;
      mark.baseline = g.height / 2;
      mark.align = Align::kCentre;
      mark.max_width = g.height * 0.7;
      mark.rotate_degrees = 45;
      if (!draw(mark, mark_shape, out, page.fonts)) return false;
      out.End();
    }
    if (!document.running_header.empty()) {
      out.BeginPagination("Header");
      SingleLine header;
      header.text = document.running_header;
      header.colour = kFurnitureText;
      header.x = left;
      header.baseline = g.height - 46;
      header.max_width = right - left;
      if (!draw(header, header_shape, out, page.fonts)) return false;
      out.Line(left, g.height - 54, right, g.height - 54, 0.6, kFurnitureText);
      out.End();
    }
    // A document with neither page label nor footer text (a bundle's cover and index, which
    // the bundle stamps itself) has no footer at all.
    if (document.page_label.empty() && document.footer_left.empty()) {
      page.content.Fill(page.furniture_slot, out.Take());
      continue;
    }
    out.BeginPagination("Footer");
    out.Line(left, 56, right, 56, 0.6, kFurnitureText);
    SingleLine label;
    label.text = FormatPageLabel(document.page_label, i + 1, pages);
    label.colour = kFurnitureText;
    label.x = right;
    label.baseline = 38;
    label.align = Align::kRight;
    if (!DrawSingleLine(label, fonts, breaker, out, page.fonts, diagnostics)) return false;
    if (!document.footer_left.empty()) {
      SingleLine footer = label;
      footer.text = document.footer_left;
      footer.x = left;
      footer.align = Align::kLeft;
      footer.max_width = (right - left) * 0.6;
      if (!draw(footer, footer_shape, out, page.fonts)) return false;
    }
    if (!document.footer_reference.empty()) {
      SingleLine reference = label;
      reference.text = document.footer_reference;
      reference.size = 10;
      reference.x = left;
      reference.baseline = 22;
      reference.align = Align::kLeft;
      reference.max_width = right - left;
      if (!draw(reference, reference_shape, out, page.fonts)) return false;
    }
    out.End();
    page.content.Fill(page.furniture_slot, out.Take());
  }
  return true;
}

bool FillContentsNumbers(Layout& layout, FontSet& fonts, LineBreaker& breaker,
                         DiagnosticList& diagnostics) {
  std::map<std::string, int> page_of;
  for (const auto& heading : layout.headings) page_of.emplace(heading.anchor, heading.page);
  for (const auto& number : layout.contents_numbers) {
    auto found = page_of.find(number.anchor);
    if (found == page_of.end()) continue;
    ContentStream out;
    SingleLine line;
    line.text = std::to_string(found->second + 1);
    line.size = number.size;
    line.x = number.right;
    line.baseline = number.baseline;
    line.align = Align::kRight;
    line.colour = number.colour;
    PageLayout& page = layout.pages[number.page];
    if (!DrawSingleLine(line, fonts, breaker, out, page.fonts, diagnostics)) return false;
    page.content.Fill(number.slot, out.Take());
  }
  return true;
}

}  // namespace ehcp::pdf
