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
  return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) || (cp >= 0x08A0 && cp <= 0x08FF);
}

// Scripts whose letters reorder or combine (Indic, Southeast Asian, Syriac, ...): their
// glyphs drawn one by one would be wrong, which is worse than an error.
bool NeedsComplexShaping(char32_t cp) {
  return (cp >= 0x0700 && cp <= 0x074F) ||  // Syriac
         (cp >= 0x0780 && cp <= 0x07FF) ||  // Thaana, NKo
         (cp >= 0x0900 && cp <= 0x0DFF) ||  // Devanagari ... Sinhala
         (cp >= 0x0F00 && cp <= 0x109F) ||  // Tibetan, Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (cp >= 0xA8E0 && cp <= 0xA8FF);    // Devanagari Extended
}

std::string CodePointName(char32_t cp) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
  std::string out = code;
  UErrorCode status = U_ZERO_ERROR;
  char name[128];
  int32_t length = u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  if (U_SUCCESS(status) && length > 0) out += " " + std::string(name, length);
  return out;
}

std::string Excerpt(const std::string& text) {
  if (text.size() <= 80) return text;
  size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

bool IsRightToLeft(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
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
  for (size_t r = 0; r < runs.size(); ++r) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(runs[r].text);
    if (U_SUCCESS(status) && !nfc->isNormalized(text, status)) text = nfc->normalize(text, status);
    for (int32_t i = 0; i < text.length(); ++i) {
      char16_t unit = text.charAt(i);
      // Tabs and line feeds in a paragraph read as word spaces; other controls are dropped.
      if (unit == u'\t' || unit == u'\n' || unit == u'\r') unit = u' ';
      if (unit < 0x20 || (unit >= 0x7F && unit < 0xA0)) continue;
      out.logical.push_back(unit);
      out.run.push_back(static_cast<int>(r));
    }
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
    if (IsArabic(cp)) has_arabic = true;
    if (IsRightToLeft(cp)) out.has_rtl = true;
    if (NeedsComplexShaping(cp)) report(cp, i, ": this script needs shaping the PDF writer does not support");
  }
  if (!flush()) return false;

  out.display = out.logical;
  if (has_arabic) {
    // Shape in logical order; FIXED_SPACES_NEAR keeps the length, so every index still
    // lines up with the logical text (a lam-alef ligature leaves a space beside it,
    // which is then drawn as nothing: see below).
    UErrorCode shape_status = U_ZERO_ERROR;
    u_shapeArabic(reinterpret_cast<const UChar*>(out.logical.data()), static_cast<int32_t>(out.logical.size()),
                  reinterpret_cast<UChar*>(out.display.data()), static_cast<int32_t>(out.display.size()),
                  U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_FIXED_SPACES_NEAR,
                  &shape_status);
    if (U_FAILURE(shape_status)) out.display = out.logical;
  }

  for (size_t i = 0; i < out.display.size(); ++i) {
    char32_t cp = out.display[i];
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
    int font = fonts.FontFor(cp, runs[out.run[i]].style);
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
  // A ligature that fell back to its plain lam (no font has the form) no longer draws
  // the alef beside it: that letter is then drawn itself.
  auto is_lam_alef = [&](size_t j) {
    return j < out.display.size() && out.display[j] >= 0xFEF5 && out.display[j] <= 0xFEFC;
  };
  for (size_t i = 0; i < out.glyph.size(); ++i) {
    if (out.glyph[i].gid != kNoGlyph || is_lam_alef(i + 1) || (i > 0 && is_lam_alef(i - 1)))
      continue;
    out.display[i] = out.logical[i];
    out.glyph[i] = fonts.GlyphOf(out.font[i], out.logical[i]);
  }
  return flush();
}

}  // namespace ehcp::pdf
