#include "pdf/layout_engine.h"

#include <algorithm>
#include <cmath>

#include "document/text_direction.h"

namespace ehcp::pdf {
namespace {

constexpr Rgb kText{0.07, 0.07, 0.07};       // near black: contrast 18:1 on white
constexpr Rgb kHeadingText{0.0, 0.16, 0.33};  // dark navy: contrast 14:1
constexpr Rgb kLinkText{0.0, 0.2, 0.6};       // dark blue, underlined: contrast 10:1
constexpr Rgb kRule{0.45, 0.45, 0.45};
constexpr Rgb kHeaderFill{0.9, 0.92, 0.95};
constexpr double kCellPadding = 5;
constexpr double kListIndent = 26;
// Tables no taller than this share of a page are never split.
constexpr double kKeepTableWhole = 0.25;

bool IsExternalLink(const std::string& target) {
  // A URN names something no viewer fetches: the bundle marks its index links with one and
  // points them at pages once the documents are merged.
  return target.rfind("https://", 0) == 0 || target.rfind("http://", 0) == 0 ||
         target.rfind("mailto:", 0) == 0 || target.rfind("urn:", 0) == 0;
}

std::vector<doc::Span> PlainSpans(const std::string& text, bool bold = false) {
  doc::Span span;
  span.text = text;
  span.bold = bold;
  return {span};
}

std::vector<double> ColumnWidths(const doc::Table& table, size_t columns, double total) {
  std::vector<double> weights(columns, 1.0);
  if (table.column_widths.size() == columns) {
    double sum = 0;
    for (double w : table.column_widths) sum += w > 0 ? w : 0;
    if (sum > 0) {
      for (size_t i = 0; i < columns; ++i) weights[i] = table.column_widths[i] > 0 ? table.column_widths[i] : 0.0;
    }
  }
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> widths(columns);
  for (size_t i = 0; i < columns; ++i) widths[i] = sum > 0 ? total * weights[i] / sum : total / columns;
  return widths;
}

// Column widths that give every column at least its `need` (its longest word) where
// the total allows: columns short of their need are fixed at it, and the rest share
// what is left in proportion to their original widths.
std::vector<double> FitColumns(const std::vector<double>& widths, std::vector<double> need, double total) {
  size_t n = widths.size();
  bool short_of_need = false;
  for (size_t c = 0; c < n; ++c) short_of_need = short_of_need || need[c] > widths[c] + 0.01;
  if (!short_of_need) return widths;
  // Not enough room for every word: the column with the longest excess (an e-mail
  // address, a URL: it will break anyway) gives up its claim, until the rest fit, so
  // "Relationship" still gets room beside a long address.
  auto sum = [&] {
    double s = 0;
    for (double v : need) s += v;
    return s;
  };
  while (sum() > total) {
    size_t worst = n;
    for (size_t c = 0; c < n; ++c)
      if (need[c] > widths[c] + 0.01 && (worst == n || need[c] - widths[c] > need[worst] - widths[worst])) worst = c;
    if (worst == n) return widths;  // keep the template's proportions; some words break
    need[worst] = widths[worst];
  }
  std::vector<bool> fixed(n, false);
  std::vector<double> out = widths;
  for (size_t round = 0; round < n; ++round) {
    double fixed_total = 0, free_weight = 0;
    for (size_t c = 0; c < n; ++c) {
      if (fixed[c]) {
        fixed_total += need[c];
      } else {
        free_weight += widths[c];
      }
    }
    bool changed = false;
    for (size_t c = 0; c < n; ++c) {
      if (fixed[c]) {
        out[c] = need[c];
        continue;
      }
      out[c] = free_weight > 0 ? (total - fixed_total) * widths[c] / free_weight : 0;
      if (out[c] < need[c]) {
        fixed[c] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (size_t c = 0; c < n; ++c) {
    if (fixed[c]) out[c] = need[c];
  }
  return out;
}

}  // namespace

struct LayoutEngine::Paragraph {
  TextStyle style;
  std::vector<doc::Span> spans;
  ShapedText shaped;
  std::vector<TextLine> lines;
  int element = -1;                // container element the text belongs to
  std::vector<int> span_elements;  // per span: its Link or Span element once drawn
  std::vector<int> link_spans;     // spans drawn as links
  std::string anchor;              // link target placed at its first line
  bool artifact = false;           // drawn as an artifact (repeated header rows)
  bool quiet_links = false;        // links drawn like the text (contents entries)
  double measure = 0;              // width the lines were broken to
  bool align_to_direction = true;  // right-to-left lines align right (not contents entries)
};

struct LayoutEngine::CellBox {
  std::vector<std::unique_ptr<Paragraph>> paragraphs;
  std::string tag = "TD";
  std::string scope;
  int element = -1;
  size_t paragraph = 0;  // drawing cursor
  size_t line = 0;
  bool Done() const { return paragraph >= paragraphs.size(); }
};

LayoutEngine::LayoutEngine(FontSet& fonts, FigureImages& images, DiagnosticList& diagnostics)
    : fonts_(fonts), images_(images), diagnostics_(&diagnostics) {}

LayoutEngine::~LayoutEngine() = default;

TextStyle LayoutEngine::StyleFor(doc::ParagraphStyle style) const {
  TextStyle s;
  s.colour = kText;
  switch (style) {
    case doc::ParagraphStyle::kBody: break;
    case doc::ParagraphStyle::kTitle:
      s.size = 26, s.leading = 1.2, s.font.bold = true, s.colour = kHeadingText, s.space_after = 14;
      break;
    case doc::ParagraphStyle::kSubtitle: s.size = 15, s.leading = 1.35, s.space_after = 6; break;
    case doc::ParagraphStyle::kLead: s.size = 13, s.leading = 1.4, s.space_after = 10; break;
    case doc::ParagraphStyle::kNote: s.colour = Rgb{0.2, 0.2, 0.2}; break;
    case doc::ParagraphStyle::kQuote: s.font.italic = true, s.indent = 18; break;
  }
  return s;
}

TextStyle LayoutEngine::HeadingStyle(int level) const {
  TextStyle s;
  s.font.bold = true;
  s.colour = kHeadingText;
  s.leading = 1.25;
  if (level <= 1) {
    s.size = 20, s.space_before = 6, s.space_after = 10;
  } else if (level == 2) {
    s.size = 16, s.space_before = 12, s.space_after = 6;
  } else {
    s.size = 13.5, s.space_before = 10, s.space_after = 4;
  }
  return s;
}

// ---------------------------------------------------------------------------- flow

void LayoutEngine::NewPage() {
  PageLayout page;
  page.furniture_slot = page.content.ReserveSlot();
  layout_->pages.push_back(std::move(page));
  y_ = layout_->geometry.body_top;
  page_blank_ = true;
}

double LayoutEngine::Remaining() const { return y_ - layout_->geometry.body_bottom; }

void LayoutEngine::EnsureSpace(double height) {
  if (!page_blank_ && height > Remaining()) NewPage();
}

// ---------------------------------------------------------------------------- text

std::unique_ptr<LayoutEngine::Paragraph> LayoutEngine::Prepare(const std::vector<doc::Span>& spans,
                                                               const TextStyle& style, double width,
                                                               int element) {
  auto paragraph = std::make_unique<Paragraph>();
  paragraph->style = style;
  paragraph->spans = spans;
  paragraph->element = element;
  paragraph->span_elements.assign(spans.size(), -1);
  std::vector<StyledRun> runs;
  runs.reserve(spans.size());
  for (const doc::Span& span : spans) {
    runs.push_back({span.text, FontStyle{span.bold || style.font.bold, span.italic || style.font.italic}});
  }
  if (!ShapeText(runs, fonts_, paragraph->shaped, *diagnostics_, locate_)) ok_ = false;
  paragraph->shaped.right_to_left = paragraph->shaped.has_rtl && ReadsRightToLeft(spans);
  if (ok_) BreakLines(*paragraph, width);
  return paragraph;
}

void LayoutEngine::BreakLines(Paragraph& paragraph, double width) {
  // The measure is kept with the lines: right-to-left lines align to it when drawn.
  paragraph.measure = width - paragraph.style.indent;
  paragraph.lines =
      breaker_.Break(paragraph.shaped, paragraph.style.size, paragraph.measure, fonts_);
}

double LayoutEngine::LineHeight(const Paragraph& paragraph) const {
  return paragraph.style.size * paragraph.style.leading;
}

void LayoutEngine::DrawLine(Paragraph& paragraph, size_t index, double x, double top) {
  const TextLine& line = paragraph.lines[index];
  const TextStyle& style = paragraph.style;
  int page = static_cast<int>(layout_->pages.size() - 1);
  PageLayout& out = layout_->pages.back();
  TagTree& tags = layout_->tags;
  double baseline = top - style.size * ((style.leading - 1) / 2 + 0.9);
  x += style.indent;
  if (line.right_to_left && paragraph.align_to_direction) x += paragraph.measure - line.advance;

  if (paragraph.artifact) out.content.BeginArtifact();
  if (index == 0 && !paragraph.artifact && !paragraph.anchor.empty()) {
    layout_->anchors.push_back({paragraph.anchor, page, top});
  }
  int open_element = -1;
  struct LinkExtent {
    double left, right;
  };
  std::vector<std::pair<size_t, LinkExtent>> link_extents;  // span -> extent on this line
  for (const LineRun& run : line.runs) {
    int element = paragraph.element;
    int& span_element = paragraph.span_elements[run.run];
    if (!paragraph.artifact && span_element == -1) {
      // Decided once per span: links get a Link element; text in another language or
      // right-to-left text a Span with /Lang and the logical text as /ActualText.
      const doc::Span& span = paragraph.spans[run.run];
      bool link = false;
      if (!span.link.empty()) {
        link = IsExternalLink(span.link) ||
               (span.link[0] == '#' &&
                std::binary_search(known_anchors_.begin(), known_anchors_.end(), span.link.substr(1)));
        if (!link) {
          diagnostics_->Warning("pdf.link-target",
                                "link target \"" + span.link + "\" is neither a heading anchor nor a web address; "
                                "the text is shown without a link", SourceLocation{});
        }
      }
      // Right-to-left or shaped text is drawn in an order, or with glyphs, that do not
      // read back as the text: its Span carries the text as /ActualText.
      bool needs_actual_text = false;
      const ShapedText& shaped = paragraph.shaped;
      if (shaped.has_rtl || !shaped.cluster_of.empty()) {
        for (size_t i = 0; i < shaped.run.size(); ++i) {
          if (shaped.run[i] == run.run &&
              (IsRightToLeft(shaped.logical[i]) ||
               (!shaped.cluster_of.empty() && shaped.cluster_of[i] >= 0)))
            needs_actual_text = true;
        }
      }
      span_element = -2;  // the container
      if (link || needs_actual_text || !span.lang.empty()) {
        span_element = tags.Add(paragraph.element, link ? "Link" : "Span");
        tags.Element(span_element).lang = span.lang;
        if (needs_actual_text) tags.Element(span_element).actual_text = span.text;
        if (link) paragraph.link_spans.push_back(run.run);
      }
    }
    bool link = std::find(paragraph.link_spans.begin(), paragraph.link_spans.end(), run.run) !=
                paragraph.link_spans.end();
    if (!paragraph.artifact) {
      if (span_element >= 0) element = span_element;
      if (element != open_element) {
        if (open_element >= 0) out.content.End();
        out.content.BeginTagged(tags.Element(element).type, tags.MarkContent(element, page));
        open_element = element;
      }
    }
    Rgb colour = link && !paragraph.quiet_links ? kLinkText : style.colour;
    if (run.placements.empty()) {
      out.content.Text(fonts_.ResourceName(run.font), style.size, x + run.x, baseline, run.gids,
                       colour);
    } else {
      out.content.PlacedText(fonts_.ResourceName(run.font), style.size, x + run.x, baseline,
                             run.gids, run.placements, run.actual_text, colour);
    }
    out.fonts.insert(run.font);
    if (link && !run.blank) {
      auto it = std::find_if(link_extents.begin(), link_extents.end(),
                             [&](const auto& entry) { return entry.first == static_cast<size_t>(run.run); });
      if (it == link_extents.end()) {
        link_extents.push_back({static_cast<size_t>(run.run), {x + run.x, x + run.x + run.width}});
      } else {
        it->second.left = std::min(it->second.left, x + run.x);
        it->second.right = std::max(it->second.right, x + run.x + run.width);
      }
    }
  }
  if (open_element >= 0) out.content.End();
  if (paragraph.artifact) out.content.End();

  if (!paragraph.artifact && !link_extents.empty() && !paragraph.quiet_links) {
    // Underlines are decoration: an artifact. Each line of a link gets its own
    // annotation, all of them OBJR kids of the one Link element.
    out.content.BeginArtifact();
    for (const auto& [span_index, extent] : link_extents) {
      out.content.Line(extent.left, baseline - 1.5, extent.right, baseline - 1.5, 0.6, kLinkText);
    }
    out.content.End();
  }
  if (!paragraph.artifact) {
    for (const auto& [span_index, extent] : link_extents) {
      LinkArea area;
      area.page = page;
      area.rect = Rect{extent.left, baseline - style.size * 0.25, extent.right - extent.left, style.size * 1.15};
      area.target = paragraph.spans[span_index].link;
      area.contents = paragraph.spans[span_index].text;
      area.element = paragraph.span_elements[span_index];
      tags.AddAnnotation(area.element, static_cast<int>(layout_->links.size()), page);
      layout_->links.push_back(std::move(area));
    }
  }
  page_blank_ = false;
}

std::vector<LayoutEngine::PageExtent> LayoutEngine::PlaceParagraph(Paragraph& paragraph, double x) {
  std::vector<PageExtent> extents;
  double line_height = LineHeight(paragraph);
  size_t count = paragraph.lines.size();
  for (size_t i = 0; i < count; ++i) {
    // Keep at least two lines of a paragraph together at the page foot.
    double needed = (i == 0 && count > 1) ? 2 * line_height : line_height;
    EnsureSpace(needed);
    int page = static_cast<int>(layout_->pages.size()) - 1;
    if (extents.empty() || extents.back().page != page) extents.push_back({page, y_, y_});
    DrawLine(paragraph, i, x, y_);
    y_ -= line_height;
    extents.back().bottom = y_;
  }
  return extents;
}

// ---------------------------------------------------------------------------- blocks

double LayoutEngine::LeadHeight(size_t index, int depth) {
  const auto& blocks = document_->blocks;
  if (index >= blocks.size() || depth > 3) return 0;
  const doc::Block& block = blocks[index];
  double width = layout_->geometry.BodyWidth();
  // Measuring must not report text errors twice: they are reported when drawn.
  DiagnosticList scratch;
  DiagnosticList* saved = diagnostics_;
  diagnostics_ = &scratch;
  bool saved_ok = ok_;
  double height = 0;
  if (const auto* heading = std::get_if<doc::Heading>(&block)) {
    TextStyle style = HeadingStyle(heading->level);
    auto p = Prepare(PlainSpans(heading->text), style, width, -1);
    height = style.space_before + p->lines.size() * LineHeight(*p) + style.space_after + LeadHeight(index + 1, depth + 1);
  } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
    TextStyle style = StyleFor(paragraph->style);
    auto p = Prepare(paragraph->spans, style, width, -1);
    size_t lines = paragraph->keep_with_next ? p->lines.size() : std::min<size_t>(p->lines.size(), 2);
    height = lines * LineHeight(*p) + (paragraph->keep_with_next ? style.space_after + LeadHeight(index + 1, depth + 1) : 0);
  } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
    if (!list->items.empty()) {
      auto p = Prepare(list->items[0].spans, StyleFor(doc::ParagraphStyle::kBody), width - kListIndent, -1);
      height = std::min<size_t>(p->lines.size(), 2) * LineHeight(*p);
    }
  } else if (const auto* table = std::get_if<doc::Table>(&block)) {
    size_t columns = std::max(table->header.size(), table->rows.empty() ? size_t{0} : table->rows[0].size());
    if (columns > 0) {
      std::vector<double> widths = ColumnWidths(*table, columns, width);
      if (!table->caption.empty()) {
        auto p = Prepare(PlainSpans(table->caption, true), StyleFor(doc::ParagraphStyle::kBody), width, -1);
        height += p->lines.size() * LineHeight(*p) + 4;
      }
      if (!table->header.empty()) {
        std::vector<std::vector<doc::Span>> cells;
        for (const auto& h : table->header) cells.push_back(PlainSpans(h, true));
        height += RowHeight(PrepareRow(cells, widths, true, -1, false));
      }
      if (!table->rows.empty()) {
        std::vector<std::vector<doc::Span>> cells;
        for (const auto& cell : table->rows[0]) {
          cells.push_back(cell.paragraphs.empty() ? std::vector<doc::Span>{} : cell.paragraphs[0].spans);
        }
        height += std::min(RowHeight(PrepareRow(cells, widths, false, -1, table->row_headers)), 120.0);
      }
    }
  } else if (const auto* figure = std::get_if<doc::Figure>(&block)) {
    height = figure->width_pt > 0 ? std::min(figure->width_pt, 200.0) : 80;
  } else if (std::holds_alternative<doc::TableOfContents>(block)) {
    height = 80;
  }
  ok_ = saved_ok;
  diagnostics_ = saved;
  return height;
}

void LayoutEngine::PlaceHeading(const doc::Heading& heading, size_t index) {
  // Levels never skip (PDF/UA 7.4.2): an H3 straight after an H1 is drawn as an H2.
  int level = std::min(std::clamp(heading.level, 1, 3), last_heading_level_ + 1);
  last_heading_level_ = level;
  TextStyle style = HeadingStyle(level);
  // A heading stays with what follows it: if the heading and the start of the next
  // block do not fit, the heading moves to the next page.
  double lead = LeadHeight(index + 1, 0);
  auto paragraph = Prepare(PlainSpans(heading.text), style, layout_->geometry.BodyWidth(), -1);
  double own = paragraph->lines.size() * LineHeight(*paragraph);
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
  EnsureSpace(std::min(style.space_before + own + style.space_after + lead, page_space));
  if (!page_blank_) y_ -= style.space_before;
  paragraph->element = layout_->tags.Add(TagTree::kDocument, "H" + std::to_string(level));
  PlacedHeading placed;
  placed.level = level;
  placed.text = heading.text;
  placed.anchor = heading.anchor;
  placed.in_contents = heading.in_contents;
  placed.page = static_cast<int>(layout_->pages.size() - 1);
  placed.top = y_;
  layout_->headings.push_back(placed);
  if (!heading.anchor.empty()) layout_->anchors.push_back({heading.anchor, placed.page, placed.top});
  PlaceParagraph(*paragraph, layout_->geometry.margin_left);
  y_ -= style.space_after;
}

void LayoutEngine::PlaceTextParagraph(const doc::Paragraph& source, size_t index) {
  TextStyle style = StyleFor(source.style);
  auto paragraph = Prepare(source.spans, style, layout_->geometry.BodyWidth(), -1);
  paragraph->anchor = source.anchor;
  if (paragraph->lines.empty()) return;  // nothing to read: no empty P in the tree
  double own = paragraph->lines.size() * LineHeight(*paragraph);
  if (source.keep_with_next) {
    double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
    EnsureSpace(std::min(own + style.space_after + LeadHeight(index + 1, 0), page_space));
  }
  if (!page_blank_) y_ -= style.space_before;
  paragraph->element = layout_->tags.Add(TagTree::kDocument, "P");
  auto extents = PlaceParagraph(*paragraph, layout_->geometry.margin_left);
  if (source.style == doc::ParagraphStyle::kQuote) {
    // A bar beside a quotation, on every page it reaches: decoration only.
    for (const PageExtent& extent : extents) {
      ContentStream& content = layout_->pages[static_cast<size_t>(extent.page)].content;
      content.BeginArtifact();
      double x = layout_->geometry.margin_left + 6;
      content.Line(x, extent.top - 2, x, extent.bottom + 2, 2, kRule);
      content.End();
    }
  }
  y_ -= style.space_after;
}

void LayoutEngine::PlaceList(const doc::ListBlock& list) {
  if (list.items.empty()) return;
  TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
  style.space_after = 4;
  int list_element = layout_->tags.Add(TagTree::kDocument, "L");
  double x = layout_->geometry.margin_left;
  double width = layout_->geometry.BodyWidth();
  for (size_t i = 0; i < list.items.size(); ++i) {
    auto body = Prepare(list.items[i].spans, style, width - kListIndent, -1);
    body->anchor = list.items[i].anchor;
    std::string label = list.numbered ? std::to_string(i + 1) + "." : "\u2022";
    auto label_paragraph = Prepare(PlainSpans(label), style, 1000, -1);
    if (body->lines.empty() || label_paragraph->lines.empty()) continue;
    double line_height = LineHeight(*body);
    EnsureSpace(body->lines.size() > 1 ? 2 * line_height : line_height);
    int item = layout_->tags.Add(list_element, "LI");
    label_paragraph->element = layout_->tags.Add(item, "Lbl");
    // Labels end a little before the item text, so "10." lines up with "9.".
    DrawLine(*label_paragraph, 0, x + kListIndent - 6 - label_paragraph->lines[0].width, y_);
    body->element = layout_->tags.Add(item, "LBody");
    PlaceParagraph(*body, x + kListIndent);
    y_ -= style.space_after;
  }
  y_ -= 6;
}

std::vector<std::unique_ptr<LayoutEngine::CellBox>> LayoutEngine::PrepareRow(
    const std::vector<std::vector<doc::Span>>& cells, const std::vector<double>& widths, bool header,
    int /*row_element*/, bool row_headers) {
  std::vector<std::unique_ptr<CellBox>> row;
  TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
  style.leading = 1.3;
  style.space_after = 0;
  for (size_t c = 0; c < widths.size(); ++c) {
    auto box = std::make_unique<CellBox>();
    if (header) {
      box->tag = "TH";
      box->scope = "Column";
    } else if (row_headers && c == 0) {
      box->tag = "TH";
      box->scope = "Row";
    }
    TextStyle cell_style = style;
    cell_style.font.bold = box->tag == "TH";
    if (c < cells.size() && !cells[c].empty()) {
      auto p = Prepare(cells[c], cell_style, widths[c] - 2 * kCellPadding, -1);
      if (!p->lines.empty()) box->paragraphs.push_back(std::move(p));
    }
    row.push_back(std::move(box));
  }
  return row;
}

double LayoutEngine::RowHeight(const std::vector<std::unique_ptr<CellBox>>& row) const {
  double tallest = 0;
  for (const auto& cell : row) {
    double height = 0;
    for (size_t p = 0; p < cell->paragraphs.size(); ++p) {
      height += cell->paragraphs[p]->lines.size() * LineHeight(*cell->paragraphs[p]) + (p > 0 ? 4 : 0);
    }
    tallest = std::max(tallest, height);
  }
  return tallest + 2 * kCellPadding;
}

void LayoutEngine::DrawRowSlice(std::vector<std::unique_ptr<CellBox>>& row, const std::vector<double>& widths,
                                double limit, bool header_background, bool force_progress) {
  PageLayout& page = layout_->pages.back();
  double top = y_;
  double used = 0;
  // Backgrounds go first so text is painted over them; their height is only known
  // after the text, so reserve a slot.
  size_t background = page.content.ReserveSlot();
  double x = layout_->geometry.margin_left;
  bool progress = false;
  for (size_t c = 0; c < row.size(); ++c) {
    CellBox& cell = *row[c];
    double cursor = top - kCellPadding;
    while (!cell.Done()) {
      Paragraph& paragraph = *cell.paragraphs[cell.paragraph];
      double gap = (cell.paragraph > 0 && cell.line == 0) ? 4 : 0;
      double line_height = LineHeight(paragraph);
      // On a fresh page at least one line is drawn, even if it overflows: the
      // alternative would be a new page forever.
      bool forced = !progress && force_progress;
      if (top - cursor + gap + line_height + kCellPadding > limit && !forced) break;
      cursor -= gap;
      if (paragraph.element < 0) {
        paragraph.element = cell.paragraphs.size() > 1 ? layout_->tags.Add(cell.element, "P") : cell.element;
      }
      DrawLine(paragraph, cell.line, x + kCellPadding, cursor);
      progress = true;
      cursor -= line_height;
      if (++cell.line >= paragraph.lines.size()) {
        cell.line = 0;
        ++cell.paragraph;
      }
    }
    used = std::max(used, top - cursor + kCellPadding);
    x += widths[c];
  }
  if (!progress) used = 0;
  double height = std::max(used, 2 * kCellPadding);
  ContentStream decoration;
  decoration.BeginArtifact();
  double left = layout_->geometry.margin_left;
  double right = left;
  for (double w : widths) right += w;
  if (header_background) decoration.FillRect(left, top - height, right - left, height, kHeaderFill);
  double cx = left;
  for (size_t c = 0; c <= widths.size(); ++c) {
    decoration.Line(cx, top, cx, top - height, 0.5, kRule);
    if (c < widths.size()) cx += widths[c];
  }
  decoration.Line(left, top, right, top, 0.5, kRule);
  decoration.Line(left, top - height, right, top - height, 0.5, kRule);
  decoration.End();
  page.content.Fill(background, decoration.Take());
  page_blank_ = false;
  y_ = top - height;
}

void LayoutEngine::DrawHeaderArtifact(const std::vector<std::unique_ptr<CellBox>>& header,
                                      const std::vector<double>& widths) {
  if (header.empty()) return;
  // A copy of the header row drawn as an artifact: the tagged header row exists once,
  // on the page the table starts.
  std::vector<std::unique_ptr<CellBox>> copy;
  for (const auto& cell : header) {
    auto box = std::make_unique<CellBox>();
    for (const auto& paragraph : cell->paragraphs) {
      auto p = std::make_unique<Paragraph>(*paragraph);
      p->artifact = true;
      box->paragraphs.push_back(std::move(p));
    }
    copy.push_back(std::move(box));
  }
  DrawRowSlice(copy, widths, Remaining(), true, true);
}

void LayoutEngine::PlaceTable(const doc::Table& table) {
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  if (columns == 0) return;
  double width = layout_->geometry.BodyWidth();
  std::vector<double> widths = ColumnWidths(table, columns, width);
  TagTree& tags = layout_->tags;
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;

  // Caption + header + first row stay together.
  std::vector<std::vector<doc::Span>> header_cells;
  for (const auto& h : table.header) header_cells.push_back(PlainSpans(h, true));
  auto header = PrepareRow(header_cells, widths, true, -1, false);
  double header_height = table.header.empty() ? 0 : RowHeight(header);
  std::unique_ptr<Paragraph> caption;
  double caption_height = 0;
  if (!table.caption.empty()) {
    TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
    style.font.bold = true;
    caption = Prepare(PlainSpans(table.caption), style, width, -1);
    caption_height = caption->lines.size() * LineHeight(*caption) + 4;
  }
  std::vector<std::vector<std::unique_ptr<CellBox>>> rows;
  for (const auto& source_row : table.rows) {
    std::vector<std::vector<doc::Span>> dummy;
    auto row = PrepareRow(dummy, widths, false, -1, table.row_headers);
    // Cells keep every paragraph: build them here rather than through PrepareRow's
    // single-paragraph path.
    TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
    style.leading = 1.3;
    style.space_after = 0;
    for (size_t c = 0; c < source_row.size() && c < columns; ++c) {
      TextStyle cell_style = style;
      cell_style.font.bold = row[c]->tag == "TH";
      for (const auto& paragraph : source_row[c].paragraphs) {
        auto p = Prepare(paragraph.spans, cell_style, widths[c] - 2 * kCellPadding, -1);
        p->anchor = paragraph.anchor;
        if (!p->lines.empty()) row[c]->paragraphs.push_back(std::move(p));
      }
    }
    rows.push_back(std::move(row));
  }
  // Widen columns whose longest word does not fit, taking the room from columns with
  // slack, then re-break the cells: "Relationship" should not wrap as "Relations|hip".
  std::vector<double> need(columns, 0.0);
  auto measure = [&](const std::vector<std::unique_ptr<CellBox>>& row) {
    for (size_t c = 0; c < row.size() && c < columns; ++c) {
      for (const auto& p : row[c]->paragraphs) {
        need[c] = std::max(need[c], breaker_.LongestPiece(p->shaped, p->style.size) + 2 * kCellPadding + 1);
      }
    }
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  std::vector<double> fitted = FitColumns(widths, need, width);
  if (fitted != widths) {
    widths = fitted;
    auto rebreak = [&](std::vector<std::unique_ptr<CellBox>>& row) {
      for (size_t c = 0; c < row.size() && c < columns; ++c) {
        for (auto& p : row[c]->paragraphs) BreakLines(*p, widths[c] - 2 * kCellPadding);
      }
    };
    rebreak(header);
    for (auto& row : rows) rebreak(row);
    header_height = table.header.empty() ? 0 : RowHeight(header);
  }
  // A short table (the four facts about an outcome) is kept whole on one page rather than
  // leaving a row at a page foot; a longer one starts where it is, with its caption,
  // header and first row together.
  double whole = caption_height + header_height;
  for (const auto& row : rows) whole += RowHeight(row);
  double first_row = rows.empty() ? 0 : std::min(RowHeight(rows[0]), page_space / 3);
  if (whole <= kKeepTableWhole * page_space) {
    EnsureSpace(whole);
  } else {
    EnsureSpace(std::min(caption_height + header_height + first_row, page_space));
  }

  int table_element = tags.Add(TagTree::kDocument, "Table");
  tags.Element(table_element).summary = table.description;
  if (caption) {
    caption->element = tags.Add(table_element, "Caption");
    PlaceParagraph(*caption, layout_->geometry.margin_left);
    y_ -= 4;
  }
  if (!table.header.empty()) {
    int head = tags.Add(table_element, "THead");
    int tr = tags.Add(head, "TR");
    for (auto& cell : header) {
      cell->element = tags.Add(tr, cell->tag);
      tags.Element(cell->element).scope = cell->scope;
    }
    auto drawn = PrepareRow(header_cells, widths, true, -1, false);
    for (size_t c = 0; c < drawn.size(); ++c) drawn[c]->element = header[c]->element;
    DrawRowSlice(drawn, widths, Remaining(), true, true);
  }
  int body = rows.empty() ? -1 : tags.Add(table_element, "TBody");
  for (auto& row : rows) {
    int tr = tags.Add(body, "TR");
    for (auto& cell : row) {
      cell->element = tags.Add(tr, cell->tag);
      tags.Element(cell->element).scope = cell->scope;
    }
    double full = RowHeight(row);
    bool started = false;
    bool fresh_page = false;  // just started a page for this row: never move again
    auto finished = [&] {
      return std::all_of(row.begin(), row.end(), [](const auto& cell) { return cell->Done(); });
    };
    auto continue_on_new_page = [&] {
      NewPage();
      if (!table.header.empty()) DrawHeaderArtifact(header, widths);  // no empty strip
      fresh_page = true;
    };
    while (!started || !finished()) {
      double capacity = page_space - header_height;
      double min_slice = 12 * 1.3 + 2 * kCellPadding;
      // A row that fits on a page is not split; a taller one is split line by line.
      bool move = !page_blank_ && !fresh_page &&
                  ((!started && full <= capacity && full > Remaining()) || Remaining() < min_slice);
      if (move) {
        continue_on_new_page();
        continue;
      }
      DrawRowSlice(row, widths, Remaining(), false, fresh_page || page_blank_);
      started = true;
      fresh_page = false;
      if (!finished()) continue_on_new_page();
    }
  }
  y_ -= 12;
}

void LayoutEngine::PlaceFigure(const doc::Figure& figure) {
  int image = images_.Load(figure.image_path, *diagnostics_);
  if (image < 0) {
    ok_ = false;
    return;
  }
  double natural_width = images_.PixelWidth(image) * 0.75;  // 96 dpi pixels
  double natural_height = images_.PixelHeight(image) * 0.75;
  double width = figure.width_pt > 0 ? figure.width_pt : natural_width;
  width = std::min(width, layout_->geometry.BodyWidth());
  double height = natural_width > 0 ? width * natural_height / natural_width : 0;
  height = std::min(height, layout_->geometry.body_top - layout_->geometry.body_bottom);
  EnsureSpace(height);
  double x = layout_->geometry.margin_left;
  double y = y_ - height;
  PageLayout& page = layout_->pages.back();
  std::string name = images_.ResourceName(image);
  page.images.emplace_back(name, image);
  if (figure.alt.empty()) {
    page.content.BeginArtifact();  // decorative
  } else {
    int element = layout_->tags.Add(TagTree::kDocument, "Figure");
    layout_->tags.Element(element).alt = figure.alt;
    layout_->tags.Element(element).bbox = std::array<double, 4>{x, y, x + width, y + height};
    page.content.BeginTagged("Figure", layout_->tags.MarkContent(element, static_cast<int>(layout_->pages.size() - 1)));
  }
  page.content.Image(name, x, y, width, height);
  page.content.End();
  page_blank_ = false;
  y_ = y - 10;
}

void LayoutEngine::PlaceContents(const doc::TableOfContents& contents) {
  TextStyle title_style = HeadingStyle(1);
  auto title = Prepare(PlainSpans(contents.title.empty() ? "Contents" : contents.title), title_style,
                       layout_->geometry.BodyWidth(), -1);
  EnsureSpace(LineHeight(*title) * 3);
  if (!page_blank_) y_ -= title_style.space_before;
  title->element = layout_->tags.Add(TagTree::kDocument, "H1");
  last_heading_level_ = 1;
  PlaceParagraph(*title, layout_->geometry.margin_left);
  y_ -= title_style.space_after;

  int toc = -1;  // created with its first entry: no empty TOC element
  constexpr double kNumberColumn = 36;
  for (const auto& block : document_->blocks) {
    const auto* heading = std::get_if<doc::Heading>(&block);
    if (heading == nullptr || !heading->in_contents || heading->anchor.empty()) continue;
    int level = std::clamp(heading->level, 1, 3);
    TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
    style.font.bold = level == 1;
    style.leading = 1.35;
    style.indent = (level - 1) * 18;
    double width = layout_->geometry.BodyWidth() - kNumberColumn - 12;
    doc::Span span;
    span.text = heading->text;
    span.link = "#" + heading->anchor;
    auto entry = Prepare({span}, style, width, -1);
    entry->quiet_links = true;
    entry->align_to_direction = false;  // the dotted leader runs from the text to the number
    if (entry->lines.empty()) continue;
    double line_height = LineHeight(*entry);
    EnsureSpace(entry->lines.size() * line_height);
    if (toc < 0) toc = layout_->tags.Add(TagTree::kDocument, "TOC");
    int item = layout_->tags.Add(toc, "TOCI");
    entry->element = item;
    y_ -= level == 1 ? 4 : 0;
    double top = y_;
    for (size_t i = 0; i < entry->lines.size(); ++i) {
      DrawLine(*entry, i, layout_->geometry.margin_left, y_);
      y_ -= line_height;
    }
    // The page number joins the entry's Link; it is written once pages are known.
    int link = entry->span_elements[0];
    PageLayout& page = layout_->pages.back();
    int page_index = static_cast<int>(layout_->pages.size() - 1);
    double baseline = y_ + line_height - style.size * ((style.leading - 1) / 2 + 0.9);
    double right = layout_->geometry.width - layout_->geometry.margin_right;
    const TextLine& last = entry->lines.back();
    double leader_from = layout_->geometry.margin_left + style.indent + last.width + 6;
    double leader_to = right - kNumberColumn + 6;
    if (leader_to > leader_from) {
      page.content.BeginArtifact();
      page.content.DottedLine(leader_from, baseline + 1, leader_to, 1.2, kRule);
      page.content.End();
    }
    if (link >= 0) {
      page.content.BeginTagged("Link", layout_->tags.MarkContent(link, page_index));
      ContentsNumber number;
      number.page = page_index;
      number.slot = page.content.ReserveSlot();
      number.anchor = heading->anchor;
      number.right = right;
      number.baseline = baseline;
      number.size = style.size;
      layout_->contents_numbers.push_back(number);
      page.content.End();
      // Make the whole entry, number included, one click target on its last line.
      for (auto& area : layout_->links) {
        if (area.element == link && area.page == page_index && std::abs(area.rect.y - (baseline - style.size * 0.25)) < 0.01)
          area.rect.width = right - area.rect.x;
      }
    }
    (void)top;
  }
  y_ -= 12;
}

void LayoutEngine::PlaceBlock(size_t index) {
  const doc::Block& block = document_->blocks[index];
  if (const auto* heading = std::get_if<doc::Heading>(&block)) {
    PlaceHeading(*heading, index);
  } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
    PlaceTextParagraph(*paragraph, index);
  } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
    PlaceList(*list);
  } else if (const auto* table = std::get_if<doc::Table>(&block)) {
    PlaceTable(*table);
  } else if (const auto* figure = std::get_if<doc::Figure>(&block)) {
    PlaceFigure(*figure);
  } else if (const auto* contents = std::get_if<doc::TableOfContents>(&block)) {
    PlaceContents(*contents);
  } else if (std::holds_alternative<doc::PageBreak>(block)) {
    if (!page_blank_) NewPage();
  }
}

bool LayoutEngine::Run(const doc::Document& document, Layout& layout) {
  document_ = &document;
  layout_ = &layout;
  ok_ = true;
  known_anchors_.clear();
  auto add_anchor = [this](const std::string& anchor) {
    if (!anchor.empty()) known_anchors_.push_back(anchor);
  };
  for (const auto& block : document.blocks) {
    if (const auto* heading = std::get_if<doc::Heading>(&block)) {
      add_anchor(heading->anchor);
    } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
      add_anchor(paragraph->anchor);
    } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
      for (const auto& item : list->items) add_anchor(item.anchor);
    } else if (const auto* table = std::get_if<doc::Table>(&block)) {
      for (const auto& row : table->rows) {
        for (const auto& cell : row) {
          for (const auto& paragraph : cell.paragraphs) add_anchor(paragraph.anchor);
        }
      }
    }
  }
  std::sort(known_anchors_.begin(), known_anchors_.end());
  last_heading_level_ = 0;
  NewPage();
  for (size_t i = 0; i < document.blocks.size(); ++i) PlaceBlock(i);
  return ok_;
}

}  // namespace ehcp::pdf
