#include "lint/term_matcher.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "lint/term_index.h"

namespace ehcp {

// Matchers are pooled: creating one allocates its stack and buffers, so a matcher is
// reset onto new text instead of recreated.
// The pool makes concurrent use from many threads safe without per-thread state.
// A text that outlives every matcher, for matchers waiting in the pool to point at.
const icu::UnicodeString& EmptyText() {
  static const icu::UnicodeString empty;
  return empty;
}

// Steps of ICU's match engine per search (about a second at most) and bytes of its
// backtracking stack; no plan sentence needs a fraction of either.
constexpr int32_t kMatchTimeLimit = 1000;
constexpr int32_t kMatchStackLimit = 8 * 1024 * 1024;

void LimitMatcher(icu::RegexMatcher& m) {
  UErrorCode status = U_ZERO_ERROR;
  m.setTimeLimit(kMatchTimeLimit, status);
  m.setStackLimit(kMatchStackLimit, status);
}

// One compiled alternation (the whole list, or the terms that may match some text) with
// its capture group per term and its pool of matchers.
struct CompiledAlternation {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::vector<int> group_of_term;  // capture group number of each term; -1: left out
  std::mutex mutex;
  std::vector<std::unique_ptr<icu::RegexMatcher>> pool;

  std::unique_ptr<icu::RegexMatcher> Acquire(const icu::UnicodeString& text) {
    if (!pattern) return nullptr;
    std::unique_ptr<icu::RegexMatcher> m;
    {
      std::lock_guard lock(mutex);
      if (!pool.empty()) {
        m = std::move(pool.back());
        pool.pop_back();
      }
    }
    if (m) {
      m->reset(text);
      return m;
    }
    UErrorCode status = U_ZERO_ERROR;
    m.reset(pattern->matcher(text, status));
    if (U_FAILURE(status)) m.reset();
    if (m) LimitMatcher(*m);
    return m;
  }
  void Release(std::unique_ptr<icu::RegexMatcher> m) {
    if (!m) return;
    // Detach the text (the matcher keeps a pointer to it) before pooling the matcher.
    m->reset(EmptyText());
    std::lock_guard lock(mutex);
    pool.push_back(std::move(m));
  }
};

// Alternations of part of a list, kept per set of candidate terms. Plans use the same
// few sets again and again; past this many a list falls back to its whole alternation.
constexpr size_t kMaxPartialAlternations = 256;

struct TermMatcher::Impl {
  std::mutex timed_out_mutex;
  bool timed_out = false;
  const WordListTerm* timed_out_term = nullptr;

  std::once_flag filtered;
  std::unique_ptr<LiteralPrefilter> prefilter;
  std::once_flag compiled;
  CompiledAlternation whole;
  std::mutex partial_mutex;
  std::map<std::string, std::unique_ptr<CompiledAlternation>> partial;  // by candidate set
};

TermMatcher::TermMatcher() : impl_(std::make_unique<Impl>()) {}
TermMatcher::~TermMatcher() = default;

namespace {

// \Q...\E quoting, with any \E inside the phrase split out so it stays literal.
std::string QuoteLiteral(const std::string& text) {
  std::string out = "\\Q";
  size_t at = 0;
  for (size_t hit; (hit = text.find("\\E", at)) != std::string::npos; at = hit + 2) {
    out += text.substr(at, hit - at) + "\\E\\\\E\\Q";
  }
  return out + text.substr(at) + "\\E";
}

uint32_t Flags(bool case_sensitive) {
  // \b is ICU's default word boundary: between a Unicode word character (\w: letters of
  // any script, digits, marks) and anything else, so "irregularly" never matches
  // "regular" and "Zoë" is one word. UREGEX_UWORD (UAX #29 boundaries) was measured at
  // over a quarter of the linter's time, for no difference on plan wording.
  return case_sensitive ? 0 : UREGEX_CASE_INSENSITIVE;
}

std::unique_ptr<icu::RegexPattern> CompileOne(const std::string& regex, bool case_sensitive,
                                              std::string* error) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::RegexPattern> pattern(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8(regex), Flags(case_sensitive), parse_error, status));
  if (U_FAILURE(status)) {
    *error = std::string(u_errorName(status)) + " at offset " + std::to_string(parse_error.offset);
    return nullptr;
  }
  return pattern;
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
}

bool StartsWithWord(const WordListTerm& term) {
  if (!term.text.empty()) return IsWordChar(term.text.front());
  const std::string& r = term.regex;
  if (r.empty() || r[0] == '^' || r[0] == '[' || r[0] == '<') return false;
  if (r[0] == '\\') return r.size() > 1 && (r[1] == 'd' || r[1] == 'w');
  return true;  // a letter, or a group of words
}

bool EndsWithWord(const WordListTerm& term) {
  if (!term.text.empty()) return IsWordChar(term.text.back());
  const std::string& r = term.regex;
  if (r.empty() || r.back() == '$' || r.back() == ']' || r.back() == '>') return false;
  if (r.size() >= 2 && r[r.size() - 2] == '\\') return false;  // an escaped symbol
  return true;
}

