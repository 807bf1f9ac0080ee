#include "document/text_script.h"

#include <array>
#include <string>

namespace ehcp {
namespace {

struct Range {
  char32_t first, last;
  Script script;
};

// Main blocks only: enough to tell scripts apart in names and short quotations.
constexpr std::array kRanges{
    Range{0x0041, 0x005A, Script::kLatin},      Range{0x0061, 0x007A, Script::kLatin},
    Range{0x00C0, 0x024F, Script::kLatin},      Range{0x1E00, 0x1EFF, Script::kLatin},
    Range{0x0370, 0x03FF, Script::kGreek},      Range{0x1F00, 0x1FFF, Script::kGreek},
    Range{0x0400, 0x052F, Script::kCyrillic},   Range{0x0530, 0x058F, Script::kArmenian},
    Range{0x0590, 0x05FF, Script::kHebrew},     Range{0x0600, 0x06FF, Script::kArabic},
    Range{0x0750, 0x077F, Script::kArabic},     Range{0x08A0, 0x08FF, Script::kArabic},
    Range{0xFB50, 0xFDFF, Script::kArabic},     Range{0xFE70, 0xFEFF, Script::kArabic},
    Range{0x0900, 0x097F, Script::kDevanagari}, Range{0x0980, 0x09FF, Script::kBengali},
    Range{0x0A00, 0x0A7F, Script::kGurmukhi},   Range{0x0A80, 0x0AFF, Script::kGujarati},
    Range{0x0B80, 0x0BFF, Script::kTamil},      Range{0x0E00, 0x0E7F, Script::kThai},
    Range{0x10A0, 0x10FF, Script::kGeorgian},   Range{0x1200, 0x139F, Script::kEthiopic},
    Range{0x1100, 0x11FF, Script::kHangul},     Range{0xAC00, 0xD7AF, Script::kHangul},
    Range{0x3040, 0x30FF, Script::kHan},        Range{0x3400, 0x4DBF, Script::kHan},
    Range{0x4E00, 0x9FFF, Script::kHan},        Range{0xF900, 0xFAFF, Script::kHan},
};

struct LanguageScript {
  std::string_view language;
  Script script;
};

constexpr std::array kLanguages{
    LanguageScript{"pnb", Script::kArabic},    LanguageScript{"prs", Script::kArabic},
    LanguageScript{"skr", Script::kArabic},    LanguageScript{"syl", Script::kBengali},
    LanguageScript{"yue", Script::kHan},       LanguageScript{"tig", Script::kEthiopic},
    LanguageScript{"ar", Script::kArabic},     LanguageScript{"fa", Script::kArabic},
    LanguageScript{"ur", Script::kArabic},     LanguageScript{"ps", Script::kArabic},
    LanguageScript{"ckb", Script::kArabic},    LanguageScript{"he", Script::kHebrew},
    LanguageScript{"yi", Script::kHebrew},     LanguageScript{"ru", Script::kCyrillic},
    LanguageScript{"uk", Script::kCyrillic},   LanguageScript{"bg", Script::kCyrillic},
    LanguageScript{"sr", Script::kCyrillic},   LanguageScript{"mk", Script::kCyrillic},
    LanguageScript{"be", Script::kCyrillic},   LanguageScript{"el", Script::kGreek},
    LanguageScript{"hy", Script::kArmenian},   LanguageScript{"ka", Script::kGeorgian},
    LanguageScript{"hi", Script::kDevanagari}, LanguageScript{"mr", Script::kDevanagari},
    LanguageScript{"ne", Script::kDevanagari}, LanguageScript{"bn", Script::kBengali},
    LanguageScript{"pa", Script::kGurmukhi},   LanguageScript{"gu", Script::kGujarati},
    LanguageScript{"ta", Script::kTamil},      LanguageScript{"th", Script::kThai},
    LanguageScript{"am", Script::kEthiopic},   LanguageScript{"ti", Script::kEthiopic},
    LanguageScript{"ko", Script::kHangul},     LanguageScript{"zh", Script::kHan},
    LanguageScript{"ja", Script::kHan},
};

struct ScriptSubtag {
  std::string_view subtag;  // ISO 15924, lower case
  Script script;
};

// A tag's own script subtag wins over its language: Punjabi in Shahmukhi is "pa-Arab",
// Serbian in Latin letters "sr-Latn", Chinese in traditional characters "zh-Hant".
constexpr std::array kScriptSubtags{
    ScriptSubtag{"latn", Script::kLatin},      ScriptSubtag{"grek", Script::kGreek},
    ScriptSubtag{"cyrl", Script::kCyrillic},   ScriptSubtag{"armn", Script::kArmenian},
    ScriptSubtag{"hebr", Script::kHebrew},     ScriptSubtag{"arab", Script::kArabic},
    ScriptSubtag{"deva", Script::kDevanagari}, ScriptSubtag{"beng", Script::kBengali},
    ScriptSubtag{"guru", Script::kGurmukhi},   ScriptSubtag{"gujr", Script::kGujarati},
    ScriptSubtag{"taml", Script::kTamil},      ScriptSubtag{"thai", Script::kThai},
    ScriptSubtag{"geor", Script::kGeorgian},   ScriptSubtag{"ethi", Script::kEthiopic},
    ScriptSubtag{"hang", Script::kHangul},     ScriptSubtag{"kore", Script::kHangul},
    ScriptSubtag{"hans", Script::kHan},        ScriptSubtag{"hant", Script::kHan},
    ScriptSubtag{"hani", Script::kHan},        ScriptSubtag{"jpan", Script::kHan},
};

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// Decodes one code point at `i`, advancing it; nullopt for a malformed sequence.
std::optional<char32_t> NextCodePoint(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return std::nullopt;
  }
  char32_t cp = length == 1 ? b : b & (0xFF >> (length + 1));
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += length;
  return cp;
}

}  // namespace

