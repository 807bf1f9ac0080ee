#pragma once

// A word list compiled into one ICU regular expression (an alternation with a capture
// group per term), matched on word boundaries (\b between a Unicode word character and
// anything else). Each term is checked when the rule set loads; the combined expression
// is compiled on first use (most runs never need most lists), then shared by every
// thread: matchers come from a mutex-guarded pool, so concurrent use is safe. A literal
// prefilter (literal_prefilter.h), also built on first use, sends only texts that may
// match to the regex. No ICU type appears in this header.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "lint/literal_prefilter.h"
#include "lint/rule_spec.h"

namespace ehcp {

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
  std::vector<TermMatch> FindAll(std::string_view utf8) const;
  // Whether anything matches.
  bool Matches(std::string_view utf8) const;

  const WordListSpec& List() const { return list_; }

  // Every match runs under ICU's time and stack limits, so a council's term that backtracks
  // without end ("(a|aa)+(a|aa)+b") stops instead of hanging lint. The first term found
  // to time out (each regex term is tried alone on the text that timed out), or nullptr.
  const WordListTerm* TimedOutTerm() const;

 private:
  struct Impl;
  TermMatcher();
  bool EnsureCompiled() const;  // compiles the alternation once; false if it does not
  bool MayMatch(std::string_view utf8) const;     // the prefilter, built on first use
  void NoteTimeOut(std::string_view utf8) const;  // records which term was too slow
  WordListSpec list_;
  std::vector<int> group_of_term_;  // capture group number of each term; -1: left out
  std::string combined_;            // the alternation, compiled on first use
  std::unique_ptr<Impl> impl_;
};

}  // namespace ehcp
