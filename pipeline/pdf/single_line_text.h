#pragma once

// One line of text drawn without wrapping: page furniture and contents-page numbers.

#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "pdf/content_stream.h"
#include "pdf/font_set.h"
#include "pdf/line_breaker.h"

namespace ehcp::pdf {

enum class Align { kLeft, kRight, kCentre };

struct SingleLine {
  std::string text;
  double size = 12;
  FontStyle style;
  Rgb colour;
  double x = 0;  // left edge, right edge or centre, by `align`
  double baseline = 0;
  Align align = Align::kLeft;
  double max_width = 0;  // 0 = no limit; longer text is shrunk to fit
  double rotate_degrees = 0;
};

// `SingleLine::text` shaped at its size (shrunk to fit): the same on every page it is
// drawn on, so page furniture shapes it once.
struct ShapedSingleLine {
  std::vector<TextLine> lines;
  double size = 0;
  double width = 0;
};

// Shapes `line`'s text. Returns false with a diagnostic when a character cannot be drawn.
bool ShapeSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                     ShapedSingleLine& shaped, DiagnosticList& diagnostics);

// Appends the operators for `line`, shaped by ShapeSingleLine (no marked-content wrapper:
// the caller adds it), and records the fonts used.
void DrawShapedLine(const SingleLine& line, const ShapedSingleLine& shaped, FontSet& fonts,
                    ContentStream& out, std::set<int>& fonts_used);

// Both of the above.
bool DrawSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                    ContentStream& out, std::set<int>& fonts_used, DiagnosticList& diagnostics);

}  // namespace ehcp::pdf