Script ScriptOf(char32_t cp) {
  for (const auto& range : kRanges) {
    if (cp >= range.first && cp <= range.last) return range.script;
  }
  // Marks and symbols that are not letters of a known block are neutral.
  if (cp < 0x0250 || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || (cp >= 0xFF00 && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65)) {  // CJK punctuation, full width
    return Script::kCommon;
  }
  return Script::kOther;
}

std::optional<Script> ScriptOfLanguage(std::string_view bcp47) {
  std::vector<std::string> subtags(1);
  for (char c : Lower(bcp47)) {
    if (c == '-' || c == '_')
      subtags.emplace_back();
    else
      subtags.back() += c;
  }
  for (size_t i = 1; i < subtags.size(); ++i) {
    for (const auto& entry : kScriptSubtags) {
      if (subtags[i] == entry.subtag) return entry.script;
    }
  }
  const std::string& primary = subtags.front();
  for (const auto& entry : kLanguages) {
    if (entry.language == primary) return entry.script;
  }
  // Most other languages with a two-letter code that a plan will name (pl, ro, so, ...)
  // are written in Latin script; say so only for the ones we are sure of.
  static constexpr std::string_view kLatin[] = {
      "en", "pl", "ro", "so", "lt", "lv", "pt", "es", "fr", "de", "it", "tr", "cy", "ga", "gd",
      "sq", "cs", "sk", "hu", "nl", "sw", "yo", "ig", "ha", "tl", "vi", "ms", "id", "et", "hr"};
  for (auto code : kLatin) {
    if (code == primary) return Script::kLatin;
  }
  return std::nullopt;
}

std::vector<ScriptRun> SplitScriptRuns(std::string_view text) {
  std::vector<ScriptRun> runs;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    auto cp = NextCodePoint(text, i);
    Script script = cp ? ScriptOf(*cp) : Script::kOther;
    std::string_view piece = text.substr(start, i - start);
    if (runs.empty()) {
      runs.push_back({std::string(piece), script});
    } else if (script == Script::kCommon || script == runs.back().script) {
      runs.back().text += piece;
    } else if (runs.back().script == Script::kCommon) {
      // Leading neutral characters take the script of the first letter.
      runs.back().text += piece;
      runs.back().script = script;
    } else {
      runs.push_back({std::string(piece), script});
    }
  }
  // Trailing ASCII spaces and punctuation after a non-Latin run ("(مريم حداد)") belong to
  // the surrounding text, not to the right-to-left or other-script run.
  std::vector<ScriptRun> out;
  for (auto& run : runs) {
    std::string tail;
    if (run.script != Script::kLatin && run.script != Script::kCommon) {
      size_t end = run.text.size();
      while (end > 0) {
        unsigned char c = static_cast<unsigned char>(run.text[end - 1]);
        if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
          break;
        --end;
      }
      if (end > 0) {
        tail = run.text.substr(end);
        run.text.resize(end);
      }
    }
    if (!out.empty() && out.back().script == Script::kCommon && !out.back().text.empty() &&
        out.size() > 1 && run.script == Script::kLatin) {
      // Join a moved tail with the Latin run that follows it.
      run.text = out.back().text + run.text;
      out.pop_back();
    }
    out.push_back(std::move(run));
    if (!tail.empty()) out.push_back({std::move(tail), Script::kCommon});
  }
  return out;
}

}  // namespace ehcp
