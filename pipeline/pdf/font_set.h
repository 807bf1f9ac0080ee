#pragma once

// The fonts a PDF draws with: Liberation Sans in four styles for Latin, Greek and
// Cyrillic, and DejaVu Sans as the fallback for Arabic, Hebrew and symbols. A font is
// only loaded (and embedded) when some character needs it; glyph ids and advances are
// cached per font so layout never asks FreeType twice for the same character.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace PoDoFo {
class PdfFont;
class PdfMemDocument;
}  // namespace PoDoFo

namespace ehcp::pdf {

struct FontStyle {
  bool bold = false;
  bool italic = false;
};

struct Glyph {
  uint16_t gid = 0;
  float advance = 0;  // in 1/1000 of the font size
};

class FontSet {
 public:
  explicit FontSet(PoDoFo::PdfMemDocument& document);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font to draw `cp` in with `style`, or -1 when no font has a glyph for it.
  int FontFor(char32_t cp, FontStyle style);
  // The glyph of `cp` in font `font` (which FontFor returned for it); records the
  // character as used, so the embedded subset contains it.
  const Glyph& GlyphOf(int font, char32_t cp);
  // True when loaded font `font` has a glyph for `cp`.
  bool Covers(int font, char32_t cp) { return cp <= 0xFFFF && Has(font, cp); }

  // Resource name ("/F1" without the slash) and metrics of a loaded font.
  const std::string& ResourceName(int font) const;
  double Ascent(int font) const;   // per 1000 units of size
  double Descent(int font) const;  // negative, per 1000
  PoDoFo::PdfFont* Font(int font) const;

  // Hands the used characters to PoDoFo's subsetter, embeds the subsets and removes
  // the inexact /CIDSet PoDoFo writes (PDF/UA 7.21.4.2). Call once, before writing.
  void EmbedSubsets();

 private:
  struct Face;
  int Load(int slot);
  bool Has(int slot, char32_t cp);

  PoDoFo::PdfMemDocument& document_;
  std::vector<std::unique_ptr<Face>> faces_;  // indexed by slot; loaded lazily
};

}  // namespace ehcp::pdf
