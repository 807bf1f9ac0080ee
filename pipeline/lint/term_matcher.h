#pragma once

// A word list compiled into one ICU regular expression (an alternation with a capture
// group per term), matched on word boundaries (\b between a Unicode word character and
// anything else). Each term is checked when the rule set loads. A literal prefilter
// (literal_prefilter.h), built on first use, finds in one pass which terms may match a
// text; a text with none never reaches ICU, and a text with some is searched with the
// alternation of those terms only (ICU tries every alternative at every position, so a
// 40-term list cost forty times a 1-term one). Alternations are compiled on first use,
// kept per set of terms, and shared by every thread: matchers come from mutex-guarded
// pools, so concurrent use is safe. No ICU type appears in this header. A plan's text
// fields are scanned once for every list of the rule set (term_index.h); a match on a
// field given as a ScannedField takes its candidates from that scan.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/literal_prefilter.h"
#include "lint/rule_spec.h"

namespace ehcp {

struct CompiledAlternation;  // term_matcher.cc: an ICU pattern and its matchers
class TermIndex;
class TextTerms;

// A text that is field `field` of a plan whose fields `terms` scans once for every list.
// Empty (no terms): the list scans the text itself.
struct ScannedField {
  const TextTerms* terms = nullptr;
  size_t field = 0;
};

struct TermMatch {
  size_t term = 0;   // index into the word list's terms
  size_t begin = 0;  // byte offsets into the UTF-8 text
  size_t end = 0;
  std::string text;  // the words matched, as written
};

class TermMatcher {
 public:
  // Compiles `list`; a term that is not a valid regex is reported and left out.
  static std::unique_ptr<TermMatcher> Compile(const WordListSpec& list,
                                              DiagnosticList& diagnostics);
  // A single pattern (not a word list), e.g. first-person markers.
  static std::unique_ptr<TermMatcher> CompilePattern(const std::string& regex, bool case_sensitive,
                                                     DiagnosticList& diagnostics,
                                                     const SourceLocation& where);
  ~TermMatcher();

  // Every non-overlapping match in `utf8`, in order.
  std::vector<TermMatch> FindAll(std::string_view utf8, ScannedField scanned = {}) const;
  // Whether anything matches.
  bool Matches(std::string_view utf8, ScannedField scanned = {}) const;
  // False only when no term can match anywhere in `utf8`, nor so in any part of it (no
  // term's required literals occur in it): the prefilter alone, no regex.
  bool MayMatch(std::string_view utf8, ScannedField scanned = {}) const;

  // What the prefilter needs of each term: literals one of which every match holds, nullopt
  // when none can be derived, an empty list for a term left out (never a candidate).
  std::vector<std::optional<std::vector<std::string>>> TermLiterals() const;
  // Called by `index` as it takes this list in: its terms are ids first_id, first_id + 1, ...
  void JoinIndex(const TermIndex* index, uint32_t first_id);

  const WordListSpec& List() const { return list_; }

  // Every match runs under ICU's time and stack limits, so a council's term that backtracks
  // without end ("(a|aa)+(a|aa)+b") stops instead of hanging lint. The first term found
  // to time out (each regex term is tried alone on the text that timed out), or nullptr.
  const WordListTerm* TimedOutTerm() const;

 private:
  struct Impl;
  TermMatcher();
  // Which terms may match `utf8`: from the scan of the rule set's index when `scanned` is a
  // field it holds, else from this list's own prefilter, built on first use.
  bool Candidates(std::string_view utf8, ScannedField scanned, std::vector<char>& candidates) const;
  // The compiled alternation to search `utf8` with, or nullptr when no term may match.
  CompiledAlternation* AlternationFor(std::string_view utf8, ScannedField scanned) const;
  void NoteTimeOut(std::string_view utf8) const;  // records which term was too slow
  WordListSpec list_;
  std::vector<std::string> alternatives_;  // each term's alternative; empty: left out
  std::vector<int> inner_groups_;          // capture groups inside each term
  std::unique_ptr<Impl> impl_;
  const TermIndex* index_ = nullptr;  // the rule set's index, once it holds this list
  uint32_t first_id_ = 0;
};

}  // namespace ehcp
