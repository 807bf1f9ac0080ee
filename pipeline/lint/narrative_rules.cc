// Rule kinds that read the plan's prose against its own structured fields.
//
// "other-name" (rule 9): a capitalised word used as a person ("Oliver will…", "Oliver's")
//   that is none of the names the plan knows (the child, family, officer, advice authors,
//   speakers, placements, council) — typically a paragraph copied from another child's
//   plan. A name the text introduces after a relationship ("her brother, Kacper,") is
//   recorded too. Parameters: list (words that are never names when capitalised: pronouns,
//   roles, days, months…), verbs (space-separated words that mark the word before as a
//   subject), relations (space-separated words that introduce a person by name).
// "unrecorded-need" (rule 16): a sentence in scope (Section A) that describes a need (the
//   `list` word list matches) while none of its content words appears in any need in
//   B, C or D. Needs written only in A are not statutory. Parameters: list, ignore (a word
//   list of common words that say nothing about the need), minLetters (shortest content
//   word, default 4), minShared (content words the sentence must share with the needs for
//   it to count as recorded, default 1: one shared filler word is chance).

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule_kinds.h"

namespace ehcp {
namespace {

struct Word {
  std::string_view text;
  size_t begin = 0;  // byte offset in the field
};

// Letters, digits, '-' and every byte of a multi-byte character, as a table: the word
// split reads every byte of the plan. 2 marks 0xE2, a word byte that may start U+2019.
constexpr std::array<uint8_t, 256> kWordBytes = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[static_cast<size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    (c >= '0' && c <= '9') || c >= 0x80 || c == '-';
  table[0xE2] = 2;
  return table;
}();

bool IsWordByte(unsigned char c) {
  return kWordBytes[c] != 0;
}

// U+2019 RIGHT SINGLE QUOTATION MARK (a typographic apostrophe) at byte i.
bool ApostropheAt(std::string_view text, size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xE2 && text.compare(i, 3, "\u2019") == 0;
}

// Appends the words of `text` to `words`; an apostrophe inside a word ends it ("Alex's" ->
// "Alex", "s"). Plain word bytes are skipped in a tight loop; only 0xE2 is looked at again.
void AppendWords(std::string_view text, std::vector<Word>& words) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && kWordBytes[p[i]] == 0) ++i;
    size_t start = i;
    while (i < n) {
      const uint8_t kind = kWordBytes[p[i]];
      if (kind == 1) {
        ++i;
        continue;
      }
      if (kind == 0 || ApostropheAt(text, i)) break;
      ++i;  // 0xE2 starting another character
    }
    if (i > start) words.push_back(Word{text.substr(start, i - start), start});
    if (i < n && ApostropheAt(text, i)) i += 3;
  }
}

std::vector<Word> SplitIntoWords(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 5 + 1);  // about one word in six bytes of prose: one allocation
  AppendWords(text, words);
  return words;
}

