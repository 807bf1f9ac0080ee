#include "lint/literal_prefilter.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>

namespace ehcp {
namespace {

// What a piece of a regex can match, for the analysis: either exactly one of a small
// set of strings, or (kMatch) text that contains at least one of `strings` somewhere;
// kMatch with no strings means "anything", i.e. no requirement.
struct Info {
  enum Kind { kExact, kMatch } kind = kExact;
  std::vector<std::string> strings;

  static Info Exact(std::vector<std::string> s) { return Info{kExact, Unique(std::move(s))}; }
  static Info Anything() { return Info{kMatch, {}}; }
  bool IsAnything() const { return kind == kMatch && strings.empty(); }

  static std::vector<std::string> Unique(std::vector<std::string> s) {
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  }
};

// Exact sets larger than this are turned into requirements, to bound the work.
constexpr size_t kMaxExact = 64;
// States are 16-bit; a list needing more is not filtered (none comes close).
constexpr size_t kMaxStates = 65535;
// Literals are cut to this many bytes (at a character boundary) in the automaton.
constexpr size_t kMaxLiteralBytes = 16;

Info AsRequirement(const Info& info) {
  if (info.kind == Info::kMatch) return info;
  for (const auto& s : info.strings)
    if (s.empty()) return Info::Anything();  // may match the empty string: no requirement
  return Info{Info::kMatch, info.strings};
}

size_t ShortestLength(const Info& info) {
  size_t shortest = SIZE_MAX;
  for (const auto& s : info.strings) shortest = std::min(shortest, s.size());
  return shortest;
}

// The more selective of two requirements: longer shortest string, then fewer strings.
Info Stronger(Info a, Info b) {
  if (a.IsAnything()) return b;
  if (b.IsAnything()) return a;
  size_t la = ShortestLength(a), lb = ShortestLength(b);
  if (la != lb) return la > lb ? a : b;
  return a.strings.size() <= b.strings.size() ? a : b;
}

Info Concat(const Info& a, const Info& b) {
  if (a.kind == Info::kExact && b.kind == Info::kExact &&
      a.strings.size() * b.strings.size() <= kMaxExact) {
    std::vector<std::string> product;
    for (const auto& x : a.strings)
      for (const auto& y : b.strings) product.push_back(x + y);
    return Info::Exact(std::move(product));
  }
  return Stronger(AsRequirement(a), AsRequirement(b));
}

Info Alternate(const Info& a, const Info& b) {
  if (a.kind == Info::kExact && b.kind == Info::kExact &&
      a.strings.size() + b.strings.size() <= kMaxExact) {
    std::vector<std::string> both = a.strings;
    both.insert(both.end(), b.strings.begin(), b.strings.end());
    return Info::Exact(std::move(both));
  }
  Info ra = AsRequirement(a), rb = AsRequirement(b);
  if (ra.IsAnything() || rb.IsAnything()) return Info::Anything();
  ra.strings.insert(ra.strings.end(), rb.strings.begin(), rb.strings.end());
  return Info{Info::kMatch, Info::Unique(std::move(ra.strings))};
}

std::string Utf8(UChar32 c) {
  std::string out;
  char buffer[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(buffer, length, 4, c, error);
  if (!error) out.assign(buffer, static_cast<size_t>(length));
  return out;
}

// Recursive descent over the ICU regex syntax word lists use. `failed` is set on
// anything not modelled, and the caller then gives up on the term.
class RegexAnalysis {
 public:
  explicit RegexAnalysis(std::string_view regex) : s_(regex) {}

  std::optional<Info> Run() {
    Info info = Alternation();
    if (failed_ || pos_ != s_.size()) return std::nullopt;
    return info;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  UChar32 Next() {
    UChar32 c;
    int32_t i = static_cast<int32_t>(pos_);
    U8_NEXT(s_.data(), i, static_cast<int32_t>(s_.size()), c);
    pos_ = static_cast<size_t>(i);
    if (c < 0) failed_ = true;
    return c;
  }
  Info Fail() {
    failed_ = true;
    return Info::Anything();
  }

  Info Alternation() {
    Info info = Sequence();
    while (!failed_ && Peek() == '|') {
      ++pos_;
      info = Alternate(info, Sequence());
    }
    return info;
  }

  // Adjacent exact pieces multiply out into one run of strings ("by " (Year|age) " ");
  // anything else breaks the run, and the sequence then requires the strongest of its
  // runs and pieces.
  Info Sequence() {
    Info run = Info::Exact({""});
    Info strongest = Info::Anything();
    bool exact = true;
    while (!failed_ && !AtEnd() && Peek() != '|' && Peek() != ')') {
      if (size_t length = PlainCharacter(); length > 0) {  // most of a term: extend in place
        for (auto& string : run.strings) string.append(s_.substr(pos_, length));
        pos_ += length;
        continue;
      }
      Info piece = Repeat();
      if (piece.kind == Info::kExact && run.strings.size() * piece.strings.size() <= kMaxExact) {
        run = Concat(run, piece);
        continue;
      }
      exact = false;
      strongest = Stronger(strongest, AsRequirement(run));
      if (piece.kind == Info::kExact) {
        run = piece;
      } else {
        strongest = Stronger(strongest, piece);
        run = Info::Exact({""});
      }
    }
    return exact ? run : Stronger(strongest, AsRequirement(run));
  }

  // The byte length of the character at pos_ if it stands for itself and no quantifier
  // follows it, else 0.
  size_t PlainCharacter() const {
    if (std::string_view("\\()[]{}.^$|*+?").find(s_[pos_]) != std::string_view::npos) return 0;
    int32_t end = static_cast<int32_t>(pos_);
    UChar32 c;
    U8_NEXT(s_.data(), end, static_cast<int32_t>(s_.size()), c);
    if (c < 0) return 0;  // not UTF-8: the slow path fails the term
    size_t length = static_cast<size_t>(end) - pos_;
    char after = pos_ + length < s_.size() ? s_[pos_ + length] : '\0';
    return after == '?' || after == '*' || after == '+' || after == '{' ? 0 : length;
  }

  Info Repeat() {
    Info atom = Atom();
    while (!failed_ && !AtEnd()) {
      char c = Peek();
      long min = 0, max = -1;  // -1: unbounded
      if (c == '?') {
        max = 1;
      } else if (c == '*') {
      } else if (c == '+') {
        min = 1;
      } else if (c == '{') {
        if (!Interval(min, max)) return Fail();
        --pos_;  // Interval consumed the closing brace; the common ++pos_ below skips it
      } else {
        break;
      }
      ++pos_;
      if (Peek() == '?' || Peek() == '+') ++pos_;  // lazy or possessive: same strings
      if (min == 0) {
        if (max == 1 && atom.kind == Info::kExact) {  // x? is x or nothing
          atom.strings.push_back("");
          atom = Info::Exact(std::move(atom.strings));
        } else {  // x*, x{0,n}: any number of copies, perhaps none
          atom = Info::Anything();
        }
      } else if (!(min == 1 && max == 1)) {
        atom = AsRequirement(atom);  // at least one copy occurs
      }
    }
    return atom;
  }

  // {n}, {n,} or {n,m}; leaves pos_ after the closing brace.
  bool Interval(long& min, long& max) {
    size_t at = pos_ + 1;
    auto number = [&](long& out) {
      size_t start = at;
      out = 0;
      while (at < s_.size() && s_[at] >= '0' && s_[at] <= '9' && at - start < 6)
        out = out * 10 + (s_[at++] - '0');
      return at > start;
    };
    if (!number(min)) return false;
    max = min;
    if (at < s_.size() && s_[at] == ',') {
      ++at;
      max = -1;
      if (at < s_.size() && s_[at] != '}' && !number(max)) return false;
    }
    if (at >= s_.size() || s_[at] != '}') return false;
    pos_ = at + 1;
    return true;
  }

  Info Group() {  // after '('
    bool zero_width = false;
    if (Peek() == '?') {
      ++pos_;
      char kind = Peek();
      if (kind == ':') {
        ++pos_;
      } else if (kind == '=' || kind == '!') {
        ++pos_;
        zero_width = true;
      } else if (kind == '<' && pos_ + 1 < s_.size() &&
                 (s_[pos_ + 1] == '=' || s_[pos_ + 1] == '!')) {
        pos_ += 2;
        zero_width = true;
      } else if (kind == '<') {  // named group
        size_t close = s_.find('>', pos_);
        if (close == std::string_view::npos) return Fail();
        pos_ = close + 1;
      } else {
        // A scoped flag group such as (?-i:...) is a group whose literals still hold: the
        // prefilter then asks for more than the regex does, never less. One that turns case
        // folding on, (?i:...), or bare flags, (?i), could make a literal too strict.
        size_t at = pos_;
        bool turns_off = false;
        while (at < s_.size() &&
               (std::isalpha(static_cast<unsigned char>(s_[at])) || s_[at] == '-')) {
          if (s_[at] == '-') turns_off = true;
          if (s_[at] == 'i' && !turns_off) return Fail();
          ++at;
        }
        if (at == pos_ || at >= s_.size() || s_[at] != ':') return Fail();
        pos_ = at + 1;
      }
    }
    Info inner = Alternation();
    if (failed_ || Peek() != ')') return Fail();
    ++pos_;
    return zero_width ? Info::Exact({""}) : inner;
  }

  Info SkipClass() {  // after '['; ICU sets nest
    int depth = 1;
    while (depth > 0) {
      if (AtEnd()) return Fail();
      char c = s_[pos_++];
      if (c == '\\') {
        if (AtEnd()) return Fail();
        char e = s_[pos_];
        Next();
        if ((e == 'p' || e == 'P' || e == 'N') && Peek() == '{') {
          size_t close = s_.find('}', pos_);
          if (close == std::string_view::npos) return Fail();
          pos_ = close + 1;
        }
      } else if (c == '[') {
        ++depth;
      } else if (c == ']') {
        --depth;
      }
    }
    return Info::Anything();
  }

  Info Escape() {  // after '\'
    if (AtEnd()) return Fail();
    char e = Peek();
    switch (e) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
      case 'h':
      case 'H':
      case 'v':
      case 'V':
      case 'R':
      case 'X': ++pos_; return Info::Anything();
      case 'b':
      case 'B':
      case 'A':
      case 'Z':
      case 'z':
      case 'G': ++pos_; return Info::Exact({""});
      case 'p':
      case 'P':
      case 'N':
      case 'k': {
        ++pos_;
        char open = e == 'k' ? '<' : '{', close = e == 'k' ? '>' : '}';
        if (Peek() != open) return Fail();
        size_t end = s_.find(close, pos_);
        if (end == std::string_view::npos) return Fail();
        pos_ = end + 1;
        return Info::Anything();
      }
      case 'Q': {
        ++pos_;
        size_t end = s_.find("\\E", pos_);
        std::string literal(
            s_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_));
        pos_ = end == std::string_view::npos ? s_.size() : end + 2;
        return Info::Exact({literal});
      }
      case 't': ++pos_; return Info::Exact({"\t"});
      case 'n': ++pos_; return Info::Exact({"\n"});
      case 'r': ++pos_; return Info::Exact({"\r"});
      case 'f': ++pos_; return Info::Exact({"\f"});
      case 'a': ++pos_; return Info::Exact({"\a"});
      case 'e': ++pos_; return Info::Exact({"\x1b"});
      default: break;
    }
    if (e >= '1' && e <= '9') {  // back reference: some earlier text, unknown here
      while (Peek() >= '0' && Peek() <= '9') ++pos_;
      return Info::Anything();
    }
    if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) return Fail();
    return Info::Exact({Utf8(Next())});  // an escaped symbol stands for itself
  }

