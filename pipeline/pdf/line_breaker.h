#pragma once

// Breaks shaped text into lines that fit a width: break opportunities from ICU (UAX #14),
// except inside a phone number, a date, a postcode or an e-mail or web address (a family
// reads those in one piece); greedy fitting with measured advances, a character-level
// fallback for words longer than the line, and bidi reordering per line so right-to-left
// runs are drawn in visual order. Spaces at a line end stay in the glyph stream, so
// extracted text keeps word boundaries.

#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pdf/content_stream.h"
#include "pdf/text_shaping.h"

namespace ehcp::pdf {

// A piece of a line in one font from one styled run, in visual order.
struct LineRun {
  int font = -1;
  int run = -1;  // index of the StyledRun it came from
  std::vector<uint16_t> gids;
  std::vector<GlyphPlacement> placements;    // parallel to gids for shaped text, else empty
  std::vector<ActualTextRange> actual_text;  // shaped clusters among the gids, in order
  double x = 0;                              // offset from the line start
  double width = 0;
  bool right_to_left = false;
  bool blank = false;  // only spaces: nothing to underline or link
};

struct TextLine {
  std::vector<LineRun> runs;
  double width = 0;    // without trailing spaces
  double advance = 0;  // with them: where the last run ends
  // The paragraph reads right to left: its lines align right, and their trailing spaces
  // are drawn at the left end.
  bool right_to_left = false;
};

class LineBreaker {
 public:
  LineBreaker();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // Lines of `text` drawn at `size` points, each at most `max_width` wide (except a
  // single glyph wider than the line).
  std::vector<TextLine> Break(const ShapedText& text, double size, double max_width,
                              FontSet& fonts);

  // Width of the widest piece between break opportunities (a long word), in points:
  // the narrowest a column can be without splitting words.
  double LongestPiece(const ShapedText& text, double size);

 private:
  // Line-break opportunities of `text`, ascending, the last its end.
  const std::vector<size_t>& Opportunities(const std::u16string& text);

  std::unique_ptr<icu::BreakIterator> iterator_;
  std::unordered_map<std::u16string, std::vector<size_t>> opportunities_;
  // Break's working space, kept between calls so a paragraph costs no allocation for it.
  std::vector<double> prefix_;
  std::vector<std::pair<size_t, size_t>> ranges_;
  std::vector<LineRun> pieces_;
};

// Width of `text` at `size` on one line, in points.
double MeasureWidth(const ShapedText& text, double size);

}  // namespace ehcp::pdf