// Byte offset in `utf8` of UTF-16 offset `units`.
size_t ByteOffset(std::string_view utf8, int32_t units) {
  size_t i = 0;
  int32_t counted = 0;
  while (i < utf8.size() && counted < units) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    counted += len == 4 ? 2 : 1;
    i += len;
  }
  return std::min(i, utf8.size());
}

}  // namespace

std::unique_ptr<TermMatcher> TermMatcher::Compile(const WordListSpec& list,
                                                  DiagnosticList& diagnostics) {
  std::unique_ptr<TermMatcher> matcher(new TermMatcher());
  matcher->list_ = list;
  for (const auto& term : list.terms) {
    const bool literal = !term.text.empty();
    std::string body = literal ? QuoteLiteral(term.text) : term.regex;
    std::string error;
    // A regex term is compiled alone to report a bad term precisely and count its groups;
    // case folding changes neither, and skipping it here saves most of the compile time.
    // A quoted literal is always valid and has no groups.
    std::unique_ptr<icu::RegexPattern> alone;
    if (!literal) alone = CompileOne(body, /*case_sensitive=*/true, &error);
    if (!literal && !alone) {
      diagnostics.Error("rules.regex",
                        "word list \"" + list.name + "\": term \"" + term.Display() +
                            "\" is not a valid regular expression (" + error + ")",
                        term.location);
      matcher->alternatives_.emplace_back();
      matcher->inner_groups_.push_back(0);
      continue;
    }
    // Word boundaries only where the term starts or ends with a word character, so terms
    // such as "e.g." or "[INSERT" still match.
    matcher->alternatives_.push_back((StartsWithWord(term) ? "\\b(" : "(") + body +
                                     (EndsWithWord(term) ? ")\\b" : ")"));
    int inner_groups = 0;
    if (alone) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::RegexMatcher> counter(alone->matcher(status));
      if (U_SUCCESS(status)) inner_groups = counter->groupCount();
    }
    matcher->inner_groups_.push_back(inner_groups);
  }
  return matcher;
}

std::vector<std::optional<std::vector<std::string>>> TermMatcher::TermLiterals() const {
  std::vector<std::optional<std::vector<std::string>>> required;
  for (size_t t = 0; t < list_.terms.size(); ++t) {
    const WordListTerm& term = list_.terms[t];
    if (alternatives_[t].empty()) {  // not a valid regex: left out, never a candidate
      required.emplace_back(std::vector<std::string>{});
      continue;
    }
    required.push_back(term.text.empty() ? RequiredLiterals(term.regex)
                                         : std::vector<std::string>{term.text});
  }
  return required;
}

void TermMatcher::JoinIndex(const TermIndex* index, uint32_t first_id) {
  index_ = index;
  first_id_ = first_id;
}

bool TermMatcher::Candidates(std::string_view utf8, ScannedField scanned,
                             std::vector<char>& candidates) const {
  if (index_ != nullptr && scanned.terms != nullptr && scanned.terms->Index() == index_ &&
      scanned.terms->Holds(scanned.field, utf8)) {
    // The one scan of the field found the ids of every list's candidates; this list's are
    // the run [first_id_, first_id_ + terms).
    std::span<const uint32_t> ids = scanned.terms->Ids(scanned.field, list_.case_sensitive);
    const uint32_t end = first_id_ + static_cast<uint32_t>(list_.terms.size());
    auto it = std::lower_bound(ids.begin(), ids.end(), first_id_);
    // Most fields hold none of a list's terms: then no candidates are asked for.
    if (it == ids.end() || *it >= end) return false;
    candidates.assign(list_.terms.size(), 0);
    for (; it != ids.end() && *it < end; ++it) candidates[*it - first_id_] = 1;
    return true;
  }
  // Built on first use: many lists (acronym expansions, word sets) are never searched.
  std::call_once(impl_->filtered, [this] {
    impl_->prefilter = std::make_unique<LiteralPrefilter>(TermLiterals(), list_.case_sensitive);
  });
  return impl_->prefilter->Candidates(utf8, candidates);
}

namespace {

// Compiles the alternation of the terms for which `include` is set, in list order; a term
// left out keeps group -1. ICU tries alternatives in order at each position, so leaving
// out terms that cannot match anywhere in a text finds exactly what the whole list finds.
void CompileAlternation(const std::vector<std::string>& alternatives,
                        const std::vector<int>& inner_groups, const std::vector<char>* include,
                        bool case_sensitive, CompiledAlternation& out) {
  std::string combined;
  int group = 1;
  out.group_of_term.assign(alternatives.size(), -1);
  for (size_t t = 0; t < alternatives.size(); ++t) {
    if (alternatives[t].empty() || (include && !(*include)[t])) continue;
    if (!combined.empty()) combined += "|";
    combined += alternatives[t];
    out.group_of_term[t] = group;
    group += 1 + inner_groups[t];
  }
  if (combined.empty()) combined = "(?!)";  // an empty list matches nothing
  // Every term compiled alone when the list loaded, so the alternation compiles too.
  std::string error;
  out.pattern = CompileOne(combined, case_sensitive, &error);
}

}  // namespace

