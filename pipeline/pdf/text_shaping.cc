#include "pdf/text_shaping.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>

#include <algorithm>
#include <cstdio>

namespace ehcp::pdf {
namespace {

bool IsArabic(char32_t cp) {
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
         (cp >= 0x08A0 && cp <= 0x08FF);
}

// Scripts whose letters reorder or combine and for which no font here is shaped
// (Syriac, Thaana, NKo, Tibetan, Myanmar, Khmer): their glyphs drawn one by one would be
// wrong, which is worse than an error. The scripts of India and Sri Lanka are shaped
// when a shaper is installed (complex_shaper.h).
bool NeedsUnavailableShaping(char32_t cp) {
  return (cp >= 0x0700 && cp <= 0x074F) ||  // Syriac
         (cp >= 0x0780 && cp <= 0x07FF) ||  // Thaana, NKo
         (cp >= 0x0F00 && cp <= 0x109F) ||  // Tibetan, Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (NeedsComplexShaping(cp) && CurrentComplexShaper() == nullptr);
}

// Characters that belong to the cluster before them: combining marks, and the joiners
// that steer conjuncts (ZWNJ, ZWJ).
// Format characters a reader never sees: soft hyphen, zero-width space, (non-)joiners, word
// joiner, byte order mark. Fonts draw some of them as visible boxes or hyphens, so outside
// shaped scripts (where HarfBuzz uses the joiners) they take no glyph and no width.
bool IsInvisibleFormat(char32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
         cp == 0xFEFF;
}

bool JoinsPrevious(char32_t cp) {
  if (cp == 0x200C || cp == 0x200D) return true;
  int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

std::string CodePointName(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  std::string out = code;
  UErrorCode status = U_ZERO_ERROR;
  char name[128];
  int32_t length =
      u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_SUCCESS(status) && length > 0) out += " " + std::string(name, length);
  return out;
}

std::string Excerpt(std::string_view text) {
  if (text.size() <= 80) return std::string(text);
  size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Runs of text in a shaped script (with the marks and joiners inside them), one font and
// one styled run each, go through the shaper; its glyphs replace the per-character ones,
// cluster by cluster.
bool ShapeClusters(ShapedText& out, FontSet& fonts) {
  ComplexShaper* shaper = CurrentComplexShaper();
  const size_t n = out.logical.size();
  auto shaped = [&](size_t i) { return NeedsComplexShaping(out.logical[i]); };
  std::vector<ShapedGlyph> glyphs;
  for (size_t a = 0; a < n;) {
    if (!shaped(a)) {
      ++a;
      continue;
    }
    size_t b = a + 1;
    while (b < n && out.font[b] == out.font[a] && out.run[b] == out.run[a] &&
           (shaped(b) || JoinsPrevious(out.logical[b])))
      ++b;
    const int font = out.font[a];
    if (!shaper->Shape(fonts.FontPath(font), std::u16string_view(out.logical).substr(a, b - a),
                       glyphs))
      return false;
    if (out.cluster_of.empty()) out.cluster_of.assign(n, -1);
    for (size_t g = 0; g < glyphs.size();) {
      size_t h = g;
      while (h < glyphs.size() && glyphs[h].cluster == glyphs[g].cluster) ++h;
      const size_t start = a + glyphs[g].cluster;
      const size_t stop = h < glyphs.size() ? a + glyphs[h].cluster : b;
      if (start >= stop || stop > b) return false;  // clusters must rise, left to right
      std::u32string text;                          // what the cluster stands for, for ToUnicode
      for (size_t k = start; k < stop; ++k) text += out.logical[k];
      std::vector<ShapedGlyph> cluster(glyphs.begin() + static_cast<std::ptrdiff_t>(g),
                                       glyphs.begin() + static_cast<std::ptrdiff_t>(h));
      float advance = 0;
      for (size_t k = 0; k < cluster.size(); ++k) {
        advance += cluster[k].advance;
        // The first glyph stands for the cluster; the others for nothing visible of their
        // own (the span's /ActualText has the exact text).
        fonts.UseShapedGlyph(font, cluster[k].gid, k == 0 ? text : std::u32string(1, U'\u200B'));
      }
      out.cluster_of[start] = static_cast<int>(out.clusters.size());
      out.clusters.push_back(std::move(cluster));
      out.glyph[start] = Glyph{out.glyph[start].gid, advance};
      for (size_t k = start + 1; k < stop; ++k) out.glyph[k] = Glyph{kNoGlyph, 0};
      g = h;
    }
    a = b;
  }
  return true;
}

// A word in Arabic script whose letters came from two fonts (DejaVu Sans lacks a few
// Urdu and Pashto letters that Noto Sans Arabic has) would join badly where the fonts
// meet: the whole word is drawn in one font that has every letter, when there is one.
void KeepArabicWordsInOneFont(ShapedText& out, FontSet& fonts) {
  const size_t n = out.display.size();
  for (size_t a = 0; a < n;) {
    if (!IsArabic(out.logical[a]) || out.font[a] < 0) {
      ++a;
      continue;
    }
    size_t b = a + 1;
    bool mixed = false;
    while (b < n && IsArabic(out.logical[b]) && out.font[b] >= 0 && out.run[b] == out.run[a]) {
      mixed = mixed || out.font[b] != out.font[a];
      ++b;
    }
    for (size_t f = a; mixed && f < b; ++f) {
      const int font = out.font[f];
      bool covers = true;
      for (size_t i = a; i < b && covers; ++i)
        covers = out.glyph[i].gid == kNoGlyph || fonts.Covers(font, out.display[i]);
      if (!covers) continue;
      for (size_t i = a; i < b; ++i) {
        out.font[i] = font;
        if (out.glyph[i].gid != kNoGlyph) out.glyph[i] = fonts.GlyphOf(font, out.display[i]);
      }
      mixed = false;
    }
    a = b;
  }
}

}  // namespace

bool IsRightToLeft(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFF);
}

std::string ToUtf8(const std::u16string& text) {
  std::string out;
  icu::UnicodeString(false, text.data(), static_cast<int32_t>(text.size())).toUTF8String(out);
  return out;
}

bool ShapeText(const std::vector<StyledRun>& runs, FontSet& fonts, ShapedText& out,
               DiagnosticList& diagnostics, const CharacterLocator& locate) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  out = ShapedText{};
  bool has_arabic = false;
  bool has_complex = false;  // text for the shaper
  size_t bytes = 0;
  for (const StyledRun& run : runs) bytes += run.text.size();
  out.logical.reserve(bytes);  // at least as many UTF-8 bytes as UTF-16 units
  out.run.reserve(bytes);
  auto append = [&](char16_t unit, size_t r) {
    // Tabs and line feeds in a paragraph read as word spaces; other controls are dropped.
    if (unit == u'\t' || unit == u'\n' || unit == u'\r') unit = u' ';
    if (unit < 0x20 || (unit >= 0x7F && unit < 0xA0)) return;
    out.logical.push_back(unit);
    out.run.push_back(static_cast<int>(r));
  };
  for (size_t r = 0; r < runs.size(); ++r) {
    const std::string_view utf8 = runs[r].text;
    if (IsAscii(utf8)) {
      // Most runs: ASCII is its own UTF-16 and already NFC, so ICU's copy and check are
      // not needed.
      for (char c : utf8) append(static_cast<char16_t>(c), r);
      continue;
    }
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (U_SUCCESS(status) && !nfc->isNormalized(text, status)) text = nfc->normalize(text, status);
    for (int32_t i = 0; i < text.length(); ++i) append(text.charAt(i), r);
  }
  out.font.assign(out.logical.size(), -1);
  out.glyph.assign(out.logical.size(), Glyph{});