// ASCII letters only, as std::tolower in the C locale the program runs in, without a libc
// call per byte.
std::string Lower(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Whether a word that starts with a byte over 0x7F starts with an upper-case letter.
bool StartsUpperNonAscii(std::string_view word) {
  UChar32 c;
  int32_t i = 0;
  U8_NEXT(word.data(), i, static_cast<int32_t>(word.size()), c);
  return c > 0 && u_isupper(c);
}

inline bool StartsUpper(std::string_view word) {
  if (word.empty()) return false;
  // ASCII upper case is A-Z for ICU too; only other letters need it.
  if (static_cast<unsigned char>(word[0]) < 0x80) return word[0] >= 'A' && word[0] <= 'Z';
  return StartsUpperNonAscii(word);
}

bool AllUpper(std::string_view word) {  // an acronym such as SENCO or SALT
  for (unsigned char c : word)
    if (std::islower(c)) return false;
  return true;
}

// Possessive right after the word: 's or ’s, then the end of the word.
bool PossessiveAt(std::string_view text, size_t end) {
  size_t after = std::string::npos;
  if (text.compare(end, 2, "'s") == 0) after = end + 2;
  if (text.compare(end, 4, "\u2019s") == 0) after = end + 4;
  return after != std::string::npos &&
         (after >= text.size() || !IsWordByte(static_cast<unsigned char>(text[after])));
}

// Whether byte `at` of `text` starts a sentence (only spaces or an opening quotation mark
// after the last full stop, question or exclamation mark).
bool SentenceStart(std::string_view text, size_t at) {
  size_t i = at;
  while (i > 0) {
    unsigned char c = static_cast<unsigned char>(text[i - 1]);
    if (c == ' ' || c == '"' || c == '(' || c >= 0x80) {
      --i;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':';
  }
  return true;
}

// Answers "does the plan write this word in lower case?" by looking in its text, for the
// few capitalised words that need it (a set of every word cost more than the whole rule).
class LowerCaseWords {
 public:
  explicit LowerCaseWords(const std::vector<PlanTextField>& text) : text_(text) {}
  // `lower` (all lower case) stands as a word of the text, or starts one when `prefix`.
  bool Has(std::string_view lower, bool prefix = false) const {
    for (const auto& f : text_) {
      for (size_t at = f.value.find(lower); at != std::string_view::npos;
           at = f.value.find(lower, at + 1)) {
        if (at > 0 && IsWordByte(static_cast<unsigned char>(f.value[at - 1]))) continue;
        size_t end = at + lower.size();
        if (prefix || end == f.value.size() ||
            !IsWordByte(static_cast<unsigned char>(f.value[end])))
          return true;
      }
    }
    return false;
  }

 private:
  const std::vector<PlanTextField>& text_;
};

// Whether `lower` is a lower-case word of the plan, or the start of one ("sleep" in
// "sleeping"), or its singular ("foods").
bool CommonWordStem(const std::string& lower, const LowerCaseWords& lower_case) {
  if (lower_case.Has(lower, /*prefix=*/true)) return true;
  return lower.back() == 's' && lower_case.Has(std::string_view(lower).substr(0, lower.size() - 1));
}

// Whether word `i` ends a run of capitalised words joined by "and", "of", "for" or "the"
// ("Strengths and Difficulties Questionnaire"), or follows a capitalised common word
// ("Community College"): the name of a thing.
bool InTitleOfAThing(std::span<const Word> words, size_t i, const LowerCaseWords& lower_case) {
  if (i == 0 || !StartsUpper(words[i - 1].text)) return false;
  if (lower_case.Has(Lower(words[i - 1].text))) return true;
  static const std::set<std::string> kJoining{"and", "of", "for", "the", "&"};
  bool joined = false;
  for (size_t j = i; j-- > 0;) {
    std::string w = Lower(words[j].text);
    if (kJoining.count(w)) {
      joined = true;
      continue;
    }
    if (!StartsUpper(words[j].text)) break;
  }
  return joined;
}

// A short form of a name the plan records: "Jo" for Joanne, "Sam" for Samira. `known` is
// sorted.
bool ShortFormOfKnown(const std::string& lower, const std::vector<std::string>& known) {
  if (lower.size() < 2) return false;
  auto it = std::lower_bound(known.begin(), known.end(), lower);
  return it != known.end() && it->size() > lower.size() && it->compare(0, lower.size(), lower) == 0;
}

void AddNameWords(std::set<std::string>& names, std::string_view text) {
  for (const Word& w : SplitIntoWords(text)) names.insert(Lower(w.text));
}

void AddNameWords(std::vector<std::string>& names, std::string_view text) {
  thread_local std::vector<Word> words;  // a buffer per worker, not one per name
  words.clear();
  AppendWords(text, words);
  for (const Word& w : words) names.push_back(Lower(w.text));
}

// Every name the plan itself records, lower-cased word by word: unsorted, with repeats
// (the caller sorts once, after adding the names the text introduces).
std::vector<std::string> KnownNames(const Plan& plan) {
  std::vector<std::string> names;
  names.reserve(256);
  const Child& child = plan.child;
  for (const std::string* part : {&child.legal_name.given, &child.legal_name.middle,
                                  &child.legal_name.family, &child.preferred_name})
    AddNameWords(names, *part);
  AddNameWords(names, child.legal_name.own_script.value);
  for (const auto& parent : plan.family) {
    AddNameWords(names, parent.name);
    AddNameWords(names, parent.own_script.value);
  }
  if (child.looked_after) {
    AddNameWords(names, child.looked_after->authority);
    AddNameWords(names, child.looked_after->virtual_school);
  }
  if (plan.meta.sign_off) AddNameWords(names, plan.meta.sign_off->name);
  AddNameWords(names, plan.meta.officer.name);
  AddNameWords(names, plan.meta.local_authority.name);
  for (const auto& entry : plan.a.entries) AddNameWords(names, entry.speaker);
  for (const auto& placement : plan.i.placements) AddNameWords(names, placement.name);
  for (const auto& advice : plan.k.advice) {
    AddNameWords(names, advice.author);
    AddNameWords(names, advice.role);
    AddNameWords(names, advice.organisation);
  }
  for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2})
    for (const auto& item : plan.Provision(s).items) {
      AddNameWords(names, item.deliverer_role);
      AddNameWords(names, item.commissioner);
      AddNameWords(names, item.provider);
    }
  // Need titles are capitalised headings ("Communication and Interaction"), not people.
  for (SectionId s : {SectionId::kB, SectionId::kC, SectionId::kD})
    for (const auto& need : plan.Needs(s).needs) AddNameWords(names, need.title);
  return names;
}

