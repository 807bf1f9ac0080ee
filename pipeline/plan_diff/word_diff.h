#pragma once

// A word-level diff of two pieces of text, for showing what an amendment changes inside
// a sentence. Tokens are words (letters and digits, non-ASCII bytes counted as letters),
// numbers and single punctuation marks; the white space before a token is kept with it so
// that the text can be shown again as written.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp {

enum class DiffOp { kSame, kDeleted, kInserted };

// A run of consecutive tokens with one fate. `text` holds the run as written, without the
// white space before its first token; `space_before` says whether there was any.
struct TextPiece {
  DiffOp op = DiffOp::kSame;
  std::string text;
  bool space_before = false;
};

struct WordDiff {
  std::vector<TextPiece> pieces;
  // True when the texts were too long to compare word by word: after the common start and
  // end, the rest is shown as deleted then inserted whole.
  bool replaced = false;
};

struct WordToken {
  std::string text;
  bool space_before = false;
};

std::vector<WordToken> Tokenize(std::string_view text);

// The longest-common-subsequence table needs (old tokens x new tokens) cells once the
// common start and end are trimmed; past `max_cells` the middle is reported as replaced,
// so a pathological input costs linear memory, not quadratic.
inline constexpr size_t kDefaultMaxDiffCells = size_t{1} << 20;
WordDiff DiffWords(std::string_view old_text, std::string_view new_text,
                   size_t max_cells = kDefaultMaxDiffCells);

}  // namespace ehcp
