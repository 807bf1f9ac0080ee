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

  // The terms that may match `utf8`, in one pass: candidates[t] is 1 when term t's
  // required strings occur in it or t cannot be filtered, else 0 (a term whose entry in
  // `required` is an empty list is never a candidate). A term that is not a candidate
  // cannot match anywhere in the text, so the regex may leave it out. Returns whether
  // any term is a candidate.
  bool Candidates(std::string_view utf8, std::vector<char>& candidates) const;

  // The same terms as Candidates, appended to `terms` as indices, unsorted and perhaps
  // repeated: for an automaton over many lists (term_index.h), where most terms of most
  // texts are not candidates and a flag per term would cost more than the scan.
  void AppendCandidates(std::string_view utf8, std::vector<uint32_t>& terms) const;

 private:
  bool Scan(std::string_view bytes) const;
  // Marks the terms found in `bytes`; false, having stopped, at a byte over 0x7F when
  // `ascii_only`.
  bool Collect(std::string_view bytes, bool ascii_only, std::vector<char>& candidates,
               bool& any) const;
  // As Collect, appending the terms found to `terms`; with `ascii_only`, a text holding a
  // byte over 0x7F is not scanned at all (false), since the caller scans it folded.
  bool CollectIds(std::string_view bytes, bool ascii_only, std::vector<uint32_t>& terms) const;

  bool case_sensitive_;
  bool always_ = false;   // some term cannot be filtered: MayMatch is always true
  bool filtered_ = true;  // false: the automaton was not built, every term may match
  size_t terms_ = 0;
  std::vector<uint32_t> unfiltered_;  // terms that cannot be filtered
  // Per state, the terms whose literals end there (or at a suffix of it), as a range of
  // output_terms_: [output_begin_[s], output_begin_[s + 1]).
  std::vector<uint32_t> output_begin_;
  std::vector<uint32_t> output_terms_;
  // The automaton: byte classes (bytes no literal uses share class 0), a dense
  // state x class transition table and, per state, whether a literal ends there.
  uint8_t class_of_[256] = {};
  int classes_ = 1;
  std::vector<uint16_t> next_;
  std::vector<uint8_t> accepts_;
};

}  // namespace ehcp
