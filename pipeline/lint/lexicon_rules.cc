// Rule kinds over the plan's wording: lexicon (word-list matches), acronym (first use not
// explained), readability (per section), text-length (per item) and plan-length.
//
// lexicon          list=<word list>  unless=<word list: a match here silences the field>
//                  except=<word list of fixed phrases: a match inside one is not a match>
//                  maxWords=<fire only on fields this short>  once=item (one finding per item)
//                  quoted=skip|include  (default skip: words inside quotation marks are
//                  someone's words reported, not the plan's own)
//                  properNames=skip|include  (default skip: a match that is part of a
//                  capitalised name, "Access to Work", "Flexible Learning Hub", is a name)
//                  unlessSpecified=<provision fields: silent on a provision item that
//                  states them all, e.g. a key worker with role, qualification and hours>
// acronym          list=<case-sensitive list; each term's expansion is a regex>
//                  ignore=<word list of everyday abbreviations (UK, NHS, PE)>: when given,
//                  any other capitals-only word ("PBS", "TMT-B") is an acronym too, and is
//                  explained when words whose initials spell it stand beside it in
//                  brackets: "positive behaviour support (PBS)" or "PBS (positive ...)";
//                  except=<word list>: capitals inside its matches ("[INSERT DATE]", "TBC":
//                  placeholders, another rule's finding) are not acronyms
// readability      maxSentenceWords=<average>  minReadingEase=<Flesch>  minWords=<skip shorter
// sections> text-length      maxWords=<per item, summed over its fields in scope> plan-length
// maxWords=<whole plan>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "lint/rule_kinds.h"
#include "policy/wording.h"

