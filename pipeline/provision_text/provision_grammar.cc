#include "provision_text/provision_grammar.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "loader/data_file.h"
#include "model/vocabulary.h"

namespace ehcp {

namespace {

// A word of the text, lower-cased (ASCII), with where it sits in the original.
struct Token {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
  bool punct = false;  // a comma, full stop, bracket...: phrases never match across it
};

bool IsWordByte(unsigned char c) {
  return std::isalnum(c) || c >= 0x80 || c == '\'';
}

// Splits on spaces, hyphens and slashes; punctuation becomes a token of its own so phrases
// stop there; letters and digits part ("x2" -> "x" "2"), except a decimal ("1.5") and a
// ratio ("1:1") stay whole.
std::vector<Token> Tokenise(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      if (j + 1 < s.size() && (s[j] == '.' || s[j] == ':') &&
          std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
        ++j;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      }
      out.push_back({std::string(s.substr(i, j - i)), i, j, false});
      i = j;
    } else if (IsWordByte(c)) {
      size_t j = i;
      while (j < s.size() && IsWordByte(s[j]) && !std::isdigit(static_cast<unsigned char>(s[j])))
        ++j;
      std::string word(s.substr(i, j - i));
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.push_back({std::move(word), i, j, false});
      i = j;
    } else if (c == ',' || c == ';' || c == '.' || c == '(' || c == ')' || c == ':' || c == '!' ||
               c == '?' || c == '[' || c == ']') {
      out.push_back({std::string(1, static_cast<char>(c)), i, i + 1, true});
      ++i;
    } else {
      ++i;  // spaces, hyphens, slashes, other symbols
    }
  }
  return out;
}

using Words = std::vector<std::string>;

Words PhraseWords(std::string_view phrase) {
  Words words;
  for (Token& t : Tokenise(phrase))
    if (!t.punct) words.push_back(std::move(t.text));
  return words;
}

// A list of phrases, each with a value; matched longest first.
template <typename Value>
struct PhraseList {
  std::vector<std::pair<Words, Value>> entries;

  void Add(std::string_view phrase, Value value) {
    Words w = PhraseWords(phrase);
    if (!w.empty()) entries.emplace_back(std::move(w), std::move(value));
  }
  void SortLongestFirst() {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  // Tokens matched at `i` and the value, or 0 tokens.
  size_t Match(const std::vector<Token>& tokens, size_t i, const Value** value = nullptr) const {
    for (const auto& [words, v] : entries) {
      if (i + words.size() > tokens.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < words.size() && ok; ++k) ok = tokens[i + k].text == words[k];
      if (ok) {
        if (value != nullptr) *value = &v;
        return words.size();
      }
    }
    return 0;
  }
};

struct PeriodEntry {
  Period per = Period::kWeek;
  std::optional<Period> every_other;
};

struct QualificationEntry {
  bool capture_following = false;
};

}  // namespace

struct ProvisionGrammar::Lists {
  PhraseList<int> numbers, multipliers;
  PhraseList<bool> times, links, each, other, sessions, unit_articles, group_words, up_to, pupils,
      not_counts_after, capture_stops;
  PhraseList<PeriodEntry> period_nouns, period_adjectives;
  PhraseList<int> units;      // minutes
  PhraseList<int> fractions;  // hundredths
  PhraseList<std::pair<int, int>> ratios;
  PhraseList<std::string> roles;
  PhraseList<QualificationEntry> qualifications;
};

namespace {

using Lists = ProvisionGrammar::Lists;

// A number read at a place in the text, with how many tokens it took.
struct Number {
  double value = 0;
  size_t length = 0;
};

class Reader {
 public:
  Reader(const Lists& lists, std::string_view text) : l_(lists), text_(text), t_(Tokenise(text)) {}

  ProvisionWording Read() {
    ProvisionWording w;
    w.frequency = FindFrequency();
    w.duration_minutes = FindDuration();
    FindStaffing(w.staffing);
    FindDeliverer(w);
    return w;
  }

