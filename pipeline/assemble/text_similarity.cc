#include "assemble/text_similarity.h"

#include <algorithm>

namespace ehcp {
namespace {

bool IsWordByte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80;
}

std::string Singular(std::string word) {
  if (word.size() > 4 && word.ends_with("ies")) return word.substr(0, word.size() - 3) + "y";
  if (word.size() > 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us"))
    word.pop_back();
  return word;
}

}  // namespace

std::set<std::string> ContentWords(std::string_view text, const std::set<std::string>& stop_words,
                                   const std::set<std::string>& extra_stop_words) {
  std::set<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
    if (start == i) continue;
    std::string word(text.substr(start, i - start));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Drop possessive "'s" left as a separate "s" token, numbers and stop words.
    if (word.size() < 2 || std::all_of(word.begin(), word.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      continue;
    if (stop_words.count(word) || extra_stop_words.count(word)) continue;
    words.insert(Singular(std::move(word)));
  }
  return words;
}

double WordOverlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t common = 0;
  for (const auto& word : a) common += b.count(word);
  return static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
}

}  // namespace ehcp