  // Unprintable characters are gathered per run and reason, so a word in an unsupported
  // script is one error, not one per letter.
  struct Problem {
    int run;
    const char* why;
    std::vector<char32_t> characters;  // distinct, in order of appearance
  };
  std::vector<Problem> problems;
  auto report = [&](char32_t cp, size_t index, const char* why) {
    int run = out.run[index];
    auto it = std::find_if(problems.begin(), problems.end(),
                           [&](const Problem& p) { return p.run == run && p.why == why; });
    if (it == problems.end()) it = problems.insert(problems.end(), Problem{run, why, {}});
    if (std::find(it->characters.begin(), it->characters.end(), cp) == it->characters.end())
      it->characters.push_back(cp);
  };
  auto flush = [&] {
    for (const Problem& p : problems) {
      std::string others;
      if (size_t n = p.characters.size() - 1; n > 0)
        others = " and " + std::to_string(n) + (n == 1 ? " other character" : " other characters");
      diagnostics.Error("pdf.unprintable-character",
                        CodePointName(p.characters.front()) + others + p.why + " in \"" +
                            Excerpt(runs[static_cast<size_t>(p.run)].text) + "\"",
                        locate ? locate(p.characters.front()) : SourceLocation{});
    }
    return problems.empty();
  };
  for (size_t i = 0; i < out.logical.size(); ++i) {
    char32_t cp = out.logical[i];
    if (U16_IS_LEAD(cp) && i + 1 < out.logical.size() && U16_IS_TRAIL(out.logical[i + 1])) {
      report(U16_GET_SUPPLEMENTARY(cp, out.logical[i + 1]), i, ": no font can show it");
      ++i;
      continue;
    }
    if (cp < 0x0590) continue;  // Latin, Greek, Cyrillic, Armenian: none of the below
    if (IsArabic(cp)) has_arabic = true;
    if (IsRightToLeft(cp)) out.has_rtl = true;
    if (NeedsUnavailableShaping(cp))
      report(cp, i, ": this script needs shaping the PDF writer does not support");
    if (NeedsComplexShaping(cp)) has_complex = true;
  }
  if (!flush()) return false;

