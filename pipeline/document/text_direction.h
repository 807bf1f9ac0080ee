#pragma once

// Which runs and paragraphs read right to left, decided once for both writers (the PDF's
// line layout and Word's paragraph properties). A span's `lang` says so when the builder
// knew the language ("ar", "ur"); a name typed in Arabic script with no language tag
// still needs direction, so the characters' script decides too.

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace ehcp {

enum class Direction { kNeutral, kLeftToRight, kRightToLeft };

// True for BCP 47 tags whose script is written right to left (ar, he, fa, ur, ps, yi,
// sd, ug, dv, ckb, syr, and any tag with an Arab/Hebr/Syrc/Thaa/Nkoo script subtag).
bool IsRightToLeftLanguage(std::string_view lang);

// The direction of the first strongly directional character (Unicode bidi rules P2/P3),
// kNeutral when there is none (digits, punctuation, spaces only).
Direction FirstStrongDirection(std::string_view utf8);

// True when any character of `utf8` belongs to a right-to-left script.
bool ContainsRightToLeftText(std::string_view utf8);

// Whether a paragraph reads right to left (aligned right, its full stop at the left): it
// has right-to-left text and either every span with letters is tagged with a
// right-to-left language (a parent's views recorded in Arabic, with "Minecraft" in
// them), or it has no left-to-right letter at all. Otherwise it reads left to right like
// the English document around it, even when it starts with an Arabic name ("مريم حداد
// (stepmother)"), where the first-strong-character rule would turn it round.
bool ReadsRightToLeft(const std::vector<doc::Span>& spans);
bool ReadsRightToLeft(std::string_view utf8);

// `utf8` without explicit bidi embedding, override and isolate controls (U+202A–U+202E,
// U+2066–U+2069). Typed into a name, an override reverses the template's own words
// around it in Word and shows as stray marks in a PDF; each writer decides direction
// from the text itself (ReadsRightToLeft), so plan text never needs them.
std::string WithoutBidiControls(std::string_view utf8);

}  // namespace ehcp
