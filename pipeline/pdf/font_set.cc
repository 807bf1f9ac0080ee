#include "pdf/font_set.h"

#include <podofo/podofo.h>

#include <array>

namespace ehcp::pdf {
namespace {

struct FontFile {
  const char* name;  // unique per file: PoDoFo's font cache is keyed on the name
  const char* path;
  bool bold;
  bool italic;
};

// Slots 0-3: Liberation Sans by style (bold*1 + italic*2); 4-7: DejaVu Sans likewise.
constexpr std::array<FontFile, 8> kFontFiles = {{
    {"LiberationSans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", false, false},
    {"LiberationSans-Bold", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf", true, false},
    {"LiberationSans-Italic", "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf", false, true},
    {"LiberationSans-BoldItalic", "/usr/share/fonts/truetype/liberation2/LiberationSans-BoldItalic.ttf", true, true},
    {"DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", false, false},
    {"DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", true, false},
    {"DejaVuSans-Oblique", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", false, true},
    {"DejaVuSans-BoldOblique", "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf", true, true},
}};

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int StyleIndex(FontStyle style) { return (style.bold ? 1 : 0) + (style.italic ? 2 : 0); }

}  // namespace

struct FontSet::Face {
  PoDoFo::PdfFont* font = nullptr;
  std::string resource;
  double ascent = 0;
  double descent = 0;
  std::unordered_map<char32_t, Glyph> glyphs;
  std::map<char32_t, bool> used;  // ordered: the subset is built the same way every run
};

FontSet::FontSet(PoDoFo::PdfMemDocument& document) : document_(document) {
  faces_.resize(kFontFiles.size());
}

FontSet::~FontSet() = default;

int FontSet::Load(int slot) {
  if (faces_[slot]) return slot;
  const FontFile& file = kFontFiles[slot];
  PoDoFo::PdfFont* font = document_.CreateFontSubset(
      file.name, file.bold, file.italic, false, PoDoFo::PdfEncodingFactory::GlobalIdentityEncodingInstance(),
      file.path);
  if (font == nullptr) return -1;
  auto face = std::make_unique<Face>();
  face->font = font;
  face->resource = font->GetIdentifier().GetName();
  const PoDoFo::PdfFontMetrics* metrics = font->GetFontMetrics();
  // Metrics report ascent and descent at the font's current size.
  double size = metrics->GetFontSize() > 0 ? metrics->GetFontSize() : 12.0;
  face->ascent = metrics->GetAscent() * 1000.0 / size;
  face->descent = metrics->GetDescent() * 1000.0 / size;
  faces_[slot] = std::move(face);
  return slot;
}

bool FontSet::Has(int slot, char32_t cp) {
  if (Load(slot) < 0) return false;
  Face& face = *faces_[slot];
  auto it = face.glyphs.find(cp);
  if (it != face.glyphs.end()) return it->second.gid != 0;
  const PoDoFo::PdfFontMetrics* metrics = face.font->GetFontMetrics();
  Glyph glyph;
  long gid = metrics->GetGlyphId(static_cast<long>(cp));
  if (gid > 0 && gid <= 0xFFFF) {
    glyph.gid = static_cast<uint16_t>(gid);
    glyph.advance = static_cast<float>(metrics->GetGlyphWidth(static_cast<int>(gid)));
  }
  face.glyphs.emplace(cp, glyph);
  return glyph.gid != 0;
}

int FontSet::FontFor(char32_t cp, FontStyle style) {
  // PoDoFo 0.9.8 subsets and maps to Unicode in 16-bit units: astral characters would
  // become .notdef, so they count as unprintable.
  if (cp > 0xFFFF || cp < 0x20) return -1;
  int styled = StyleIndex(style);
  for (int slot : {styled, 4 + styled, 4}) {
    if (Has(slot, cp)) return slot;
  }
  return -1;
}

const Glyph& FontSet::GlyphOf(int font, char32_t cp) {
  Has(font, cp);
  Face& face = *faces_[font];
  face.used.emplace(cp, true);
  return face.glyphs.at(cp);
}

const std::string& FontSet::ResourceName(int font) const { return faces_[font]->resource; }
double FontSet::Ascent(int font) const { return faces_[font]->ascent; }
double FontSet::Descent(int font) const { return faces_[font]->descent; }
PoDoFo::PdfFont* FontSet::Font(int font) const { return faces_[font]->font; }

void FontSet::EmbedSubsets() {
  for (auto& face : faces_) {
    if (!face || face->used.empty()) continue;
    std::string utf8;
    for (const auto& [cp, used] : face->used) AppendUtf8(cp, utf8);
    PoDoFo::PdfString text(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
    face->font->AddUsedSubsettingGlyphs(text, text.GetCharacterLength());
  }
  document_.EmbedSubsetFonts();
  for (auto& face : faces_) {
    if (!face) continue;
    PoDoFo::PdfObject* font = face->font->GetObject();
    PoDoFo::PdfObject* descendants = font->GetDictionary().GetKey("DescendantFonts");
    if (descendants == nullptr) continue;
    if (descendants->IsReference()) descendants = document_.GetObjects().GetObject(descendants->GetReference());
    if (descendants == nullptr || !descendants->IsArray() || descendants->GetArray().empty()) continue;
    PoDoFo::PdfObject* cid = document_.GetObjects().GetObject(descendants->GetArray()[0].GetReference());
    if (cid == nullptr) continue;
    PoDoFo::PdfObject* descriptor = cid->GetDictionary().GetKey("FontDescriptor");
    if (descriptor != nullptr && descriptor->IsReference())
      descriptor = document_.GetObjects().GetObject(descriptor->GetReference());
    if (descriptor != nullptr && descriptor->IsDictionary()) descriptor->GetDictionary().RemoveKey("CIDSet");
  }
}

}  // namespace ehcp::pdf
