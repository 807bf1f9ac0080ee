#pragma once

// The fonts a PDF draws with: Liberation Sans in four styles for Latin, Greek and
// Cyrillic, DejaVu Sans as the fallback for Arabic, Hebrew and symbols, then one family
// per script the two lack (Noto Sans for the Indic scripts, Thai, Lao, Ethiopic and the
// Arabic letters of Urdu and Pashto; Droid Sans Fallback for Chinese and Japanese; Nanum
// Gothic for Korean), chosen per character. A font file
// is only opened (and embedded) when some character needs it; glyph ids and advances are
// cached per font so layout never looks the same character up twice. At the end each
// used font is embedded as a subset: a Type0 font (Identity-H) over a CIDFontType2 with
// the subset TrueType file, its widths and a ToUnicode map.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ehcp::pdf {

class PdfObjectWriter;

struct FontStyle {
  bool bold = false;
  bool italic = false;
};

struct Glyph {
  uint16_t gid = 0;
  float advance = 0;  // in 1/1000 of the font size
};

// A character drawn as part of its neighbour's glyph (the alef of a lam-alef ligature):
// nothing is drawn for it and it takes no room.
inline constexpr uint16_t kNoGlyph = 0xFFFF;

class FontSet {
 public:
  FontSet();
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font to draw `cp` in with `style`, or -1 when no font has a glyph for it.
  int FontFor(char32_t cp, FontStyle style);
  // The glyph of `cp` in font `font` (which FontFor returned for it); records the
  // character as used, so the embedded subset contains it.
  const Glyph& GlyphOf(int font, char32_t cp);
  // FontFor, then GlyphOf in that font into `glyph` unless it returned -1: what shaping asks
  // for every character, answered from a table for most.
  int FontAndGlyph(char32_t cp, FontStyle style, Glyph& glyph);
  // True when loaded font `font` has a glyph for `cp`.
  bool Covers(int font, char32_t cp) { return cp <= 0xFFFF && Has(font, cp); }

  // The font file, for a shaper to read. (Fonts for scripts that need shaping, such as
  // Devanagari, are offered by FontFor only when a shaper is installed: complex_shaper.h.)
  const char* FontPath(int font) const;
  // Records glyph `gid` (chosen by a shaper) as drawn, standing for `text` in ToUnicode.
  void UseShapedGlyph(int font, uint16_t gid, std::u32string text);

  // Resource name ("F1" without the slash), PostScript name and metrics of a loaded font.
  const std::string& ResourceName(int font) const;
  const std::string& FontName(int font) const;
  double Ascent(int font) const;   // per 1000 units of size
  double Descent(int font) const;  // negative, per 1000

  // The object number of font `font`'s Type0 dictionary, allocated on first use; the
  // object itself is written by EmbedSubsets.
  int ObjectNumber(int font, PdfObjectWriter& writer);
  // Writes every font that was given an object number, subset to the characters used.
  // Call once, after all text is laid out.
  void EmbedSubsets(PdfObjectWriter& writer);

 private:
  struct Face;
  int Load(int slot);
  int ChooseFont(char32_t cp, FontStyle style);  // FontFor without remembering
  bool Has(int slot, char32_t cp);
  static const Glyph& Lookup(Face& face, char32_t cp);
  void Embed(Face& face, PdfObjectWriter& writer) const;

  std::vector<std::unique_ptr<Face>> faces_;  // indexed by slot; loaded lazily
  std::vector<bool> failed_;                  // slots whose file could not be read
  bool shaping_available_ = false;
  // FontFor's answers (and the glyph, once GlyphOf recorded it as used) for the first code
  // points (Latin to Arabic), per style: asked for every character laid out.
  static constexpr char32_t kRememberedFonts = 0x800;
  static constexpr int8_t kUnknown = -2;  // not asked yet
  struct Remembered {
    int8_t font = kUnknown;
    bool has_glyph = false;
    Glyph glyph;
  };
  using RememberedTable = std::array<std::array<Remembered, kRememberedFonts>, 4>;
  std::unique_ptr<RememberedTable> remembered_;  // 96 KB: not on the stack
};

}  // namespace ehcp::pdf