  Info Atom() {
    char c = Peek();
    switch (c) {
      case '(': ++pos_; return Group();
      case '[': ++pos_; return SkipClass();
      case '.': ++pos_; return Info::Anything();
      case '^':
      case '$': ++pos_; return Info::Exact({""});
      case '\\': ++pos_; return Escape();
      case '*':
      case '+':
      case '?':
      case '{': return Fail();
      default: return Info::Exact({Utf8(Next())});
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  bool failed_ = false;
};

std::string FoldCase(std::string_view utf8) {
  // ASCII folds to ASCII lower case, and only non-ASCII text needs ICU.
  if (std::all_of(utf8.begin(), utf8.end(),
                  [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; })) {
    std::string out(utf8);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())))
      .foldCase(U_FOLD_CASE_DEFAULT)
      .toUTF8String(out);
  return out;
}

}  // namespace

std::optional<std::vector<std::string>> RequiredLiterals(std::string_view regex) {
  std::optional<Info> info = RegexAnalysis(regex).Run();
  if (!info) return std::nullopt;
  Info required = AsRequirement(*info);
  if (required.IsAnything()) return std::nullopt;
  return Info::Unique(std::move(required.strings));  // in order, whatever the analysis did
}

LiteralPrefilter::LiteralPrefilter(
    const std::vector<std::optional<std::vector<std::string>>>& required, bool case_sensitive)
    : case_sensitive_(case_sensitive), terms_(required.size()) {
  std::vector<std::pair<std::string, uint32_t>> literals;  // (folded literal, term)
  for (size_t t = 0; t < required.size(); ++t) {
    const auto& term = required[t];
    bool unfiltered = !term.has_value();
    for (size_t i = 0; term && i < term->size() && !unfiltered; ++i) {
      std::string folded = case_sensitive ? (*term)[i] : FoldCase((*term)[i]);
      if (folded.empty()) {
        unfiltered = true;  // matches anywhere: no requirement
        break;
      }
      // A text holding a literal holds its first bytes, so a long literal is cut to its
      // first few characters: hardly less selective, and far fewer automaton states.
      if (folded.size() > kMaxLiteralBytes) {
        size_t cut = kMaxLiteralBytes;
        while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
        folded.resize(cut);
      }
      literals.emplace_back(std::move(folded), static_cast<uint32_t>(t));
    }
    if (unfiltered) unfiltered_.push_back(static_cast<uint32_t>(t));
  }
  always_ = !unfiltered_.empty();
  std::sort(literals.begin(), literals.end());
  literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
  // Byte classes: one per byte some literal uses; every other byte is class 0. Folded
  // literals hold no A-Z, so A-Z share the class of a-z and ASCII text needs no folding.
  for (const auto& [literal, term] : literals)
    for (unsigned char b : literal)
      if (class_of_[b] == 0) class_of_[b] = static_cast<uint8_t>(classes_++);
  if (!case_sensitive)
    for (int c = 'A'; c <= 'Z'; ++c) class_of_[c] = class_of_[c - 'A' + 'a'];

  // The trie, then Aho–Corasick failure links folded into a complete transition table.
  size_t bytes = 1;
  for (const auto& [literal, term] : literals) bytes += literal.size();
  if (bytes > kMaxStates) {
    always_ = true;
    filtered_ = false;
    return;
  }
  std::vector<int32_t> trie(static_cast<size_t>(classes_), -1);  // -1: no edge yet
  trie.reserve(bytes * static_cast<size_t>(classes_));
  accepts_.assign(1, 0);
  std::vector<std::vector<uint32_t>> outputs(1);
  for (const auto& [literal, term] : literals) {
    int32_t state = 0;
    for (unsigned char b : literal) {
      size_t at = static_cast<size_t>(state) * classes_ + class_of_[b];
      if (trie[at] < 0) {
        trie[at] = static_cast<int32_t>(accepts_.size());
        accepts_.push_back(0);
        outputs.emplace_back();
        trie.resize(trie.size() + static_cast<size_t>(classes_), -1);
      }
      state = trie[at];
    }
    accepts_[static_cast<size_t>(state)] = 1;
    outputs[static_cast<size_t>(state)].push_back(term);
  }
  std::vector<int32_t> fail(accepts_.size(), 0);
  std::deque<int32_t> queue;
  for (int c = 0; c < classes_; ++c) {
    int32_t& edge = trie[static_cast<size_t>(c)];
    if (edge < 0) {
      edge = 0;
    } else {
      queue.push_back(edge);
    }
  }
  while (!queue.empty()) {
    int32_t state = queue.front();
    queue.pop_front();
    const auto s = static_cast<size_t>(state);
    const auto f = static_cast<size_t>(fail[s]);
    accepts_[s] |= accepts_[f];
    // Breadth first, so the failure state's outputs are already complete.
    outputs[s].insert(outputs[s].end(), outputs[f].begin(), outputs[f].end());
    for (int c = 0; c < classes_; ++c) {
      int32_t& edge = trie[s * classes_ + c];
      int32_t via_fail = trie[f * classes_ + c];
      if (edge < 0) {
        edge = via_fail;
      } else {
        fail[static_cast<size_t>(edge)] = via_fail;
        queue.push_back(edge);
      }
    }
  }
  next_.assign(trie.begin(), trie.end());  // every edge now set, all below kMaxStates
  output_begin_.reserve(outputs.size() + 1);
  for (auto& terms : outputs) {
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    output_begin_.push_back(static_cast<uint32_t>(output_terms_.size()));
    output_terms_.insert(output_terms_.end(), terms.begin(), terms.end());
  }
  output_begin_.push_back(static_cast<uint32_t>(output_terms_.size()));
}

