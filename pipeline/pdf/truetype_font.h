#pragma once

// A TrueType font file read directly: the file is mapped into memory once and only the
// tables the PDF writer needs are looked at (cmap formats 4 and 12 for glyph ids, hmtx
// for advances, head/hhea/OS/2/post for the font descriptor). Subset() builds a smaller
// font for embedding that keeps every glyph id (so the PDF can use an Identity
// CIDToGIDMap) but carries outlines only for the glyphs asked for.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp::pdf {

// Font-wide numbers in font units (divide by UnitsPerEm()).
struct TrueTypeMetrics {
  int units_per_em = 1000;
  int ascender = 0;                                // hhea
  int descender = 0;                               // hhea, negative
  int cap_height = 0;                              // OS/2 version 2+, else the ascender
  int x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // head: bounding box of all glyphs
  double italic_angle = 0;                         // post, degrees
  bool fixed_pitch = false;
  int weight_class = 400;  // OS/2
};

class TrueTypeFont {
 public:
  TrueTypeFont() = default;
  ~TrueTypeFont();
  TrueTypeFont(const TrueTypeFont&) = delete;
  TrueTypeFont& operator=(const TrueTypeFont&) = delete;

  // Maps `path` and checks its tables. On failure returns false with `error` set. A
  // font without a Unicode cmap opens but maps no characters.
  bool Open(const std::string& path, std::string& error);

  // The glyph for `cp` from the Unicode cmap, 0 (.notdef) when the font has none.
  uint16_t GlyphId(char32_t cp) const;
  // Advance width of glyph `gid` in font units.
  int AdvanceWidth(uint16_t gid) const;
  int GlyphCount() const { return glyph_count_; }
  const TrueTypeMetrics& Metrics() const { return metrics_; }
  // The file's size and its head.checkSumAdjustment (a checksum of the whole file): what
  // tells a subset made from this file from one made from another version of it.
  size_t FileSize() const { return size_; }
  uint32_t FileChecksum() const;

  // A font file with the same glyph ids whose glyf table holds only the outlines of
  // `gids` (plus .notdef and the components of composite glyphs); glyphs after the
  // highest one kept are dropped. Only the tables a PDF's FontFile2 needs are kept.
  std::string Subset(const std::vector<uint16_t>& gids) const;

 private:
  struct Table {
    uint32_t offset = 0;
    uint32_t length = 0;
    bool present = false;
  };
  Table Find(std::string_view tag) const;
  std::string_view Bytes(const Table& table) const;
  uint32_t GlyphOffset(uint32_t gid) const;  // from loca; GlyphOffset(gid + 1) ends it

  const unsigned char* data_ = nullptr;
  size_t size_ = 0;
  Table head_, hhea_, hmtx_, maxp_, loca_, glyf_;
  const unsigned char* cmap_ = nullptr;  // the chosen Unicode subtable
  size_t cmap_size_ = 0;
  int cmap_format_ = 0;
  int glyph_count_ = 0;
  int long_metrics_ = 0;  // hhea.numberOfHMetrics
  bool long_loca_ = false;
  TrueTypeMetrics metrics_;
};

}  // namespace ehcp::pdf