namespace ehcp {

bool InScope(const RuleScope& scope, const PlanTextField& f) {
  if (scope.compiled && f.section_bit != 0 && f.field_bit != 0) {
    if (!(scope.section_mask & f.section_bit) || !(scope.field_mask & f.field_bit) ||
        (scope.excluded_sections & f.section_bit) || (scope.excluded_fields & f.field_bit))
      return false;
    for (auto [section, field] : scope.excluded_pairs)
      if ((section & f.section_bit) && (field & f.field_bit)) return false;
  } else {
    if (!scope.HasSection(f.section) || !scope.HasField(f.field)) return false;
    for (const auto& ex : scope.exclude) {
      // "I.none": the section, a dot and the field, compared without building the key.
      bool key = ex.size() == f.section.size() + 1 + f.field.size() &&
                 ex.compare(0, f.section.size(), f.section) == 0 && ex[f.section.size()] == '.' &&
                 ex.compare(f.section.size() + 1, std::string::npos, f.field) == 0;
      if (key || ex == f.section || ex == f.field) return false;
    }
  }
  // Entry kinds narrow Section A entries; other fields in scope (B's strengths) pass.
  if (!scope.entry_kinds.empty() && f.field.rfind("entry.", 0) == 0) {
    if (!f.view_kind) return false;
    std::string_view kind = Token(*f.view_kind);
    if (std::find(scope.entry_kinds.begin(), scope.entry_kinds.end(), kind) ==
        scope.entry_kinds.end())
      return false;
  }
  if (f.attribution && !scope.exclude_attributions.empty()) {
    std::string_view who = Token(*f.attribution);
    if (std::find(scope.exclude_attributions.begin(), scope.exclude_attributions.end(), who) !=
        scope.exclude_attributions.end())
      return false;
  }
  return true;
}

namespace {

// Byte ranges of `text` inside quotation marks: “…”, "…" and ‘…’ used as quotes.
std::vector<std::pair<size_t, size_t>> QuotedSpans(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> spans;
  auto close_of = [&](size_t i, size_t& open_len) -> std::string_view {
    open_len = 0;
    if (text.compare(i, 3, "\u201C") == 0) return open_len = 3, "\u201D";
    if (text[i] == '"') return open_len = 1, "\"";
    // A single quote opens a quotation only after a space or at the start (not "Sam's").
    if (text.compare(i, 3, "\u2018") == 0 && (i == 0 || text[i - 1] == ' '))
      return open_len = 3, "\u2019 ";
    return {};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    size_t open_len = 0;
    std::string_view close = close_of(i, open_len);
    if (close.empty()) continue;
    size_t end = text.find(close, i + open_len);
    if (end == std::string_view::npos && close == "\u2019 " && text.ends_with("\u2019"))
      end = text.size() - 3;
    if (end == std::string_view::npos) continue;
    spans.emplace_back(i, end);
    i = end;
  }
  return spans;
}

// The sentence of `text` around bytes [begin, end), at most about 160 bytes of it, for the
// finding to quote.
std::string SentenceAround(std::string_view text, size_t begin, size_t end) {
  size_t from = begin, to = end;
  while (from > 0 && begin - from < 100 &&
         !(text[from - 1] == ' ' && from >= 2 &&
           std::string_view(".!?").find(text[from - 2]) != std::string_view::npos))
    --from;
  while (to < text.size() && to - end < 100 &&
         std::string_view(".!?").find(text[to]) == std::string_view::npos)
    ++to;
  if (to < text.size()) ++to;
  while (from < begin && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
    ++from;  // whole characters
  while (to > end && to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80)
    --to;
  std::string out(text.substr(from, to - from));
  if (from > 0 && !(from >= 2 && text[from - 1] == ' ' &&
                    std::string_view(".!?").find(text[from - 2]) != std::string_view::npos))
    out = "…" + out;
  if (to < text.size() && std::string_view(".!?").find(text[to - 1]) == std::string_view::npos)
    out += "…";
  return out;
}

bool InsideAny(const std::vector<std::pair<size_t, size_t>>& spans, size_t begin, size_t end) {
  for (auto [from, to] : spans)
    if (begin >= from && end <= to + 3) return true;
  return false;
}

bool IsUpperAscii(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsLowerAscii(char c) {
  return c >= 'a' && c <= 'z';
}

// A capitalised word in Title case ("Work", not "TBC" or "work").
bool TitleWordAt(std::string_view text, size_t i) {
  return i + 1 < text.size() && IsUpperAscii(text[i]) && IsLowerAscii(text[i + 1]);
}

// Whether the match [begin, end) is part of a proper name: it starts with a Title-case
// word and either stands mid-sentence (where only names are capitalised) or is followed,
// past small joining words, by another capitalised word ("Access to Work").
bool InProperName(std::string_view text, size_t begin, size_t end) {
  if (!TitleWordAt(text, begin)) return false;
  size_t before = begin;
  while (before > 0 && text[before - 1] == ' ') --before;
  bool sentence_start =
      before == 0 ||
      std::string_view(".!?:;(\"").find(text[before - 1]) != std::string_view::npos ||
      (before >= 3 &&
       (text.compare(before - 3, 3, "\u201C") == 0 || text.compare(before - 3, 3, "\u2018") == 0));
  if (!sentence_start) return true;
  static constexpr std::string_view kJoining[] = {"to", "of", "for", "and", "the",
                                                  "in", "on", "at",  "&"};
  size_t i = end;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t word_end = i;
    while (word_end < text.size() && text[word_end] != ' ') ++word_end;
    std::string_view word = text.substr(i, word_end - i);
    if (word.empty()) return false;
    if (std::find(std::begin(kJoining), std::end(kJoining), word) != std::end(kJoining)) {
      i = word_end;
      continue;
    }
    return TitleWordAt(text, i);
  }
  return false;
}

class LexiconRule : public Rule {
 public:
  LexiconRule(const RuleSpec& spec, const TermMatcher* list, const TermMatcher* unless,
              const TermMatcher* except, int max_words, bool once)
      : Rule(spec),
        list_(list),
        unless_(unless),
        except_(except),
        max_words_(max_words),
        once_per_item_(once),
        skip_quoted_(spec.Param("quoted", "skip") == "skip"),
        skip_names_(spec.Param("properNames", "skip") == "skip" && !list->List().case_sensitive),
        unless_specified_(SplitWords(spec.Param("unlessSpecified"))) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    std::set<std::pair<std::string, size_t>> seen;  // (item, term): report each once per item
    std::set<std::string> items_reported;
    for (const auto& f : input.text) {
      if (!InScope(spec_.scope, f)) continue;
      if (max_words_ > 0 && f.words > max_words_) continue;
      if (FullySpecified(input.plan, f)) continue;
      const ScannedField scanned = input.Scanned(f);
      auto matches = list_->FindAll(f.value, scanned);
      if (matches.empty()) continue;
      if (unless_ && unless_->Matches(f.value, scanned)) continue;
      std::vector<TermMatch> fixed =
          except_ ? except_->FindAll(f.value, scanned) : std::vector<TermMatch>{};
      std::vector<std::pair<size_t, size_t>> quoted =
          skip_quoted_ ? QuotedSpans(f.value) : decltype(quoted){};
      for (const auto& m : matches) {
        if (std::any_of(fixed.begin(), fixed.end(),
                        [&](const TermMatch& x) { return m.begin >= x.begin && m.end <= x.end; }))
          continue;
        if (skip_quoted_ && InsideAny(quoted, m.begin, m.end)) continue;
        if (skip_names_ && InProperName(f.value, m.begin, m.end)) continue;
        std::string key = f.section + "/" + f.item_id;
        if (!f.item_id.empty() && !seen.insert({key, m.term}).second) continue;
        if (once_per_item_ && !items_reported.insert(key).second) continue;
        const WordListTerm& term = list_->List().terms[m.term];
        Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, m.begin),
               {{"match", m.text},
                {"suggest", term.suggest},
                {"field", f.field},
                {"quote", SentenceAround(f.value, m.begin, m.end)}});
      }
    }
  }

