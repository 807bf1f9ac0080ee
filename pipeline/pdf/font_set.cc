#include "pdf/font_set.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

#include "pdf/complex_shaper.h"
#include "pdf/font_subset_cache.h"
#include "pdf/truetype_font.h"
#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::AppendInt;

namespace {

struct FontFile {
  const char* name;  // PostScript name, the embedded font's /BaseFont after the subset tag
  const char* path;
  bool bold;
  bool italic;
};

// Slots 0-3: Liberation Sans by style (bold*1 + italic*2); 4-7: DejaVu Sans likewise.
// From 8, one family per script the first two lack, regular then bold (none has
// italics; a missing bold face has no path and the regular one is drawn). The scripts of
// India, Sri Lanka, Thailand and Laos need a shaper (complex_shaper.h); the others are
// drawn glyph by glyph. Noto Sans Arabic is a fallback for the Arabic-script letters
// DejaVu Sans lacks (Urdu's heh goal, Pashto's ye with tail). For Chinese and Japanese,
// Droid Sans Fallback, and for Korean, Nanum Gothic: both have TrueType outlines, which
// the subsetter cuts, so a name adds only its own glyphs (Noto Sans CJK is CFF).
constexpr int kFirstFallbackSlot = 8;
constexpr int kFirstUnshapedFallbackSlot = 32;  // after Lao
constexpr std::array<FontFile, 42> kFontFiles = {{
    {"LiberationSans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", false,
     false},
    {"LiberationSans-Bold", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf", true,
     false},
    {"LiberationSans-Italic", "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
     false, true},
    {"LiberationSans-BoldItalic",
     "/usr/share/fonts/truetype/liberation2/LiberationSans-BoldItalic.ttf", true, true},
    {"DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", false, false},
    {"DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", true, false},
    {"DejaVuSans-Oblique", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", false, true},
    {"DejaVuSans-BoldOblique", "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf", true,
     true},
    {"NotoSansDevanagari-Regular", "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
     false, false},
    {"NotoSansDevanagari-Bold", "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf", true,
     false},
    {"NotoSansBengali-Regular", "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", false,
     false},
    {"NotoSansBengali-Bold", "/usr/share/fonts/truetype/noto/NotoSansBengali-Bold.ttf", true,
     false},
    {"NotoSansGurmukhi-Regular", "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf",
     false, false},
    {"NotoSansGurmukhi-Bold", "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Bold.ttf", true,
     false},
    {"NotoSansGujarati-Regular", "/usr/share/fonts/truetype/noto/NotoSansGujarati-Regular.ttf",
     false, false},
    {"NotoSansGujarati-Bold", "/usr/share/fonts/truetype/noto/NotoSansGujarati-Bold.ttf", true,
     false},
    {"NotoSansTamil-Regular", "/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf", false,
     false},
    {"NotoSansTamil-Bold", "/usr/share/fonts/truetype/noto/NotoSansTamil-Bold.ttf", true, false},
    {"NotoSansTelugu-Regular", "/usr/share/fonts/truetype/noto/NotoSansTelugu-Regular.ttf", false,
     false},
    {"NotoSansTelugu-Bold", "/usr/share/fonts/truetype/noto/NotoSansTelugu-Bold.ttf", true, false},
    {"NotoSansKannada-Regular", "/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf", false,
     false},
    {"NotoSansKannada-Bold", "/usr/share/fonts/truetype/noto/NotoSansKannada-Bold.ttf", true,
     false},
    {"NotoSansMalayalam-Regular", "/usr/share/fonts/truetype/noto/NotoSansMalayalam-Regular.ttf",
     false, false},
    {"NotoSansMalayalam-Bold", "/usr/share/fonts/truetype/noto/NotoSansMalayalam-Bold.ttf", true,
     false},
    {"NotoSansOriya-Regular", "/usr/share/fonts/truetype/noto/NotoSansOriya-Regular.ttf", false,
     false},
    {"NotoSansOriya-Bold", "/usr/share/fonts/truetype/noto/NotoSansOriya-Bold.ttf", true, false},
    {"NotoSansSinhala-Regular", "/usr/share/fonts/truetype/noto/NotoSansSinhala-Regular.ttf", false,
     false},
    {"NotoSansSinhala-Bold", "/usr/share/fonts/truetype/noto/NotoSansSinhala-Bold.ttf", true,
     false},
    {"NotoSansThai-Regular", "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", false,
     false},
    {"NotoSansThai-Bold", "/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf", true, false},
    {"NotoSansLao-Regular", "/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf", false, false},
    {"NotoSansLao-Bold", "/usr/share/fonts/truetype/noto/NotoSansLao-Bold.ttf", true, false},
    {"NotoSansEthiopic-Regular", "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
     false, false},
    {"NotoSansEthiopic-Bold", "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Bold.ttf", true,
     false},
    {"NotoSansArabic-Regular", "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", false,
     false},
    {"NotoSansArabic-Bold", "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf", true, false},
    {"NotoSansHebrew-Regular", "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", false,
     false},
    {"NotoSansHebrew-Bold", "/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", true, false},
    {"DroidSansFallback", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", false,
     false},
    {"DroidSansFallback-Bold", nullptr, true, false},  // none: the regular face is drawn
    {"NanumGothic", "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", false, false},
    {"NanumGothicBold", "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", true, false},
}};
static_assert(std::string_view(kFontFiles[kFirstUnshapedFallbackSlot - 2].name) ==
                      "NotoSansLao-Regular" &&
                  std::string_view(kFontFiles[kFirstUnshapedFallbackSlot].name)
                      .starts_with("NotoSansEthiopic"),
              "the shaped families come before kFirstUnshapedFallbackSlot");

static_assert(kFontFiles.size() < 128, "FontSet remembers font slots as int8_t");

int StyleIndex(FontStyle style) {
  return (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
}

// Six capital letters naming this subset (PDF 9.6.4): derived from the font and its
// glyphs, so the same text gives the same tag and different subsets (as merged into one
// bundle) almost surely differ.
std::string SubsetTag(const std::string& font_name, const std::vector<uint16_t>& gids) {
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  auto mix = [&hash](unsigned char byte) {
    hash ^= byte;
    hash *= 1099511628211ull;
  };
  for (char c : font_name) mix(static_cast<unsigned char>(c));
  for (uint16_t gid : gids) {
    mix(static_cast<unsigned char>(gid >> 8));
    mix(static_cast<unsigned char>(gid & 0xFF));
  }
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

void AppendUtf16Hex(std::string& out, const std::u32string& text) {
  static const char kDigits[] = "0123456789ABCDEF";
  auto unit = [&out](uint32_t u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(u >> shift) & 0xF];
  };
  out += '<';
  for (char32_t cp : text) {
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  out += '>';
}

void AppendGid(std::string& out, uint16_t gid) {
  static const char kDigits[] = "0123456789ABCDEF";
  out += '<';
  for (int shift = 12; shift >= 0; shift -= 4) out += kDigits[(gid >> shift) & 0xF];
  out += '>';
}

// Each glyph drawn with the text it stands for, by glyph id.
using GlyphTexts = std::vector<std::pair<uint16_t, std::u32string>>;

// A ToUnicode CMap mapping each glyph drawn back to its character (or, for a glyph a
// shaper chose, the characters it stands for).
std::string ToUnicodeCMap(const GlyphTexts& chars) {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  auto it = chars.begin();
  while (it != chars.end()) {
    size_t block = std::min<size_t>(
        100, static_cast<size_t>(std::distance(it, chars.end())));  // at most 100 a block
    AppendInt(cmap, static_cast<int64_t>(block));
    cmap += " beginbfchar\n";
    for (size_t i = 0; i < block; ++i, ++it) {
      AppendGid(cmap, it->first);
      cmap += ' ';
      AppendUtf16Hex(cmap, it->second);
      cmap += '\n';
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

// What a subset is made from: the font file (its name, size and checksum) and each glyph
// with the text ToUnicode maps it to.
std::string SubsetKey(const TrueTypeFont& file, std::string_view name, const GlyphTexts& chars) {
  std::string key(name);
  key += '\0';
  auto append = [&key](uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) key += static_cast<char>((value >> (8 * i)) & 0xFF);
  };
  append(file.FileSize(), 8);
  append(file.FileChecksum(), 4);
  for (const auto& [gid, text] : chars) {
    append(gid, 2);
    append(text.size(), 2);
    for (char32_t cp : text) append(cp, 3);
  }
  return key;
}

// The subset of `file` holding `gids`, with its ToUnicode map, encoded as the writer
// writes them: from the shared cache when an earlier PDF drew exactly these glyphs.
std::shared_ptr<const EncodedFontSubset> EncodedSubset(const TrueTypeFont& file,
                                                       std::string_view name,
                                                       const std::vector<uint16_t>& gids,
                                                       const GlyphTexts& chars,
                                                       pdfio::ObjectWriter& writer) {
  FontSubsetCache& cache = FontSubsetCache::Shared();
  std::string key = SubsetKey(file, name, chars);
  if (auto kept = cache.Find(key)) return kept;
  auto made = std::make_shared<EncodedFontSubset>();
  std::string font_file = file.Subset(gids);
  made->font_file_size = font_file.size();
  made->font_file = writer.EncodeStream(font_file);
  made->to_unicode = writer.EncodeStream(ToUnicodeCMap(chars));
  cache.Add(std::move(key), made);
  return made;
}

}  // namespace

struct FontSet::Face {
  int slot = 0;
  TrueTypeFont file;
  std::string resource;
  double ascent = 0;
  double descent = 0;
  // Looked-up glyphs of the BMP in blocks of 256 code points (advance < 0: not looked
  // up yet): layout asks for every character drawn, so this must be a plain index.
  std::array<std::unique_ptr<std::array<Glyph, 256>>, 256> bmp;
  std::unordered_map<char32_t, Glyph> astral;
  // Per glyph id, the lowest character drawn with it (0: not drawn).
  std::vector<char32_t> used;
  // Glyphs a shaper chose (conjuncts, reordered vowel signs), with the text they stand
  // for in ToUnicode; the span's /ActualText gives the exact text.
  std::map<uint16_t, std::u32string> shaped;
  int object = 0;  // Type0 font object, once a page refers to it
};

FontSet::FontSet()
    : faces_(kFontFiles.size()),
      failed_(kFontFiles.size(), false),
      shaping_available_(CurrentComplexShaper() != nullptr),
      remembered_(std::make_unique<RememberedTable>()) {}

FontSet::~FontSet() = default;

int FontSet::Load(int slot) {
  if (faces_[slot]) return slot;
  if (failed_[slot]) return -1;
  auto face = std::make_unique<Face>();
  std::string error;
  if (kFontFiles[slot].path == nullptr || !face->file.Open(kFontFiles[slot].path, error)) {
    failed_[slot] = true;  // another font may still cover the character
    return -1;
  }
  face->slot = slot;
  face->resource = "F" + std::to_string(slot + 1);
  const TrueTypeMetrics& metrics = face->file.Metrics();
  face->ascent = metrics.ascender * 1000.0 / metrics.units_per_em;
  face->descent = metrics.descender * 1000.0 / metrics.units_per_em;
  face->used.assign(face->file.GlyphCount(), 0);
  faces_[slot] = std::move(face);
  return slot;
}

const Glyph& FontSet::Lookup(Face& face, char32_t cp) {
  Glyph* glyph;
  if (cp <= 0xFFFF) {
    auto& block = face.bmp[cp >> 8];
    if (!block) {
      block = std::make_unique<std::array<Glyph, 256>>();
      block->fill(Glyph{0, -1});
    }
    glyph = &(*block)[cp & 0xFF];
    if (glyph->advance >= 0) return *glyph;
  } else {
    auto [it, inserted] = face.astral.emplace(cp, Glyph{0, -1});
    glyph = &it->second;
    if (!inserted) return *glyph;
  }
  glyph->gid = face.file.GlyphId(cp);
  glyph->advance = glyph->gid == 0 ? 0
                                   : static_cast<float>(face.file.AdvanceWidth(glyph->gid) *
                                                        1000.0 / face.file.Metrics().units_per_em);
  return *glyph;
}

bool FontSet::Has(int slot, char32_t cp) {
  if (Load(slot) < 0) return false;
  return Lookup(*faces_[slot], cp).gid != 0;
}

int FontSet::FontFor(char32_t cp, FontStyle style) {
  // Text is shaped and measured in UTF-16 units, one glyph each: astral characters
  // (which would need two) count as unprintable.
  if (cp > 0xFFFF || cp < 0x20) return -1;
  int styled = StyleIndex(style);
  if (cp < kRememberedFonts) {
    int8_t& remembered = (*remembered_)[static_cast<size_t>(styled)][cp].font;
    if (remembered == kUnknown) remembered = static_cast<int8_t>(ChooseFont(cp, style));
    return remembered;
  }
  return ChooseFont(cp, style);
}

int FontSet::FontAndGlyph(char32_t cp, FontStyle style, Glyph& glyph) {
  if (cp >= 0x20 && cp < kRememberedFonts) {
    Remembered& remembered = (*remembered_)[static_cast<size_t>(StyleIndex(style))][cp];
    if (remembered.font == kUnknown) remembered.font = static_cast<int8_t>(ChooseFont(cp, style));
    if (remembered.font < 0) return -1;
    // GlyphOf records the character as used; once is enough.
    if (!remembered.has_glyph) {
      remembered.glyph = GlyphOf(remembered.font, cp);
      remembered.has_glyph = true;
    }
    glyph = remembered.glyph;
    return remembered.font;
  }
  int font = FontFor(cp, style);
  if (font >= 0) glyph = GlyphOf(font, cp);
  return font;
}

int FontSet::ChooseFont(char32_t cp, FontStyle style) {
  int styled = StyleIndex(style);
  for (int slot : {styled, 4 + styled, 4}) {
    if (Has(slot, cp)) return slot;
  }
  for (int slot = kFirstFallbackSlot + (style.bold ? 1 : 0);
       slot < static_cast<int>(kFontFiles.size()); slot += 2) {
    if (slot < kFirstUnshapedFallbackSlot && !shaping_available_) continue;
    if (Has(slot, cp)) return slot;
    if (style.bold && Has(slot - 1, cp)) return slot - 1;  // no bold face: the regular one
  }
  return -1;
}

const char* FontSet::FontPath(int font) const {
  return kFontFiles[font].path;
}

void FontSet::UseShapedGlyph(int font, uint16_t gid, std::u32string text) {
  Face& face = *faces_[font];
  if (gid >= face.used.size() || face.used[gid] != 0 || text.empty()) return;
  face.shaped.emplace(gid, std::move(text));  // the first text drawn with it stays
}

const Glyph& FontSet::GlyphOf(int font, char32_t cp) {
  Face& face = *faces_[font];
  const Glyph& glyph = Lookup(face, cp);
  char32_t& first = face.used[glyph.gid];
  if (first == 0 || cp < first) first = cp;
  return glyph;
}

const std::string& FontSet::ResourceName(int font) const {
  return faces_[font]->resource;
}
const std::string& FontSet::FontName(int font) const {
  static const std::array<std::string, kFontFiles.size()> kNames = [] {
    std::array<std::string, kFontFiles.size()> names;
    for (size_t i = 0; i < kFontFiles.size(); ++i) names[i] = kFontFiles[i].name;
    return names;
  }();
  return kNames[font];
}
double FontSet::Ascent(int font) const {
  return faces_[font]->ascent;
}
double FontSet::Descent(int font) const {
  return faces_[font]->descent;
}

int FontSet::ObjectNumber(int font, pdfio::ObjectWriter& writer) {
  Face& face = *faces_[font];
  if (face.object == 0) face.object = writer.Allocate();
  return face.object;
}

void FontSet::EmbedSubsets(pdfio::ObjectWriter& writer) {
  for (auto& face : faces_) {
    if (face && face->object != 0) Embed(*face, writer);
  }
}

void FontSet::Embed(Face& face, pdfio::ObjectWriter& writer) const {
  const TrueTypeFont& file = face.file;
  const TrueTypeMetrics& metrics = file.Metrics();
  const FontFile& info = kFontFiles[face.slot];
  std::vector<uint16_t> gids;
  GlyphTexts chars;  // glyph -> text, for ToUnicode
  for (size_t gid = 0; gid < face.used.size(); ++gid) {
    auto shaped = face.shaped.find(static_cast<uint16_t>(gid));
    if (face.used[gid] == 0 && shaped == face.shaped.end()) continue;
    gids.push_back(static_cast<uint16_t>(gid));
    chars.emplace_back(static_cast<uint16_t>(gid),
                       face.used[gid] != 0 ? std::u32string(1, face.used[gid]) : shaped->second);
  }
  std::string base_font = SubsetTag(info.name, gids) + '+' + info.name;
  double scale = 1000.0 / metrics.units_per_em;

  int cid_font = writer.Allocate();
  int descriptor = writer.Allocate();
  int font_file = writer.Allocate();
  int to_unicode = writer.Allocate();

  writer.WriteDict(face.object, [&](pdfio::DictWriter& d) {
    d.Name("Type", "Font").Name("Subtype", "Type0").Name("BaseFont", base_font);
    d.Name("Encoding", "Identity-H");
    d.Array("DescendantFonts").Ref(cid_font);
    d.Ref("ToUnicode", to_unicode);
  });

  // Widths of the glyphs drawn, in runs of consecutive glyph ids: "first [w w ...]".
  writer.WriteDict(cid_font, [&](pdfio::DictWriter& d) {
    d.Name("Type", "Font").Name("Subtype", "CIDFontType2").Name("BaseFont", base_font);
    d.Dict("CIDSystemInfo")
        .Bytes("Registry", "Adobe")
        .Bytes("Ordering", "Identity")
        .Int("Supplement", 0);
    d.Ref("FontDescriptor", descriptor).Name("CIDToGIDMap", "Identity").Int("DW", 1000);
    pdfio::ArrayWriter widths = d.Array("W");
    for (size_t i = 0; i < gids.size();) {
      size_t j = i;
      while (j + 1 < gids.size() && gids[j + 1] == gids[j] + 1) ++j;
      widths.Int(gids[i]);
      pdfio::ArrayWriter run = widths.Array();
      for (size_t k = i; k <= j; ++k) run.Number(file.AdvanceWidth(gids[k]) * scale);
      i = j + 1;
    }
  });

  // Flags: nonsymbolic (32), italic (64), fixed pitch (1).
  int flags = 32 | (info.italic ? 64 : 0) | (metrics.fixed_pitch ? 1 : 0);
  writer.WriteDict(descriptor, [&](pdfio::DictWriter& d) {
    d.Name("Type", "FontDescriptor").Name("FontName", base_font).Int("Flags", flags);
    d.Array("FontBBox")
        .Number(metrics.x_min * scale)
        .Number(metrics.y_min * scale)
        .Number(metrics.x_max * scale)
        .Number(metrics.y_max * scale);
    d.Number("ItalicAngle", metrics.italic_angle);
    d.Number("Ascent", face.ascent).Number("Descent", face.descent);
    d.Number("CapHeight", metrics.cap_height * scale);
    // StemV is not in TrueType files; estimate it from the weight class, as is usual.
    d.Int("StemV",
          10 + 220 * (metrics.weight_class - 50) * (metrics.weight_class - 50) / (900 * 900));
    d.Ref("FontFile2", font_file);
  });

  std::shared_ptr<const EncodedFontSubset> subset =
      EncodedSubset(file, info.name, gids, chars, writer);
  std::string entries;
  pdfio::DictWriter::Entries(entries).Int("Length1", static_cast<int64_t>(subset->font_file_size));
  writer.WriteEncodedStream(font_file, entries, subset->font_file);
  writer.WriteEncodedStream(to_unicode, "", subset->to_unicode);
}

}  // namespace ehcp::pdf