bool LiteralPrefilter::Scan(std::string_view bytes) const {
  int32_t state = 0;
  for (unsigned char b : bytes) {
    state = next_[static_cast<size_t>(state) * classes_ + class_of_[b]];
    if (accepts_[static_cast<size_t>(state)]) return true;
  }
  return false;
}

namespace {

// Eight bytes at a time: the whole test costs less than one automaton step a byte.
bool IsAscii(std::string_view bytes) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    any |= word;
  }
  for (; i < bytes.size(); ++i) any |= static_cast<unsigned char>(bytes[i]);
  return (any & 0x8080808080808080ULL) == 0;
}

}  // namespace

bool LiteralPrefilter::CollectIds(std::string_view bytes, bool ascii_only,
                                  std::vector<uint32_t>& terms) const {
  // A text with a byte over 0x7F is folded and scanned again by the caller, and that scan
  // finds every term this one would have found before the byte (the ids are sorted and
  // made unique afterwards), so such a text is not scanned here at all.
  if (ascii_only && !IsAscii(bytes)) return false;
  // Locals, so that the loop keeps them in registers across the appends.
  const uint16_t* next = next_.data();
  const uint8_t* accepts = accepts_.data();
  const auto classes = static_cast<size_t>(classes_);
  size_t state = 0;
  for (unsigned char b : bytes) {
    state = next[state * classes + class_of_[b]];
    if (!accepts[state]) continue;
    terms.insert(terms.end(), output_terms_.begin() + output_begin_[state],
                 output_terms_.begin() + output_begin_[state + 1]);
  }
  return true;
}

