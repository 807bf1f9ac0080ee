#include "pdf/single_line_text.h"

#include <cmath>
#include <limits>

namespace ehcp::pdf {

bool DrawSingleLine(const SingleLine& line, FontSet& fonts, LineBreaker& breaker,
                    ContentStream& out, std::set<int>& fonts_used, DiagnosticList& diagnostics) {
  ShapedText shaped;
  if (!ShapeText({{line.text, line.style}}, fonts, shaped, diagnostics)) return false;
  double size = line.size;
  double width = MeasureWidth(shaped, size);
  if (line.max_width > 0 && width > line.max_width && width > 0) {
    size = size * line.max_width / width;
    width = line.max_width;
  }
  auto lines = breaker.Break(shaped, size, std::numeric_limits<double>::max(), fonts);
  double left = line.x;
  if (line.align == Align::kRight) left = line.x - width;
  if (line.align == Align::kCentre) left = line.x - width / 2;
  double radians = line.rotate_degrees * M_PI / 180.0;
  for (const TextLine& text_line : lines) {
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
  return true;
}

}  // namespace ehcp::pdf