 private:
  bool At(size_t i) const { return i < t_.size() && !t_[i].punct; }

  // A count: digits or number words ("twenty five"), never after "Year", "Key Stage"...
  std::optional<Number> NumberAt(size_t i) const {
    if (!At(i)) return std::nullopt;
    if (i > 0 && l_.not_counts_after.Match(t_, i - 1) == 1) return std::nullopt;
    const std::string& s = t_[i].text;
    if (std::isdigit(static_cast<unsigned char>(s[0])) && s.find(':') == std::string::npos) {
      double v = std::strtod(s.c_str(), nullptr);
      if (v <= 0 || v > 1000) return std::nullopt;
      return Number{v, 1};
    }
    const int* v = nullptr;
    size_t n = l_.numbers.Match(t_, i, &v);
    if (n == 0) return std::nullopt;
    Number number{static_cast<double>(*v), n};
    const int* units = nullptr;
    if (*v >= 20 && *v % 10 == 0 && l_.numbers.Match(t_, i + n, &units) == 1 && *units < 10) {
      number.value += *units;
      number.length += 1;
    }
    return number;
  }

  // A period after a link: "a week", "every other week", "each school day", "per half term".
  std::optional<std::pair<Period, size_t>> LinkedPeriodAt(size_t i, bool each_only) const {
    size_t link = each_only ? l_.each.Match(t_, i) : l_.links.Match(t_, i);
    if (link == 0) return std::nullopt;
    size_t j = i + link;
    bool every_other = false;
    if (size_t o = l_.other.Match(t_, j)) {
      every_other = true;
      j += o;
    }
    const PeriodEntry* p = nullptr;
    size_t n = l_.period_nouns.Match(t_, j, &p);
    if (n == 0) return std::nullopt;
    if (every_other) {
      if (!p->every_other) return std::nullopt;
      return std::make_pair(*p->every_other, j + n - i);
    }
    return std::make_pair(p->per, j + n - i);
  }

  std::optional<Period> PeriodAfterCount(size_t i) const {
    if (auto linked = LinkedPeriodAt(i, false)) return linked->first;
    const PeriodEntry* p = nullptr;
    if (l_.period_adjectives.Match(t_, i, &p)) return p->per;
    return std::nullopt;
  }

  // The end of a duration written before "sessions" ("two 30-minute sessions"), or `i`.
  size_t SkipDuration(size_t i) const {
    if (auto d = DurationAt(i)) return i + d->second;
    return i;
  }

  std::optional<Frequency> FindFrequency() const {
    // Counted forms first: "three times a week", "twice termly", "x2 weekly",
    // "2 sessions per week", "one day a week".
    for (size_t i = 0; i < t_.size(); ++i) {
      const int* m = nullptr;
      if (size_t n = l_.multipliers.Match(t_, i, &m)) {
        if (auto per = PeriodAfterCount(i + n)) return Frequency{*m, *per};
      }
      if (l_.times.Match(t_, i) == 1) {  // "x2 weekly", "x 3 per week"
        if (auto num = NumberAt(i + 1))
          if (auto per = PeriodAfterCount(i + 1 + num->length))
            return Frequency{static_cast<int>(num->value), *per};
      }
      auto num = NumberAt(i);
      if (!num || num->value != std::floor(num->value)) continue;
      const int count = static_cast<int>(num->value);
      size_t j = i + num->length;
      if (size_t t = l_.times.Match(t_, j)) {
        if (auto per = PeriodAfterCount(j + t)) return Frequency{count, *per};
        continue;
      }
      size_t k = SkipDuration(j);
      if (size_t s = l_.sessions.Match(t_, k)) {
        if (auto per = PeriodAfterCount(k + s)) return Frequency{count, *per};
        continue;
      }
      const PeriodEntry* unit = nullptr;
      if (size_t p = l_.period_nouns.Match(t_, j, &unit)) {  // "two days a week"
        if (auto per = PeriodAfterCount(j + p); per && *per != unit->per)
          return Frequency{count, *per};
      }
      if (t_.size() > j && t_[j].text == "per")  // "2 per week"
        if (auto per = PeriodAfterCount(j)) return Frequency{count, *per};
    }
    // Then a period on its own: "weekly", "fortnightly", "each half term", "every day".
    for (size_t i = 0; i < t_.size(); ++i) {
      const PeriodEntry* p = nullptr;
      if (l_.period_adjectives.Match(t_, i, &p)) return Frequency{1, p->per};
      if (auto linked = LinkedPeriodAt(i, true)) return Frequency{1, linked->first};
    }
    return std::nullopt;
  }

