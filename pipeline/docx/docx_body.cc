#include "docx/docx_body.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "document/field_mark.h"
#include "document/text_direction.h"
#include "docx/docx_images.h"
#include "docx/docx_runs.h"
#include "docx/docx_styles.h"
#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

constexpr std::string_view kDocumentStart =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing")"
    R"( xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")"
    R"( xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>)";

constexpr int64_t kEmuPerPoint = 12700;
constexpr int64_t kEmuPerTwip = 635;
constexpr size_t kMaxBookmarkLength = 40;

std::string_view ParagraphStyleId(doc::ParagraphStyle style) {
  switch (style) {
    case doc::ParagraphStyle::kTitle: return style_id::kTitle;
    case doc::ParagraphStyle::kSubtitle: return style_id::kSubtitle;
    case doc::ParagraphStyle::kLead: return style_id::kLead;
    case doc::ParagraphStyle::kNote: return style_id::kNote;
    case doc::ParagraphStyle::kQuote: return style_id::kQuote;
    case doc::ParagraphStyle::kBody: break;
  }
  return {};  // Normal: no w:pStyle needed
}

bool HasVisibleText(std::string_view text) {
  return !XmlLegalText(text).empty();
}

bool HasVisibleText(const doc::Paragraph& paragraph) {
  return std::any_of(paragraph.spans.begin(), paragraph.spans.end(),
                     [](const doc::Span& span) { return HasVisibleText(span.text); });
}

// Web links a council document may carry; anything else (javascript:, file:) is dropped.
bool IsSafeExternalLink(std::string_view url) {
  for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"}) {
    if (url.size() > scheme.size() &&
        std::equal(scheme.begin(), scheme.end(), url.begin(),
                   [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
      return true;
  }
  return false;
}

// Paragraph properties shared by every kind of paragraph. The order of the children is
// the order the schema demands (pStyle, keepNext, pageBreakBefore, numPr, bidi, spacing).
struct ParagraphProperties {
  std::string_view style;
  bool keep_with_next = false;
  bool page_break_before = false;
  int num_id = 0;
  bool right_to_left = false;
  bool after_table = false;  // the first paragraph after a table: room above it, as in the PDF
};

void AppendParagraphProperties(std::string& out, const ParagraphProperties& p) {
  if (p.style.empty() && !p.keep_with_next && !p.page_break_before && p.num_id == 0 &&
      !p.right_to_left && !p.after_table)
    return;
  out += "<w:pPr>";
  if (!p.style.empty()) {
    out += "<w:pStyle w:val=\"";
    out += p.style;
    out += "\"/>";
  }
  if (p.keep_with_next) out += "<w:keepNext/>";
  if (p.page_break_before) out += "<w:pageBreakBefore/>";
  if (p.num_id > 0)
    out += "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" + std::to_string(p.num_id) +
           "\"/></w:numPr>";
  if (p.right_to_left) out += "<w:bidi/>";
  if (p.after_table) out += "<w:spacing w:before=\"240\"/>";
  out += "</w:pPr>";
}

// Rough Arial advance widths at 12 pt: about 0.5 em a character, 0.56 em in bold.
constexpr double kTwipsPerCharacter = 0.5 * 12 * 20;
constexpr double kBoldTwipsPerCharacter = 0.56 * 12 * 20;

// The width of the longest word of `text`; lines may break at spaces, "/" and "-".
double LongestWordTwips(std::string_view text, double twips_per_character) {
  size_t longest = 0, current = 0;
  for (unsigned char c : text) {
    if (c == ' ' || c == '/' || c == '-' || c == '\n') {
      current = 0;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not bytes
      longest = std::max(longest, ++current);
    }
  }
  return longest * twips_per_character;
}

// Column widths in twips. Each column first gets room for its longest word (header or
// body), so a narrow column does not break "assistant" into "assista/nt" (Word and
// LibreOffice both break inside a word that does not fit); the rest of the text width
// is shared by the table's relative widths. When even the longest words do not fit,
// widths follow them, so every column is squeezed alike.
std::vector<int> ColumnWidths(const doc::Table& table, size_t columns, int text_width) {
  std::vector<double> relative(columns, 1.0);
  bool usable = table.column_widths.size() == columns &&
                std::all_of(table.column_widths.begin(), table.column_widths.end(),
                            [](double w) { return std::isfinite(w) && w > 0; });
  if (usable) relative = table.column_widths;
  std::vector<double> minimum(columns, 0);
  for (size_t c = 0; c < columns && c < table.header.size(); ++c)
    minimum[c] = LongestWordTwips(table.header[c], kBoldTwipsPerCharacter);
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < columns && c < row.size(); ++c) {
      for (const auto& paragraph : row[c].paragraphs) {
        for (const auto& span : paragraph.spans) {
          minimum[c] = std::max(
              minimum[c], LongestWordTwips(span.text, span.bold || (table.row_headers && c == 0)
                                                          ? kBoldTwipsPerCharacter
                                                          : kTwipsPerCharacter));
        }
      }
    }
  }
  double total_minimum = 0, total_relative = 0;
  for (size_t c = 0; c < columns; ++c) {
    minimum[c] += 2 * kCellMarginTwips + 30;
    total_minimum += minimum[c];
    total_relative += relative[c];
  }
  std::vector<double> widths(columns);
  for (size_t c = 0; c < columns; ++c) {
    widths[c] = total_minimum <= text_width
                    ? minimum[c] + (text_width - total_minimum) * relative[c] / total_relative
                    : text_width * minimum[c] / total_minimum;
  }
  std::vector<int> twips(columns);
  int used = 0;
  for (size_t c = 0; c < columns; ++c) {
    twips[c] = c + 1 == columns ? text_width - used : static_cast<int>(std::lround(widths[c]));
    used += twips[c];
  }
  return twips;
}