 private:
  const TermMatcher* list_;
  const TermMatcher* unless_;
  bool FullySpecified(const Plan& plan, const PlanTextField& f) const {
    if (unless_specified_.empty() || f.field.rfind("provision.", 0) != 0) return false;
    const ProvisionItem* item = plan.FindProvision(f.item_id);
    if (item == nullptr) return false;
    for (const auto& field : unless_specified_)
      if (ProvisionFieldMissing(field, *item)) return false;
    return true;
  }

  const TermMatcher* except_;
  int max_words_;
  bool once_per_item_;
  bool skip_quoted_;
  bool skip_names_;
  std::vector<std::string> unless_specified_;
};

// Capitals-only words of 2 to 8 letters ("PBS", "SATs" as "SAT", "TMT-B"), with offsets.
struct CapitalsWord {
  std::string letters;  // the acronym as written, without a plural "s"
  size_t begin = 0, end = 0;
};

// A cheap first look: most paragraphs have no acronym at all.
bool HasTwoCapitalsInARow(std::string_view text) {
  for (size_t i = 1; i < text.size(); ++i)
    if (text[i] >= 'A' && text[i] <= 'Z' && text[i - 1] >= 'A' && text[i - 1] <= 'Z') return true;
  return false;
}

std::vector<CapitalsWord> CapitalsWords(std::string_view text) {
  std::vector<CapitalsWord> out;
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) || c == '\'';
  };
  size_t i = 0;
  while (i < text.size()) {
    if (!word_char(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && (word_char(text[i]) ||
                               (text[i] == '-' && i + 1 < text.size() && word_char(text[i + 1]))))
      ++i;
    std::string_view word = text.substr(start, i - start);
    std::string_view core = word;
    if (core.size() > 2 && core.back() == 's' &&
        std::isupper(static_cast<unsigned char>(core[core.size() - 2])))
      core.remove_suffix(1);
    size_t capitals = 0;
    bool only_capitals = !core.empty();
    for (char c : core) {
      if (std::isupper(static_cast<unsigned char>(c)))
        ++capitals;
      else if (c != '-')
        only_capitals = false;
    }
    if (only_capitals && capitals >= 2 && capitals <= 8)
      out.push_back({std::string(core), start, start + core.size()});
  }
  return out;
}

// Whether the first words of `words` have initials spelling `letters`, small words ("and",
// "of") counting or not as needed: "Anxiety and Depression" spells "AD" and "AAD".
bool InitialsSpell(const std::vector<std::string>& words, const std::string& letters,
                   const std::set<std::string>& small, size_t w = 0, size_t l = 0) {
  if (l == letters.size()) return true;
  if (w == words.size() || words.size() - w > 64) return false;
  if (words[w][0] == letters[l] && InitialsSpell(words, letters, small, w + 1, l + 1)) return true;
  return small.count(words[w]) && InitialsSpell(words, letters, small, w + 1, l);
}

