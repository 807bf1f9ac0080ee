#pragma once

// Lays a document out on A4 pages: paragraphs (no line alone at a page's foot or top),
// headings and a section's opening sentence kept with two lines of what follows,
// bulleted and numbered lists, tables whose columns share the width by content, whose
// short tables stay whole and tall rows split across pages (still one TR), with the
// header row repeated (as an artifact) on every page they continue on, figures, and the
// contents page. It writes each page's marked content and builds the tag tree as it goes, in
// one pass over the blocks.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/line_breaker.h"
#include "pdf/page_layout.h"

namespace ehcp::pdf {

// How a kind of text looks: size, leading, weight and colour.
struct TextStyle {
  double size = 12;
  double leading = 1.4;  // line height as a multiple of size
  FontStyle font;
  Rgb colour;
  double space_before = 0;
  double space_after = 8;
  double indent = 0;
};

// The sizes, leading and spacing of each kind of text, when they are not the PDF's own:
// the DOCX writer lays the same document out with its Word styles' values (and the
// DOCX's page geometry in Layout::geometry) to find the pages its contents list.
struct TextStyles {
  TextStyle body, title, subtitle, lead, note, quote;
  TextStyle headings[3];      // levels 1..3
  double cell_leading = 1.3;  // table cells' line height, as a multiple of size
  double list_space_after = 4;
  double contents_leading = 1.35;
  TextStyle contents_title;
  // Word's spacing: the gap between two paragraphs is the larger of the first's space
  // after and the second's space before (as LibreOffice sets a DOCX), not their sum; space
  // before is kept at the top of a page that a page break started; a lead paragraph keeps
  // with what follows only as far as its own lines. Off: the PDF's rules.
  bool word_spacing = false;
  // Only where things fall is wanted (headings' pages): lines are measured and placed
  // but not drawn, and the pages' content streams stay empty.
  bool measure_only = false;
  double caption_space_before = 0;
  // A table's column widths (points, summing to `width`) when they are fixed rather than
  // shared by content, as a Word table's grid is.
  std::function<std::vector<double>(const doc::Table& table, size_t columns, double width)>
      table_columns;
};

class LayoutEngine {
 public:
  LayoutEngine(FontSet& fonts, FigureImages& images, DiagnosticList& diagnostics);
  ~LayoutEngine();

  // Lays out every block. Returns false when some text cannot be drawn (the errors are
  // in the diagnostics); the layout is then incomplete and must not be written.
  bool Run(const doc::Document& document, Layout& layout);
  // Gives errors about characters that cannot be drawn a place in the source.
  void SetCharacterLocator(CharacterLocator locate) { locate_ = std::move(locate); }
  // Sets text with `styles` instead of the PDF's styles.
  void SetTextStyles(const TextStyles& styles) { styles_ = std::make_unique<TextStyles>(styles); }

 private:
  struct Paragraph;
  struct CellBox;
  struct PreparedTable;

  // Flow
  void NewPage();
  double Remaining() const;
  void EnsureSpace(double height);
  // Moves down by the space before a paragraph of `before` points, and by the space
  // after one of `after` points.
  void SpaceBefore(double before);
  void SpaceAfter(double after);
  bool WordSpacing() const { return styles_ && styles_->word_spacing; }

  // Text
  std::unique_ptr<Paragraph> Prepare(const std::vector<doc::Span>& spans, const TextStyle& style,
                                     double width, int element);
  // Prepare without breaking into lines (a table cell, broken once its column is known).
  std::unique_ptr<Paragraph> Shape(const std::vector<doc::Span>& spans, const TextStyle& style,
                                   int element);
  // Block `index`'s text measured ahead (LeadHeight): kept, so it is shaped and broken once.
  const Paragraph& MeasureAhead(size_t index, const std::vector<doc::Span>& spans,
                                const TextStyle& style, double width);
  // Block `index`'s text for placing: the paragraph measured ahead when it was shaped and
  // broken the same way without a diagnostic (those are reported when drawn), else Prepare.
  std::unique_ptr<Paragraph> PrepareBlock(size_t index, const std::vector<doc::Span>& spans,
                                          const TextStyle& style, double width);
  // Breaks `paragraph` into lines for a box `width` wide (its indent taken off).
  void BreakLines(Paragraph& paragraph, double width);
  void DrawLine(Paragraph& paragraph, size_t line, double x, double top);
  double LineHeight(const Paragraph& paragraph) const;
  // Where a placed paragraph's lines went: one extent per page it reached.
  struct PageExtent {
    int page = 0;
    double top = 0, bottom = 0;
  };
  // `tail`: the height of what must follow its last line on the same page.
  std::vector<PageExtent> PlaceParagraph(Paragraph& paragraph, double x, double tail = 0);

