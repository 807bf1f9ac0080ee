// Rule kinds over the plan's wording: lexicon (word-list matches), acronym (first use not
// explained), readability (per section), text-length (per item) and plan-length.
//
// lexicon          list=<word list>  unless=<word list: a match here silences the field>
//                  maxWords=<fire only on fields this short>  once=item (one finding per item)
// acronym          list=<case-sensitive list; each term's expansion is a regex>
// readability      maxSentenceWords=<average>  minReadingEase=<Flesch>  minWords=<skip shorter sections>
// text-length      maxWords=<per item, summed over its fields in scope>
// plan-length      maxWords=<whole plan>

#include <algorithm>
#include <cctype>
#include <set>

#include "lint/rule_kinds.h"

namespace ehcp {

bool InScope(const RuleScope& scope, const PlanTextField& f) {
  if (!scope.HasSection(f.section) || !scope.HasField(f.field)) return false;
  std::string key = f.section + "." + f.field;
  for (const auto& ex : scope.exclude) {
    if (ex == key || ex == f.section || ex == f.field) return false;
  }
  if (!scope.entry_kinds.empty()) {
    if (!f.view_kind) return false;
    std::string kind(Token(*f.view_kind));
    if (std::find(scope.entry_kinds.begin(), scope.entry_kinds.end(), kind) == scope.entry_kinds.end())
      return false;
  }
  if (f.attribution) {
    std::string who(Token(*f.attribution));
    if (std::find(scope.exclude_attributions.begin(), scope.exclude_attributions.end(), who) !=
        scope.exclude_attributions.end())
      return false;
  }
  return true;
}

namespace {

class LexiconRule : public Rule {
 public:
  LexiconRule(const RuleSpec& spec, const TermMatcher* list, const TermMatcher* unless, int max_words, bool once)
      : Rule(spec), list_(list), unless_(unless), max_words_(max_words), once_per_item_(once) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    std::set<std::pair<std::string, size_t>> seen;  // (item, term): report each once per item
    std::set<std::string> items_reported;
    for (const auto& f : input.text) {
      if (!InScope(spec_.scope, f)) continue;
      if (max_words_ > 0 && CountWords(f.value) > max_words_) continue;
      auto matches = list_->FindAll(f.value);
      if (matches.empty()) continue;
      if (unless_ && unless_->Matches(f.value)) continue;
      for (const auto& m : matches) {
        std::string key = f.section + "/" + f.item_id;
        if (!f.item_id.empty() && !seen.insert({key, m.term}).second) continue;
        if (once_per_item_ && !items_reported.insert(key).second) continue;
        const WordListTerm& term = list_->List().terms[m.term];
        Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, m.begin),
               {{"match", m.text}, {"suggest", term.suggest}, {"field", f.field}});
      }
    }
  }

 private:
  const TermMatcher* list_;
  const TermMatcher* unless_;
  int max_words_;
  bool once_per_item_;
};

class AcronymRule : public Rule {
 public:
  AcronymRule(const RuleSpec& spec, const TermMatcher* list, std::vector<std::unique_ptr<TermMatcher>> expansions)
      : Rule(spec), list_(list), expansions_(std::move(expansions)) {}

  void Check(const LintInput& input, FindingSink& sink) const override {
    const size_t n = list_->List().terms.size();
    // First use of each acronym, in document order (a cheap case-sensitive scan).
    std::vector<size_t> first_use(n, SIZE_MAX);
    std::vector<TermMatch> first_match(n);
    for (size_t i = 0; i < input.text.size(); ++i) {
      const auto& f = input.text[i];
      if (!InScope(spec_.scope, f)) continue;
      for (auto& m : list_->FindAll(f.value)) {
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
        const auto& f = input.text[i];
        explained = InScope(spec_.scope, f) && expansions_[t]->Matches(f.value);
      }
      if (explained) continue;
      const auto& f = input.text[first_use[t]];
      const auto& term = list_->List().terms[t];
      Report(sink, f.section, f.item_id, LocationInText(f.location, f.value, first_match[t].begin),
             {{"match", term.Display()}, {"suggest", term.suggest}});
    }
  }

 private:
  const TermMatcher* list_;
  std::vector<std::unique_ptr<TermMatcher>> expansions_;  // one per acronym, same order
};

struct TextStats {
  int words = 0, sentences = 0, syllables = 0;
  void Add(std::string_view text) {
    std::string word;
    bool open_sentence = false;
    auto flush = [&] {
      if (word.empty()) return;
      ++words;
      syllables += Syllables(word);
      word.clear();
      open_sentence = true;
    };
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) || c == '\'') {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        continue;
      }
      flush();
      bool end = (c == '.' || c == '!' || c == '?' || c == ';') &&
                 (i + 1 == text.size() || text[i + 1] == ' ');
      if (end && open_sentence) {
        ++sentences;
        open_sentence = false;
      }
    }
    flush();
    if (open_sentence) ++sentences;
  }
  // Vowel groups, less a silent final e: the usual estimate for English.
  static int Syllables(const std::string& w) {
    int groups = 0;
    bool prev = false;
    for (char c : w) {
      bool v = std::string_view("aeiouy").find(c) != std::string_view::npos;
      if (v && !prev) ++groups;
      prev = v;
    }
    if (w.size() > 2 && w.back() == 'e' && w[w.size() - 2] != 'l' && groups > 1) --groups;
    return std::max(groups, 1);
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
      if (!InScope(spec_.scope, f) || CountWords(f.value) < 4) continue;
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
      std::snprintf(detail, sizeof detail, "average sentence %.0f words (aim for %.0f or fewer), reading ease %.0f (aim for %.0f or more)",
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
      it->second.first += CountWords(f.value);
    }
    for (const auto& key : order) {
      auto [words, f] = items.at(key);
      if (words > max_words_)
        Report(sink, f->section, f->item_id, f->location,
               {{"detail", std::to_string(words) + " words, more than " + std::to_string(max_words_)}});
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
    for (const auto& f : input.text) words += CountWords(f.value);
    if (words > max_words_)
      Report(sink, "meta", "", input.plan.location,
             {{"detail", std::to_string(words) + " words (about " + std::to_string(words / 500) +
                             " pages), more than " + std::to_string(max_words_)}});
  }

 private:
  int max_words_;
};

}  // namespace

std::unique_ptr<Rule> MakeLexiconRule(const RuleSpec& spec, const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  const TermMatcher* unless = context.List(spec, "unless", false);
  if (!list) return nullptr;
  return std::make_unique<LexiconRule>(spec, list, unless, context.Int(spec, "maxWords", 0),
                                       spec.Param("once") == "item");
}

std::unique_ptr<Rule> MakeAcronymRule(const RuleSpec& spec, const RuleBuildContext& context) {
  const TermMatcher* list = context.List(spec, "list");
  if (!list) return nullptr;
  std::vector<std::unique_ptr<TermMatcher>> expansions;
  for (const auto& term : list->List().terms) {
    if (term.expansion.empty()) context.Error(spec, "acronym \"" + term.Display() + "\" has no expansion");
    auto compiled = TermMatcher::CompilePattern(term.expansion.empty() ? "(?!)" : term.expansion, false,
                                                context.Diagnostics(), term.location);
    if (!compiled) return nullptr;
    expansions.push_back(std::move(compiled));
  }
  return std::make_unique<AcronymRule>(spec, list, std::move(expansions));
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