class BodyWriter {
 public:
  BodyWriter(const doc::Document& document, BodyContext& context, DiagnosticList& diagnostics)
      : document_(document),
        context_(context),
        diagnostics_(diagnostics),
        page_(PageTwipsOf(document.layout)) {}

  std::optional<std::string> Write() {
    NameBookmarks();
    out_.reserve(4096 + document_.blocks.size() * 512);
    out_ += kDocumentStart;
    for (size_t i = 0; i < document_.blocks.size(); ++i) {
      size_t before = out_.size();
      bool ok =
          std::visit([this](const auto& block) { return WriteBlock(block); }, document_.blocks[i]);
      if (!ok) return std::nullopt;
      bool is_table = std::holds_alternative<doc::Table>(document_.blocks[i]);
      if (!is_table && out_.size() != before) previous_was_table_ = false;
    }
    if (pending_page_break_) out_ += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
    AppendSectionProperties();
    out_ += "</w:body></w:document>";
    return std::move(out_);
  }

 private:
  // ---------- Bookmarks ----------

  // Every heading gets a bookmark (so the contents can link to it); headings and
  // paragraphs with an anchor get one named after it, so "#section-f" or "#provision-f1"
  // links land there.
  void NameBookmarks() {
    int index = 0;
    for (const auto& block : document_.blocks) {
      if (const auto* heading = std::get_if<doc::Heading>(&block)) {
        ++index;
        heading_bookmarks_.push_back(RegisterAnchor(
            heading->anchor,
            heading->anchor.empty() ? "heading-" + std::to_string(index) : heading->anchor));
      } else if (const auto* paragraph = std::get_if<doc::Paragraph>(&block)) {
        NameParagraphBookmark(*paragraph);
      } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
        for (const auto& item : list->items) NameParagraphBookmark(item);
      } else if (const auto* table = std::get_if<doc::Table>(&block)) {
        for (const auto& row : table->rows)
          for (const auto& cell : row)
            for (const auto& paragraph : cell.paragraphs) NameParagraphBookmark(paragraph);
      }
    }
  }

  void NameParagraphBookmark(const doc::Paragraph& paragraph) {
    // A paragraph without text is not written, so it cannot hold a bookmark.
    if (paragraph.anchor.empty() || !HasVisibleText(paragraph)) return;
    paragraph_bookmarks_[&paragraph] = RegisterAnchor(paragraph.anchor, paragraph.anchor);
  }

  // Returns a unique bookmark name for `name_source` and maps `anchor` (if any) to it.
  std::string RegisterAnchor(const std::string& anchor, const std::string& name_source) {
    std::string base = BookmarkNameFor(name_source);
    std::string name = base;
    for (int n = 2; used_bookmarks_.count(name) > 0; ++n) {
      std::string suffix = "_" + std::to_string(n);
      name = base.substr(0, kMaxBookmarkLength - suffix.size()) + suffix;
    }
    used_bookmarks_.insert(name);
    if (!anchor.empty() && !anchor_bookmarks_.emplace(anchor, name).second) {
      diagnostics_.Warning("docx.anchor.duplicate",
                           "two places share the anchor '" + anchor + "'; links go to the first",
                           SourceLocation{});
    }
    return name;
  }

  void AppendBookmarkStart(const std::string& name, std::string& id) {
    id = std::to_string(bookmark_id_++);
    out_ += "<w:bookmarkStart w:id=\"" + id + "\" w:name=\"" + name + "\"/>";
  }

  // ---------- Runs and links ----------

  void AppendSpans(const std::vector<doc::Span>& spans, bool bold_all = false) {
    for (const auto& span : spans) {
      AppendSpan(span, bold_all);
      AppendFootnoteReference(span.footnote);
    }
  }

  // One span: its runs, inside a hyperlink when it links somewhere that exists.
  void AppendSpan(const doc::Span& span, bool bold_all) {
    RunFormat format{span.bold || bold_all, span.italic, span.lang, {}};
    format.underline = span.underline;
    format.strike = span.strike;
    if (span.revision != doc::Revision::kNone) {
      // The word label is a bold run of its own, so it is read out and printed with the
      // words but not underlined or struck through.
      if (!span.revision_label.empty()) {
        RunFormat label = format;
        label.bold = true;
        label.underline = label.strike = false;
        AppendRuns(out_, span.revision_label + ": ", label);
      }
      format.underline = span.revision == doc::Revision::kInserted;
      format.strike = span.revision == doc::Revision::kDeleted;
    }
    if (span.link.empty()) {
      AppendRuns(out_, span.text, format);
      return;
    }
    if (span.link.front() == '#') {
      auto found = anchor_bookmarks_.find(span.link.substr(1));
      if (found == anchor_bookmarks_.end()) {
        diagnostics_.Warning(
            "docx.link.unknown-anchor",
            "link to '" + span.link + "' has no heading with that anchor; kept as plain text",
            SourceLocation{});
        AppendRuns(out_, span.text, format);
        return;
      }
      out_ += "<w:hyperlink w:anchor=\"" + found->second + "\" w:history=\"1\">";
    } else if (IsSafeExternalLink(span.link)) {
      auto [it, added] = link_relationships_.emplace(span.link, std::string());
      if (added)
        it->second = context_.relationships->Add(relationship_type::kHyperlink, span.link, true);
      out_ += "<w:hyperlink r:id=\"" + it->second + "\" w:history=\"1\">";
    } else {
      diagnostics_.Warning(
          "docx.link.unsafe",
          "link '" + span.link + "' is not a web, mail or phone link; kept as plain text",
          SourceLocation{});
      AppendRuns(out_, span.text, format);
      return;
    }
    format.character_style = style_id::kHyperlink;
    AppendRuns(out_, span.text, format);
    out_ += "</w:hyperlink>";
  }

  // A footnote reference after a span; the note's text goes to word/footnotes.xml,
  // numbered from 1 in document order (ids -1 and 0 are the separators).
  void AppendFootnoteReference(const std::string& text) {
    if (text.empty() || context_.footnotes == nullptr) return;
    context_.footnotes->push_back(text);
    out_ += "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"" +
            std::to_string(context_.footnotes->size()) + "\"/></w:r>";
  }

  // Takes a page break that a PageBreak block left for the next paragraph.
  bool TakePageBreak() { return std::exchange(pending_page_break_, false); }

  // ---------- Blocks ----------

  bool WriteBlock(const doc::Heading& heading) {
    size_t index = heading_index_++;
    if (!HasVisibleText(heading.text)) {
      diagnostics_.Warning("docx.heading.empty", "a heading without text was left out",
                           SourceLocation{});
      return true;
    }
    ParagraphProperties p;
    p.style = heading_styles_[std::clamp(heading.level, 1, 3) - 1];
    p.page_break_before = TakePageBreak();
    p.right_to_left = ReadsRightToLeft(heading.text);
    out_ += "<w:p>";
    AppendParagraphProperties(out_, p);
    std::string id;
    AppendBookmarkStart(heading_bookmarks_[index], id);
    std::string mark_id;
    if (!heading.mark.Empty()) {
      std::string name = doc::FieldMarkName(heading.mark);
      if (!name.empty() && used_bookmarks_.insert(name).second) AppendBookmarkStart(name, mark_id);
    }
    AppendRuns(out_, heading.text, RunFormat{});
    if (!mark_id.empty()) out_ += "<w:bookmarkEnd w:id=\"" + mark_id + "\"/>";
    out_ += "<w:bookmarkEnd w:id=\"" + id + "\"/></w:p>";
    return true;
  }

  bool WriteBlock(const doc::Paragraph& paragraph) {
    // Spacing comes from styles: a paragraph with no text is never written.
    if (!HasVisibleText(paragraph)) return true;
    ParagraphProperties p;
    p.style = ParagraphStyleId(paragraph.style);
    p.keep_with_next = paragraph.keep_with_next;
    p.page_break_before = TakePageBreak();
    p.right_to_left = ReadsRightToLeft(paragraph.spans);  // the PDF's rule too
    p.after_table = previous_was_table_;
    AppendParagraph(paragraph, p);
    return true;
  }

  void AppendParagraph(const doc::Paragraph& paragraph, const ParagraphProperties& p,
                       bool bold_all = false) {
    out_ += "<w:p>";
    AppendParagraphProperties(out_, p);
    auto bookmark = paragraph_bookmarks_.find(&paragraph);
    std::string id;
    if (bookmark != paragraph_bookmarks_.end()) AppendBookmarkStart(bookmark->second, id);
    // The plan field this paragraph shows, as a bookmark around its text: Word and
    // LibreOffice keep bookmarks through edits and saves, so `ehcp import` finds it again.
    std::string mark_id;
    if (!paragraph.mark.Empty()) {
      std::string name = doc::FieldMarkName(paragraph.mark);
      if (!name.empty() && used_bookmarks_.insert(name).second) AppendBookmarkStart(name, mark_id);
    }
    AppendSpans(paragraph.spans, bold_all);
    if (!mark_id.empty()) out_ += "<w:bookmarkEnd w:id=\"" + mark_id + "\"/>";
    if (!id.empty()) out_ += "<w:bookmarkEnd w:id=\"" + id + "\"/>";
    out_ += "</w:p>";
  }

  bool WriteBlock(const doc::ListBlock& list) {
    bool any = std::any_of(list.items.begin(), list.items.end(),
                           [](const doc::Paragraph& item) { return HasVisibleText(item); });
    if (!any) return true;
    int num_id =
        list.numbered ? context_.numbering->NewNumberedList() : ListNumbering::kBulletNumId;
    for (const auto& item : list.items) {
      if (!HasVisibleText(item)) continue;
      ParagraphProperties p;
      p.style = style_id::kListParagraph;
      p.keep_with_next = item.keep_with_next;
      p.page_break_before = TakePageBreak();
      p.num_id = num_id;
      p.right_to_left = ReadsRightToLeft(item.spans);
      p.after_table = previous_was_table_ && &item == &list.items.front();
      AppendParagraph(item, p);
    }
    return true;
  }

  bool WriteBlock(const doc::Table& table) {
    size_t columns = table.header.size();
    for (const auto& row : table.rows) columns = std::max(columns, row.size());
    if (columns == 0) return true;  // nothing to show
    bool has_caption = HasVisibleText(table.caption);
    if (has_caption) {
      ParagraphProperties p;
      p.style = style_id::kCaption;
      p.page_break_before = TakePageBreak();
      out_ += "<w:p>";
      AppendParagraphProperties(out_, p);
      AppendRuns(out_, table.caption, RunFormat{});
      out_ += "</w:p>";
    } else if (previous_was_table_ || pending_page_break_) {
      // Word merges two tables with nothing between them into one, and a page break
      // needs a paragraph to live in: only here does a paragraph hold no text.
      out_ += pending_page_break_
                  ? "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
                  : "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style_id::kTableSeparator) +
                        "\"/></w:pPr></w:p>";
      pending_page_break_ = false;
    }

    std::vector<int> widths = ColumnWidths(table, columns, page_.TextWidth());
    bool has_header = std::any_of(table.header.begin(), table.header.end(),
                                  [](const std::string& text) { return HasVisibleText(text); });
    if (!has_header && !table.row_headers) {
      diagnostics_.Warning("docx.table.no-headers",
                           "table '" + table.caption +
                               "' has neither column nor row headers; screen readers "
                               "cannot tell what its cells mean",
                           SourceLocation{});
    }
    out_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"";
    out_ += style_id::kPlanTable;
    out_ += "\"/><w:tblW w:w=\"" + std::to_string(page_.TextWidth()) +
            "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>";
    // tblLook switches the style's first-row / first-column formatting on or off.
    int look = 0x0200 | 0x0400 | (has_header ? 0x0020 : 0) | (table.row_headers ? 0x0080 : 0);
    char look_hex[8];
    std::snprintf(look_hex, sizeof look_hex, "%04X", look);
    out_ += "<w:tblLook w:val=\"" + std::string(look_hex) + "\" w:firstRow=\"" +
            (has_header ? "1" : "0") + "\" w:lastRow=\"0\" w:firstColumn=\"" +
            (table.row_headers ? "1" : "0") +
            "\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>";
    // The caption is the table's accessible name and the description its alt text.
    if (has_caption) {
      out_ += "<w:tblCaption w:val=\"";
      AppendXmlAttribute(out_, table.caption);
      out_ += "\"/>";
    }
    if (HasVisibleText(table.description)) {
      out_ += "<w:tblDescription w:val=\"";
      AppendXmlAttribute(out_, table.description);
      out_ += "\"/>";
    }
    out_ += "</w:tblPr><w:tblGrid>";
    for (int width : widths) out_ += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
    out_ += "</w:tblGrid>";

    if (has_header) {
      // tblHeader repeats the row on every page and marks its cells as column headers
      // (LibreOffice exports TH /Scope /Column); cantSplit keeps it on one page.
      out_ += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
      for (size_t c = 0; c < columns; ++c) {
        AppendCellStart(widths[c]);
        out_ += "<w:p><w:pPr><w:pStyle w:val=\"TableHeading\"/></w:pPr>";
        if (c < table.header.size()) AppendRuns(out_, table.header[c], RunFormat{});
        out_ += "</w:p></w:tc>";
      }
      out_ += "</w:tr>";
    }
    // A short table (the four facts under an outcome) stays on one page: every row keeps
    // with the next, as the PDF keeps a table whole when it takes at most a third of a
    // page. A taller one starts where it is: moving it would leave more of a page empty.
    int table_twips = has_header ? kTableLineTwips + kTableParagraphSpacingTwips : 0;
    for (const auto& row : table.rows)
      table_twips += EstimatedRowTwips(row, widths, table.row_headers);
    const bool keep_whole = table_twips <= kKeepRowWholeTwips;
    for (const auto& row : table.rows) {
      const bool keep_with_next = keep_whole && &row != &table.rows.back();
      // A short row moves whole to the next page; a tall one (a long provision) splits
      // where the page ends rather than leaving the foot of the page blank, as the PDF's.
      out_ += EstimatedRowTwips(row, widths, table.row_headers) <= kKeepRowWholeTwips
                  ? "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                  : "<w:tr>";
      for (size_t c = 0; c < columns; ++c) {
        bool row_header = table.row_headers && c == 0;
        std::string_view style = row_header ? style_id::kTableRowHeading : style_id::kTableText;
        AppendCellStart(widths[c]);
        bool wrote = false;
        if (c < row.size()) {
          for (const auto& paragraph : row[c].paragraphs) {
            if (!HasVisibleText(paragraph)) continue;
            ParagraphProperties p;
            p.style = style;
            p.keep_with_next = keep_with_next;
            p.right_to_left = ReadsRightToLeft(paragraph.spans);  // the PDF's rule too
            AppendParagraph(paragraph, p, row_header);
            wrote = true;
          }
        }
        // A cell must end with a paragraph; an empty cell's one paragraph stays empty.
        if (!wrote)
          out_ += "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/>" +
                  (keep_with_next ? "<w:keepNext/>" : "") + "</w:pPr></w:p>";
        out_ += "</w:tc>";
      }
      out_ += "</w:tr>";
    }
    out_ += "</w:tbl>";
    previous_was_table_ = true;
    return true;
  }

  // A row's height by the width estimate below: each paragraph's characters wrapped to
  // its column, Table Text's single lines and spacing, and the cell margins.
  static int EstimatedRowTwips(const std::vector<doc::TableCell>& row,
                               const std::vector<int>& widths, bool row_headers) {
    int tallest = 0;
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      double usable = std::max(widths[c] - 2 * kCellMarginTwips, 1);
      int height = 0;
      for (const auto& paragraph : row[c].paragraphs) {
        if (!HasVisibleText(paragraph)) continue;  // not written
        double text = 0;
        for (const auto& span : paragraph.spans) {
          if (span.revision != doc::Revision::kNone && !span.revision_label.empty())
            text += CodePoints(span.revision_label + ": ") * kBoldTwipsPerCharacter;
          text +=
              CodePoints(span.text) *
              (span.bold || (row_headers && c == 0) ? kBoldTwipsPerCharacter : kTwipsPerCharacter);
        }
        height += static_cast<int>(std::max(1.0, std::ceil(text / usable))) * kTableLineTwips +
                  kTableParagraphSpacingTwips;
      }
      tallest = std::max(tallest, height);
    }
    return tallest + kTableCellMarginsTwips;
  }

  static size_t CodePoints(std::string_view text) {
    return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  // Table Text: one line of 12 pt Arial (1.149 em), 2 pt before and after; the Plan
  // Table's cell margins, 57 twips above and below.
  static constexpr int kTableLineTwips = 276;
  static constexpr int kTableParagraphSpacingTwips = 80;
  static constexpr int kTableCellMarginsTwips = 2 * 57;
  // Rows (and tables) up to a third of the page's text height never split: moving one
  // leaves at most that much of a page empty.
  static constexpr int kKeepRowWholeTwips = (kPageHeightTwips - 2 * kMarginTwips) / 3;

  void AppendCellStart(int width) {
    out_ += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>";
  }

  bool WriteBlock(const doc::Figure& figure) {
    auto [it, added] = image_relationships_.emplace(figure.image_path, ImageUse{});
    if (added) {
      std::optional<ImageFile> image =
          LoadImage(figure.image_path, context_.asset_root, diagnostics_);
      if (!image) return false;
      std::string media =
          "media/image" + std::to_string(image_relationships_.size()) + "." + image->extension;
      it->second.relationship_id = context_.relationships->Add(relationship_type::kImage, media);
      it->second.width_px = image->width_px;
      it->second.height_px = image->height_px;
      it->second.natural_width_emu = image->width_px / image->dpi_x * 914400.0;
      context_.media->AddMedia("word/" + media, std::move(image->bytes));
    }
    const ImageUse& use = it->second;
    // Size: the requested width, else the natural size; never wider than the text.
    double cx = figure.width_pt > 0 ? figure.width_pt * kEmuPerPoint : use.natural_width_emu;
    cx = std::min(cx, static_cast<double>(page_.TextWidth() * kEmuPerTwip));
    double cy = cx * use.height_px / use.width_px;
    std::string extent = "cx=\"" + std::to_string(std::llround(cx)) + "\" cy=\"" +
                         std::to_string(std::llround(cy)) + "\"";
    std::string id = std::to_string(++drawing_id_);

    ParagraphProperties p;
    p.style = style_id::kPicture;
    p.page_break_before = TakePageBreak();
    out_ += "<w:p>";
    AppendParagraphProperties(out_, p);
    // Inline, not anchored: the logo moves with the text and nothing is absolutely placed.
    out_ +=
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent " +
        extent + "/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"" + id +
        "\" name=\"Picture " + id + "\" descr=\"";
    AppendXmlAttribute(out_, figure.alt);
    out_ += "\"";
    if (HasVisibleText(figure.alt)) {
      out_ += "/>";
    } else {
      // No alt text means decorative: Word's extension tells screen readers to skip it.
      out_ +=
          "><a:extLst><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\"><adec:decorative "
          "xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" "
          "val=\"1\"/></a:ext>"
          "</a:extLst></wp:docPr>";
    }
    out_ +=
        "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
        "<a:graphic><a:graphicData "
        "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
        "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"" +
        id + "\" name=\"Picture " + id + "\" descr=\"";
    AppendXmlAttribute(out_, figure.alt);
    out_ += "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" +
            use.relationship_id +
            "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off "
            "x=\"0\" y=\"0\"/><a:ext " +
            extent +
            "/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
    return true;
  }

  bool WriteBlock(const doc::TableOfContents& contents) {
    struct Entry {
      int level;
      const std::string* text;
      const std::string* bookmark;
      size_t heading;  // index among the headings
    };
    std::vector<Entry> entries;
    size_t index = 0;
    for (const auto& block : document_.blocks) {
      const auto* heading = std::get_if<doc::Heading>(&block);
      if (heading == nullptr) continue;
      const std::string& bookmark = heading_bookmarks_[index];
      if (heading->in_contents && HasVisibleText(heading->text))
        entries.push_back({std::clamp(heading->level, 1, 3), &heading->text, &bookmark, index});
      ++index;
    }
    if (entries.empty()) return true;
    if (HasVisibleText(contents.title)) {
      ParagraphProperties p;
      p.style = style_id::kTocHeading;
      p.page_break_before = TakePageBreak();
      out_ += "<w:p>";
      AppendParagraphProperties(out_, p);
      AppendRuns(out_, contents.title, RunFormat{});
      out_ += "</w:p>";
    }
    // A real TOC field whose result is already filled in as Word writes one: each entry
    // a link to its heading, a tab (the TOC styles' right-aligned dotted stop) and a
    // PAGEREF field to the heading's bookmark whose result is the page the layout
    // estimate gives. LibreOffice shows the result as it is; "Update field" in Word
    // recomputes it. Not marked dirty: Word would then ask on opening (see
    // docs/engineering.md).
    for (size_t i = 0; i < entries.size(); ++i) {
      std::string style = TocStyleId(entries[i].level);
      ParagraphProperties p;
      p.style = style;
      p.page_break_before = i == 0 && TakePageBreak();
      out_ += "<w:p>";
      AppendParagraphProperties(out_, p);
      if (i == 0) {
        out_ +=
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
            "xml:space=\"preserve\">"
            " TOC \\o &quot;1-3&quot; \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar "
            "w:fldCharType=\"separate\"/></w:r>";
      }
      out_ += "<w:hyperlink w:anchor=\"" + *entries[i].bookmark + "\" w:history=\"1\">";
      AppendRuns(out_, *entries[i].text, RunFormat{});
      if (context_.contents_numbers != nullptr) {
        ContentsNumberSlot slot;
        slot.heading = entries[i].heading;
        slot.begin = out_.size();
        out_ +=
            "<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
            "xml:space=\"preserve\"> PAGEREF " +
            *entries[i].bookmark +
            " \\h </w:instrText></w:r><w:r><w:fldChar "
            "w:fldCharType=\"separate\"/></w:r><w:r><w:t>";
        slot.number = out_.size();
        out_ += "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        slot.end = out_.size();
        context_.contents_numbers->push_back(slot);
      }
      out_ += "</w:hyperlink>";
      if (i + 1 == entries.size()) out_ += "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
      out_ += "</w:p>";
    }
    return true;
  }

  bool WriteBlock(const doc::PageBreak&) {
    // Carried as pageBreakBefore on the next paragraph: a paragraph holding only a
    // break would be an empty line at the foot of the page before.
    pending_page_break_ = true;
    return true;
  }

  void AppendSectionProperties() {
    out_ += "<w:sectPr>";
    if (!context_.header_relationship_id.empty())
      out_ += "<w:headerReference w:type=\"default\" r:id=\"" + context_.header_relationship_id +
              "\"/>";
    if (!context_.footer_relationship_id.empty())
      out_ += "<w:footerReference w:type=\"default\" r:id=\"" + context_.footer_relationship_id +
              "\"/>";
    out_ += "<w:pgSz w:w=\"" + std::to_string(page_.width) + "\" w:h=\"" +
            std::to_string(page_.height) + "\"/><w:pgMar w:top=\"" + std::to_string(page_.top) +
            "\" w:right=\"" + std::to_string(page_.right) + "\" w:bottom=\"" +
            std::to_string(page_.bottom) + "\" w:left=\"" + std::to_string(page_.left) +
            "\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"708\"/>"
            "<w:docGrid w:linePitch=\"360\"/></w:sectPr>";
  }

  struct ImageUse {
    std::string relationship_id;
    int width_px = 1;
    int height_px = 1;
    double natural_width_emu = 0;
  };

  const doc::Document& document_;
  BodyContext& context_;
  DiagnosticList& diagnostics_;
  const PageTwips page_;  // the template's page
  std::string out_;
  std::vector<std::string> heading_bookmarks_;  // per heading, in document order
  std::map<const doc::Paragraph*, std::string> paragraph_bookmarks_;
  std::set<std::string> used_bookmarks_;
  std::map<std::string, std::string> anchor_bookmarks_;
  std::map<std::string, std::string> link_relationships_;
  std::map<std::string, ImageUse> image_relationships_;
  const std::string heading_styles_[3] = {HeadingStyleId(1), HeadingStyleId(2), HeadingStyleId(3)};
  size_t heading_index_ = 0;
  int bookmark_id_ = 0;
  int drawing_id_ = 0;
  bool pending_page_break_ = false;
  bool previous_was_table_ = false;
};

}  // namespace

