#include "document/text_direction.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace ehcp {

std::string WithoutBidiControls(std::string_view utf8) {
  // Every control is E2 80 AA..AE or E2 81 A6..A9 in UTF-8; most text has no E2 80/81 at all.
  if (utf8.find('\xE2') == std::string_view::npos) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (i + 2 < utf8.size() && utf8[i] == '\xE2') {
      unsigned char b1 = static_cast<unsigned char>(utf8[i + 1]),
                    b2 = static_cast<unsigned char>(utf8[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += utf8[i];
  }
  return out;
}
namespace {

// Blocks of strongly right-to-left letters: Hebrew, Arabic, Syriac, Arabic Supplement,
// Thaana, NKo, Samaritan, Mandaic, Arabic Extended, the presentation forms, and the
// SMP RTL blocks. Enough for names and quotations; no ICU needed for a range test.
bool IsRightToLeftCodePoint(uint32_t cp) {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFF) || (cp >= 0x10800 && cp <= 0x10FFF) ||
         (cp >= 0x1E800 && cp <= 0x1EFFF);
}

// Letters of left-to-right scripts, coarsely: ASCII letters and everything from Latin-1
// letters up, except RTL blocks, combining marks and general punctuation/symbol blocks.
bool IsLeftToRightCodePoint(uint32_t cp) {
  if (cp < 0x80) return std::isalpha(static_cast<int>(cp)) != 0;
  if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return true;
  if (cp >= 0xC0 && cp <= 0x2AF) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x0300 && cp <= 0x036F) return false;  // combining marks take their base's side
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  return !IsRightToLeftCodePoint(cp) && cp >= 0x0370;
}

// Decodes the next code point; a malformed or truncated sequence decodes as U+FFFD and
// advances by one byte (the text was validated upstream; this only has to be safe).
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char lead = static_cast<unsigned char>(s[i]);
  int extra = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  uint32_t cp = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += extra + 1;
  return cp;
}

}  // namespace

bool IsRightToLeftLanguage(std::string_view lang) {
  std::string tag(lang);
  std::transform(tag.begin(), tag.end(), tag.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  std::replace(tag.begin(), tag.end(), '_', '-');
  // An explicit script subtag wins: "pa-arab" is RTL, "az-latn" is not.
  static constexpr std::array<std::string_view, 5> kRtlScripts = {"-arab", "-hebr", "-syrc",
                                                                  "-thaa", "-nkoo"};
  for (auto script : kRtlScripts) {
    size_t at = tag.find(script);
    if (at != std::string::npos &&
        (at + script.size() == tag.size() || tag[at + script.size()] == '-'))
      return true;
  }
  if (tag.find("-latn") != std::string::npos || tag.find("-cyrl") != std::string::npos)
    return false;
  std::string primary = tag.substr(0, tag.find('-'));
  static constexpr std::array<std::string_view, 12> kRtlLanguages = {
      "ar", "he", "iw", "fa", "ur", "ps", "yi", "sd", "ug", "dv", "ckb", "syr"};
  return std::find(kRtlLanguages.begin(), kRtlLanguages.end(), primary) != kRtlLanguages.end();
}

Direction FirstStrongDirection(std::string_view utf8) {
  size_t i = 0;
  while (i < utf8.size()) {
    uint32_t cp = NextCodePoint(utf8, i);
    if (IsRightToLeftCodePoint(cp)) return Direction::kRightToLeft;
    if (IsLeftToRightCodePoint(cp)) return Direction::kLeftToRight;
  }
  return Direction::kNeutral;
}

bool ContainsRightToLeftText(std::string_view utf8) {
  size_t i = 0;
  while (i < utf8.size()) {
    if (IsRightToLeftCodePoint(NextCodePoint(utf8, i))) return true;
  }
  return false;
}

bool ReadsRightToLeft(const std::vector<doc::Span>& spans) {
  bool any_rtl = false, any_ltr = false, all_tagged_rtl = true;
  for (const auto& span : spans) {
    const bool tagged_rtl = !span.lang.empty() && IsRightToLeftLanguage(span.lang);
    size_t i = 0;
    while (i < span.text.size()) {
      uint32_t cp = NextCodePoint(span.text, i);
      const bool rtl = IsRightToLeftCodePoint(cp), ltr = !rtl && IsLeftToRightCodePoint(cp);
      any_rtl = any_rtl || rtl;
      any_ltr = any_ltr || ltr;
      if ((rtl || ltr) && !tagged_rtl) all_tagged_rtl = false;
    }
  }
  return any_rtl && (all_tagged_rtl || !any_ltr);
}

bool ReadsRightToLeft(std::string_view utf8) {
  doc::Span span;
  span.text = std::string(utf8);
  return ReadsRightToLeft(std::vector<doc::Span>{span});
}

}  // namespace ehcp