// Whether the words just before `at` (ending at an opening bracket) or the words inside
// the brackets just after `end` have initials that spell `acronym`.
bool SpelledOutBeside(std::string_view text, size_t at, size_t end, const std::string& acronym) {
  std::string letters;
  for (char c : acronym)
    if (std::isalpha(static_cast<unsigned char>(c)))
      letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::set<std::string> kSmall{"and", "of",   "the", "for", "in",
                                            "on",  "with", "to",  "a",   "&"};
  auto words_of = [](std::string_view s) {
    std::vector<std::string> words;
    std::string word;
    for (char c : s) {
      // "children's" (straight or curly apostrophe) is one word; other non-ASCII bytes
      // only ever sit inside a word.
      if (c == '\'' || (c & 0x80)) continue;
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '&') {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
      if (c == '-' && !word.empty()) {  // "co-ordinator": both parts may count
        words.push_back(word);
        word.clear();
      }
    }
    if (!word.empty()) words.push_back(word);
    return words;
  };
  // "positive behaviour support (PBS)": match initials backwards from the bracket.
  size_t open = at;
  while (open > 0 && text[open - 1] == ' ') --open;
  if (open > 0 && text[open - 1] == '(') {
    size_t from = open >= 120 ? open - 120 : 0;
    std::vector<std::string> before = words_of(text.substr(from, open - 1 - from));
    std::reverse(before.begin(), before.end());
    std::string reversed(letters.rbegin(), letters.rend());
    if (InitialsSpell(before, reversed, kSmall)) return true;
  }
  // "PBS (positive behaviour support)", or "PACE approach (playfulness, …)": match
  // initials forwards inside a bracket at most two words on.
  size_t after = end;
  for (int skipped = 0; skipped <= 2; ++skipped) {
    while (after < text.size() && text[after] == ' ') ++after;
    if (after >= text.size() || text[after] == '(' ||
        !std::isalpha(static_cast<unsigned char>(text[after])))
      break;
    if (skipped == 2) break;
    while (after < text.size() && std::isalpha(static_cast<unsigned char>(text[after]))) ++after;
  }
  if (after < text.size() && text[after] == '(') {
    size_t close = text.find(')', after);
    if (close == std::string_view::npos) return false;
    return InitialsSpell(words_of(text.substr(after + 1, close - after - 1)), letters, kSmall);
  }
  return false;
}

class AcronymRule : public Rule {
 public:
  AcronymRule(const RuleSpec& spec, const TermMatcher* list,
              std::vector<const TermMatcher*> expansions, const TermMatcher* ignore,
              const TermMatcher* except)
      : Rule(spec),
        list_(list),
        expansions_(std::move(expansions)),
        ignore_(ignore),
        except_(except) {
    for (const auto& term : list_->List().terms) known_.insert(term.Display());
    if (ignore_)
      for (const auto& term : ignore_->List().terms) known_.insert(term.Display());
  }

