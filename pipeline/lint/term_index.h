#pragma once

// Every word list of a rule set behind one literal prefilter (literal_prefilter.h), so each
// text field of a plan is scanned once for all lists rather than once per list and rule:
// thirteen lexicon rules and their `unless` and `except` lists read the same fields, and
// scanning them again and again was 2.0 M of the 7.0 M instructions that linting a
// 30-page plan took. The automaton is built from the lists as the rule files and the
// council's profile give them, once per rule set, and then only read, by any number of
// threads. Case-insensitive lists share one automaton over case-folded text, and
// case-sensitive lists (acronyms) another over the bytes as written. Each list then asks
// ICU only about the terms of its own that the one scan found (term_matcher.h).

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "lint/literal_prefilter.h"
#include "lint/plan_text.h"

namespace ehcp {

class TermMatcher;

class TermIndex {
 public:
  // Gives each list's terms a range of ids (TermMatcher::JoinIndex) and builds the automata.
  explicit TermIndex(const std::vector<TermMatcher*>& lists);

  // Appends to `ids`, sorted and once each, the ids of the terms of every list of that case
  // sensitivity that may match `utf8`: their required literals occur in it, or they cannot
  // be filtered.
  void Scan(std::string_view utf8, bool case_sensitive, std::vector<uint32_t>& ids) const;

 private:
  std::unique_ptr<LiteralPrefilter> folded_;  // the case-insensitive lists
  std::unique_ptr<LiteralPrefilter> exact_;   // the case-sensitive lists
};

// One plan's text fields, each scanned by each automaton at most once, on first use. Made
// by the linter for one plan and used by one thread; a field's ids stay valid until the next
// call of Ids.
class TextTerms {
 public:
  TextTerms(const TermIndex* index, const std::vector<PlanTextField>& text);

  const TermIndex* Index() const { return index_; }
  // Whether `utf8` is the value of field `field` (the text the scan is about).
  bool Holds(size_t field, std::string_view utf8) const;
  // The ids of the terms that may match field `field`, sorted.
  std::span<const uint32_t> Ids(size_t field, bool case_sensitive) const;

 private:
  static constexpr uint32_t kNotScanned = UINT32_MAX;
  const TermIndex* index_;
  const std::vector<PlanTextField>& text_;
  mutable std::vector<uint32_t> ids_;  // every scanned field's ids, one run after another
  // Per field and automaton, its run in ids_ as [begin, end); begin kNotScanned: not yet.
  mutable std::vector<std::pair<uint32_t, uint32_t>> runs_[2];
};

}  // namespace ehcp
