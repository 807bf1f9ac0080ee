#include "pdf/single_line_text.h"

#include <cmath>
#include <limits>

namespace ehcp::pdf {

bool ShapeSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                     ShapedSingleLine& shaped, DiagnosticList& diagnostics) {
  ShapedText text;
  if (!ShapeText({{line.text, line.style}}, fonts, text, diagnostics)) return false;
  shaped.size = line.size;
  shaped.width = MeasureWidth(text, shaped.size);
  if (line.max_width > 0 && shaped.width > line.max_width && shaped.width > 0) {
    shaped.size = shaped.size * line.max_width / shaped.width;
    shaped.width = line.max_width;
  }
  shaped.lines = breaker.Break(text, shaped.size, std::numeric_limits<double>::max(), fonts);
  return true;
}

void DrawShapedLine(const SingleLine& line, const ShapedSingleLine& shaped, FontSet& fonts,
                    ContentStream& out, std::set<int>& fonts_used) {
  const double size = shaped.size;
  const double width = shaped.width;
  double left = line.x;
  if (line.align == Align::kRight) left = line.x - width;
  if (line.align == Align::kCentre) left = line.x - width / 2;
  double radians = line.rotate_degrees * M_PI / 180.0;
  for (const TextLine& text_line : shaped.lines) {
    for (const LineRun& run : text_line.runs) {
      fonts_used.insert(run.font);
      if (line.rotate_degrees != 0) {
        // Rotate about the middle of the capitals, not the baseline, so the text is
        // centred on (x, baseline).
        double dx = (left - line.x) + run.x;
        double drop = size * 0.35;
        out.RotatedText(fonts.ResourceName(run.font), size,
                        line.x + dx * std::cos(radians) + drop * std::sin(radians),
                        line.baseline + dx * std::sin(radians) - drop * std::cos(radians),
                        line.rotate_degrees, run.gids, line.colour);
      } else if (run.placements.empty()) {
        out.Text(fonts.ResourceName(run.font), size, left + run.x, line.baseline, run.gids,
                 line.colour);
      } else {
        out.PlacedText(fonts.ResourceName(run.font), size, left + run.x, line.baseline, run.gids,
                       run.placements, run.actual_text, line.colour);
      }
    }
  }
}

bool DrawSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                    ContentStream& out, std::set<int>& fonts_used, DiagnosticList& diagnostics) {
  ShapedSingleLine shaped;
  if (!ShapeSingleLine(line, fonts, breaker, shaped, diagnostics)) return false;
  DrawShapedLine(line, shaped, fonts, out, fonts_used);
  return true;
}

}  // namespace ehcp::pdf