std::set<std::string> WordsOfList(const TermMatcher* list) {
  std::set<std::string> words;
  if (list)
    for (const auto& term : list->List().terms)
      AddNameWords(words, term.text.empty() ? term.regex : term.text);
  return words;
}

class OtherNameRule : public Rule {
 public:
  OtherNameRule(const RuleSpec& spec, std::set<std::string> not_names, std::set<std::string> verbs,
                std::set<std::string> relations)
      : Rule(spec),
        not_names_(std::move(not_names)),
        verbs_(std::move(verbs)),
        relations_(std::move(relations)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    std::vector<std::string> known = KnownNames(input.plan);
    static const std::set<std::string> kHonorifics{"mr", "mrs",  "ms",  "miss", "mx",
                                                   "dr", "prof", "sir", "dame"};
    // Each field split into words once, for both passes, into one buffer: field n's words
    // are [first[n], first[n + 1]).
    size_t bytes = 0;
    for (const auto& f : input.text) bytes += f.value.size();
    std::vector<Word> all_words;
    all_words.reserve(bytes / 5 + 1);  // about one word in six bytes of prose
    std::vector<size_t> first(input.text.size() + 1, 0);
    for (size_t n = 0; n < input.text.size(); ++n) {
      AppendWords(input.text[n].value, all_words);
      first[n + 1] = all_words.size();
    }
    auto words_of = [&](size_t n) {
      return std::span<const Word>(all_words.data() + first[n], first[n + 1] - first[n]);
    };
    for (size_t n = 0; n < input.text.size(); ++n) {
      // People the text introduces: "her brother, Kacper,".
      std::span<const Word> words = words_of(n);
      for (size_t i = 0; i + 1 < words.size(); ++i) {
        if (!StartsUpper(words[i + 1].text)) continue;
        std::string word = Lower(words[i].text);
        if (relations_.count(word)) known.push_back(Lower(words[i + 1].text));
        // "Mrs Lorna Baines", "Dr Okafor": an adult the plan names with a title.
        if (kHonorifics.count(word))
          for (size_t j = i + 1; j < words.size() && j <= i + 3 && StartsUpper(words[j].text); ++j)
            known.push_back(Lower(words[j].text));
      }
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());
    // A word the plan also writes in lower case somewhere is a common word capitalised at
    // the start of a sentence or in a heading ("Reading is…", "Transition will…"), never a
    // person's name. Looked up in the text only for a candidate: most plans have few.
    LowerCaseWords lower_case(input.text);
    std::set<std::pair<std::string, std::string>> reported;  // (item, name)
    // Not "that": "so that Jayden knows" is a conjunction before a name.
    static const std::set<std::string> kDeterminers{"the",   "a",   "an",   "this",  "these",
                                                    "those", "his", "her",  "their", "our",
                                                    "your",  "my",  "each", "every", "any"};
    for (size_t n = 0; n < input.text.size(); ++n) {
      const auto& f = input.text[n];
      if (!InScope(spec_.scope, f)) continue;
      std::span<const Word> words = words_of(n);
      for (size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        if (w.text.size() < 2 || !StartsUpper(w.text) || AllUpper(w.text)) continue;
        bool possessive = PossessiveAt(f.value, w.begin + w.text.size());
        bool subject =
            !possessive && i + 1 < words.size() && verbs_.count(Lower(words[i + 1].text)) > 0;
        if (!possessive && !subject) continue;
        if (i > 0 && kDeterminers.count(Lower(words[i - 1].text))) continue;  // "the Service will"
        std::string lower = Lower(w.text);
        if (std::binary_search(known.begin(), known.end(), lower) || not_names_.count(lower) ||
            lower_case.Has(lower))
          continue;
        if (ShortFormOfKnown(lower, known)) continue;  // "Jo" for Joanne, "Sam" for Samira
        // A common word capitalised at the start of a sentence: the plan also writes it,
        // or a longer form of it, in lower case ("Sleep is…" beside "asleep", "sleeping").
        if (lower.size() >= 4 && CommonWordStem(lower, lower_case)) continue;
        // Part of the capitalised title of a thing ("Strengths and Difficulties
        // Questionnaire will…"), not a person.
        if (!SentenceStart(f.value, w.begin) && InTitleOfAThing(words, i, lower_case)) continue;
        if (!reported.insert({f.item_id, lower}).second) continue;
        Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, w.begin),
               {{"match", std::string(w.text)}, {"child", input.plan.child.KnownAs()}});
      }
    }
  }

 private:
  std::set<std::string> not_names_;
  std::set<std::string> verbs_;
  std::set<std::string> relations_;
};

