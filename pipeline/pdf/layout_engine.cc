#include "pdf/layout_engine.h"

#include <algorithm>
#include <cmath>

#include "document/text_direction.h"

namespace ehcp::pdf {
namespace {

// Today's colours, used where the template's layout gives none.
constexpr Rgb kText{0.07, 0.07, 0.07};        // near black: contrast 18:1 on white
constexpr Rgb kHeadingText{0.0, 0.16, 0.33};  // dark navy: contrast 14:1
constexpr Rgb kLinkText{0.0, 0.2, 0.6};       // dark blue, underlined: contrast 10:1
constexpr Rgb kRule{0.45, 0.45, 0.45};
constexpr Rgb kHeaderFill{0.9, 0.92, 0.95};
// Today's sizes and spacing, likewise.
constexpr double kMarginLeft = 62, kMarginRight = 62, kMarginTop = 84, kMarginBottom = 72;
constexpr double kHeadingSizes[] = {20, 16, 13.5};
constexpr double kBodyLeading = 1.4;
constexpr double kTableLeading = 1.3;
constexpr double kCellPadding = 5;
constexpr double kListIndent = 26;
// No page is left more empty than this share, except before a page break: a keep that
// would leave more gives way (a heading still keeps two lines of what follows).
constexpr double kMostEmpty = 1.0 / 3;
// Tables no taller than this share of a page are never split: moving one leaves at most
// this much of a page empty.
constexpr double kKeepTableWhole = kMostEmpty;
// Table rows no taller than this share of a page move whole to the next page; taller ones
// split where the page ends, so a long provision row leaves no half-empty page.
constexpr double kKeepRowWhole = 0.2;
// The least of a split row drawn at a page foot: two lines of table text.
double MinRowSlice(double table_size) {
  return 2 * table_size * kTableLeading + 2 * kCellPadding;
}

Rgb ColourOr(const std::optional<doc::Colour>& colour, Rgb fallback) {
  if (!colour) return fallback;
  return Rgb{colour->r / 255.0, colour->g / 255.0, colour->b / 255.0};
}

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
      for (size_t i = 0; i < columns; ++i)
        weights[i] = table.column_widths[i] > 0 ? table.column_widths[i] : 0.0;
    }
  }
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> widths(columns);
  for (size_t i = 0; i < columns; ++i)
    widths[i] = sum > 0 ? total * weights[i] / sum : total / columns;
  return widths;
}