bool LiteralPrefilter::Collect(std::string_view bytes, bool ascii_only,
                               std::vector<char>& candidates, bool& any) const {
  // As CollectIds: the folded text's scan marks whatever a scan up to the first byte over
  // 0x7F would have marked.
  if (ascii_only && !IsAscii(bytes)) return false;
  const uint16_t* next = next_.data();
  const uint8_t* accepts = accepts_.data();
  const auto classes = static_cast<size_t>(classes_);
  size_t state = 0;
  for (unsigned char b : bytes) {
    state = next[state * classes + class_of_[b]];
    if (!accepts[state]) continue;
    any = true;
    for (uint32_t i = output_begin_[state]; i < output_begin_[state + 1]; ++i)
      candidates[output_terms_[i]] = 1;
  }
  return true;
}

bool LiteralPrefilter::MayMatch(std::string_view utf8) const {
  if (always_) return true;
  if (case_sensitive_) return Scan(utf8);
  bool ascii = std::all_of(utf8.begin(), utf8.end(),
                           [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
  return ascii ? Scan(utf8) : Scan(FoldCase(utf8));
}

bool LiteralPrefilter::Candidates(std::string_view utf8, std::vector<char>& candidates) const {
  candidates.assign(terms_, filtered_ ? 0 : 1);
  if (!filtered_) return terms_ > 0;
  bool any = !unfiltered_.empty();
  for (uint32_t t : unfiltered_) candidates[t] = 1;
  // Case-insensitive lists read ASCII text as it is (the byte classes fold A-Z) and fold
  // only text with other letters. The terms found before a non-ASCII byte stop the first
  // pass are found again in the folded text, so they stay marked.
  if (!Collect(utf8, !case_sensitive_, candidates, any))
    Collect(FoldCase(utf8), false, candidates, any);
  return any;
}

void LiteralPrefilter::AppendCandidates(std::string_view utf8, std::vector<uint32_t>& terms) const {
  if (!filtered_) {
    for (size_t t = 0; t < terms_; ++t) terms.push_back(static_cast<uint32_t>(t));
    return;
  }
  terms.insert(terms.end(), unfiltered_.begin(), unfiltered_.end());
  if (!CollectIds(utf8, !case_sensitive_, terms)) CollectIds(FoldCase(utf8), false, terms);
}

}  // namespace ehcp
