#include "pdf_plan_reader/pdf_plan_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "diagnostics/error_kind.h"
#include "output/input_file.h"

namespace ehcp {
namespace {

// The proportions the layout is read by, in units of the font size or the line height. A
// word space is about a quarter of the font size; the gap between two table columns is the
// cells' padding on both sides, at least twice that.
constexpr double kColumnGap = 0.8;       // x gap (font sizes) that separates two columns
constexpr double kParagraphPitch = 1.5;  // line pitch (line heights) beyond which a paragraph ends
constexpr double kSameX = 3.0;           // points: two lines start in the same column

// Short and common plan words, which a narrow cell often leaves alone on a line (Lexicon).
// Not policy (a council changes nothing here), only a prior for the rare ambiguous break.
constexpr std::string_view kCommonWords =
    "a an the and or of to in on at by for with from as is be will his her their one two three "
    "four five once twice times each every day daily week weekly term month year minutes hours "
    "session sessions regular regularly therapy therapist support adult staff teacher school group";

struct Word {
  std::string text;
  double x0 = 0, x1 = 0, top = 0, height = 0, size = 0;
  double first_glyph = 0;  // the width of its first character
  bool bold = false;
  bool space_after = false;  // poppler saw a space after it on the line
};

// Words on one line that sit together: one cell of a table row, or the whole of a
// paragraph's line.
struct Segment {
  std::vector<Word> words;
  double x0() const { return words.front().x0; }
  double x1() const { return words.back().x1; }
};

struct Line {
  int page = 0;
  bool first_on_page = false;
  double top = 0, height = 0, size = 0;
  bool bold = false;
  std::vector<Segment> segments;
  double x0() const { return segments.front().x0(); }
};

std::string Utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

bool IsBold(const std::string& font) {
  std::string lower;
  for (char c : font) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("bold") != std::string::npos || lower.find("black") != std::string::npos ||
         lower.find("heavy") != std::string::npos;
}

// The words of one page as lines, top to bottom, each split into segments at wide gaps.
std::vector<Line> PageLines(const poppler::page& page, int number) {
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    Word w;
    w.text = Utf8(box.text());
    if (w.text.empty()) continue;
    poppler::rectf r = box.bbox();
    w.x0 = r.x();
    w.x1 = r.x() + r.width();
    w.top = r.y();
    w.height = r.height();
    w.size = box.get_font_size();
    w.bold = IsBold(box.get_font_name());
    w.first_glyph = box.char_bbox(0).width();
    w.space_after = box.has_space_after();
    words.push_back(std::move(w));
  }
  // Words on one baseline belong to one line whatever order the file drew them in (a table
  // is often drawn column by column).
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.top + a.height < b.top + b.height;
  });
  std::vector<std::vector<Word>> rows;
  for (Word& w : words) {
    double bottom = w.top + w.height;
    if (!rows.empty()) {
      const Word& last = rows.back().back();
      if (std::abs(last.top + last.height - bottom) <= 0.3 * std::max(w.height, last.height)) {
        rows.back().push_back(std::move(w));
        continue;
      }
    }
    rows.push_back({std::move(w)});
  }
  std::vector<Line> lines;
  for (auto& row : rows) {
    std::stable_sort(row.begin(), row.end(),
                     [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    Line line;
    line.page = number;
    line.first_on_page = lines.empty();
    line.top = row.front().top;
    line.height = row.front().height;
    line.size = row.front().size;
    line.bold = row.front().bold;
    for (Word& w : row) {
      bool apart = line.segments.empty() ||
                   w.x0 - line.segments.back().x1() > kColumnGap * std::max(w.size, 1.0);
      if (apart) line.segments.emplace_back();
      line.segments.back().words.push_back(std::move(w));
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string SegmentText(const Segment& segment) {
  std::string text;
  for (size_t i = 0; i < segment.words.size(); ++i) {
    const Word& w = segment.words[i];
    // poppler splits a word where its glyphs are drawn apart; only a real gap is a space.
    const Word& before = segment.words[i - (i > 0 ? 1 : 0)];
    if (i > 0 && (before.space_after || w.x0 - before.x1 > 0.1 * w.size)) text += ' ';
    text += w.text;
  }
  return text;
}

bool StartsWithPunctuation(const std::string& text) {
  return !text.empty() && std::string_view(".,;:)!?").find(text[0]) != std::string_view::npos;
}

bool StartsLower(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text[0]));
}

// A word as the lexicon keys it: lower case, without the punctuation around it.
std::string Key(std::string_view word) {
  while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back())))
    word.remove_suffix(1);
  while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.front())))
    word.remove_prefix(1);
  std::string key;
  for (char c : word) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