// Column widths that give every column at least its `need` (its longest word) where
// the total allows: columns short of their need are fixed at it, and the rest share
// what is left in proportion to their original widths.
std::vector<double> FitColumns(const std::vector<double>& widths, std::vector<double> need,
                               double total) {
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
      if (need[c] > widths[c] + 0.01 &&
          (worst == n || need[c] - widths[c] > need[worst] - widths[worst]))
        worst = c;
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

// Column widths shared by content: every column gets at least `need` (its longest word),
// at most `widest` (its longest paragraph on one line), and otherwise a share of the
// width in proportion to the text it holds, so a row's cells come out about equally tall
// (a long provision description is not squeezed beside two mostly empty columns).
// Returns empty when the longest words alone do not fit: the caller keeps the
// template's proportions then.
std::vector<double> ContentColumns(std::vector<double> need, std::vector<double> widest,
                                   const std::vector<double>& amount, double total) {
  size_t n = need.size();
  double need_sum = 0, widest_sum = 0, amount_sum = 0;
  for (size_t c = 0; c < n; ++c) {
    widest[c] = std::max(widest[c], need[c]);
    need_sum += need[c];
    widest_sum += widest[c];
    amount_sum += amount[c];
  }
  if (need_sum > total || amount_sum <= 0) return {};
  // A column of short labels ("B1: Hearing") is not squeezed below a fair share of the
  // width by a long neighbour: it keeps its labels on one line up to that share.
  std::vector<double> floor(n);
  double floor_sum = 0;
  for (size_t c = 0; c < n; ++c) {
    floor[c] = std::max(need[c], std::min(widest[c], total / static_cast<double>(n + 2)));
    floor_sum += floor[c];
  }
  if (floor_sum <= total) need = floor;
  std::vector<double> out(n);
  if (widest_sum <= total) {
    // Everything fits on one line per paragraph: spread the spare room evenly by width.
    for (size_t c = 0; c < n; ++c)
      out[c] = widest[c] + (total - widest_sum) * widest[c] / widest_sum;
    return out;
  }
  // Water-filling: columns pinned at their bound keep it; the rest share what is left.
  std::vector<bool> pinned(n, false);
  for (size_t round = 0; round <= n; ++round) {
    double left = total, weight = 0;
    for (size_t c = 0; c < n; ++c) {
      if (pinned[c]) {
        left -= out[c];
      } else {
        weight += amount[c];
      }
    }
    bool changed = false;
    for (size_t c = 0; c < n; ++c) {
      if (pinned[c]) continue;
      double share = weight > 0 ? left * amount[c] / weight : 0;
      if (share < need[c] || share > widest[c]) {
        out[c] = share < need[c] ? need[c] : widest[c];
        pinned[c] = true;
        changed = true;
      } else {
        out[c] = share;
      }
    }
    if (!changed) break;
  }
  double sum = 0;
  for (double w : out) sum += w;
  if (sum < total - 0.01) {
    // Every column pinned at its widest with room to spare: give it to the widest ones.
    for (size_t c = 0; c < n; ++c) out[c] += (total - sum) * widest[c] / widest_sum;
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
  // Per span: the span whose element it is drawn in. A revision's word label is a span of
  // its own (it is not underlined) in the element of the words that follow it.
  std::vector<size_t> owner;
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

struct LayoutEngine::PreparedTable {
  size_t columns = 0;
  std::vector<double> widths;
  std::vector<std::vector<doc::Span>> header_cells;
  std::vector<std::unique_ptr<CellBox>> header;
  double header_height = 0;
  std::unique_ptr<Paragraph> caption;
  double caption_height = 0;
  std::vector<std::vector<std::unique_ptr<CellBox>>> rows;
  double whole = 0;  // caption, header and every row
  double lead = 0;   // what must fit where the table starts
};

LayoutEngine::LayoutEngine(FontSet& fonts, FigureImages& images, DiagnosticList& diagnostics)
    : fonts_(fonts), images_(images), diagnostics_(&diagnostics) {}

LayoutEngine::~LayoutEngine() = default;

TextStyle LayoutEngine::StyleFor(doc::ParagraphStyle style) const {
  if (styles_) {
    switch (style) {
      case doc::ParagraphStyle::kBody: return styles_->body;
      case doc::ParagraphStyle::kTitle: return styles_->title;
      case doc::ParagraphStyle::kSubtitle: return styles_->subtitle;
      case doc::ParagraphStyle::kLead: return styles_->lead;
      case doc::ParagraphStyle::kNote: return styles_->note;
      case doc::ParagraphStyle::kQuote: return styles_->quote;
    }
  }
  TextStyle s;
  const doc::LayoutSpec& spec = document_->layout;
  s.colour = text_colour_;
  s.size = spec.body_size;
  s.leading = spec.line_spacing.value_or(kBodyLeading);
  switch (style) {
    case doc::ParagraphStyle::kBody: break;
    case doc::ParagraphStyle::kTitle:
      s.size = spec.title_size, s.leading = 1.2, s.font.bold = true, s.colour = heading_colour_,
      s.space_after = 14;
      break;
    case doc::ParagraphStyle::kSubtitle: s.size = 15, s.leading = 1.35, s.space_after = 6; break;
    case doc::ParagraphStyle::kLead:
      s.size = 13, s.leading = spec.line_spacing.value_or(kBodyLeading), s.space_after = 10;
      break;
    case doc::ParagraphStyle::kNote: s.colour = Rgb{0.2, 0.2, 0.2}; break;
    case doc::ParagraphStyle::kQuote: s.font.italic = true, s.indent = 18; break;
  }
  return s;
}

TextStyle LayoutEngine::TableTextStyle() const {
  TextStyle s = StyleFor(doc::ParagraphStyle::kBody);
  s.size = document_->layout.table_size;
  s.leading = styles_ ? styles_->cell_leading : kTableLeading;
  s.space_after = 0;
  return s;
}

TextStyle LayoutEngine::HeadingStyle(int level) const {
  if (styles_) return styles_->headings[std::clamp(level, 1, 3) - 1];
  TextStyle s;
  s.font.bold = true;
  s.colour = heading_colour_;
  s.leading = 1.25;
  int index = std::clamp(level, 1, 3) - 1;
  s.size = document_->layout.HeadingSizeOr(level, kHeadingSizes[index]);
  if (level <= 1) {
    s.space_before = 6, s.space_after = 10;
  } else if (level == 2) {
    s.space_before = 12, s.space_after = 6;
  } else {
    s.space_before = 10, s.space_after = 4;
  }
  return s;
}

// ---------------------------------------------------------------------------- flow

void LayoutEngine::NewPage() {
  if (!layout_->pages.empty()) layout_->pages.back().filled_to = y_;
  PageLayout page;
  page.furniture_slot = page.content.ReserveSlot();
  layout_->pages.push_back(std::move(page));
  y_ = layout_->geometry.body_top;
  page_blank_ = true;
  after_break_ = false;
  last_after_ = 0;
}

double LayoutEngine::Remaining() const {
  return y_ - layout_->geometry.body_bottom;
}

void LayoutEngine::EnsureSpace(double height) {
  if (!page_blank_ && height > Remaining()) NewPage();
}

void LayoutEngine::SpaceBefore(double before) {
  if (!WordSpacing()) {
    if (!page_blank_) y_ -= before;
  } else if (!page_blank_) {
    y_ -= std::max(0.0, before - last_after_);
  } else if (after_break_) {
    y_ -= before;
  }
  last_after_ = 0;
}

void LayoutEngine::SpaceAfter(double after) {
  y_ -= after;
  last_after_ = after;
}

void LayoutEngine::EnsureKept(double wanted, double least) {
  if (page_blank_ || wanted <= Remaining()) return;
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
  if (least <= Remaining() && Remaining() > kMostEmpty * page_space) return;
  NewPage();
}

// ---------------------------------------------------------------------------- text

std::unique_ptr<LayoutEngine::Paragraph> LayoutEngine::Prepare(const std::vector<doc::Span>& spans,
                                                               const TextStyle& style, double width,
                                                               int element) {
  auto paragraph = Shape(spans, style, element);
  if (ok_) BreakLines(*paragraph, width);
  return paragraph;
}

std::unique_ptr<LayoutEngine::Paragraph> LayoutEngine::Shape(const std::vector<doc::Span>& spans,
                                                             const TextStyle& style, int element) {
  auto paragraph = std::make_unique<Paragraph>();
  paragraph->style = style;
  paragraph->element = element;
  for (const doc::Span& span : spans) {
    if (span.revision != doc::Revision::kNone && !span.revision_label.empty()) {
      doc::Span label;
      label.text = span.revision_label + ": ";
      label.bold = true;
      label.lang = span.lang;
      paragraph->owner.push_back(paragraph->spans.size() + 1);
      paragraph->spans.push_back(std::move(label));
    }
    paragraph->owner.push_back(paragraph->spans.size());
    paragraph->spans.push_back(span);
  }
  paragraph->span_elements.assign(paragraph->spans.size(), -1);
  std::vector<StyledRun> runs;
  runs.reserve(paragraph->spans.size());
  for (const doc::Span& span : paragraph->spans) {
    runs.push_back(
        {span.text, FontStyle{span.bold || style.font.bold, span.italic || style.font.italic}});
  }
  if (!ShapeText(runs, fonts_, paragraph->shaped, *diagnostics_, locate_)) ok_ = false;
  paragraph->shaped.right_to_left = paragraph->shaped.has_rtl && ReadsRightToLeft(paragraph->spans);
  return paragraph;
}

namespace {

// Whether text shaped and broken for `style` at `width` can be drawn with it unchanged:
// glyphs depend on the font, lines on the size and the measure.
bool SameShape(const TextStyle& shaped, double measure, const TextStyle& style, double width) {
  return shaped.size == style.size && shaped.font.bold == style.font.bold &&
         shaped.font.italic == style.font.italic && shaped.indent == style.indent &&
         measure == width - style.indent;
}

}  // namespace

const LayoutEngine::Paragraph& LayoutEngine::MeasureAhead(size_t index,
                                                          const std::vector<doc::Span>& spans,
                                                          const TextStyle& style, double width) {
  // A heading measures the blocks after it, then each of them measures its own followers
  // when placed: without this the same paragraph was shaped up to four times.
  Measured& measured = measured_[index];
  if (measured.paragraph &&
      SameShape(measured.paragraph->style, measured.paragraph->measure, style, width))
    return *measured.paragraph;
  size_t diagnostics = diagnostics_->Size();
  measured.paragraph = Prepare(spans, style, width, -1);
  measured.reusable = ok_ && diagnostics_->Size() == diagnostics;
  return *measured.paragraph;
}

std::unique_ptr<LayoutEngine::Paragraph> LayoutEngine::PrepareBlock(
    size_t index, const std::vector<doc::Span>& spans, const TextStyle& style, double width) {
  auto found = measured_.find(index);
  if (found != measured_.end()) {
    Measured measured = std::move(found->second);
    measured_.erase(found);
    if (measured.reusable &&
        SameShape(measured.paragraph->style, measured.paragraph->measure, style, width)) {
      measured.paragraph->style = style;  // spacing and colour as placed
      return std::move(measured.paragraph);
    }
  }
  return Prepare(spans, style, width, -1);
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

  if (index == 0 && !paragraph.artifact && !paragraph.anchor.empty()) {
    layout_->anchors.push_back({paragraph.anchor, page, top});
  }
  if (styles_ && styles_->measure_only) {
    page_blank_ = false;
    return;
  }
  if (paragraph.artifact) out.content.BeginArtifact();
  int open_element = -1;
  struct LinkExtent {
    double left, right;
  };
  std::vector<std::pair<size_t, LinkExtent>> link_extents;  // span -> extent on this line
  std::vector<std::pair<size_t, LinkExtent>>
      revision_extents;  // likewise, inserted or deleted words
  for (const LineRun& run : line.runs) {
    int element = paragraph.element;
    const size_t owner = paragraph.owner[run.run];
    int& span_element = paragraph.span_elements[owner];
    if (!paragraph.artifact && span_element == -1) {
      // Decided once per span: links get a Link element; text in another language or
      // right-to-left text a Span with /Lang and the logical text as /ActualText;
      // inserted or deleted words a Span that says so (its label and words as
      // /ActualText) with the decoration as a layout attribute.
      const doc::Span& span = paragraph.spans[owner];
      bool link = false;
      if (!span.link.empty()) {
        link =
            IsExternalLink(span.link) ||
            (span.link[0] == '#' &&
             std::binary_search(known_anchors_.begin(), known_anchors_.end(), span.link.substr(1)));
        if (!link) {
          diagnostics_->Warning("pdf.link-target",
                                "link target \"" + span.link +
                                    "\" is neither a heading anchor nor a web address; "
                                    "the text is shown without a link",
                                SourceLocation{});
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
      const bool revision = span.revision != doc::Revision::kNone;
      span_element = -2;  // the container
      if (link || needs_actual_text || !span.lang.empty() || revision) {
        span_element = tags.Add(paragraph.element, link ? "Link" : "Span");
        TagElement& tag = tags.Element(span_element);
        tag.lang = span.lang;
        if (needs_actual_text) tag.actual_text = span.text;
        if (revision) {
          tag.actual_text =
              span.revision_label.empty() ? span.text : span.revision_label + ": " + span.text;
          tag.text_decoration =
              span.revision == doc::Revision::kInserted ? "Underline" : "LineThrough";
        }
        if (link) paragraph.link_spans.push_back(owner);
      }
    }
    bool link = std::find(paragraph.link_spans.begin(), paragraph.link_spans.end(), run.run) !=
                paragraph.link_spans.end();
    if (!run.blank && paragraph.spans[run.run].revision != doc::Revision::kNone) {
      auto it = std::find_if(
          revision_extents.begin(), revision_extents.end(),
          [&](const auto& entry) { return entry.first == static_cast<size_t>(run.run); });
      if (it == revision_extents.end()) {
        revision_extents.push_back(
            {static_cast<size_t>(run.run), {x + run.x, x + run.x + run.width}});
      } else {
        it->second.left = std::min(it->second.left, x + run.x);
        it->second.right = std::max(it->second.right, x + run.x + run.width);
      }
    }
    if (!paragraph.artifact) {
      if (span_element >= 0) element = span_element;
      if (element != open_element) {
        if (open_element >= 0) out.content.End();
        out.content.BeginTagged(tags.Element(element).type, tags.MarkContent(element, page));
        open_element = element;
      }
    }
    Rgb colour = link && !paragraph.quiet_links ? link_colour_ : style.colour;
    if (run.placements.empty()) {
      out.content.Text(fonts_.ResourceName(run.font), style.size, x + run.x, baseline, run.gids,
                       colour);
    } else {
      out.content.PlacedText(fonts_.ResourceName(run.font), style.size, x + run.x, baseline,
                             run.gids, run.placements, run.actual_text, colour);
    }
    out.fonts.insert(run.font);
    if (link && !run.blank) {
      auto it = std::find_if(link_extents.begin(), link_extents.end(), [&](const auto& entry) {
        return entry.first == static_cast<size_t>(run.run);
      });
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

  if (!revision_extents.empty()) {
    // Underline (inserted) and strike-through (deleted) in the text's colour, so they
    // survive black-and-white printing; decoration, so artifacts (the Span says it).
    out.content.BeginArtifact();
    for (const auto& [span_index, extent] : revision_extents) {
      bool inserted = paragraph.spans[span_index].revision == doc::Revision::kInserted;
      double y = inserted ? baseline - 1.8 : baseline + style.size * 0.3;
      out.content.Line(extent.left, y, extent.right, y, 0.9, style.colour);
    }
    out.content.End();
  }
  if (!paragraph.artifact && !link_extents.empty() && !paragraph.quiet_links) {
    // Underlines are decoration: an artifact. Each line of a link gets its own
    // annotation, all of them OBJR kids of the one Link element.
    out.content.BeginArtifact();
    for (const auto& [span_index, extent] : link_extents) {
      out.content.Line(extent.left, baseline - 1.5, extent.right, baseline - 1.5, 0.6,
                       link_colour_);
    }
    out.content.End();
  }
  if (!paragraph.artifact) {
    for (const auto& [span_index, extent] : link_extents) {
      LinkArea area;
      area.page = page;
      area.rect = Rect{extent.left, baseline - style.size * 0.25, extent.right - extent.left,
                       style.size * 1.15};
      area.target = paragraph.spans[span_index].link;
      area.contents = paragraph.spans[span_index].text;
      area.element = paragraph.span_elements[span_index];
      tags.AddAnnotation(area.element, static_cast<int>(layout_->links.size()), page);
      layout_->links.push_back(std::move(area));
    }
  }
  page_blank_ = false;
}

std::vector<LayoutEngine::PageExtent> LayoutEngine::PlaceParagraph(Paragraph& paragraph, double x,
                                                                   double tail) {
  std::vector<PageExtent> extents;
  double line_height = LineHeight(paragraph);
  size_t count = paragraph.lines.size();
  for (size_t i = 0; i < count; ++i) {
    // At least two lines at the page foot and two at the next page's top (no line
    // alone, "960233." on a last page), so three lines stay together; and the last
    // lines with `tail`.
    size_t group = i == 0 ? (count <= 3 ? count : 2) : (count >= 4 && i + 2 == count ? 2 : 1);
    double needed = static_cast<double>(group) * line_height + (i + group >= count ? tail : 0);
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

double LayoutEngine::LeadHeight(size_t index, int depth, bool least) {
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
    const Paragraph& p = MeasureAhead(index, PlainSpans(heading->text), style, width);
    height = style.space_before + p.lines.size() * LineHeight(p) + style.space_after +
             LeadHeight(index + 1, depth + 1, least);
  } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
    TextStyle style = StyleFor(paragraph->style);
    const Paragraph& p = MeasureAhead(index, paragraph->spans, style, width);
    bool keep = paragraph->keep_with_next ||
                (!least && !WordSpacing() && paragraph->style == doc::ParagraphStyle::kLead);
    // The lines PlaceParagraph keeps together at a page foot: two, or three of three.
    size_t lines = keep || p.lines.size() <= 3 ? p.lines.size() : 2;
    height = lines * LineHeight(p) +
             (keep ? style.space_after + LeadHeight(index + 1, depth + 1, least) : 0);
  } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
    if (!list->items.empty()) {
      const Paragraph& p = MeasureAhead(index, list->items[0].spans,
                                        StyleFor(doc::ParagraphStyle::kBody), width - kListIndent);
      height = std::min<size_t>(p.lines.size(), 2) * LineHeight(p);
    }
  } else if (const auto* table = std::get_if<doc::Table>(&block)) {
    // Measured as it will be placed (and kept for placing, unless measuring found text
    // that cannot be drawn: that is reported when it is drawn).
    if (auto cached = prepared_.find(table); cached != prepared_.end()) {
      height = cached->second->lead;
    } else {
      auto prepared = PrepareTable(*table);
      height = prepared->lead;
      if (scratch.Empty()) prepared_[table] = std::move(prepared);
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
  auto paragraph =
      PrepareBlock(index, PlainSpans(heading.text), style, layout_->geometry.BodyWidth());
  double own =
      style.space_before + paragraph->lines.size() * LineHeight(*paragraph) + style.space_after;
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
  double wanted = std::min(own + lead, page_space);
  // What must stay together is measured only when all of it does not fit.
  if (wanted > Remaining()) {
    EnsureKept(wanted, std::min(own + LeadHeight(index + 1, 0, true), page_space));
  }
  SpaceBefore(style.space_before);
  paragraph->element = layout_->tags.Add(TagTree::kDocument, "H" + std::to_string(level));
  PlacedHeading placed;
  placed.level = level;
  placed.text = heading.text;
  placed.anchor = heading.anchor;
  placed.in_contents = heading.in_contents;
  placed.page = static_cast<int>(layout_->pages.size() - 1);
  placed.top = y_;
  layout_->headings.push_back(placed);
  if (!heading.anchor.empty())
    layout_->anchors.push_back({heading.anchor, placed.page, placed.top});
  PlaceParagraph(*paragraph, layout_->geometry.margin_left);
  SpaceAfter(style.space_after);
}

void LayoutEngine::PlaceTextParagraph(const doc::Paragraph& source, size_t index) {
  TextStyle style = StyleFor(source.style);
  auto paragraph = PrepareBlock(index, source.spans, style, layout_->geometry.BodyWidth());
  paragraph->anchor = source.anchor;
  if (paragraph->lines.empty()) return;  // nothing to read: no empty P in the tree
  double own = paragraph->lines.size() * LineHeight(*paragraph);
  // A section's opening sentence stays with what it introduces, as a label does.
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
  if (source.keep_with_next) {
    EnsureSpace(std::min(own + style.space_after + LeadHeight(index + 1, 0), page_space));
  } else if (source.style == doc::ParagraphStyle::kLead && !WordSpacing()) {
    // Straight after its heading, the heading has already decided for both.
    bool after_heading =
        index > 0 && std::holds_alternative<doc::Heading>(document_->blocks[index - 1]);
    double least = std::min(own, page_space);
    EnsureKept(after_heading
                   ? least
                   : std::min(own + style.space_after + LeadHeight(index + 1, 0), page_space),
               least);
  }
  // A short note under the paragraph ("Evidence: K4, K5") goes with its last lines
  // rather than alone at the top of a page.
  double tail = 0;
  if (index + 1 < document_->blocks.size()) {
    const auto* next = std::get_if<doc::Paragraph>(&document_->blocks[index + 1]);
    if (next != nullptr && next->style == doc::ParagraphStyle::kNote)
      tail = style.space_after + LeadHeight(index + 1, 0);
  }
  SpaceBefore(style.space_before);
  paragraph->element = layout_->tags.Add(TagTree::kDocument, "P");
  auto extents = PlaceParagraph(*paragraph, layout_->geometry.margin_left, tail);
  if (source.style == doc::ParagraphStyle::kQuote) {
    // A bar beside a quotation, on every page it reaches: decoration only.
    for (const PageExtent& extent : extents) {
      ContentStream& content = layout_->pages[static_cast<size_t>(extent.page)].content;
      content.BeginArtifact();
      double x = layout_->geometry.margin_left + 6;
      content.Line(x, extent.top - 2, x, extent.bottom + 2, 2, rule_colour_);
      content.End();
    }
  }
  SpaceAfter(style.space_after);
}

void LayoutEngine::PlaceList(const doc::ListBlock& list, size_t index) {
  if (list.items.empty()) return;
  TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
  style.space_after = styles_ ? styles_->list_space_after : 4;
  int list_element = layout_->tags.Add(TagTree::kDocument, "L");
  double x = layout_->geometry.margin_left;
  double width = layout_->geometry.BodyWidth();
  for (size_t i = 0; i < list.items.size(); ++i) {
    auto body = i == 0 ? PrepareBlock(index, list.items[i].spans, style, width - kListIndent)
                       : Prepare(list.items[i].spans, style, width - kListIndent, -1);
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
    SpaceAfter(style.space_after);
  }
  if (!WordSpacing()) y_ -= 6;
}

std::vector<std::unique_ptr<LayoutEngine::CellBox>> LayoutEngine::PrepareRow(
    const std::vector<std::vector<doc::Span>>& cells, const std::vector<double>& widths,
    bool header, int /*row_element*/, bool row_headers, bool break_lines) {
  std::vector<std::unique_ptr<CellBox>> row;
  TextStyle style = TableTextStyle();
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
      if (break_lines) {
        auto p = Prepare(cells[c], cell_style, widths[c] - 2 * kCellPadding, -1);
        if (!p->lines.empty()) box->paragraphs.push_back(std::move(p));
      } else {
        // Kept when it will have lines: text, shaped without an error.
        auto p = Shape(cells[c], cell_style, -1);
        if (ok_ && !p->shaped.logical.empty()) box->paragraphs.push_back(std::move(p));
      }
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
      height +=
          cell->paragraphs[p]->lines.size() * LineHeight(*cell->paragraphs[p]) + (p > 0 ? 4 : 0);
    }
    tallest = std::max(tallest, height);
  }
  return tallest + 2 * kCellPadding;
}

void LayoutEngine::DrawRowSlice(std::vector<std::unique_ptr<CellBox>>& row,
                                const std::vector<double>& widths, double limit,
                                bool header_background, bool force_progress) {
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
        paragraph.element =
            cell.paragraphs.size() > 1 ? layout_->tags.Add(cell.element, "P") : cell.element;
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
  if (header_background)
    decoration.FillRect(left, top - height, right - left, height, header_fill_);
  double cx = left;
  for (size_t c = 0; c <= widths.size(); ++c) {
    decoration.Line(cx, top, cx, top - height, 0.5, rule_colour_);
    if (c < widths.size()) cx += widths[c];
  }
  decoration.Line(left, top, right, top, 0.5, rule_colour_);
  decoration.Line(left, top - height, right, top - height, 0.5, rule_colour_);
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

std::unique_ptr<LayoutEngine::PreparedTable> LayoutEngine::PrepareTable(const doc::Table& table) {
  auto prepared = std::make_unique<PreparedTable>();
  PreparedTable& t = *prepared;
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  t.columns = columns;
  if (columns == 0) return prepared;
  double width = layout_->geometry.BodyWidth();
  std::vector<double> widths = ColumnWidths(table, columns, width);
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;

  for (const auto& h : table.header) t.header_cells.push_back(PlainSpans(h, true));
  // Cells are shaped here and broken once their columns' widths are known.
  t.header = PrepareRow(t.header_cells, widths, true, -1, false, false);
  if (!table.caption.empty()) {
    TextStyle style = StyleFor(doc::ParagraphStyle::kBody);
    style.font.bold = true;
    t.caption = Prepare(PlainSpans(table.caption), style, width, -1);
    t.caption_height = t.caption->lines.size() * LineHeight(*t.caption) + 4;
  }
  for (const auto& source_row : table.rows) {
    std::vector<std::vector<doc::Span>> dummy;
    auto row = PrepareRow(dummy, widths, false, -1, table.row_headers);
    // Cells keep every paragraph: build them here rather than through PrepareRow's
    // single-paragraph path.
    TextStyle style = TableTextStyle();
    for (size_t c = 0; c < source_row.size() && c < columns; ++c) {
      TextStyle cell_style = style;
      cell_style.font.bold = row[c]->tag == "TH";
      for (const auto& paragraph : source_row[c].paragraphs) {
        auto p = Shape(paragraph.spans, cell_style, -1);
        p->anchor = paragraph.anchor;
        if (ok_ && !p->shaped.logical.empty()) row[c]->paragraphs.push_back(std::move(p));
      }
    }
    t.rows.push_back(std::move(row));
  }
  // Each column gets at least its longest word ("Relationship" does not wrap as
  // "Relations|hip"), and the width is shared by content; then the cells are re-broken.
  std::vector<double> need(columns, 0.0), widest(columns, 0.0), amount(columns, 0.0);
  auto measure = [&](const std::vector<std::unique_ptr<CellBox>>& row) {
    for (size_t c = 0; c < row.size() && c < columns; ++c) {
      for (const auto& p : row[c]->paragraphs) {
        need[c] = std::max(need[c],
                           breaker_.LongestPiece(p->shaped, p->style.size) + 2 * kCellPadding + 1);
        double one_line = MeasureWidth(p->shaped, p->style.size) + p->style.indent;
        widest[c] = std::max(widest[c], one_line + 2 * kCellPadding + 1);
        amount[c] += one_line;
      }
    }
  };
  measure(t.header);
  for (const auto& row : t.rows) measure(row);
  std::vector<double> fitted = ContentColumns(need, widest, amount, width);
  if (fitted.empty()) fitted = FitColumns(widths, need, width);
  if (styles_ && styles_->table_columns) fitted = styles_->table_columns(table, columns, width);
  widths = fitted;
  auto break_row = [&](std::vector<std::unique_ptr<CellBox>>& row) {
    for (size_t c = 0; c < row.size() && c < columns; ++c) {
      for (auto& p : row[c]->paragraphs) BreakLines(*p, widths[c] - 2 * kCellPadding);
    }
  };
  break_row(t.header);
  for (auto& row : t.rows) break_row(row);
  t.widths = widths;
  t.header_height = table.header.empty() ? 0 : RowHeight(t.header);
  t.whole = t.caption_height + t.header_height;
  for (const auto& row : t.rows) t.whole += RowHeight(row);
  // A short table (the four facts about an outcome) is kept whole on one page rather than
  // leaving a row at a page foot; a longer one starts where it is, with its caption,
  // header and the first row (or two lines of it, when it is tall enough to split).
  if (t.whole <= kKeepTableWhole * page_space) {
    t.lead = t.whole;
  } else {
    double first_row = t.rows.empty() ? 0 : RowHeight(t.rows[0]);
    if (first_row > kKeepRowWhole * page_space)
      first_row = MinRowSlice(document_->layout.table_size);
    t.lead = std::min(t.caption_height + t.header_height + first_row, page_space);
  }
  return prepared;
}

void LayoutEngine::PlaceTable(const doc::Table& table) {
  std::unique_ptr<PreparedTable> prepared;
  if (auto cached = prepared_.find(&table); cached != prepared_.end()) {
    prepared = std::move(cached->second);
    prepared_.erase(cached);
  } else {
    prepared = PrepareTable(table);
  }
  if (prepared->columns == 0) return;
  PreparedTable& t = *prepared;
  const std::vector<double>& widths = t.widths;
  auto& header = t.header;
  auto& rows = t.rows;
  double header_height = t.header_height;
  TagTree& tags = layout_->tags;
  double page_space = layout_->geometry.body_top - layout_->geometry.body_bottom;
  EnsureSpace(t.lead);

  int table_element = tags.Add(TagTree::kDocument, "Table");
  tags.Element(table_element).summary = table.description;
  if (t.caption) {
    if (WordSpacing()) SpaceBefore(styles_->caption_space_before);
    t.caption->element = tags.Add(table_element, "Caption");
    PlaceParagraph(*t.caption, layout_->geometry.margin_left);
    y_ -= 4;
  }
  if (!table.header.empty()) {
    int head = tags.Add(table_element, "THead");
    int tr = tags.Add(head, "TR");
    for (auto& cell : header) {
      cell->element = tags.Add(tr, cell->tag);
      tags.Element(cell->element).scope = cell->scope;
    }
    // Drawn from a copy: the prepared header stays undrawn for the artifact copies.
    std::vector<std::unique_ptr<CellBox>> drawn;
    for (const auto& cell : header) {
      auto box = std::make_unique<CellBox>();
      box->tag = cell->tag;
      box->scope = cell->scope;
      box->element = cell->element;
      for (const auto& paragraph : cell->paragraphs)
        box->paragraphs.push_back(std::make_unique<Paragraph>(*paragraph));
      drawn.push_back(std::move(box));
    }
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
      // A short row is not split; a taller one is split line by line where the page
      // ends, once two lines of it fit.
      bool keep_whole = full <= std::min(capacity, kKeepRowWhole * page_space);
      bool move = !page_blank_ && !fresh_page &&
                  ((!started && keep_whole && full > Remaining()) ||
                   Remaining() < std::min(full, MinRowSlice(document_->layout.table_size)));
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
  SpaceAfter(12);
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
    page.content.BeginTagged(
        "Figure", layout_->tags.MarkContent(element, static_cast<int>(layout_->pages.size() - 1)));
  }
  page.content.Image(name, x, y, width, height);
  page.content.End();
  page_blank_ = false;
  y_ = y;
  SpaceAfter(10);
}

void LayoutEngine::PlaceContents(const doc::TableOfContents& contents) {
  TextStyle title_style = styles_ ? styles_->contents_title : HeadingStyle(1);
  auto title = Prepare(PlainSpans(contents.title.empty() ? "Contents" : contents.title),
                       title_style, layout_->geometry.BodyWidth(), -1);
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
    style.leading = styles_ ? styles_->contents_leading : 1.35;
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
      page.content.DottedLine(leader_from, baseline + 1, leader_to, 1.2, rule_colour_);
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
      number.colour = style.colour;
      layout_->contents_numbers.push_back(number);
      page.content.End();
      // Make the whole entry, number included, one click target on its last line.
      for (auto& area : layout_->links) {
        if (area.element == link && area.page == page_index &&
            std::abs(area.rect.y - (baseline - style.size * 0.25)) < 0.01)
          area.rect.width = right - area.rect.x;
      }
    }
    (void)top;
  }
  y_ -= 12;
}

void LayoutEngine::PlaceBlock(size_t index) {
  // What was measured ahead of an earlier block and not placed from it is not needed.
  measured_.erase(measured_.begin(), measured_.lower_bound(index));
  const doc::Block& block = document_->blocks[index];
  if (const auto* heading = std::get_if<doc::Heading>(&block)) {
    PlaceHeading(*heading, index);
  } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
    PlaceTextParagraph(*paragraph, index);
  } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
    PlaceList(*list, index);
  } else if (const auto* table = std::get_if<doc::Table>(&block)) {
    PlaceTable(*table);
  } else if (const auto* figure = std::get_if<doc::Figure>(&block)) {
    PlaceFigure(*figure);
  } else if (const auto* contents = std::get_if<doc::TableOfContents>(&block)) {
    PlaceContents(*contents);
  } else if (std::holds_alternative<doc::PageBreak>(block)) {
    if (!page_blank_) {
      layout_->pages.back().ended_by_break = true;
      NewPage();
      after_break_ = true;
    }
  }
}

bool LayoutEngine::Run(const doc::Document& document, Layout& layout) {
  document_ = &document;
  layout_ = &layout;
  ok_ = true;
  // The page and colours are the template's (doc::LayoutSpec), read once per document.
  // A caller that sets its own text styles (the DOCX's page estimate) sets the page too.
  const doc::LayoutSpec& spec = document.layout;
  PageGeometry& g = layout.geometry;
  if (!styles_) {
    g.width = spec.page_width;
    g.height = spec.page_height;
    g.margin_left = spec.margins ? spec.margins->left : kMarginLeft;
    g.margin_right = spec.margins ? spec.margins->right : kMarginRight;
    g.body_top = g.height - (spec.margins ? spec.margins->top : kMarginTop);
    g.body_bottom = spec.margins ? spec.margins->bottom : kMarginBottom;
  }
  text_colour_ = ColourOr(spec.text_colour, kText);
  heading_colour_ = ColourOr(spec.heading_colour, kHeadingText);
  link_colour_ = ColourOr(spec.link_colour, kLinkText);
  rule_colour_ = ColourOr(spec.rule_colour, kRule);
  header_fill_ = ColourOr(spec.table_header_colour, kHeaderFill);
  known_anchors_.clear();
  prepared_.clear();
  measured_.clear();
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
  layout.pages.back().filled_to = y_;
  return ok_;
}

}  // namespace ehcp::pdf
