#include "council_reader/council_reader.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "loader/data_file.h"

namespace ehcp {

// ---------- The vocabulary ----------

struct CouncilPlanReader::Vocabulary {
  std::vector<std::string> prefixes;                         // "section", "part"
  std::vector<std::pair<std::string, SectionId>> titles;     // "special educational needs" -> B
  std::vector<std::pair<std::string, std::string>> columns;  // header word -> role
  std::vector<std::pair<std::string, std::string>> labels;   // detail label -> field
  std::vector<std::pair<std::string, Attribution>> views;    // view label -> attribution
  std::vector<std::string> none;                             // "no identified", "none"
  std::vector<std::pair<std::string, NeedArea>> areas;
  std::vector<std::pair<std::string, AdviceCategory>> advice;
};

namespace {

using Vocabulary = CouncilPlanReader::Vocabulary;

template <typename T>
void LongestFirst(std::vector<std::pair<std::string, T>>& list) {
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

// Lower case, Word's curly quotes and dashes made plain, spaces collapsed, trimmed: the
// form headings, headers and labels are compared in.
std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d == 0x98 || d == 0x99) {  // ‘ ’
        out += '\'';
        i += 2;
        continue;
      }
      if (d == 0x93 || d == 0x94) {  // – —
        out += '-';
        i += 2;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {  // no-break space
      c = ' ';
      ++i;
    }
    if (std::isspace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string Trim(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

bool WordEnd(std::string_view text, size_t at) {
  return at >= text.size() || !std::isalnum(static_cast<unsigned char>(text[at]));
}

// `folded` starts with `phrase` as whole words.
bool StartsWithPhrase(std::string_view folded, std::string_view phrase) {
  return folded.substr(0, phrase.size()) == phrase && WordEnd(folded, phrase.size());
}

template <typename T>
const std::pair<std::string, T>* LongestPrefix(const std::vector<std::pair<std::string, T>>& list,
                                               std::string_view folded) {
  for (const auto& entry : list)  // longest first
    if (StartsWithPhrase(folded, entry.first)) return &entry;
  return nullptr;
}

std::optional<SectionId> SectionFromLetter(std::string_view token) {
  std::string upper;
  for (char c : token) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "H") return SectionId::kH1;  // "Section H" covers H1, with H2 under it
  return ParseToken<SectionId>(upper);
}

// A reference to an item: a letter A-K and digits ("B3", "F12").
bool IsItemRef(std::string_view token) {
  auto digits = [](std::string_view d) {
    return !d.empty() && d.size() <= 3 && std::all_of(d.begin(), d.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
  };
  // H1 and H2 items are numbered within their section: "H1.2".
  if (token.size() >= 4 && (token[0] == 'H' || token[0] == 'h') &&
      (token[1] == '1' || token[1] == '2') && token[2] == '.')
    return digits(token.substr(3));
  if (token.size() < 2 || token.size() > 4) return false;
  char c = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
  return c >= 'A' && c <= 'K' && digits(token.substr(1));
}

std::vector<std::string> RefsIn(std::string_view text) {
  std::vector<std::string> refs;
  std::string token;
  auto flush = [&] {
    if (IsItemRef(token)) {
      token[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
      refs.push_back(token);
    }
    token.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      token += c;
    else
      flush();
  }
  flush();
  return refs;
}

// A leading item reference: "B3. Sam finds..." -> {"B3", "Sam finds..."}.
std::pair<std::string, std::string> SplitLeadingRef(const std::string& text) {
  size_t end = 0;
  while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
  if (end == 2 && (text[0] == 'H' || text[0] == 'h') && end + 1 < text.size() && text[end] == '.' &&
      std::isdigit(static_cast<unsigned char>(text[end + 1]))) {  // "H1.2"
    ++end;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  }
  std::string token = text.substr(0, end);
  if (!IsItemRef(token)) return {"", text};
  size_t rest = end;
  while (rest < text.size() && (text[rest] == '.' || text[rest] == ':' || text[rest] == ')' ||
                                text[rest] == ' ' || text[rest] == '-'))
    ++rest;
  if (rest == end) return {"", text};  // "B3" must be followed by a separator or a space
  token[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
  return {token, text.substr(rest)};
}

// A trailing "(needs B1, B2; towards E1)" is the item's links, not its words.
std::pair<std::string, std::vector<std::string>> SplitTrailingLinks(const std::string& text) {
  std::string trimmed = Trim(text);
  if (trimmed.empty() || trimmed.back() != ')') return {text, {}};
  size_t open = trimmed.rfind('(');
  if (open == std::string::npos) return {text, {}};
  std::string inside = trimmed.substr(open + 1, trimmed.size() - open - 2);
  static const std::set<std::string> kLinkWords{"need",    "needs", "meets", "outcome", "outcomes",
                                                "towards", "and",   "links", "to",      "section"};
  std::vector<std::string> refs;
  std::string token;
  bool only_links = true;
  auto flush = [&] {
    if (token.empty()) return;
    if (IsItemRef(token)) {
      token[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(token[0])));
      refs.push_back(token);
    } else if (!kLinkWords.count(Fold(token))) {
      only_links = false;
    }
    token.clear();
  };
  for (char c : inside) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      token += c;
    else
      flush();
  }
  flush();
  if (!only_links || refs.empty()) return {text, {}};
  return {Trim(trimmed.substr(0, open)), refs};
}

const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                         "july",    "august",   "september", "october", "november", "december"};

// "2026-03-16", "16/03/2026" or "16 March 2026".
std::optional<Date> ParseDate(const std::string& text) {
  std::string t = Fold(text);
  if (auto iso = Date::FromIso(t)) return iso;
  int d = 0, m = 0, y = 0;
  char month[16] = {};
  if (std::sscanf(t.c_str(), "%d/%d/%d", &d, &m, &y) == 3 && IsValidDate(y, m, d))
    return Date{y, m, d};
  if (std::sscanf(t.c_str(), "%d %15s %d", &d, month, &y) == 3) {
    for (int i = 0; i < 12; ++i)
      if (std::string_view(month) == kMonths[i] && IsValidDate(y, i + 1, d))
        return Date{y, i + 1, d};
  }
  return std::nullopt;
}

// ---------- The document as blocks ----------

struct Cell {
  std::string text;
  int order = 0;  // the first paragraph's position in the document
};

struct Block {
  bool table = false;
  std::string text;  // a paragraph's
  int order = 0;
  int table_number = 0;
  std::vector<std::vector<Cell>> rows;
};

std::vector<Block> Blocks(const PlanText& document) {
  std::vector<Block> blocks;
  int order = 0;
  for (const TextParagraph& p : document.paragraphs) {
    ++order;
    if (p.place.table == 0) {
      if (Trim(p.text).empty()) continue;
      Block b;
      b.text = Trim(p.text);
      b.order = order;
      blocks.push_back(std::move(b));
      continue;
    }
    if (blocks.empty() || !blocks.back().table || blocks.back().table_number != p.place.table) {
      Block b;
      b.table = true;
      b.table_number = p.place.table;
      b.order = order;
      blocks.push_back(std::move(b));
    }
    Block& t = blocks.back();
    size_t row = static_cast<size_t>(std::max(p.place.row, 1));
    size_t column = static_cast<size_t>(std::max(p.place.column, 1));
    if (t.rows.size() < row) t.rows.resize(row);
    auto& cells = t.rows[row - 1];
    if (cells.size() < column) cells.resize(column);
    Cell& cell = cells[column - 1];
    std::string text = Trim(p.text);
    if (cell.order == 0) cell.order = order;
    if (text.empty()) continue;
    if (!cell.text.empty()) cell.text += ' ';  // a cell's paragraphs read as one text
    cell.text += text;
  }
  return blocks;
}

// ---------- Building the plan ----------

std::string Letter(SectionId id) {
  return std::string(SectionLetter(id));
}

bool IsNeeds(SectionId s) {
  return s == SectionId::kB || s == SectionId::kC || s == SectionId::kD;
}
bool IsProvision(SectionId s) {
  return s == SectionId::kF || s == SectionId::kG || s == SectionId::kH1 || s == SectionId::kH2;
}

class Builder {
 public:
  Builder(const Vocabulary& words, const ProvisionGrammar& grammar, const std::string& file)
      : words_(words), grammar_(grammar), file_(std::make_shared<const std::string>(file)) {
    reading_.plan.location = SourceLocation(file_);
    reading_.plan.meta.status = PlanStatus::kFinal;
  }

  CouncilReading Build(const PlanText& document) {
    for (const TextParagraph& p : document.paragraphs) pages_.push_back(p.place.page);
    for (const Block& block : Blocks(document)) {
      if (block.table)
        Table(block);
      else
        Paragraph(block);
    }
    Finish();
    return std::move(reading_);
  }

 private:
  struct Heading {
    std::vector<SectionId> sections;
    std::string rest;  // the words after the letters: "communication and interaction"
  };

  // ----- headings -----

  // Letters after a prefix: "b", "b, e and f", "h1". Returns the folded text after them.
  std::optional<Heading> Letters(std::string_view folded) const {
    Heading h;
    size_t at = 0;
    while (at < folded.size()) {
      while (at < folded.size() && (folded[at] == ' ' || folded[at] == ',' || folded[at] == '&'))
        ++at;
      if (folded.substr(at, 4) == "and ") {
        at += 4;
        continue;
      }
      size_t end = at;
      while (end < folded.size() && std::isalnum(static_cast<unsigned char>(folded[end]))) ++end;
      std::string_view token = folded.substr(at, end - at);
      std::optional<SectionId> id = token.size() <= 2 ? SectionFromLetter(token) : std::nullopt;
      if (!id) break;
      h.sections.push_back(*id);
      at = end;
    }
    if (h.sections.empty()) return std::nullopt;
    std::string rest(folded.substr(std::min(at, folded.size())));
    size_t skip = 0;
    while (skip < rest.size() &&
           std::string_view(" :-.)").find(rest[skip]) != std::string_view::npos)
      ++skip;
    h.rest = rest.substr(skip);
    // Something after the letters is set off or is the section's title: "Section B: needs",
    // "Section B Special educational needs", never "Part A of the form".
    if (rest.empty() || skip > 0 || TitleOf(h.sections.front(), rest)) return h;
    return std::nullopt;
  }

  bool TitleOf(SectionId id, std::string_view folded) const {
    for (const auto& [title, section] : words_.titles)
      if (section == id && StartsWithPhrase(folded, title)) return true;
    return false;
  }

  std::optional<Heading> FindHeading(const std::string& text) const {
    std::string folded = Fold(text);
    if (folded.empty() || folded.size() > 120) return std::nullopt;
    for (const std::string& prefix : words_.prefixes) {
      if (!StartsWithPhrase(folded, prefix) || folded.size() == prefix.size()) continue;
      if (auto h = Letters(std::string_view(folded).substr(prefix.size() + 1))) return h;
    }
    // "B. Special educational needs", "H1 Social care provision ...", "F:"
    size_t end = 0;
    while (end < folded.size() && std::isalnum(static_cast<unsigned char>(folded[end]))) ++end;
    if (end > 0 && end <= 2) {
      if (auto id = SectionFromLetter(folded.substr(0, end))) {
        std::string rest = folded.substr(end);
        size_t skip = 0;
        bool separated = false;
        while (skip < rest.size() &&
               std::string_view(" .:-)").find(rest[skip]) != std::string_view::npos) {
          separated = separated || rest[skip] != ' ';
          ++skip;
        }
        std::string title = rest.substr(skip);
        if ((separated && title.empty()) || (skip > 0 && TitleOf(*id, title)))
          return Heading{{*id}, title};
      }
    }
    // A known title alone: "Special educational provision", "Outcomes".
    if (folded.back() != '.') {
      for (const auto& [title, section] : words_.titles) {
        if (!StartsWithPhrase(folded, title)) continue;
        std::string rest = Trim(folded.substr(title.size()));
        if (rest.empty() || rest[0] == '(' || rest[0] == ':') return Heading{{section}, rest};
      }
    }
    return std::nullopt;
  }

  void EnterSections(const Heading& heading, int order) {
    current_ = heading.sections;
    area_.reset();
    if (auto area = LongestPrefix(words_.areas, heading.rest)) area_ = area->second;
    paragraph_in_section_ = 0;
    for (SectionId s : current_) {
      if (seen_.count(s)) continue;
      seen_[s] = Place("Section " + Letter(s) + " heading", order);
      SectionLocation(s) = seen_[s];
    }
  }

  SourceLocation& SectionLocation(SectionId s) {
    Plan& p = reading_.plan;
    switch (s) {
      case SectionId::kA: return p.a.location;
      case SectionId::kB:
      case SectionId::kC:
      case SectionId::kD: return MutableNeeds(s).location;
      case SectionId::kE: return p.e.location;
      case SectionId::kF:
      case SectionId::kG:
      case SectionId::kH1:
      case SectionId::kH2: return MutableProvision(s).location;
      case SectionId::kI: return p.i.location;
      case SectionId::kJ: return p.j.location;
      case SectionId::kK: return p.k.location;
    }
    return p.location;
  }

  // ----- places -----

  // A PDF's places start with the page, so a reviewer can go to it: "page 3, Section F, ...".
  SourceLocation Place(std::string words, int order) const {
    SourceLocation at(file_);
    int page = order > 0 && static_cast<size_t>(order) <= pages_.size() ? pages_[order - 1] : 0;
    at.place = page > 0 ? "page " + std::to_string(page) + ", " + words : std::move(words);
    at.order = order;
    return at;
  }

  std::string SectionWords() const {
    if (current_.empty()) return "before Section A";
    if (current_.size() == 1) return "Section " + Letter(current_.front());
    std::string words = "Sections ";  // a golden-thread heading: "Sections B, E and F"
    for (size_t i = 0; i < current_.size(); ++i)
      words += (i == 0 ? "" : i + 1 == current_.size() ? " and " : ", ") + Letter(current_[i]);
    return words;
  }

  SourceLocation ParagraphPlace(int order) const {
    return Place(SectionWords() + ", paragraph " + std::to_string(paragraph_in_section_), order);
  }

  SourceLocation CellPlace(const Block& table, size_t row, const std::string& header,
                           int order) const {
    std::string words = SectionWords() + ", table " + std::to_string(table.table_number) +
                        ", row " + std::to_string(row + 1);
    if (!header.empty()) words += ", column '" + header + "'";
    return Place(std::move(words), order);
  }

  Text MakeText(std::string value, SourceLocation location) const {
    Text t;
    t.value = std::move(value);
    t.location = std::move(location);
    return t;
  }

  void MarkContent() {
    for (SectionId s : current_) has_content_.insert(s);
  }

  // ----- details -----

  std::optional<std::string> DetailField(const std::string& label) const {
    std::string folded = Fold(label);
    while (!folded.empty() && (folded.back() == ':' || folded.back() == ' ')) folded.pop_back();
    for (const auto& [text, field] : words_.labels)
      if (folded == text) return field;
    return std::nullopt;
  }

  // "Label: value" with a known label.
  bool LabelledLine(const std::string& text, int order, const SourceLocation& location) {
    size_t colon = text.find(':');
    if (colon == std::string::npos || colon > 60) return false;
    auto field = DetailField(text.substr(0, colon));
    if (!field) return false;
    return SetDetail(*field, Trim(text.substr(0, colon)), Trim(text.substr(colon + 1)), order,
                     location);
  }

  bool SetDetail(const std::string& field, const std::string& label, const std::string& value,
                 int order, const SourceLocation& location) {
    // Details are read where a council puts them: the child's and the plan's before
    // Section A, how views were gathered in A, the setting in I. Elsewhere "Name:" or
    // "Parent:" is someone's words.
    (void)order;
    SectionId where = current_.empty() ? SectionId::kK : current_.front();
    bool placement = field.rfind("placement-", 0) == 0;
    if (placement && (current_.empty() || where != SectionId::kI)) return false;
    if (field == "gathered" && (current_.empty() || where != SectionId::kA)) return false;
    if (!placement && field != "gathered" && !current_.empty()) return false;
    Plan& plan = reading_.plan;
    if (field == "child-name") {
      auto space = value.rfind(' ');
      plan.child.legal_name.given = space == std::string::npos ? value : value.substr(0, space);
      plan.child.legal_name.family = space == std::string::npos ? "" : value.substr(space + 1);
      plan.child.location = location;
    } else if (field == "preferred-name") {
      plan.child.preferred_name = value;
    } else if (field == "date-of-birth") {
      if (auto d = ParseDate(value)) plan.child.date_of_birth = *d;
    } else if (field == "year-group") {
      auto digits = value.find_first_of("0123456789");
      if (digits != std::string::npos) plan.child.ncy = std::atoi(value.c_str() + digits);
    } else if (field == "communication") {
      plan.child.communication.push_back(MakeText(value, location));
    } else if (field == "home-language") {
      plan.child.home_languages.push_back(Language{"", value});
    } else if (field == "plan-id") {
      plan.meta.plan_id = value;
    } else if (field == "status") {
      std::string s = Fold(value);
      plan.meta.status = s.find("draft") != std::string::npos   ? PlanStatus::kDraft
                         : s.find("amend") != std::string::npos ? PlanStatus::kAmended
                                                                : PlanStatus::kFinal;
    } else if (field == "local-authority") {
      plan.meta.local_authority.name = value;
    } else if (field == "officer") {
      plan.meta.officer.name = value;
      plan.meta.officer.role = label;  // the council's name for the role: "EHC plan coordinator"
    } else if (field == "parent-name") {
      plan.family.emplace_back();
      plan.family.back().name = value;
    } else if (field == "parent-relationship") {
      if (!plan.family.empty()) plan.family.back().relationship = value;
    } else if (field == "request-received") {
      plan.meta.dates.request_received = ParseDate(value);
    } else if (field == "decision-to-assess") {
      plan.meta.dates.decision_to_assess = ParseDate(value);
    } else if (field == "draft-issued") {
      plan.meta.dates.draft_issued = ParseDate(value);
    } else if (field == "final-issued") {
      plan.meta.dates.final_issued = ParseDate(value);
    } else if (field == "next-review") {
      plan.meta.dates.next_review = ParseDate(value);
    } else if (field == "gathered") {
      plan.a.gathered = MakeText(value, location);
      has_content_.insert(SectionId::kA);
    } else if (field == "placement-name" || field == "placement-type") {
      if (plan.i.placements.empty() ||
          (field == "placement-name" && !plan.i.placements.back().name.empty())) {
        plan.i.placements.emplace_back();
        plan.i.placements.back().location = location;
      }
      if (field == "placement-name")
        plan.i.placements.back().name = value;
      else
        plan.i.placements.back().type = value;
      has_content_.insert(SectionId::kI);
    }
    return true;
  }

  // ----- paragraphs -----

  // "None.", "Ellis has no identified social care needs.": a short statement holding one
  // of the none words, where the section has no item yet.
  bool IsNone(const std::string& text) const {
    std::string folded = Fold(text);
    if (folded.size() > 200) return false;
    return std::any_of(words_.none.begin(), words_.none.end(), [&](const std::string& w) {
      for (size_t at = folded.find(w); at != std::string::npos; at = folded.find(w, at + 1))
        if ((at == 0 || !std::isalnum(static_cast<unsigned char>(folded[at - 1]))) &&
            WordEnd(folded, at + w.size()))
          return true;
      return false;
    });
  }

  void Paragraph(const Block& block) {
    if (auto heading = FindHeading(block.text)) {
      EnterSections(*heading, block.order);
      return;
    }
    ++paragraph_in_section_;
    SourceLocation at = ParagraphPlace(block.order);
    if (LabelledLine(block.text, block.order, at)) return;
    if (current_.empty()) return;  // a council's cover page: nothing the plan model holds
    SectionId s = current_.front();
    MarkContent();
    if (s == SectionId::kA) return ViewParagraph(block.text, at);
    if (IsNeeds(s) || IsProvision(s) || s == SectionId::kI || s == SectionId::kJ) {
      if (IsNone(block.text) && ItemsIn(s) == 0) return SetNone(s, MakeText(block.text, at));
    }
    if (IsNeeds(s)) {
      std::string folded = Fold(block.text);
      if (folded.size() <= 60 && folded.back() != '.') {
        if (auto area = LongestPrefix(words_.areas, folded)) {
          area_ = area->second;
          return;
        }
      }
      AddNeed(s, "", "", block.text, {}, at, at);
      return;
    }
    if (s == SectionId::kE) {
      AddOutcome("", block.text, {}, at, at);
      return;
    }
    if (IsProvision(s)) {
      AddProvision(s, "", block.text, {}, {}, at, at);
      return;
    }
    Prose* intro = IntroOf(s);
    if (intro) intro->push_back(MakeText(block.text, at));
  }

  void ViewParagraph(const std::string& text, const SourceLocation& at) {
    std::string folded = Fold(text);
    // A short line ending in a colon that names whose words follow starts a view.
    if (folded.size() <= 120 && folded.back() == ':') {
      for (const auto& [label, attribution] : words_.views) {
        if (folded.find(label) == std::string::npos) continue;
        pending_label_ = Trim(text.substr(0, text.size() - 1));
        pending_attribution_ = attribution;
        view_open_ = false;
        return;
      }
    }
    SectionA& a = reading_.plan.a;
    if (view_open_ && !a.entries.empty()) {
      a.entries.back().text.push_back(MakeText(text, at));
      return;
    }
    ViewEntry entry;
    entry.id = "A" + std::to_string(a.entries.size() + 1);
    entry.kind = ViewKind::kViews;
    entry.attribution = pending_attribution_;
    entry.speaker = pending_label_;
    entry.text.push_back(MakeText(text, at));
    entry.location = at;
    if (!pending_attribution_)
      Problem(StructureProblemKind::kFieldMissing, "A", entry.id, "view " + entry.id, "attribution",
              at);
    a.entries.push_back(std::move(entry));
    view_open_ = pending_attribution_.has_value();  // a labelled view runs until the next label
    if (!view_open_) pending_label_.clear();
  }

  Prose* IntroOf(SectionId s) {
    Plan& p = reading_.plan;
    switch (s) {
      case SectionId::kI: return &p.i.intro;
      case SectionId::kJ: return &p.j.intro;
      case SectionId::kK: return &p.k.intro;
      default: return nullptr;
    }
  }

  size_t ItemsIn(SectionId s) const {
    const Plan& p = reading_.plan;
    if (IsNeeds(s)) return p.Needs(s).needs.size();
    if (IsProvision(s)) return p.Provision(s).items.size();
    if (s == SectionId::kI) return p.i.placements.size();
    if (s == SectionId::kJ) return p.j.budget ? 1 : 0;
    return 0;
  }

  void SetNone(SectionId s, Text text) {
    Plan& p = reading_.plan;
    NoneStatement none{std::move(text)};
    if (IsNeeds(s)) MutableNeeds(s).none = none;
    if (IsProvision(s)) MutableProvision(s).none = none;
    if (s == SectionId::kI) p.i.none = none;
    if (s == SectionId::kJ) p.j.none = none;
    has_content_.insert(s);
  }

  NeedsSection& MutableNeeds(SectionId s) {
    Plan& p = reading_.plan;
    return s == SectionId::kB ? p.b : s == SectionId::kC ? p.c : p.d;
  }
  ProvisionSection& MutableProvision(SectionId s) {
    Plan& p = reading_.plan;
    return s == SectionId::kF ? p.f : s == SectionId::kG ? p.g : s == SectionId::kH1 ? p.h1 : p.h2;
  }

  std::string NextId(SectionId s, const std::string& given) {
    // H1 and H2 number their items "H1.1", "H1.2"; other sections "B1", "F12".
    std::string letter = Letter(s);
    std::string prefix = s == SectionId::kH1 || s == SectionId::kH2 ? letter + "." : letter;
    int& counter = counters_[letter];
    if (given.size() > prefix.size() && given.rfind(prefix, 0) == 0 && IsItemRef(given)) {
      counter = std::max(counter, std::atoi(given.c_str() + prefix.size()));
      return given;
    }
    return prefix + std::to_string(++counter);
  }

  // ----- items -----

  std::string AddNeed(SectionId s, std::string ref, std::string title, const std::string& words,
                      std::optional<NeedArea> area, const SourceLocation& item_at,
                      const SourceLocation& text_at) {
    auto [lead, text] = SplitLeadingRef(words);
    if (ref.empty()) ref = lead;
    if (title.empty()) {
      size_t colon = text.find(':');
      if (colon != std::string::npos && colon < 60 &&
          std::count(text.begin(), text.begin() + colon, ' ') < 6) {
        title = Trim(text.substr(0, colon));
        text = Trim(text.substr(colon + 1));
      }
    }
    Need need;
    need.id = NextId(s, ref);
    need.title = title;
    need.area = area                 ? *area
                : s == SectionId::kC ? NeedArea::kHealth
                : s == SectionId::kD ? NeedArea::kSocialCare
                : area_              ? *area_
                                     : NeedArea::kCognitionLearning;
    if (s == SectionId::kB && !area && !area_)
      Problem(StructureProblemKind::kFieldMissing, "B", need.id, "need " + need.id, "area",
              item_at);
    need.description.push_back(MakeText(text, text_at));
    need.location = item_at;
    has_content_.insert(s);
    MutableNeeds(s).needs.push_back(std::move(need));
    return MutableNeeds(s).needs.back().id;
  }

  std::string AddOutcome(std::string ref, const std::string& words, std::vector<std::string> needs,
                         const SourceLocation& item_at, const SourceLocation& text_at) {
    auto [lead, rest] = SplitLeadingRef(words);
    if (ref.empty()) ref = lead;
    auto [text, links] = SplitTrailingLinks(rest);
    for (auto& l : links) needs.push_back(l);
    Outcome outcome;
    outcome.id = NextId(SectionId::kE, ref);
    outcome.text = MakeText(text, text_at);
    for (const auto& n : needs) outcome.needs.push_back(ItemRef{n, text_at});
    outcome.location = item_at;
    has_content_.insert(SectionId::kE);
    reading_.plan.e.outcomes.push_back(std::move(outcome));
    return reading_.plan.e.outcomes.back().id;
  }

  struct ProvisionCells {
    std::string who, often, how_long, group;
  };

  std::string AddProvision(SectionId s, std::string ref, const std::string& words,
                           const ProvisionCells& cells, std::vector<std::string> links,
                           const SourceLocation& item_at, const SourceLocation& text_at) {
    auto [lead, rest] = SplitLeadingRef(words);
    if (ref.empty()) ref = lead;
    auto [text, trailing] = SplitTrailingLinks(rest);
    for (auto& l : trailing) links.push_back(l);
    ProvisionItem item;
    item.id = NextId(s, ref);
    item.description = MakeText(text, text_at);
    for (const auto& l : links) {
      if (l[0] == 'E')
        item.outcomes.push_back(ItemRef{l, text_at});
      else
        item.needs.push_back(ItemRef{l, text_at});
    }
    // Structured cells first, then the sentence: a cell's words win over the description's.
    for (const std::string* cell : {&cells.who, &cells.often, &cells.how_long, &cells.group})
      if (!cell->empty()) ApplyWording(grammar_.Read(*cell), item);
    ApplyWording(grammar_.Read(text), item);
    if (item.deliverer_role.empty() && !cells.who.empty()) item.deliverer_role = cells.who;
    item.agency = s == SectionId::kF   ? Agency::kEducation
                  : s == SectionId::kG ? Agency::kHealth
                                       : Agency::kSocialCare;
    item.location = item_at;
    has_content_.insert(s);
    MutableProvision(s).items.push_back(std::move(item));
    return MutableProvision(s).items.back().id;
  }

  // ----- tables -----

  void Table(const Block& block) {
    if (block.rows.empty()) return;
    // A one-cell banner row naming a section ("SECTION F - Special educational provision").
    size_t first = 0;
    while (first < block.rows.size()) {
      const auto& row = block.rows[first];
      size_t filled =
          std::count_if(row.begin(), row.end(), [](const Cell& c) { return !c.text.empty(); });
      if (filled != 1) break;
      const Cell& only =
          *std::find_if(row.begin(), row.end(), [](const Cell& c) { return !c.text.empty(); });
      auto heading = FindHeading(only.text);
      if (!heading) break;
      EnterSections(*heading, only.order);
      ++first;
    }
    if (first >= block.rows.size()) return;
    if (DetailsTable(block, first)) return;
    std::map<std::string, size_t> roles;
    std::vector<std::string> headers;
    for (size_t c = 0; c < block.rows[first].size(); ++c) {
      std::string header = Trim(block.rows[first][c].text);
      headers.push_back(header);
      if (auto role = LongestPrefix(words_.columns, Fold(header));
          role && !roles.count(role->second))
        roles[role->second] = c;
    }
    auto has = [&](const char* role) { return roles.count(role) > 0; };
    if (current_.empty()) return;
    MarkContent();
    SectionId s = current_.front();
    bool golden = (has("description") || has("title")) && has("outcome") && has("provision");
    for (size_t r = first + 1; r < block.rows.size(); ++r) {
      const auto& row = block.rows[r];
      auto cell = [&](const char* role) -> std::string {
        auto it = roles.find(role);
        return it != roles.end() && it->second < row.size() ? row[it->second].text : std::string();
      };
      auto at = [&](const char* role) {
        auto it = roles.find(role);
        size_t c = it != roles.end() ? it->second : 0;
        int order = c < row.size() ? row[c].order : (row.empty() ? block.order : row.front().order);
        return CellPlace(block, r, it != roles.end() ? headers[c] : std::string(), order);
      };
      SourceLocation row_at =
          CellPlace(block, r, "", row.empty() ? block.order : row.front().order);
      bool empty =
          std::all_of(row.begin(), row.end(), [](const Cell& c) { return c.text.empty(); });
      if (empty) continue;
      if (golden) {
        GoldenRow(cell, at, row_at);
        continue;
      }
      std::optional<NeedArea> area;
      if (auto a = LongestPrefix(words_.areas, Fold(cell("area")))) area = a->second;
      if (IsNeeds(s) && (has("description") || has("title"))) {
        std::string description = has("description") ? cell("description") : cell("title");
        std::string title = has("description") ? cell("title") : std::string();
        if (description.empty() && IsNone(title)) continue;
        if (ItemsIn(s) == 0 && IsNone(description)) {
          SetNone(s, MakeText(description, at("description")));
          continue;
        }
        AddNeed(s, Trim(cell("ref")), title, description, area, row_at,
                at(has("description") ? "description" : "title"));
      } else if (s == SectionId::kE && has("outcome")) {
        std::vector<std::string> needs =
            RefsIn(cell("meets") + " " + cell("description") + " " + cell("title"));
        AddOutcome(Trim(cell("ref")), cell("outcome"), needs, row_at, at("outcome"));
      } else if (IsProvision(s) && has("provision")) {
        if (ItemsIn(s) == 0 && IsNone(cell("provision"))) {
          SetNone(s, MakeText(cell("provision"), at("provision")));
          continue;
        }
        std::vector<std::string> links = RefsIn(cell("meets"));
        for (auto& l : RefsIn(cell("towards"))) links.push_back(l);
        ProvisionCells cells{cell("who"), cell("often"), cell("long"), cell("group")};
        AddProvision(s, Trim(cell("ref")), cell("provision"), cells, links, row_at,
                     at("provision"));
      } else if (s == SectionId::kK && (has("ref") || has("title"))) {
        AdviceRow(cell("ref"), cell("title"), cell("author"), cell("role"), cell("received"),
                  row_at);
      } else if (s == SectionId::kI && has("name")) {
        Placement p;
        p.name = cell("name");
        p.type = cell("type");
        p.location = row_at;
        reading_.plan.i.placements.push_back(std::move(p));
      } else {
        // Not a table the vocabulary maps: its cells are read as paragraphs.
        for (const Cell& c : row) {
          if (c.text.empty()) continue;
          Block as_paragraph;
          as_paragraph.text = c.text;
          as_paragraph.order = c.order;
          Paragraph(as_paragraph);
        }
      }
    }
  }

  template <typename CellFn, typename AtFn>
  void GoldenRow(const CellFn& cell, const AtFn& at, const SourceLocation& row_at) {
    // Each row of a golden-thread table is a need, the outcome for it, and the provision
    // that meets it; the heading named which sections those are.
    SectionId needs = SectionId::kB, provision = SectionId::kF;
    for (SectionId s : current_) {
      if (IsNeeds(s)) needs = s;
      if (IsProvision(s)) provision = s;
    }
    std::string need_words = cell("description").empty() ? cell("title") : cell("description");
    std::string title = cell("description").empty() ? std::string() : cell("title");
    std::string need_id, outcome_id;
    if (!need_words.empty())
      need_id = AddNeed(needs, Trim(cell("ref")), title, need_words, std::nullopt, row_at,
                        at(cell("description").empty() ? "title" : "description"));
    if (!cell("outcome").empty()) {
      std::vector<std::string> links;
      if (!need_id.empty()) links.push_back(need_id);
      outcome_id = AddOutcome("", cell("outcome"), links, row_at, at("outcome"));
    }
    if (!cell("provision").empty()) {
      std::vector<std::string> links;
      if (!need_id.empty()) links.push_back(need_id);
      if (!outcome_id.empty()) links.push_back(outcome_id);
      ProvisionCells cells{cell("who"), cell("often"), cell("long"), cell("group")};
      AddProvision(provision, "", cell("provision"), cells, links, row_at, at("provision"));
    }
  }

  bool DetailsTable(const Block& block, size_t first) {
    size_t matched = 0;
    for (size_t r = first; r < block.rows.size(); ++r)
      if (block.rows[r].size() >= 2 && DetailField(block.rows[r][0].text)) ++matched;
    if (matched < 2 && !(matched == 1 && block.rows.size() - first == 1)) return false;
    for (size_t r = first; r < block.rows.size(); ++r) {
      const auto& row = block.rows[r];
      if (row.size() < 2) continue;
      if (auto field = DetailField(row[0].text)) {
        std::string label = Trim(row[0].text);
        while (!label.empty() && label.back() == ':') label.pop_back();
        SetDetail(*field, label, Trim(row[1].text), row[1].order,
                  CellPlace(block, r, label, row[1].order));
      }
    }
    return true;
  }

  void AdviceRow(const std::string& ref, const std::string& title, const std::string& author,
                 const std::string& role, const std::string& received, const SourceLocation& at) {
    AdviceItem advice;
    advice.id = NextId(SectionId::kK, Trim(ref));
    advice.title = title;
    advice.author = author;
    advice.role = role;
    advice.received = ParseDate(received);
    advice.appended = true;
    if (auto c = LongestPrefix(words_.advice, Fold(title))) advice.category = c->second;
    advice.location = at;
    has_content_.insert(SectionId::kK);
    reading_.plan.k.advice.push_back(std::move(advice));
  }

  // ----- gaps -----

  void Problem(StructureProblemKind kind, std::string section, std::string item,
               std::string subject, std::string field, SourceLocation at) {
    StructureProblem p;
    p.kind = kind;
    p.section = std::move(section);
    p.item_id = std::move(item);
    p.subject = std::move(subject);
    p.field = std::move(field);
    p.location = std::move(at);
    reading_.structure.push_back(std::move(p));
  }

  void Finish() {
    static const SectionId kAll[] = {SectionId::kA,  SectionId::kB, SectionId::kC, SectionId::kD,
                                     SectionId::kE,  SectionId::kF, SectionId::kG, SectionId::kH1,
                                     SectionId::kH2, SectionId::kI, SectionId::kJ, SectionId::kK};
    std::vector<StructureProblem> gaps;
    for (SectionId s : kAll) {
      std::string letter = Letter(s);
      auto seen = seen_.find(s);
      StructureProblem p;
      p.section = letter;
      p.subject = "Section " + letter;
      p.field = "section" + letter;
      if (seen == seen_.end()) {
        p.kind = StructureProblemKind::kSectionMissing;
        p.location = Place("no Section " + letter + " heading in the document", 0);
      } else if (!has_content_.count(s)) {
        p.kind = StructureProblemKind::kSectionBlank;
        p.location = seen->second;
      } else {
        continue;
      }
      gaps.push_back(std::move(p));
    }
    for (auto& p : reading_.structure) gaps.push_back(std::move(p));
    reading_.structure = std::move(gaps);
  }

  const Vocabulary& words_;
  const ProvisionGrammar& grammar_;
  std::shared_ptr<const std::string> file_;
  std::vector<int> pages_;  // each paragraph's page, by order - 1
  CouncilReading reading_;
  std::vector<SectionId> current_;
  std::optional<NeedArea> area_;
  int paragraph_in_section_ = 0;
  std::map<SectionId, SourceLocation> seen_;
  std::set<SectionId> has_content_;
  std::map<std::string, int> counters_;
  std::optional<Attribution> pending_attribution_;
  std::string pending_label_;
  bool view_open_ = false;
};

template <typename T>
void AddWords(const XmlElement* parent, const char* list, const char* each, const char* word_name,
              std::vector<std::pair<std::string, T>>& out) {
  if (!parent) return;
  for (const XmlElement* group : parent->Children(list)) {
    auto value = ParseToken<T>(group->AttributeOr(each));
    if (!value) continue;
    for (const XmlElement* w : group->Children(word_name))
      out.emplace_back(Fold(w->AttributeOr("text")), *value);
  }
  LongestFirst(out);
}

}  // namespace

// ---------- The reader ----------

CouncilPlanReader::~CouncilPlanReader() = default;
CouncilPlanReader::CouncilPlanReader(CouncilPlanReader&&) noexcept = default;
CouncilPlanReader& CouncilPlanReader::operator=(CouncilPlanReader&&) noexcept = default;

CouncilPlanReader::CouncilPlanReader(std::unique_ptr<Vocabulary> vocabulary,
                                     ProvisionGrammar grammar)
    : vocabulary_(std::move(vocabulary)),
      grammar_(std::make_unique<ProvisionGrammar>(std::move(grammar))) {}

void RegisterCouncilSchema(SchemaRegistry& schemas) {
  schemas.Register("councilPlanReading", "ehcp-council-1.xsd");
  RegisterGrammarSchema(schemas);
}

bool IsWordPlanFile(const std::string& path) {
  if (path.size() < 5) return false;
  return Fold(path.substr(path.size() - 5)) == ".docx";
}

std::vector<std::string> CouncilPlanReader::DataFiles(const std::filesystem::path& quality_dir) {
  return {(quality_dir / "provision-grammar.xml").string(),
          (quality_dir / "council-plans.xml").string()};
}

std::optional<CouncilPlanReader> CouncilPlanReader::Load(const std::filesystem::path& quality_dir,
                                                         const SchemaRegistry& schemas,
                                                         DiagnosticList& diagnostics) {
  auto grammar =
      ProvisionGrammar::Load(quality_dir / "provision-grammar.xml", schemas, diagnostics);
  std::optional<XmlElement> parsed =
      ReadDataFile((quality_dir / "council-plans.xml").string(), schemas, "councilPlanReading",
                   "council.root", diagnostics);
  if (!grammar || !parsed) return std::nullopt;
  const XmlElement& root = *parsed;
  auto v = std::make_unique<Vocabulary>();
  if (const XmlElement* headings = root.Child("headings")) {
    for (const XmlElement* p : headings->Children("prefix"))
      v->prefixes.push_back(Fold(p->AttributeOr("text")));
    std::sort(v->prefixes.begin(), v->prefixes.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    AddWords<SectionId>(headings, "section", "id", "title", v->titles);
  }
  if (const XmlElement* columns = root.Child("columns")) {
    for (const XmlElement* c : columns->Children("column"))
      for (const XmlElement* w : c->Children("word"))
        v->columns.emplace_back(Fold(w->AttributeOr("text")), c->AttributeOr("role"));
    LongestFirst(v->columns);
  }
  if (const XmlElement* details = root.Child("details")) {
    for (const XmlElement* f : details->Children("field"))
      for (const XmlElement* l : f->Children("label"))
        v->labels.emplace_back(Fold(l->AttributeOr("text")), f->AttributeOr("name"));
    LongestFirst(v->labels);
  }
  AddWords<Attribution>(root.Child("views"), "attribution", "value", "label", v->views);
  if (const XmlElement* none = root.Child("none"))
    for (const XmlElement* w : none->Children("word"))
      v->none.push_back(Fold(w->AttributeOr("text")));
  AddWords<NeedArea>(root.Child("areas"), "area", "value", "word", v->areas);
  AddWords<AdviceCategory>(root.Child("adviceCategories"), "category", "value", "word", v->advice);
  return CouncilPlanReader(std::move(v), std::move(*grammar));
}

CouncilReading CouncilPlanReader::Read(const PlanText& document,
                                       const std::string& display_name) const {
  Builder builder(*vocabulary_, *grammar_, display_name);
  return builder.Build(document);
}

CouncilReading CouncilPlanReader::Read(const WordDocument& document,
                                       const std::string& display_name) const {
  return Read(PlanTextOf(document), display_name);
}

PlanText PlanTextOf(const WordDocument& document) {
  PlanText text;
  text.paragraphs.reserve(document.paragraphs.size());
  for (const WordParagraph& p : document.paragraphs)
    text.paragraphs.push_back(
        TextParagraph{p.text, TextPlace{0, p.place.table, p.place.row, p.place.column}});
  return text;
}

LoadedDocument LoadPlanTextToLint(std::optional<PlanText> document, LoadedDocument loaded,
                                  const std::string& display_name,
                                  const CouncilPlanReader& reader) {
  if (!document) return loaded;
  CouncilReading reading = reader.Read(*document, display_name);
  loaded.kind = DocumentKind::kPlan;
  loaded.root_name = "plan";
  loaded.plan = std::move(reading.plan);
  loaded.structure = std::move(reading.structure);
  return loaded;
}

namespace {

LoadedDocument ReadWordPlan(std::optional<WordDocument> document, LoadedDocument loaded,
                            const std::string& display_name, const CouncilPlanReader& reader) {
  std::optional<PlanText> text;
  if (document) text = PlanTextOf(*document);
  return LoadPlanTextToLint(std::move(text), std::move(loaded), display_name, reader);
}

}  // namespace

LoadedDocument LoadWordPlanToLint(const std::string& path, const CouncilPlanReader& reader) {
  LoadedDocument loaded;
  std::optional<WordDocument> document = ReadDocxFile(path, loaded.diagnostics);
  return ReadWordPlan(std::move(document), std::move(loaded), path, reader);
}

LoadedDocument ParseWordPlanToLint(std::string_view bytes, const std::string& display_name,
                                   const CouncilPlanReader& reader) {
  LoadedDocument loaded;
  std::optional<WordDocument> document = ParseDocx(bytes, display_name, loaded.diagnostics);
  return ReadWordPlan(std::move(document), std::move(loaded), display_name, reader);
}

}  // namespace ehcp