std::vector<int> TableColumnTwips(const doc::Table& table, size_t columns, int text_width) {
  return ColumnWidths(table, columns, text_width);
}

std::string FillContentsNumbers(const std::string& xml,
                                const std::vector<ContentsNumberSlot>& slots,
                                const std::optional<std::vector<int>>& pages) {
  std::string out;
  out.reserve(xml.size() + slots.size() * 3);
  size_t copied = 0;
  for (const ContentsNumberSlot& slot : slots) {
    if (pages && slot.heading < pages->size()) {
      out.append(xml, copied, slot.number - copied);
      out += std::to_string((*pages)[slot.heading]);
      copied = slot.number;
    } else {
      out.append(xml, copied, slot.begin - copied);
      copied = slot.end;
    }
  }
  out.append(xml, copied);
  return out;
}

std::string BookmarkNameFor(const std::string& anchor) {
  std::string name;
  for (unsigned char c : anchor) name += std::isalnum(c) ? static_cast<char>(c) : '_';
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name.front()))) name = "h_" + name;
  if (name.size() > kMaxBookmarkLength) name.resize(kMaxBookmarkLength);
  return name;
}

std::optional<std::string> DocumentXml(const doc::Document& document, BodyContext& context,
                                       DiagnosticList& diagnostics) {
  return BodyWriter(document, context, diagnostics).Write();
}

std::string FootnotesXml(const std::vector<std::string>& footnotes) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      R"(<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      // The separators exactly as Word writes them (no paragraph properties, no note mark).
      R"(<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>)"
      R"(<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>)"
      R"(</w:footnote>)";
  for (size_t i = 0; i < footnotes.size(); ++i) {
    xml += "<w:footnote w:id=\"" + std::to_string(i + 1) +
           "\"><w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>";
    xml += R"(<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>)";
    AppendRuns(xml, " " + footnotes[i], RunFormat{});
    xml += "</w:p></w:footnote>";
  }
  xml += "</w:footnotes>";
  return xml;
}

}  // namespace ehcp::docx