CompiledAlternation* TermMatcher::AlternationFor(std::string_view utf8,
                                                 ScannedField scanned) const {
  thread_local std::vector<char> candidates;
  if (!Candidates(utf8, scanned, candidates)) return nullptr;
  bool every = true;
  for (size_t t = 0; t < alternatives_.size() && every; ++t)
    every = alternatives_[t].empty() || candidates[t];
  if (!every) {
    std::string key(candidates.begin(), candidates.end());
    std::lock_guard lock(impl_->partial_mutex);
    auto it = impl_->partial.find(key);
    if (it != impl_->partial.end()) return it->second.get();
    if (impl_->partial.size() < kMaxPartialAlternations) {
      auto compiled = std::make_unique<CompiledAlternation>();
      CompileAlternation(alternatives_, inner_groups_, &candidates, list_.case_sensitive,
                         *compiled);
      return impl_->partial.emplace(std::move(key), std::move(compiled)).first->second.get();
    }
  }
  std::call_once(impl_->compiled, [this] {
    CompileAlternation(alternatives_, inner_groups_, nullptr, list_.case_sensitive, impl_->whole);
  });
  return &impl_->whole;
}

std::unique_ptr<TermMatcher> TermMatcher::CompilePattern(const std::string& regex,
                                                         bool case_sensitive,
                                                         DiagnosticList& diagnostics,
                                                         const SourceLocation& where) {
  WordListSpec list;
  list.name = regex;
  list.case_sensitive = case_sensitive;
  list.location = where;
  list.terms.push_back(WordListTerm{{}, regex, {}, {}, where});
  return Compile(list, diagnostics);
}

// Names the term that made a search of `text` time out: each regex term alone, under the
// same limits. Runs only after a time-out, and once per list.
static const WordListTerm* FindSlowTerm(const WordListSpec& list, const icu::UnicodeString& text) {
  for (const auto& term : list.terms) {
    if (term.regex.empty()) continue;
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::RegexPattern> alone(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(term.regex), list.case_sensitive ? 0 : UREGEX_CASE_INSENSITIVE,
        parse_error, status));
    if (U_FAILURE(status)) continue;
    std::unique_ptr<icu::RegexMatcher> m(alone->matcher(text, status));
    if (U_FAILURE(status)) continue;
    LimitMatcher(*m);
    while (m->find(status) && U_SUCCESS(status)) {
    }
    if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) return &term;
  }
  return nullptr;
}

const WordListTerm* TermMatcher::TimedOutTerm() const {
  std::lock_guard lock(impl_->timed_out_mutex);
  if (!impl_->timed_out) return nullptr;
  return impl_->timed_out_term ? impl_->timed_out_term
                               : (list_.terms.empty() ? nullptr : &list_.terms.front());
}

void TermMatcher::NoteTimeOut(std::string_view utf8) const {
  {
    std::lock_guard lock(impl_->timed_out_mutex);
    if (impl_->timed_out) return;
    impl_->timed_out = true;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const WordListTerm* slow = FindSlowTerm(list_, text);
  std::lock_guard lock(impl_->timed_out_mutex);
  impl_->timed_out_term = slow;
}

std::vector<TermMatch> TermMatcher::FindAll(std::string_view utf8, ScannedField scanned) const {
  std::vector<TermMatch> out;
  if (utf8.empty()) return out;
  CompiledAlternation* alternation = AlternationFor(utf8, scanned);
  if (alternation == nullptr) return out;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::unique_ptr<icu::RegexMatcher> m = alternation->Acquire(text);
  if (!m) return out;
  const std::vector<int>& group_of_term = alternation->group_of_term;
  UErrorCode status = U_ZERO_ERROR;
  while (m->find(status) && U_SUCCESS(status)) {
    for (size_t t = 0; t < group_of_term.size(); ++t) {
      int g = group_of_term[t];
      if (g < 0) continue;
      int32_t start = m->start(g, status);
      if (start < 0) continue;
      int32_t end = m->end(g, status);
      TermMatch match;
      match.term = t;
      match.begin = ByteOffset(utf8, start);
      match.end = ByteOffset(utf8, end);
      match.text = std::string(utf8.substr(match.begin, match.end - match.begin));
      out.push_back(std::move(match));
      break;
    }
  }
  if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) NoteTimeOut(utf8);
  alternation->Release(std::move(m));
  return out;
}

bool TermMatcher::MayMatch(std::string_view utf8, ScannedField scanned) const {
  if (utf8.empty()) return false;
  thread_local std::vector<char> candidates;
  return Candidates(utf8, scanned, candidates);
}

bool TermMatcher::Matches(std::string_view utf8, ScannedField scanned) const {
  if (utf8.empty()) return false;
  CompiledAlternation* alternation = AlternationFor(utf8, scanned);
  if (alternation == nullptr) return false;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::unique_ptr<icu::RegexMatcher> m = alternation->Acquire(text);
  if (!m) return false;
  UErrorCode status = U_ZERO_ERROR;
  bool found = m->find(status) && U_SUCCESS(status);
  if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW) NoteTimeOut(utf8);
  alternation->Release(std::move(m));
  return found;
}

}  // namespace ehcp