  // Minutes and tokens taken: "30 minutes", "half an hour", "an hour and a half",
  // "1 hour 15 minutes", "1.5 hours", "45-minute".
  std::optional<std::pair<int, size_t>> DurationAt(size_t i) const {
    if (!At(i)) return std::nullopt;
    size_t j = i;
    double amount = 0;
    const int* hundredths = nullptr;
    if (size_t f = l_.fractions.Match(t_, j, &hundredths)) {  // "half an hour"
      j += f;
      if (At(j) && t_[j].text == "of") ++j;
      if (size_t a = l_.unit_articles.Match(t_, j)) j += a;
      const int* unit = nullptr;
      size_t u = l_.units.Match(t_, j, &unit);
      if (u == 0) return std::nullopt;
      return std::make_pair(static_cast<int>(std::lround(*unit * *hundredths / 100.0)), j + u - i);
    }
    if (auto num = NumberAt(j)) {
      amount = num->value;
      j += num->length;
    } else if (size_t a = l_.unit_articles.Match(t_, j)) {
      amount = 1;
      j += a;
    } else {
      return std::nullopt;
    }
    auto and_a_half = [&](size_t at) -> size_t {  // "and a half"
      if (!At(at) || t_[at].text != "and") return 0;
      const int* h = nullptr;
      if (size_t f = l_.fractions.Match(t_, at + 1, &h)) {
        amount += *h / 100.0;
        return 1 + f;
      }
      return 0;
    };
    j += and_a_half(j);
    const int* unit = nullptr;
    size_t u = l_.units.Match(t_, j, &unit);
    if (u == 0) return std::nullopt;
    j += u;
    const double before = amount;
    if (size_t h = and_a_half(j)) j += h;
    double minutes = (amount - before) * *unit + before * *unit;
    // "1 hour 30 minutes", "1 hour and 15 minutes"
    size_t k = j;
    if (At(k) && t_[k].text == "and") ++k;
    if (auto more = NumberAt(k)) {
      const int* unit2 = nullptr;
      if (size_t u2 = l_.units.Match(t_, k + more->length, &unit2); u2 && *unit2 < *unit) {
        minutes += more->value * *unit2;
        j = k + more->length + u2;
      }
    }
    if (minutes <= 0 || minutes > 24 * 60) return std::nullopt;
    return std::make_pair(static_cast<int>(std::lround(minutes)), j - i);
  }

  std::optional<int> FindDuration() const {
    for (size_t i = 0; i < t_.size(); ++i)
      if (auto d = DurationAt(i)) return d->first;
    return std::nullopt;
  }