// The words the document itself shows whole: every word of a line that holds more than one
// (a word broken to fit a cell sits alone on its line), and the short words of any plan.
// A line ending in one word that the next line carries on in lower case is one broken word
// only if its pieces are not such words (Broken below): "languag|e", "therapi|st", but
// "minutes|of".
class Lexicon {
 public:
  explicit Lexicon(const std::vector<Line>& lines) {
    std::string_view common = kCommonWords;
    while (!common.empty()) {
      size_t space = std::min(common.find(' '), common.size());
      known_.insert(std::string(common.substr(0, space)));
      common.remove_prefix(std::min(space + 1, common.size()));
    }
    for (const Line& line : lines)
      for (const Segment& s : line.segments)
        if (s.words.size() > 1)
          for (const Word& w : s.words) known_.insert(Key(w.text));
  }
  bool Knows(std::string_view word) const { return known_.count(Key(word)) > 0; }

  // Whether `head` at the end of one line and `tail` at the start of the next are one word
  // broken to fit: the whole is a word the document shows, or the tail is not, and either
  // the head is not either or the tail is only an ending ("support|ed", "Provisio|n").
  // Two words the document shows, or a known word then a long unknown one
  // ("Educational|psychologist"), are two words.
  bool Broken(std::string_view head, std::string_view tail) const {
    if (Knows(std::string(head) + std::string(tail))) return true;
    if (Knows(tail)) return false;
    return !Knows(head) || Key(tail).size() <= 3;
  }

 private:
  std::set<std::string> known_;
};

// One cell (or paragraph) line after another: a hyphen at the end joins, as does a word
// broken because it did not fit a narrow cell: the line above is that one word, it reaches
// the column's right edge, the next line carries on in lower case or with punctuation, and
// a piece is not a word the document shows whole.
void AppendLine(std::string& text, const Segment& next, const Segment* previous, double right_edge,
                const Lexicon* lexicon) {
  std::string more = SegmentText(next);
  if (text.empty()) {
    text = more;
    return;
  }
  bool joined = text.back() == '-' || StartsWithPunctuation(more);
  if (!joined && previous && previous->words.size() == 1 && StartsLower(more)) {
    const Word& first = next.words.front();
    joined = previous->x1() + first.first_glyph > right_edge &&
             (!lexicon || lexicon->Broken(previous->words.front().text, first.text));
  }
  if (!joined) text += ' ';
  text += more;
}

bool EndsSentence(const std::string& text) {
  return !text.empty() && std::string_view(".:!?;").find(text.back()) != std::string_view::npos;
}

bool SameFont(const Line& a, const Line& b) {
  return std::abs(a.size - b.size) < 0.5 && a.bold == b.bold;
}

// ----- tables -----

struct TablePiece {
  double x0 = 0;
  int page = 0;
  const Segment* segment = nullptr;
};

struct Table {
  std::vector<double> columns;  // the x where each column's text starts, left to right
  std::vector<const Line*> lines;
  const Line* last = nullptr;
};

size_t ColumnOf(const std::vector<double>& columns, double x) {
  size_t best = 0;
  for (size_t c = 0; c < columns.size(); ++c)
    if (std::abs(columns[c] - x) < std::abs(columns[best] - x)) best = c;
  return best;
}

bool KnownColumn(const std::vector<double>& columns, double x) {
  return std::any_of(columns.begin(), columns.end(),
                     [&](double c) { return std::abs(c - x) <= kSameX; });
}

class Layout {
 public:
  explicit Layout(const Lexicon& lexicon) : lexicon_(lexicon) {}

  PlanText Read(const std::vector<Line>& lines) {
    for (size_t i = 0; i < lines.size(); ++i) Take(lines[i], i > 0 ? &lines[i - 1] : nullptr);
    FlushParagraph();
    FlushTable();
    return std::move(text_);
  }

