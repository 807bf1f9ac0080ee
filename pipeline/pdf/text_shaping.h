#pragma once

// Turns styled UTF-8 runs into text ready to measure and draw: normalised to NFC,
// control characters made spaces, a font chosen per character (fallback per script
// run), Arabic shaped into its joined presentation forms, and the Indic scripts shaped
// cluster by cluster when a shaper is installed (complex_shaper.h). Characters that no
// font can show, or scripts that need shaping this writer cannot do, are reported as
// errors naming the character.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "pdf/complex_shaper.h"
#include "pdf/font_set.h"

namespace ehcp::pdf {

struct StyledRun {
  std::string_view text;  // UTF-8; the caller keeps it alive while it is shaped
  FontStyle style;
};

struct ShapedText {
  std::u16string logical;    // NFC text, as read (for /ActualText and extraction)
  std::u16string display;    // same length: what is drawn (Arabic in presentation forms)
  std::vector<int> run;      // per UTF-16 unit: the StyledRun it came from
  std::vector<int> font;     // per UTF-16 unit: font slot
  std::vector<Glyph> glyph;  // per UTF-16 unit (kNoGlyph: drawn by a neighbour's ligature)
  // Text a shaper shaped (complex_shaper.h), else both empty: per unit, the index of the
  // cluster starting there in `clusters` (-1 elsewhere). The cluster's first unit carries
  // its whole advance in `glyph`; its other units are kNoGlyph.
  std::vector<int> cluster_of;
  std::vector<std::vector<ShapedGlyph>> clusters;
  bool has_rtl = false;  // contains right-to-left characters: needs bidi reordering
  // The paragraph reads right to left (ReadsRightToLeft in document/text_direction.h),
  // set by the caller, which knows the spans' languages: lines align right and the
  // paragraph's bidi level is right to left.
  bool right_to_left = false;
};

// Where the source (the plan file) first has a character, for errors; may be empty.
using CharacterLocator = std::function<SourceLocation(char32_t)>;

// Returns false when some character cannot be drawn, with one error per run of text and
// reason naming the first such character (and how many others), located by `locate`.
bool ShapeText(const std::vector<StyledRun>& runs, FontSet& fonts, ShapedText& out,
               DiagnosticList& diagnostics, const CharacterLocator& locate = {});

// True for code points of right-to-left scripts (Hebrew, Arabic and their blocks).
bool IsRightToLeft(char32_t cp);

// UTF-16 <-> UTF-8 helpers for the writer's own strings.
std::string ToUtf8(const std::u16string& text);

}  // namespace ehcp::pdf