  void FindStaffing(Staffing& s) const {
    // Written ratios first ("1:1", "2:1"); a time such as "10:30" is not one.
    for (const Token& t : t_) {
      size_t colon = t.text.find(':');
      if (colon == std::string::npos || !std::isdigit(static_cast<unsigned char>(t.text[0])))
        continue;
      int staff = std::atoi(t.text.c_str());
      int pupils = std::atoi(t.text.c_str() + colon + 1);
      if (staff >= 1 && staff <= 4 && pupils >= 1 && pupils <= 15) {
        s.ratio = std::make_pair(staff, pupils);
        break;
      }
    }
    for (size_t i = 0; i < t_.size() && !s.ratio; ++i) {
      const std::pair<int, int>* r = nullptr;
      if (l_.ratios.Match(t_, i, &r)) s.ratio = *r;
    }
    for (size_t i = 0; i < t_.size() && !s.group_size; ++i) {
      size_t j = i;
      bool group = false;
      if (size_t g = l_.group_words.Match(t_, j)) {
        group = true;
        j += g;
        if (j < t_.size() && t_[j].text == "(") ++j;  // "a small group (max 5)"
      }
      bool up_to = false;
      if (size_t u = l_.up_to.Match(t_, j)) {
        up_to = true;
        j += u;
      }
      if (!group && !up_to && j != i) continue;
      auto num = NumberAt(j);
      if (!num) continue;
      int size = static_cast<int>(num->value);
      j += num->length;
      if (auto upper = NumberAt(j)) {  // "groups of 3-4": the larger
        size = std::max(size, static_cast<int>(upper->value));
        j += upper->length;
      }
      // "with 3 other pupils": a group of four
      const bool* unused = nullptr;
      size_t p = l_.pupils.Match(t_, j, &unused);
      if (!group && p == 0) continue;
      if (p > 0 && l_.other.Match(t_, j) > 0) size += 1;
      if (size >= 2 && size <= 40) s.group_size = size;
    }
  }

  void FindDeliverer(ProvisionWording& w) const {
    size_t role_begin = 0, role_end = 0;
    for (size_t i = 0; i < t_.size(); ++i) {
      const std::string* role = nullptr;
      if (size_t n = l_.roles.Match(t_, i, &role)) {
        w.deliverer_role = *role;
        role_begin = i;
        role_end = i + n;
        break;
      }
    }
    for (size_t i = 0; i < t_.size(); ++i) {
      const QualificationEntry* q = nullptr;
      size_t n = l_.qualifications.Match(t_, i, &q);
      if (n == 0) continue;
      if (!w.deliverer_role.empty() && i >= role_begin && i < role_end) continue;
      size_t end = i + n;
      if (q->capture_following) {
        size_t k = end;
        while (At(k) && k < end + 6 && l_.capture_stops.Match(t_, k) == 0) ++k;
        if (k == end) continue;  // "trained in" with nothing after it
        end = k;
      }
      w.deliverer_qualification =
          std::string(text_.substr(t_[i].begin, t_[end - 1].end - t_[i].begin));
      break;
    }
  }

  const Lists& l_;
  std::string_view text_;
  std::vector<Token> t_;
};

void AddWords(const XmlElement* list, PhraseList<bool>& out) {
  if (list == nullptr) return;
  for (const XmlElement* w : list->Children("word")) out.Add(w->AttributeOr("text"), true);
  out.SortLongestFirst();
}

void AddValued(const XmlElement* list, std::string_view child, PhraseList<int>& out,
               std::string_view value_attribute = "value") {
  if (list == nullptr) return;
  for (const XmlElement* e : list->Children(child))
    out.Add(e->AttributeOr("text"),
            std::atoi(e->AttributeOr(std::string(value_attribute)).c_str()));
  out.SortLongestFirst();
}

}  // namespace

ProvisionGrammar::ProvisionGrammar(std::unique_ptr<Lists> lists) : lists_(std::move(lists)) {}
ProvisionGrammar::~ProvisionGrammar() = default;
ProvisionGrammar::ProvisionGrammar(ProvisionGrammar&&) noexcept = default;
ProvisionGrammar& ProvisionGrammar::operator=(ProvisionGrammar&&) noexcept = default;

void RegisterGrammarSchema(SchemaRegistry& schemas) {
  schemas.Register("provisionGrammar", "ehcp-grammar-1.xsd");
}

