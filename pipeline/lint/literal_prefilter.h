#pragma once

// A cheap first pass in front of a word list's regular expression. Most plan text holds
// none of a list's terms, and ICU's regex engine tries every alternative at every
// position, so the linter spent most of its time proving texts innocent. Each term
// yields literal strings at least one of which must occur in any text the term matches
// ("as (and when )?(required|needed)" needs "as required", "as needed", "as and when
// required" or "as and when needed"); the prefilter finds them all in one pass
// (Aho–Corasick over case-folded bytes) and the regex runs only on texts that contain
// one. The filter may let an innocent text through, never stop a guilty one: syntax it
// does not understand makes the term unfiltered, and then every text goes to the regex.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp {

// Literal strings, one of which occurs in every match of `regex` (ICU syntax), or nullopt
// when none can be derived (the regex can match text without any fixed string, or uses
// syntax this analysis does not model). Strings are as written, not case-folded.
std::optional<std::vector<std::string>> RequiredLiterals(std::string_view regex);

class LiteralPrefilter {
 public:
  // `required` holds one entry per term; nullopt means the term cannot be filtered, and
  // then MayMatch is always true.
  LiteralPrefilter(const std::vector<std::optional<std::vector<std::string>>>& required,
                   bool case_sensitive);

  // False only when no term's required strings occur in `utf8` (in the automaton, a
  // long string stands for its first 16 bytes, which any text holding it also holds).
  bool MayMatch(std::string_view utf8) const;

 private:
  bool Scan(std::string_view bytes) const;

  bool case_sensitive_;
  bool always_ = false;
  // The automaton: byte classes (bytes no literal uses share class 0), a dense
  // state x class transition table and, per state, whether a literal ends there.
  uint8_t class_of_[256] = {};
  int classes_ = 1;
  std::vector<uint16_t> next_;
  std::vector<uint8_t> accepts_;
};

}  // namespace ehcp