  // Blocks
  void PlaceBlock(size_t index);
  // `least`: only what must stay together (a section's opening sentence, kept with what
  // it introduces when there is room, is not followed further).
  double LeadHeight(size_t index, int depth, bool least = false);
  // Starts a new page unless `wanted` fits, or `least` fits and moving on would leave
  // more than a third of this page empty.
  void EnsureKept(double wanted, double least);
  void PlaceHeading(const doc::Heading& heading, size_t index);
  void PlaceTextParagraph(const doc::Paragraph& paragraph, size_t index);
  void PlaceList(const doc::ListBlock& list, size_t index);
  void PlaceTable(const doc::Table& table);
  void PlaceFigure(const doc::Figure& figure);
  void PlaceContents(const doc::TableOfContents& contents);

  // Tables
  // Shapes a table's cells and shares its width among the columns by content.
  std::unique_ptr<PreparedTable> PrepareTable(const doc::Table& table);
  std::vector<std::unique_ptr<CellBox>> PrepareRow(const std::vector<std::vector<doc::Span>>& cells,
                                                   const std::vector<double>& widths, bool header,
                                                   int row_element, bool row_headers,
                                                   bool break_lines = true);
  double RowHeight(const std::vector<std::unique_ptr<CellBox>>& row) const;
  // Draws as much of `row` as fits in `limit` points; cells keep their place for the
  // next slice. `force_progress` draws at least one line even if it does not fit.
  void DrawRowSlice(std::vector<std::unique_ptr<CellBox>>& row, const std::vector<double>& widths,
                    double limit, bool header_background, bool force_progress);
  void DrawHeaderArtifact(const std::vector<std::unique_ptr<CellBox>>& header,
                          const std::vector<double>& widths);

  TextStyle StyleFor(doc::ParagraphStyle style) const;
  TextStyle HeadingStyle(int level) const;
  // Table cells: body text at the template's table size, tighter lines, no space after.
  TextStyle TableTextStyle() const;

  FontSet& fonts_;
  FigureImages& images_;
  CharacterLocator locate_;
  std::unique_ptr<TextStyles> styles_;  // null: the PDF's styles
  DiagnosticList* diagnostics_;         // switched to a scratch list while only measuring
  LineBreaker breaker_;
  const doc::Document* document_ = nullptr;
  Layout* layout_ = nullptr;
  // The document's colours (its template's layout, else today's), set by Run.
  Rgb text_colour_, heading_colour_, link_colour_, rule_colour_, header_fill_;
  double y_ = 0;              // top of the free space on the current page
  bool page_blank_ = true;    // nothing placed on the current page yet
  bool after_break_ = false;  // the current page was started by a page break
  double last_after_ = 0;     // the space after the last thing placed
  bool ok_ = true;
  int last_heading_level_ = 0;
  std::vector<std::string> known_anchors_;  // sorted
  // Tables measured ahead (to keep a heading with them), kept until placed.
  std::map<const doc::Table*, std::unique_ptr<PreparedTable>> prepared_;
  // Text blocks measured ahead, by block index, kept until placed (see MeasureAhead).
  struct Measured {
    std::unique_ptr<Paragraph> paragraph;
    bool reusable = false;  // measured without a diagnostic
  };
  std::map<size_t, Measured> measured_;
};

}  // namespace ehcp::pdf