  out.display = out.logical;
  if (has_arabic) {
    // Shape in logical order; FIXED_SPACES_NEAR keeps the length, so every index still
    // lines up with the logical text (a lam-alef ligature leaves a space beside it,
    // which is then drawn as nothing: see below).
    UErrorCode shape_status = U_ZERO_ERROR;
    u_shapeArabic(
        reinterpret_cast<const UChar*>(out.logical.data()),
        static_cast<int32_t>(out.logical.size()), reinterpret_cast<UChar*>(out.display.data()),
        static_cast<int32_t>(out.display.size()),
        U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_FIXED_SPACES_NEAR,
        &shape_status);
    if (U_FAILURE(shape_status)) out.display = out.logical;
  }

  for (size_t i = 0; i < out.display.size(); ++i) {
    char32_t cp = out.display[i];
    if (!has_complex && IsInvisibleFormat(cp)) {
      int font = i > 0 && out.font[i - 1] >= 0 ? out.font[i - 1]
                                               : fonts.FontFor(U' ', runs[out.run[i]].style);
      if (font >= 0) {
        out.font[i] = font;
        out.glyph[i] = Glyph{kNoGlyph, 0};
        continue;
      }
    }
    if (cp == u' ' && IsArabic(out.logical[i])) {
      // The place a lam-alef ligature left: a letter drawn by the ligature glyph, not a
      // gap inside the word. It keeps its font, so its word stays one piece.
      int font = fonts.FontFor(out.logical[i], runs[out.run[i]].style);
      if (font >= 0) {
        out.font[i] = font;
        out.glyph[i] = Glyph{kNoGlyph, 0};
        continue;
      }
    }
    if (!has_complex) {
      // The common case: the font for the character, and its glyph, in one look-up.
      int font = fonts.FontAndGlyph(cp, runs[out.run[i]].style, out.glyph[i]);
      if (font >= 0) {
        out.font[i] = font;
        continue;
      }
    }
    int font = fonts.FontFor(cp, runs[out.run[i]].style);
    if (has_complex && i > 0 && out.font[i - 1] >= 0 && out.run[i - 1] == out.run[i] &&
        JoinsPrevious(cp) && fonts.Covers(out.font[i - 1], cp))
      font = out.font[i - 1];  // a mark or joiner stays in its cluster's font
    if (font < 0 && cp != out.logical[i]) {
      // No presentation form in any font: fall back to the plain letter.
      cp = out.display[i] = out.logical[i];
      font = fonts.FontFor(cp, runs[out.run[i]].style);
    }
    if (font < 0) {
      report(out.logical[i], i, ": no font can show it");
      continue;
    }
    out.font[i] = font;
    out.glyph[i] = fonts.GlyphOf(font, cp);
  }
  if (has_arabic) KeepArabicWordsInOneFont(out, fonts);
  // A ligature that fell back to its plain lam (no font has the form) no longer draws
  // the alef beside it: that letter is then drawn itself.
  auto is_lam_alef = [&](size_t j) {
    return j < out.display.size() && out.display[j] >= 0xFEF5 && out.display[j] <= 0xFEFC;
  };
  for (size_t i = 0; i < out.glyph.size(); ++i) {
    if (out.glyph[i].gid != kNoGlyph || is_lam_alef(i + 1) || (i > 0 && is_lam_alef(i - 1)) ||
        (!has_complex && IsInvisibleFormat(out.logical[i])))
      continue;
    out.display[i] = out.logical[i];
    out.glyph[i] = fonts.GlyphOf(out.font[i], out.logical[i]);
  }
  if (has_complex && problems.empty() && !ShapeClusters(out, fonts)) {
    diagnostics.Error(
        "pdf.shaping",
        "a font file for " + CodePointName(out.logical.front()) + " could not be read for shaping",
        SourceLocation{});
    return false;
  }
  return flush();
}

}  // namespace ehcp::pdf