std::optional<ProvisionGrammar> ProvisionGrammar::Load(const std::filesystem::path& path,
                                                       const SchemaRegistry& schemas,
                                                       DiagnosticList& diagnostics) {
  std::optional<XmlElement> parsed =
      ReadDataFile(path.string(), schemas, "provisionGrammar", "grammar.root", diagnostics);
  if (!parsed) return std::nullopt;
  const XmlElement& root = *parsed;
  auto l = std::make_unique<Lists>();
  AddValued(root.Child("numbers"), "number", l->numbers);
  AddValued(root.Child("multipliers"), "multiplier", l->multipliers);
  AddWords(root.Child("timesWords"), l->times);
  AddWords(root.Child("periodLinks"), l->links);
  AddWords(root.Child("eachWords"), l->each);
  AddWords(root.Child("otherWords"), l->other);
  AddWords(root.Child("sessionWords"), l->sessions);
  AddWords(root.Child("unitArticles"), l->unit_articles);
  AddWords(root.Child("groupWords"), l->group_words);
  AddWords(root.Child("upToWords"), l->up_to);
  AddWords(root.Child("pupilWords"), l->pupils);
  AddWords(root.Child("notCountsAfter"), l->not_counts_after);
  AddWords(root.Child("captureStops"), l->capture_stops);
  if (const XmlElement* periods = root.Child("periods")) {
    for (const XmlElement* p : periods->Children("period")) {
      PeriodEntry entry;
      if (auto per = ParseToken<Period>(p->AttributeOr("per"))) entry.per = *per;
      if (const std::string* other = p->Attribute("everyOther"))
        entry.every_other = ParseToken<Period>(*other);
      for (const XmlElement* n : p->Children("noun"))
        l->period_nouns.Add(n->AttributeOr("text"), entry);
      for (const XmlElement* a : p->Children("adjective"))
        l->period_adjectives.Add(a->AttributeOr("text"), entry);
    }
    l->period_nouns.SortLongestFirst();
    l->period_adjectives.SortLongestFirst();
  }
  AddValued(root.Child("durationUnits"), "unit", l->units, "minutes");
  AddValued(root.Child("fractions"), "fraction", l->fractions, "hundredths");
  if (const XmlElement* ratios = root.Child("ratios")) {
    for (const XmlElement* r : ratios->Children("ratio"))
      l->ratios.Add(r->AttributeOr("text"),
                    std::make_pair(std::atoi(r->AttributeOr("staff").c_str()),
                                   std::atoi(r->AttributeOr("pupils").c_str())));
    l->ratios.SortLongestFirst();
  }
  if (const XmlElement* roles = root.Child("roles")) {
    for (const XmlElement* r : roles->Children("role")) {
      std::string name = r->AttributeOr("name");
      l->roles.Add(name, name);
      for (const XmlElement* a : r->Children("alias")) l->roles.Add(a->AttributeOr("text"), name);
    }
    l->roles.SortLongestFirst();
  }
  if (const XmlElement* quals = root.Child("qualifications")) {
    for (const XmlElement* q : quals->Children("qualification"))
      l->qualifications.Add(q->AttributeOr("text"),
                            QualificationEntry{q->AttributeOr("capture") == "following"});
    l->qualifications.SortLongestFirst();
  }
  return ProvisionGrammar(std::move(l));
}

ProvisionWording ProvisionGrammar::Read(std::string_view text) const {
  return Reader(*lists_, text).Read();
}

void ApplyWording(const ProvisionWording& wording, ProvisionItem& item) {
  if (!item.frequency) item.frequency = wording.frequency;
  if (!item.duration_minutes) item.duration_minutes = wording.duration_minutes;
  if (!item.staffing.ratio) item.staffing.ratio = wording.staffing.ratio;
  if (!item.staffing.group_size) item.staffing.group_size = wording.staffing.group_size;
  if (item.deliverer_role.empty()) item.deliverer_role = wording.deliverer_role;
  if (item.deliverer_qualification.empty())
    item.deliverer_qualification = wording.deliverer_qualification;
}

}  // namespace ehcp
