#pragma once

// A page's content stream, written operator by operator. Every painting operator goes
// inside a marked-content sequence: tagged content (/P <</MCID n>> BDC) or an artifact,
// which is what PDF/UA 7.1 asks. Parts that are only known after layout (the page
// numbers on the contents page) are reserved as slots and filled in later.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp::pdf {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

// Formats a number the way the content stream wants: fixed point, no exponent, no
// trailing zeros, independent of the C locale.
std::string FormatNumber(double value);
// The same, appended to `out` (no temporary string: content streams format many numbers).
void AppendFormattedNumber(std::string& out, double value);

// Where a glyph goes, in 1/1000 of the font size: moved from the pen by the offsets, and
// the pen then moved by the advance.
struct GlyphPlacement {
  float advance = 0;
  float x_offset = 0;
  float y_offset = 0;
};

// Glyphs [first, first + count) of a run stand for `text` (UTF-8): a shaped cluster whose
// glyphs, reordered or joined, do not read back as its characters. Drawn inside a
// marked-content /Span with /ActualText, which text extraction and copying use.
struct ActualTextRange {
  size_t first = 0;
  size_t count = 0;
  std::string text;
};

class ContentStream {
 public:
  ContentStream() : chunks_(1) {}

  void BeginTagged(std::string_view tag, int mcid);
  void BeginArtifact();  // layout artifacts: rules, backgrounds, repeated header rows
  void BeginPagination(std::string_view subtype);  // "Header", "Footer", "Watermark"
  void End();

  // Draws glyph ids (Identity-H, two bytes each, as a literal string) with the font
  // resource `font`.
  void Text(const std::string& font, double size, double x, double y,
            const std::vector<uint16_t>& gids, const Rgb& colour);
  // Same, each glyph placed by `placements` (parallel to `gids`): shaped text.
  void PlacedText(const std::string& font, double size, double x, double y,
                  const std::vector<uint16_t>& gids, const std::vector<GlyphPlacement>& placements,
                  const std::vector<ActualTextRange>& actual_text, const Rgb& colour);
  // Same, rotated by `degrees` about (x, y): the watermark.
  void RotatedText(const std::string& font, double size, double x, double y, double degrees,
                   const std::vector<uint16_t>& gids, const Rgb& colour);
  void FillRect(double x, double y, double width, double height, const Rgb& colour);
  void Line(double x1, double y1, double x2, double y2, double width, const Rgb& colour);
  void DottedLine(double x1, double y, double x2, double width, const Rgb& colour);
  void Image(const std::string& name, double x, double y, double width, double height);

  // Reserves a place for operators written later; returns its id for Fill().
  size_t ReserveSlot();
  void Fill(size_t slot, std::string operators);

  std::string Take() const;

 private:
  std::string& Out() { return chunks_.back(); }
  // Sets the fill ("rg") or stroke ("RG") colour.
  void AppendColour(std::string& out, const Rgb& colour, bool fill);
  // Opens a text object in `font` at `size`, filled with `colour`.
  void BeginText(std::string& out, const std::string& font, double size, const Rgb& colour);

  std::vector<std::string> chunks_;
  // The last colour operator of each kind, formatted once and copied while it repeats:
  // text and rules set the same few colours thousands of times a plan.
  struct ColourOperator {
    Rgb rgb;
    std::string text;
  };
  ColourOperator fill_, stroke_;
};

}  // namespace ehcp::pdf