  void Check(const LintInput& input, FindingSink& sink) const override {
    const size_t n = list_->List().terms.size();
    // First use of each acronym, in document order (a cheap case-sensitive scan).
    std::vector<size_t> first_use(n, SIZE_MAX);
    std::vector<TermMatch> first_match(n);
    // Whether each field is in scope, worked out once: the expansions are looked for in
    // the same fields again for every acronym used.
    std::vector<char> in_scope(input.text.size());
    for (size_t i = 0; i < input.text.size(); ++i)
      in_scope[i] = InScope(spec_.scope, input.text[i]);
    for (size_t i = 0; i < input.text.size(); ++i) {
      const auto& f = input.text[i];
      if (!in_scope[i]) continue;
      for (auto& m : list_->FindAll(f.value, input.Scanned(f))) {
        if (first_use[m.term] == SIZE_MAX) {
          first_use[m.term] = i;
          first_match[m.term] = std::move(m);
        }
      }
    }
    // An acronym is explained when its expansion appears no later than its first use:
    // "speech and language therapist (SALT)" or "SALT (speech and language therapist)".
    // Only acronyms the plan uses are looked up, and only up to their first use.
    for (size_t t = 0; t < n; ++t) {
      if (first_use[t] == SIZE_MAX) continue;
      bool explained = false;
      for (size_t i = 0; i <= first_use[t] && !explained; ++i) {
        explained = in_scope[i] &&
                    expansions_[t]->Matches(input.text[i].value, input.Scanned(input.text[i]));
      }
      if (explained) continue;
      const auto& f = input.text[first_use[t]];
      const auto& term = list_->List().terms[t];
      Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, first_match[t].begin),
             {{"match", term.Display()}, {"suggest", term.suggest}});
    }
    if (ignore_) CheckOtherCapitals(input, sink);
  }

 private:
  // Capitals-only words that are neither in the list nor everyday abbreviations: reported
  // at first use unless spelt out beside that use or an earlier one.
  void CheckOtherCapitals(const LintInput& input, FindingSink& sink) const {
    std::set<std::string> explained, reported;
    for (const auto& f : input.text) {
      if (!HasTwoCapitalsInARow(f.value) || !InScope(spec_.scope, f)) continue;
      std::vector<CapitalsWord> words = CapitalsWords(f.value);
      if (words.empty()) continue;
      std::vector<TermMatch> excepted =
          except_ ? except_->FindAll(f.value, input.Scanned(f)) : std::vector<TermMatch>{};
      for (const CapitalsWord& w : words) {
        if (known_.count(w.letters) || explained.count(w.letters) || reported.count(w.letters))
          continue;
        if (std::any_of(excepted.begin(), excepted.end(),
                        [&](const TermMatch& m) { return w.begin >= m.begin && w.end <= m.end; }))
          continue;
        if (SpelledOutBeside(f.value, w.begin, w.end, w.letters)) {
          explained.insert(w.letters);
          continue;
        }
        reported.insert(w.letters);
        Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, w.begin),
               {{"match", w.letters}, {"suggest", "what it stands for"}});
      }
    }
  }

  const TermMatcher* list_;
  std::vector<const TermMatcher*> expansions_;  // one per acronym, same order
  const TermMatcher* ignore_;
  const TermMatcher* except_;
  std::set<std::string> known_;  // the listed acronyms and the everyday abbreviations
};

struct TextStats {
  int words = 0, sentences = 0, syllables = 0;
  // One pass, no copies: syllables are vowel groups, less a silent final e (not after l),
  // the usual estimate for English. Each word is read in a tight loop of its own, and its
  // last two letters are looked at only once it ends.
  void Add(std::string_view text) {
    static const auto kClass = [] {
      std::array<unsigned char, 256> table{};  // 1: word byte, 3: also a vowel (aeiouy)
      for (int c = 0; c < 256; ++c)
        if (std::isalnum(c) || c >= 0x80 || c == '\'') table[c] = 1;
      for (char v : std::string_view("aeiouyAEIOUY")) table[static_cast<unsigned char>(v)] = 3;
      return table;
    }();
    auto lower = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    bool open_sentence = false;
    size_t i = 0;
    while (i < n) {
      if (kClass[p[i]]) {
        const size_t start = i;
        int groups = 0;
        bool prev_vowel = false;
        do {
          const bool vowel = kClass[p[i]] == 3;
          groups += vowel && !prev_vowel;
          prev_vowel = vowel;
          ++i;
        } while (i < n && kClass[p[i]]);
        ++words;
        if (i - start > 2 && lower(p[i - 1]) == 'e' && lower(p[i - 2]) != 'l' && groups > 1)
          --groups;
        syllables += std::max(groups, 1);
        open_sentence = true;
        continue;
      }
      const unsigned char c = p[i];
      const bool end =
          (c == '.' || c == '!' || c == '?' || c == ';') && (i + 1 == n || p[i + 1] == ' ');
      if (end && open_sentence) {
        ++sentences;
        open_sentence = false;
      }
      ++i;
    }
    if (open_sentence) ++sentences;
  }
  double AverageSentence() const { return sentences ? double(words) / sentences : 0; }
  double ReadingEase() const {
    if (!words || !sentences) return 100;
    return 206.835 - 1.015 * AverageSentence() - 84.6 * double(syllables) / words;
  }
};