 private:
  // The next line: more of the table, more of the paragraph, or the start of either.
  void Take(const Line& line, const Line* previous) {
    bool near = previous && Near(*previous, line);
    if (table_) {
      bool fits = std::all_of(line.segments.begin(), line.segments.end(), [&](const Segment& s) {
        return KnownColumn(table_->columns, s.x0());
      });
      bool continues = SameFont(*table_->last, line) && (fits || line.segments.size() > 1) &&
                       (near || (line.first_on_page && previous && previous->page != line.page));
      if (continues) return TableLine(line);
      FlushTable();
    }
    if (line.segments.size() > 1) {
      FlushParagraph();
      table_ = Table{};
      return TableLine(line);
    }
    bool continues = paragraph_last_ && SameFont(*paragraph_last_, line) &&
                     std::abs(paragraph_last_->x0() - line.x0()) <= 4 * line.size &&
                     (near || (line.first_on_page && previous && previous->page != line.page &&
                               !EndsSentence(paragraph_)));
    if (!continues) FlushParagraph();
    if (paragraph_.empty()) paragraph_page_ = line.page;
    AppendLine(paragraph_, line.segments.front(), nullptr, 0, nullptr);
    paragraph_last_ = &line;
  }

  static bool Near(const Line& above, const Line& below) {
    return above.page == below.page && below.top - above.top <= kParagraphPitch * above.height;
  }

  void TableLine(const Line& line) {
    Table& t = *table_;
    for (const Segment& s : line.segments)
      if (!KnownColumn(t.columns, s.x0())) {
        t.columns.push_back(s.x0());
        std::sort(t.columns.begin(), t.columns.end());
      }
    t.lines.push_back(&line);
    t.last = &line;
  }

  // The table's lines in rows. Lines of one cell are set at the table's closest pitch; the
  // next row starts a little lower (the cell padding and the border: half a point in
  // LibreOffice's export), so a wider pitch starts a row even when the first column runs
  // over two lines ("Understanding / language"). A table set all at one pitch falls back to
  // a row wherever the first column has text; so does the first line on a new page.
  std::vector<std::vector<TablePiece>> Rows(const Table& t) const {
    constexpr double kRowStep = 0.25;  // points beyond the closest pitch that start a row
    double closest = 1e9, widest = 0;
    for (size_t i = 1; i < t.lines.size(); ++i)
      if (t.lines[i]->page == t.lines[i - 1]->page) {
        double pitch = t.lines[i]->top - t.lines[i - 1]->top;
        closest = std::min(closest, pitch);
        widest = std::max(widest, pitch);
      }
    bool by_pitch = widest > closest + kRowStep;
    std::vector<std::vector<TablePiece>> rows;
    for (size_t i = 0; i < t.lines.size(); ++i) {
      const Line& line = *t.lines[i];
      bool first_column = std::abs(line.x0() - t.columns.front()) <= kSameX;
      bool starts = rows.empty();
      if (!starts && line.page != t.lines[i - 1]->page)
        starts = first_column;
      else if (!starts && by_pitch)
        starts = line.top - t.lines[i - 1]->top > closest + kRowStep;
      else if (!starts)
        starts = first_column;
      if (starts) rows.emplace_back();
      for (const Segment& s : line.segments)
        rows.back().push_back(TablePiece{s.x0(), line.page, &s});
    }
    return rows;
  }

  void FlushTable() {
    if (!table_) return;
    Table& t = *table_;
    ++tables_;
    std::vector<std::vector<TablePiece>> rows = Rows(t);
    // A column's right edge is where its widest line ends: a word broken to fit reaches it.
    std::vector<double> right(t.columns.size(), 0);
    for (const auto& row : rows)
      for (const TablePiece& piece : row) {
        size_t c = ColumnOf(t.columns, piece.x0);
        right[c] = std::max(right[c], piece.segment->x1());
      }
    int row_number = 0;
    for (const auto& row : rows) {
      ++row_number;
      std::vector<std::string> cells(t.columns.size());
      std::vector<const Segment*> last(t.columns.size(), nullptr);
      std::vector<int> page(t.columns.size(), 0);
      for (const TablePiece& piece : row) {
        size_t c = ColumnOf(t.columns, piece.x0);
        AppendLine(cells[c], *piece.segment, last[c], right[c] - 0.5, &lexicon_);
        last[c] = piece.segment;
        if (page[c] == 0) page[c] = piece.page;
      }
      int row_page = row.front().page;
      for (size_t c = 0; c < cells.size(); ++c) {
        TextParagraph p;
        p.text = std::move(cells[c]);
        p.place =
            TextPlace{page[c] ? page[c] : row_page, tables_, row_number, static_cast<int>(c + 1)};
        text_.paragraphs.push_back(std::move(p));
      }
    }
    table_.reset();
  }

