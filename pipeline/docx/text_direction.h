#pragma once

// Which runs and paragraphs Word must lay out right to left. A span's `lang` says so
// when the builder knew the language ("ar", "ur"); a name typed in Arabic script with no
// language tag still needs direction, so the characters' script decides too.

#include <string_view>

namespace ehcp::docx {

enum class Direction { kNeutral, kLeftToRight, kRightToLeft };

// True for BCP 47 tags whose script is written right to left (ar, he, fa, ur, ps, yi,
// sd, ug, dv, ckb, syr, and any tag with an Arab/Hebr/Syrc/Thaa/Nkoo script subtag).
bool IsRightToLeftLanguage(std::string_view lang);

// The direction of the first strongly directional character (Unicode bidi rules P2/P3),
// kNeutral when there is none (digits, punctuation, spaces only).
Direction FirstStrongDirection(std::string_view utf8);

// True when any character of `utf8` belongs to a right-to-left script.
bool ContainsRightToLeftText(std::string_view utf8);

}  // namespace ehcp::docx
