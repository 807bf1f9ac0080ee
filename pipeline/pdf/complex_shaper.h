#pragma once

// Shaping for scripts whose letters combine and reorder (Devanagari, Bengali, Gurmukhi,
// Gujarati, Tamil, Telugu, Kannada, Malayalam, Oriya, Sinhala; Thai and Lao, whose tone
// marks sit above vowel signs): the font's own rules
// (OpenType GSUB/GPOS) pick and place the glyphs. The PDF writer asks through this
// interface; the implementation (HarfBuzz, harfbuzz_shaper.h) is linked into ehcp-render
// only, because Debian ships HarfBuzz only as a shared library and `ehcp` is fully
// static. Without a shaper such text is an error, and `ehcp render` hands plans that have
// it to ehcp-render.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp::pdf {

struct ShapedGlyph {
  uint16_t gid = 0;
  uint32_t cluster = 0;  // offset (UTF-16 units) of the first character it stands for
  float advance = 0;     // in 1/1000 of the font size
  float x_offset = 0;    // from the pen position, in 1/1000 of the font size
  float y_offset = 0;
};

class ComplexShaper {
 public:
  virtual ~ComplexShaper() = default;
  // Shapes `text` (one script, left to right) with the font in file `font_path`; glyphs
  // in visual order, clusters rising. False when the font cannot be read.
  virtual bool Shape(const std::string& font_path, std::u16string_view text,
                     std::vector<ShapedGlyph>& out) = 0;
};

// The shaper in use, or null; set once at start-up by a program that links one.
ComplexShaper* CurrentComplexShaper();
void SetComplexShaper(ComplexShaper* shaper);

// True for code points of the scripts above (the ones that need a shaper).
bool NeedsComplexShaping(char32_t cp);

}  // namespace ehcp::pdf