class ReadabilityRule : public Rule {
 public:
  ReadabilityRule(const RuleSpec& spec, double max_sentence, double min_ease, int min_words)
      : Rule(spec), max_sentence_(max_sentence), min_ease_(min_ease), min_words_(min_words) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    std::vector<std::string> order;
    std::map<std::string, std::pair<TextStats, SourceLocation>> sections;
    for (const auto& f : input.text) {
      // Names, roles and titles are labels, not prose.
      if (!InScope(spec_.scope, f) || f.words < 4) continue;
      auto [it, added] = sections.try_emplace(f.section);
      if (added) {
        order.push_back(f.section);
        it->second.second = f.location;
      }
      it->second.first.Add(f.value);
    }
    for (const auto& name : order) {
      const auto& [stats, where] = sections.at(name);
      if (stats.words < min_words_) continue;
      double average = stats.AverageSentence(), ease = stats.ReadingEase();
      if (average <= max_sentence_ && ease >= min_ease_) continue;
      char detail[160];
      std::snprintf(detail, sizeof detail,
                    "average sentence %.0f words (aim for %.0f or fewer), reading ease %.0f (aim "
                    "for %.0f or more)",
                    average, max_sentence_, ease, min_ease_);
      Report(sink, name, "", where, {{"detail", detail}});
    }
  }

 private:
  double max_sentence_, min_ease_;
  int min_words_;
};

class TextLengthRule : public Rule {
 public:
  TextLengthRule(const RuleSpec& spec, int max_words) : Rule(spec), max_words_(max_words) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    std::vector<std::string> order;
    std::map<std::string, std::pair<int, const PlanTextField*>> items;
    for (const auto& f : input.text) {
      if (!InScope(spec_.scope, f)) continue;
      std::string key = f.section + "/" + f.item_id;
      auto [it, added] = items.try_emplace(key, 0, &f);
      if (added) order.push_back(key);
      it->second.first += f.words;
    }
    for (const auto& key : order) {
      auto [words, f] = items.at(key);
      if (words > max_words_)
        Report(sink, f->section, f->item_id, f->location,
               {{"detail",
                 std::to_string(words) + " words, more than " + std::to_string(max_words_)}});
    }
  }

 private:
  int max_words_;
};

class PlanLengthRule : public Rule {
 public:
  PlanLengthRule(const RuleSpec& spec, int max_words) : Rule(spec), max_words_(max_words) {}
  void Check(const LintInput& input, FindingSink& sink) const override {
    int words = 0;
    for (const auto& f : input.text) words += f.words;
    if (words > max_words_)
      Report(sink, "meta", "", input.plan.location,
             {{"detail", std::to_string(words) + " words (about " +
                             Counted(words / 500, "page", "pages") + "), more than " +
                             std::to_string(max_words_)}});
  }

 private:
  int max_words_;
};

}  // namespace

std::unique_ptr<Rule> MakeLexiconRule(const RuleSpec& spec, const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  const TermMatcher* unless = context.List(spec, "unless", false);
  const TermMatcher* except = context.List(spec, "except", false);
  if (!list) return nullptr;
  return std::make_unique<LexiconRule>(spec, list, unless, except, context.Int(spec, "maxWords", 0),
                                       spec.Param("once") == "item");
}

std::unique_ptr<Rule> MakeAcronymRule(const RuleSpec& spec, const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  if (!list) return nullptr;
  std::vector<const TermMatcher*> expansions;
  for (const auto& term : list->List().terms) {
    if (term.expansion.empty())
      context.Error(spec, "acronym \"" + term.Display() + "\" has no expansion");
    auto compiled = TermMatcher::CompilePattern(term.expansion.empty() ? "(?!)" : term.expansion,
                                                false, context.Diagnostics(), term.location);
    if (!compiled) return nullptr;
    expansions.push_back(context.Keep(std::move(compiled)));
  }
  return std::make_unique<AcronymRule>(spec, list, std::move(expansions),
                                       context.List(spec, "ignore", false),
                                       context.List(spec, "except", false));
}

std::unique_ptr<Rule> MakeReadabilityRule(const RuleSpec& spec, const RuleBuildContext& context) {
  return std::make_unique<ReadabilityRule>(spec, context.Number(spec, "maxSentenceWords", 25),
                                           context.Number(spec, "minReadingEase", 30),
                                           context.Int(spec, "minWords", 100));
}

std::unique_ptr<Rule> MakeTextLengthRule(const RuleSpec& spec, const RuleBuildContext& context) {
  return std::make_unique<TextLengthRule>(spec, context.Int(spec, "maxWords", 500));
}

std::unique_ptr<Rule> MakePlanLengthRule(const RuleSpec& spec, const RuleBuildContext& context) {
  return std::make_unique<PlanLengthRule>(spec, context.Int(spec, "maxWords", 10000));
}

}  // namespace ehcp
