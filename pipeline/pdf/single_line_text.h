#pragma once

// One line of text drawn without wrapping: page furniture and contents-page numbers.

#include <set>
#include <string>

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

// Appends the operators for `line` (no marked-content wrapper: the caller adds it) and
// records the fonts used. Returns false with a diagnostic when a character cannot be
// drawn.
bool DrawSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                    ContentStream& out, std::set<int>& fonts_used, DiagnosticList& diagnostics);

}  // namespace ehcp::pdf