  void FlushParagraph() {
    if (!paragraph_.empty()) {
      TextParagraph p;
      p.text = std::move(paragraph_);
      p.place.page = paragraph_page_;
      text_.paragraphs.push_back(std::move(p));
    }
    paragraph_.clear();
    paragraph_last_ = nullptr;
  }

  const Lexicon& lexicon_;
  PlanText text_;
  std::optional<Table> table_;
  int tables_ = 0;
  std::string paragraph_;
  int paragraph_page_ = 0;
  const Line* paragraph_last_ = nullptr;
};

void Silent(const std::string&, void*) {}

}  // namespace

std::optional<PlanText> ParsePdf(std::string_view bytes, const std::string& display_name,
                                 DiagnosticList& diagnostics, const PdfLimits& limits) {
  SourceLocation where{std::make_shared<const std::string>(display_name), 0, 0};
  if (bytes.size() > limits.max_file_bytes) {
    diagnostics.Error("pdf.unreadable",
                      "the file is over the limit of " +
                          std::to_string(limits.max_file_bytes / (1024 * 1024)) +
                          " MB for a PDF plan",
                      where);
    return std::nullopt;
  }
  // Poppler reports damage on stderr by default, sometimes with the document's own words.
  static std::once_flag silenced;
  std::call_once(silenced, [] { poppler::set_debug_error_function(Silent, nullptr); });
  if (bytes.size() < 5 || bytes.substr(0, 5) != "%PDF-") {
    diagnostics.Error("pdf.unreadable", "this is not a PDF file (it does not start with %PDF-)",
                      where);
    return std::nullopt;
  }
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    diagnostics.Error("pdf.unreadable", "the PDF is damaged and cannot be read", where);
    return std::nullopt;
  }
  if (document->is_locked()) {
    diagnostics.Error("pdf.encrypted",
                      "the PDF is password-protected; save an unprotected copy and lint that",
                      where);
    return std::nullopt;
  }
  int pages = document->pages();
  if (pages <= 0) {
    diagnostics.Error("pdf.unreadable", "the PDF has no pages", where);
    return std::nullopt;
  }
  if (pages > limits.max_pages) {
    diagnostics.Error("pdf.unreadable",
                      "the PDF has " + std::to_string(pages) + " pages, over the limit of " +
                          std::to_string(limits.max_pages) + " for a plan",
                      where);
    return std::nullopt;
  }
  std::vector<Line> lines;
  for (int i = 0; i < pages; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (!page) continue;
    for (Line& line : PageLines(*page, i + 1)) lines.push_back(std::move(line));
  }
  if (lines.empty()) {
    diagnostics.Error("pdf.scan",
                      "the PDF has " + std::to_string(pages) + (pages == 1 ? " page" : " pages") +
                          " but no text: it looks like a scan. ehcp reads the text of a PDF, not "
                          "pictures of pages; lint the Word document it came from, or a copy with "
                          "a text layer (OCR)",
                      where);
    return std::nullopt;
  }
  Lexicon lexicon(lines);
  return Layout(lexicon).Read(lines);
}

std::optional<PlanText> ReadPdfFile(const std::string& path, DiagnosticList& diagnostics,
                                    const PdfLimits& limits) {
  SourceLocation where{std::make_shared<const std::string>(path), 0, 0};
  InputFile in = ReadInputFile(path, limits.max_file_bytes);
  if (in.status == InputFileStatus::kTooLarge) {
    diagnostics.Error("pdf.unreadable",
                      "the file is over the limit of " +
                          std::to_string(limits.max_file_bytes / (1024 * 1024)) +
                          " MB for a PDF plan",
                      where);
    return std::nullopt;
  }
  if (!in.Ok()) {
    diagnostics.Error(kReadFailedCode, in.problem, where);
    return std::nullopt;
  }
  return ParsePdf(in.bytes, path, diagnostics, limits);
}

}  // namespace ehcp