// Content words are compared by their first five letters, so "reading" meets "reader"
// and "friends" meets "friendships".
std::string Stem(const std::string& lower) {
  return lower.substr(0, 5);
}

// Stem(Lower(word)) as a number: its at most five bytes, none of them zero, so different
// stems give different numbers. A sorted vector of these is cheaper than a set of strings.
uint64_t StemKey(std::string_view word) {
  uint64_t key = 0;
  for (size_t i = 0; i < word.size() && i < 5; ++i) {
    auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    key = (key << 8) | c;
  }
  return key;
}

class UnrecordedNeedRule : public Rule {
 public:
  UnrecordedNeedRule(const RuleSpec& spec, const TermMatcher* list, std::set<std::string> ignore,
                     size_t min_letters, size_t min_shared)
      : Rule(spec),
        list_(list),
        ignore_(std::move(ignore)),
        min_letters_(min_letters),
        min_shared_(min_shared) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    // Stems of every word in the needs of B, C and D, sorted, as numbers (StemKey).
    std::vector<uint64_t> recorded;
    std::vector<Word> words;
    for (const auto& f : input.text)
      if ((f.section == "B" || f.section == "C" || f.section == "D") &&
          f.field == "need.description") {
        words.clear();
        AppendWords(f.value, words);
        for (const Word& w : words) recorded.push_back(StemKey(w.text));
      }
    std::sort(recorded.begin(), recorded.end());
    recorded.erase(std::unique(recorded.begin(), recorded.end()), recorded.end());
    std::set<std::string> names;
    AddNameWords(names, input.plan.child.legal_name.given);
    AddNameWords(names, input.plan.child.preferred_name);
    AddNameWords(names, input.plan.child.legal_name.family);

