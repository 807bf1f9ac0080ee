#pragma once

// Which writing system a piece of text is in, so the document builder can tag a name in
// Arabic or Cyrillic script with the person's language, and writers can pick fonts and
// direction for runs that carry no language tag.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp {

enum class Script {
  kCommon,  // spaces, digits, punctuation: belongs to whatever surrounds it
  kLatin,
  kGreek,
  kCyrillic,
  kArmenian,
  kHebrew,
  kArabic,
  kDevanagari,
  kBengali,
  kGurmukhi,
  kGujarati,
  kTamil,
  kThai,
  kGeorgian,
  kEthiopic,
  kHangul,
  kHan,  // Chinese characters, and Japanese kana
  kOther,
};

Script ScriptOf(char32_t code_point);

// The script a language is written in: a BCP 47 tag's script subtag when it has one
// ("pa-Arab" -> Arabic, "sr-Latn" -> Latin), else the script its primary subtag is usually
// written in ("ar" -> Arabic, "pl" -> Latin); nullopt when not known.
std::optional<Script> ScriptOfLanguage(std::string_view bcp47);

struct ScriptRun {
  std::string text;  // UTF-8
  Script script = Script::kCommon;
};

// Splits UTF-8 text into runs of one script; common characters (spaces, punctuation,
// digits) join the run before them, or the run after at the start. Invalid UTF-8 bytes
// count as kOther.
std::vector<ScriptRun> SplitScriptRuns(std::string_view text);

}  // namespace ehcp
