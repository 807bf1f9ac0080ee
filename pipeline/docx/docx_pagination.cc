#include "docx/docx_pagination.h"

#include "docx/docx_body.h"
#include "docx/docx_styles.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"

namespace ehcp::docx {
namespace {

constexpr double kPointsPerTwip = 1.0 / 20;
// One line of Arial (Liberation Sans here, with the same metrics) is 1.149 em; the
// styles' "auto" spacing (276 by default) is 1.15 lines, and w:line="240" is one line.
constexpr double kSingle = 1.149;

pdf::TextStyle Style(double size, double leading, double before, double after) {
  pdf::TextStyle style;
  style.size = size;
  style.leading = leading;
  style.space_before = before;
  style.space_after = after;
  return style;
}

}  // namespace

pdf::TextStyles WordTextStyles(const doc::LayoutSpec& spec) {
  // The values of word/styles.xml (docx_styles.cc), in points: sizes are half-points
  // there and spacing twips.
  const double automatic = spec.line_spacing.value_or(kWordLineSpacing) * kSingle;
  pdf::TextStyles styles;
  styles.body = Style(spec.body_size, automatic, 0, 8);
  styles.title = Style(spec.title_size, kSingle, 12, 12);
  styles.title.font.bold = true;
  styles.subtitle = Style(14, automatic, 0, 6);
  styles.lead = Style(13, automatic, 0, 10);
  styles.note = Style(spec.body_size, automatic, 0, 6);
  styles.quote = Style(spec.body_size, automatic, 6, 8);
  styles.quote.font.italic = true;
  styles.quote.indent = 567 * kPointsPerTwip;
  styles.headings[0] = Style(spec.HeadingSizeOr(1, kWordHeadingSizes[0]), automatic, 18, 8);
  styles.headings[1] = Style(spec.HeadingSizeOr(2, kWordHeadingSizes[1]), automatic, 14, 6);
  styles.headings[2] = Style(spec.HeadingSizeOr(3, kWordHeadingSizes[2]), automatic, 12, 4);
  for (auto& heading : styles.headings) heading.font.bold = true;
  styles.cell_leading = kSingle;  // Table Text: w:line="240"
  styles.list_space_after = 4;
  styles.contents_leading = automatic;
  styles.contents_title = Style(16, automatic, 12, 8);
  styles.contents_title.font.bold = true;
  styles.word_spacing = true;
  styles.measure_only = true;
  styles.caption_space_before = 10;
  const int text_width = PageTwipsOf(spec).TextWidth();
  styles.table_columns = [text_width](const doc::Table& table, size_t columns, double width) {
    std::vector<int> twips = TableColumnTwips(table, columns, text_width);
    std::vector<double> points(twips.size());
    for (size_t c = 0; c < twips.size(); ++c) points[c] = width * twips[c] / text_width;
    return points;
  };
  return styles;
}

pdf::PageGeometry WordPageGeometry(const doc::LayoutSpec& spec) {
  // The header and footer sit 1 cm from the edge and end inside the margins, so the
  // body runs from margin to margin.
  const PageTwips page = PageTwipsOf(spec);
  pdf::PageGeometry geometry;
  geometry.width = page.width * kPointsPerTwip;
  geometry.height = page.height * kPointsPerTwip;
  geometry.margin_left = page.left * kPointsPerTwip;
  geometry.margin_right = page.right * kPointsPerTwip;
  geometry.body_top = geometry.height - page.top * kPointsPerTwip;
  geometry.body_bottom = page.bottom * kPointsPerTwip;
  return geometry;
}

std::optional<std::vector<int>> EstimateHeadingPages(const doc::Document& document,
                                                     const std::filesystem::path& asset_root) {
  // The engine's diagnostics are not the DOCX's: the writer reports its own.
  DiagnosticList scratch;
  pdf::FontSet fonts;
  pdf::FigureImages images(asset_root);
  pdf::Layout layout;
  layout.geometry = WordPageGeometry(document.layout);
  pdf::LayoutEngine engine(fonts, images, scratch);
  engine.SetTextStyles(WordTextStyles(document.layout));
  if (!engine.Run(document, layout)) return std::nullopt;
  std::vector<int> pages;
  pages.reserve(layout.headings.size());
  for (const auto& heading : layout.headings) pages.push_back(heading.page + 1);
  return pages;
}

}  // namespace ehcp::docx