    for (const auto& f : input.text) {
      if (!InScope(spec_.scope, f)) continue;
      // A sentence holds a marker only if its field holds the marker's literals: the field's
      // one scan rules most fields out before any sentence is searched.
      if (!list_->MayMatch(f.value, input.Scanned(f))) continue;
      for (auto [begin, end] : Sentences(f.value)) {
        std::string_view sentence = f.value.substr(begin, end - begin);
        std::vector<TermMatch> markers = list_->FindAll(sentence);
        if (markers.empty()) continue;
        std::vector<std::string> content;
        std::set<std::string> shared;  // content stems some need also uses
        for (const Word& w : SplitIntoWords(sentence)) {
          bool in_marker = false;
          for (const auto& m : markers)
            in_marker = in_marker || (w.begin >= m.begin && w.begin < m.end);
          std::string lower = Lower(w.text);
          if (in_marker || lower.size() < min_letters_ || ignore_.count(lower) ||
              names.count(lower))
            continue;
          content.push_back(lower);
          if (shared.size() < min_shared_ &&
              std::binary_search(recorded.begin(), recorded.end(), StemKey(lower)))
            shared.insert(Stem(lower));
        }
        // One shared word ("still", "most") is chance; the need is recorded when the
        // sentence and some need share `minShared` content words (or all it has).
        bool recorded_somewhere = shared.size() >= std::min(min_shared_, content.size());
        if (content.empty() || recorded_somewhere) continue;
        std::string quoted(sentence.substr(0, 90));
        if (sentence.size() > 90) quoted += "…";
        Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, begin),
               {{"match", quoted}});
      }
    }
  }

 private:
  // Byte ranges of the sentences in `text`: ends at . ! or ? followed by a space or the end.
  static std::vector<std::pair<size_t, size_t>> Sentences(std::string_view text) {
    std::vector<std::pair<size_t, size_t>> out;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      bool stop = (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                  (i + 1 == text.size() || text[i + 1] == ' ');
      if (!stop) continue;
      out.emplace_back(start, i + 1);
      start = i + 2;
    }
    if (start < text.size()) out.emplace_back(start, text.size());
    return out;
  }

  const TermMatcher* list_;
  std::set<std::string> ignore_;
  size_t min_letters_;
  size_t min_shared_;
};

}  // namespace

std::unique_ptr<Rule> MakeOtherNameRule(const RuleSpec& spec, const RuleBuildContext& context) {
  const TermMatcher* not_names = context.List(spec, "list");
  std::string verbs = context.Required(spec, "verbs");
  if (!not_names || verbs.empty()) return nullptr;
  std::set<std::string> verb_set, relation_set;
  for (const auto& v : SplitWords(verbs)) verb_set.insert(Lower(v));
  for (const auto& r : SplitWords(context.Required(spec, "relations")))
    relation_set.insert(Lower(r));
  return std::make_unique<OtherNameRule>(spec, WordsOfList(not_names), std::move(verb_set),
                                         std::move(relation_set));
}

std::unique_ptr<Rule> MakeUnrecordedNeedRule(const RuleSpec& spec,
                                             const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  const TermMatcher* ignore = context.List(spec, "ignore");
  if (!list || !ignore) return nullptr;
  int min_letters = context.Int(spec, "minLetters", 4);
  return std::make_unique<UnrecordedNeedRule>(
      spec, list, WordsOfList(ignore), static_cast<size_t>(std::max(1, min_letters)),
      static_cast<size_t>(std::max(1, context.Int(spec, "minShared", 1))));
}

}  // namespace ehcp
