#include "plan_diff/word_diff.h"

#include <algorithm>
#include <cstdint>

namespace ehcp {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
// Bytes of non-ASCII characters count as word characters, so "café" stays one word.
bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

void Append(std::vector<TextPiece>& pieces, DiffOp op, const WordToken& token) {
  if (!pieces.empty() && pieces.back().op == op) {
    if (token.space_before) pieces.back().text += ' ';
    pieces.back().text += token.text;
    return;
  }
  pieces.push_back(TextPiece{op, token.text, token.space_before});
}

}  // namespace

std::vector<WordToken> Tokenize(std::string_view text) {
  std::vector<WordToken> tokens;
  size_t i = 0;
  while (i < text.size()) {
    bool space = false;
    while (i < text.size() && IsSpace(static_cast<unsigned char>(text[i]))) {
      space = true;
      ++i;
    }
    if (i >= text.size()) break;
    size_t start = i;
    if (IsWordByte(static_cast<unsigned char>(text[i]))) {
      while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    } else {
      ++i;  // one punctuation mark
    }
    tokens.push_back(
        WordToken{std::string(text.substr(start, i - start)), space && !tokens.empty()});
  }
  return tokens;
}

WordDiff DiffWords(std::string_view old_text, std::string_view new_text, size_t max_cells) {
  const std::vector<WordToken> a = Tokenize(old_text);
  const std::vector<WordToken> b = Tokenize(new_text);
  WordDiff diff;
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix].text == b[prefix].text) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix].text == b[b.size() - 1 - suffix].text)
    ++suffix;
  for (size_t i = 0; i < prefix; ++i) Append(diff.pieces, DiffOp::kSame, b[i]);

  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;
  if (n > 0 && m > 0 && (n + 1) > max_cells / (m + 1)) {
    diff.replaced = true;
    for (size_t i = 0; i < n; ++i) Append(diff.pieces, DiffOp::kDeleted, a[prefix + i]);
    for (size_t j = 0; j < m; ++j) Append(diff.pieces, DiffOp::kInserted, b[prefix + j]);
  } else if (n == 0 || m == 0) {
    for (size_t i = 0; i < n; ++i) Append(diff.pieces, DiffOp::kDeleted, a[prefix + i]);
    for (size_t j = 0; j < m; ++j) Append(diff.pieces, DiffOp::kInserted, b[prefix + j]);
  } else {
    // lcs[i][j]: the longest common subsequence of a[i..n) and b[j..m) (after the prefix).
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        at(i, j) = a[prefix + i].text == b[prefix + j].text ? at(i + 1, j + 1) + 1
                                                            : std::max(at(i + 1, j), at(i, j + 1));
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[prefix + i].text == b[prefix + j].text) {
        Append(diff.pieces, DiffOp::kSame, b[prefix + j]);
        ++i, ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        Append(diff.pieces, DiffOp::kDeleted, a[prefix + i]);
        ++i;
      } else {
        Append(diff.pieces, DiffOp::kInserted, b[prefix + j]);
        ++j;
      }
    }
  }
  for (size_t k = b.size() - suffix; k < b.size(); ++k) Append(diff.pieces, DiffOp::kSame, b[k]);
  return diff;
}

}  // namespace ehcp
