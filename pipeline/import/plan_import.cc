#include "import/plan_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "model/vocabulary.h"

namespace ehcp {

std::string_view ImportChangeName(ImportChangeKind kind) {
  switch (kind) {
    case ImportChangeKind::kChanged: return "changed";
    case ImportChangeKind::kAdded: return "added";
    case ImportChangeKind::kDeleted: return "deleted";
    case ImportChangeKind::kLinkRemoved: return "link-removed";
    case ImportChangeKind::kNotMapped: return "not-mapped";
  }
  return {};
}

namespace {

using FieldKey = std::pair<std::string, std::string>;  // item id, field

std::string Plain(const doc::Paragraph& p) {
  std::string text;
  for (const auto& span : p.spans) text += span.text;
  return text;
}

// Word keeps spaces as typed; compare and store words with their runs of white space
// made single and the ends trimmed.
std::string Tidy(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// What the base plan's rendering says: each marked field's paragraphs in order, and the
// template's own words (headings, labels, headers) that may appear anywhere.
struct BaseText {
  std::map<FieldKey, std::map<int, std::string>> fields;
  std::multiset<std::string> template_words;
  std::set<std::string> items;  // items with at least one mark

  void Paragraph(const doc::Paragraph& p) {
    std::string text = Tidy(Plain(p));
    if (p.mark.Empty()) {
      template_words.insert(text);
      return;
    }
    fields[{p.mark.item_id, p.mark.field}][p.mark.part] = text;
    items.insert(p.mark.item_id);
  }

  explicit BaseText(const doc::Document& document) {
    for (const auto& block : document.blocks) {
      if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
        Paragraph(*p);
      } else if (const auto* h = std::get_if<doc::Heading>(&block)) {
        if (h->mark.Empty()) {
          template_words.insert(Tidy(h->text));
        } else {
          fields[{h->mark.item_id, h->mark.field}][0] = Tidy(h->text);
          items.insert(h->mark.item_id);
        }
      } else if (const auto* list = std::get_if<doc::ListBlock>(&block)) {
        for (const auto& item : list->items) Paragraph(item);
      } else if (const auto* table = std::get_if<doc::Table>(&block)) {
        template_words.insert(Tidy(table->caption));
        for (const auto& h : table->header) template_words.insert(Tidy(h));
        for (const auto& row : table->rows)
          for (const auto& cell : row)
            for (const auto& p : cell.paragraphs) Paragraph(p);
      } else if (const auto* contents = std::get_if<doc::TableOfContents>(&block)) {
        template_words.insert(Tidy(contents->title));
      }
    }
  }
};

class Importer {
 public:
  Importer(const WordDocument& word, const std::string& docx_name, const Plan& base,
           const doc::Document& base_document, const ProvisionGrammar& grammar)
      : word_(word), docx_(docx_name), base_(base_document), grammar_(grammar), original_(base) {
    result_.plan = base;
  }

  ImportResult Run() {
    CollectWordFields();
    Plan& plan = result_.plan;
    for (auto* section : {&plan.b, &plan.c, &plan.d})
      for (auto& need : section->needs) ProseField(need.id, "description", need.description);
    for (auto& entry : plan.a.entries) ProseField(entry.id, "text", entry.text);
    for (auto& outcome : plan.e.outcomes) TextField(outcome.id, "text", outcome.text);
    for (auto* section : {&plan.f, &plan.g, &plan.h1, &plan.h2})
      for (auto& item : section->items) ProvisionFields(item);
    for (const auto& id : base_.items) {
      std::string place;
      if (auto heading = Edited(id, "heading", &place); heading && !heading->empty())
        NotMapped(id, "heading", Join(*heading), place,
                  "headings are made from the plan; edit the item's fields instead");
    }
    ReportRemovedFields();
    AddRows();
    DeleteItems();
    ReportUnmapped();
    return std::move(result_);
  }

 private:
  void CollectWordFields() {
    for (const WordParagraph& p : word_.paragraphs) {
      std::string text = Tidy(p.text);
      if (p.marks.empty()) continue;
      for (const auto& mark : p.marks) {
        auto& parts = word_fields_[{mark.item_id, mark.field}];
        // A paragraph the officer split keeps the mark on each piece: the pieces follow.
        parts.emplace_back(mark.part, text, p.place);
        word_items_.insert(mark.item_id);
      }
    }
    for (auto& [key, parts] : word_fields_)
      std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) < std::get<0>(b);
      });
  }

  // The field's paragraphs as Word has them now, or nothing when unchanged or gone.
  std::optional<std::vector<std::string>> Edited(const std::string& id, const std::string& field,
                                                 std::string* place = nullptr) {
    auto word = word_fields_.find({id, field});
    if (word == word_fields_.end()) return std::nullopt;
    std::vector<std::string> now;
    for (const auto& [part, text, where] : word->second)
      if (!text.empty()) now.push_back(text);
    if (place != nullptr && !word->second.empty())
      *place = std::get<2>(word->second.front()).ToString();
    std::vector<std::string> before;
    auto base = base_.fields.find({id, field});
    if (base != base_.fields.end())
      for (const auto& [part, text] : base->second) before.push_back(text);
    if (now == before) return std::nullopt;
    return now;
  }

  static std::string Join(const std::vector<std::string>& parts, std::string_view between = " ") {
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out += between;
      out += p;
    }
    return out;
  }

  Text NewText(std::string value, const Text& old) const {
    Text t;
    t.value = std::move(value);
    t.lang = old.lang;
    t.location = SourceLocation{std::make_shared<const std::string>(docx_), 0, 0};
    return t;
  }

  void Change(std::string id, std::string field, std::string before, std::string after,
              std::string place, std::string note = {}) {
    result_.changes.push_back({ImportChangeKind::kChanged, std::move(id), std::move(field),
                               std::move(before), std::move(after), std::move(place),
                               std::move(note)});
  }

  void NotMapped(std::string id, std::string field, std::string text, std::string place,
                 std::string note) {
    result_.changes.push_back({ImportChangeKind::kNotMapped,
                               std::move(id),
                               std::move(field),
                               {},
                               std::move(text),
                               std::move(place),
                               std::move(note)});
  }

  void Emptied(const std::string& id, const std::string& field, const std::string& place) {
    NotMapped(id, field, {}, place,
              "its words were removed in Word; a plan field cannot be blank, so the plan's words "
              "are kept");
  }

  // A field of an item still in the document whose marked words are gone altogether.
  void ReportRemovedFields() {
    for (const auto& [key, parts] : base_.fields)
      if (word_items_.count(key.first) > 0 && word_fields_.count(key) == 0)
        NotMapped(key.first, key.second, {}, {},
                  "its words were removed in Word; a plan field cannot be blank, so the plan's "
                  "words are kept");
  }

  void ProseField(const std::string& id, const std::string& field, Prose& prose) {
    std::string place;
    auto now = Edited(id, field, &place);
    if (!now) return;
    if (now->empty()) return Emptied(id, field, place);
    std::vector<std::string> before;
    for (const auto& t : prose) before.push_back(t.value);
    Text style = prose.empty() ? Text{} : prose.front();
    Prose updated;
    for (auto& value : *now) updated.push_back(NewText(value, style));
    prose = std::move(updated);
    Change(id, field, Join(before, "\n"), Join(*now, "\n"), place);
  }

  void TextField(const std::string& id, const std::string& field, Text& text) {
    std::string place;
    auto now = Edited(id, field, &place);
    if (!now) return;
    if (now->empty()) return Emptied(id, field, place);
    std::string value = Join(*now);
    Change(id, field, text.value, value, place);
    text = NewText(value, text);
  }

  static std::string AfterLabel(const std::string& line) {
    size_t colon = line.find(':');
    return Tidy(colon == std::string::npos ? line : line.substr(colon + 1));
  }

  void ProvisionFields(ProvisionItem& item) {
    TextField(item.id, "description", item.description);
    std::string place;
    if (auto role = Edited(item.id, "role", &place); role && role->empty()) {
      Emptied(item.id, "role", place);
    } else if (role) {
      std::string value = Join(*role);
      Change(item.id, "role", item.deliverer_role, value, place);
      item.deliverer_role = value;
    }
    if (auto qualification = Edited(item.id, "qualification", &place)) {
      std::string value = Join(*qualification);
      Change(item.id, "qualification", item.deliverer_qualification, value, place);
      item.deliverer_qualification = value;
    }
    if (auto often = Edited(item.id, "often", &place)) {
      std::string words = AfterLabel(Join(*often));
      ProvisionWording w = grammar_.Read(words);
      if (w.frequency) {
        Change(item.id, "frequency", FrequencyText(item.frequency), FrequencyText(w.frequency),
               place, "read from \"" + words + "\"");
        item.frequency = w.frequency;
      } else {
        NotMapped(item.id, "frequency", words, place,
                  "not read as a frequency; the plan's value is kept");
      }
    }
    if (auto how_long = Edited(item.id, "long", &place)) {
      std::string words = AfterLabel(Join(*how_long));
      ProvisionWording w = grammar_.Read(words);
      if (w.duration_minutes) {
        Change(item.id, "duration", MinutesText(item.duration_minutes),
               MinutesText(w.duration_minutes), place, "read from \"" + words + "\"");
        item.duration_minutes = w.duration_minutes;
      } else {
        NotMapped(item.id, "duration", words, place,
                  "not read as a duration; the plan's value is kept");
      }
    }
    if (auto group = Edited(item.id, "group", &place)) {
      std::string words = AfterLabel(Join(*group));
      ProvisionWording w = grammar_.Read(words);
      if (w.staffing.ratio || w.staffing.group_size) {
        Change(item.id, "staffing", StaffingText(item.staffing), StaffingText(w.staffing), place,
               "read from \"" + words + "\"");
        item.staffing = w.staffing;
      } else {
        NotMapped(item.id, "staffing", words, place,
                  "not read as a group size or ratio; the plan's value is kept");
      }
    }
    if (auto needs = Edited(item.id, "needs", &place))
      Links(item, "needs", AfterLabel(Join(*needs)), place);
    if (auto outcomes = Edited(item.id, "outcomes", &place))
      Links(item, "outcomes", AfterLabel(Join(*outcomes)), place);
  }

  // "Needs: B1, B3": the ids written, each checked against the plan.
  void Links(ProvisionItem& item, const std::string& field, const std::string& words,
             const std::string& place) {
    std::vector<ItemRef> refs;
    std::vector<ItemRef>& target = field == "needs" ? item.needs : item.outcomes;
    std::string before;
    for (const auto& r : target) before += (before.empty() ? "" : ", ") + r.id;
    std::string token;
    auto flush = [&] {
      if (token.empty()) return;
      bool known = field == "needs" ? result_.plan.FindNeed(token) != nullptr
                                    : result_.plan.FindOutcome(token) != nullptr;
      if (known)
        refs.push_back(ItemRef{token, {}});
      else
        NotMapped(item.id, field, token, place,
                  "no such " + std::string(field == "needs" ? "need" : "outcome") +
                      " in the plan; link not made");
      token.clear();
    };
    for (char c : words) {
      if (c == ',' || c == ' ' || c == ';') {
        flush();
      } else {
        token += c;
      }
    }
    flush();
    // "Not specified" and similar template words are not ids: only ids count.
    std::string after;
    for (const auto& r : refs) after += (after.empty() ? "" : ", ") + r.id;
    if (after == before) return;
    target = std::move(refs);
    Change(item.id, field, before, after, place);
  }

  static std::string FrequencyText(const std::optional<Frequency>& f) {
    if (!f) return {};
    return std::to_string(f->count) + " per " + std::string(Token(f->per));
  }
  static std::string MinutesText(const std::optional<int>& m) {
    return m ? std::to_string(*m) + " minutes" : std::string();
  }
  static std::string StaffingText(const Staffing& s) {
    std::string out;
    if (s.ratio) out = std::to_string(s.ratio->first) + ":" + std::to_string(s.ratio->second);
    if (s.group_size)
      out += (out.empty() ? "" : ", ") + std::string("group of ") + std::to_string(*s.group_size);
    return out;
  }

  // ---------- Rows typed into a provision table ----------

  static ProvisionSection* SectionFor(Plan& plan, SectionId id) {
    switch (id) {
      case SectionId::kF: return &plan.f;
      case SectionId::kG: return &plan.g;
      case SectionId::kH1: return &plan.h1;
      case SectionId::kH2: return &plan.h2;
      default: return nullptr;
    }
  }

  // The next id in a section, after every id the base plan used there (ids are never reused).
  std::string NextId(const ProvisionSection& base_section, const ProvisionSection& section) const {
    std::string prefix(SectionLetter(section.id));
    if (section.id == SectionId::kH1 || section.id == SectionId::kH2) prefix += ".";
    int highest = 0;
    auto consider = [&](const std::string& id) {
      if (id.rfind(prefix, 0) != 0) return;
      std::string rest = id.substr(prefix.size());
      if (rest.empty() ||
          !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return;
      highest = std::max(highest, std::stoi(rest.substr(0, 6)));
    };
    for (const auto& i : base_section.items) consider(i.id);
    for (const auto& i : section.items) consider(i.id);
    return prefix + std::to_string(highest + 1);
  }

  void AddRows() {
    // Rows by table, in order; the section of a table is its marked rows' section.
    std::map<int, std::map<int, std::vector<const WordParagraph*>>> tables;
    for (const WordParagraph& p : word_.paragraphs)
      if (p.place.table > 0) tables[p.place.table][p.place.row].push_back(&p);
    for (const auto& [table, rows] : tables) {
      std::optional<SectionId> section;
      for (const auto& [row, paragraphs] : rows)
        for (const WordParagraph* p : paragraphs)
          for (const auto& mark : p->marks)
            if (!section) section = original_.SectionOf(mark.item_id);
      for (const auto& [row, paragraphs] : rows) {
        bool marked = std::any_of(paragraphs.begin(), paragraphs.end(),
                                  [](const WordParagraph* p) { return !p->marks.empty(); });
        if (marked) {
          // Words added inside an item's row but outside its fields: reported, not lost.
          for (const WordParagraph* p : paragraphs) {
            std::string t = Tidy(p->text);
            if (p->marks.empty() && !t.empty() && base_.template_words.count(t) == 0)
              NotMapped({}, {}, t, p->place.ToString(),
                        "text outside any plan field; not imported");
          }
          continue;
        }
        bool template_only =
            std::all_of(paragraphs.begin(), paragraphs.end(), [&](const WordParagraph* p) {
              std::string t = Tidy(p->text);
              return t.empty() || base_.template_words.count(t) > 0;
            });
        if (template_only) continue;
        ProvisionSection* target = section ? SectionFor(result_.plan, *section) : nullptr;
        if (target == nullptr) {
          for (const WordParagraph* p : paragraphs) {
            std::string t = Tidy(p->text);
            if (!t.empty() && base_.template_words.count(t) == 0)
              NotMapped({}, {}, t, p->place.ToString(),
                        "a row added to a table that is not a provision table");
          }
          continue;
        }
        AddProvisionRow(*target, paragraphs);
      }
    }
  }

  void AddProvisionRow(ProvisionSection& section,
                       const std::vector<const WordParagraph*>& paragraphs) {
    std::map<int, std::vector<std::string>> columns;
    for (const WordParagraph* p : paragraphs) {
      std::string t = Tidy(p->text);
      if (!t.empty()) columns[p->place.column].push_back(t);
    }
    ProvisionItem item;
    item.id = NextId(original_.Provision(section.id), section);
    std::string description = Join(columns.begin()->second);
    item.description = NewText(description, Text{});
    item.location = item.description.location;  // findings about it point at the Word file
    std::string all;
    for (const auto& [column, texts] : columns) all += (all.empty() ? "" : ". ") + Join(texts);
    ProvisionWording wording = grammar_.Read(all);
    ApplyWording(wording, item);
    // Needs and outcomes named by id anywhere in the row ("meets B2; towards E1").
    std::string token;
    auto flush = [&] {
      if (result_.plan.FindNeed(token) != nullptr) item.needs.push_back(ItemRef{token, {}});
      if (result_.plan.FindOutcome(token) != nullptr) item.outcomes.push_back(ItemRef{token, {}});
      token.clear();
    };
    for (char c : all) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '.')
        token += c;
      else
        flush();
    }
    while (!token.empty() && token.back() == '.') token.pop_back();
    flush();
    std::string place = paragraphs.front()->place.ToString();
    std::string read;
    if (item.frequency) read += "frequency " + FrequencyText(item.frequency) + "; ";
    if (item.duration_minutes) read += "duration " + MinutesText(item.duration_minutes) + "; ";
    if (item.staffing.ratio || item.staffing.group_size)
      read += "staffing " + StaffingText(item.staffing) + "; ";
    if (!item.deliverer_role.empty()) read += "delivered by " + item.deliverer_role + "; ";
    if (!item.deliverer_qualification.empty())
      read += "qualification " + item.deliverer_qualification + "; ";
    for (const auto& n : item.needs) read += "meets " + n.id + "; ";
    for (const auto& o : item.outcomes) read += "towards " + o.id + "; ";
    if (read.size() >= 2) read.resize(read.size() - 2);
    result_.changes.push_back(
        {ImportChangeKind::kAdded,
         item.id,
         {},
         {},
         description,
         place,
         read.empty() ? "nothing read beyond the description" : "read: " + read});
    section.items.push_back(std::move(item));
  }

  // ---------- Items whose marks are gone ----------

  void DeleteItems() {
    std::set<std::string> deleted;
    for (const auto& id : base_.items)
      if (word_items_.count(id) == 0) deleted.insert(id);
    if (deleted.empty()) return;
    Plan& plan = result_.plan;
    auto gone = [&](const std::string& id) { return deleted.count(id) > 0; };
    auto report = [&](const std::string& id, const std::string& what) {
      result_.changes.push_back({ImportChangeKind::kDeleted, id, {}, what, {}, {}, {}});
    };
    for (auto* section : {&plan.b, &plan.c, &plan.d}) {
      for (const auto& n : section->needs)
        if (gone(n.id))
          report(n.id,
                 n.title.empty() ? (n.description.empty() ? "" : n.description[0].value) : n.title);
      std::erase_if(section->needs, [&](const Need& n) { return gone(n.id); });
    }
    for (const auto& e : plan.a.entries)
      if (gone(e.id)) report(e.id, e.text.empty() ? "" : e.text[0].value);
    std::erase_if(plan.a.entries, [&](const ViewEntry& e) { return gone(e.id); });
    for (const auto& o : plan.e.outcomes)
      if (gone(o.id)) report(o.id, o.text.value);
    std::erase_if(plan.e.outcomes, [&](const Outcome& o) { return gone(o.id); });
    for (auto* section : {&plan.f, &plan.g, &plan.h1, &plan.h2}) {
      for (const auto& p : section->items)
        if (gone(p.id)) report(p.id, p.description.value);
      std::erase_if(section->items, [&](const ProvisionItem& p) { return gone(p.id); });
    }
    // Links to what was deleted go too, each one reported.
    auto unlink = [&](const std::string& from, std::vector<ItemRef>& refs) {
      for (const auto& r : refs)
        if (gone(r.id))
          result_.changes.push_back(
              {ImportChangeKind::kLinkRemoved, from, {}, r.id, {}, {}, r.id + " was deleted"});
      std::erase_if(refs, [&](const ItemRef& r) { return gone(r.id); });
    };
    for (auto& o : plan.e.outcomes) unlink(o.id, o.needs);
    for (auto* section : {&plan.f, &plan.g, &plan.h1, &plan.h2})
      for (auto& p : section->items) {
        unlink(p.id, p.needs);
        unlink(p.id, p.outcomes);
      }
    if (plan.j.budget) {
      unlink("J", plan.j.budget->needs);
      unlink("J", plan.j.budget->outcomes);
      unlink("J", plan.j.budget->provision);
    }
  }

  // ---------- Words that are neither marked nor the template's ----------

  void ReportUnmapped() {
    std::multiset<std::string> template_words = base_.template_words;
    for (const WordParagraph& p : word_.paragraphs) {
      if (!p.marks.empty() || p.place.table > 0) continue;  // rows are AddRows' business
      std::string t = Tidy(p.text);
      if (t.empty()) continue;
      // A contents entry is its heading's words, a tab and the page number.
      if (size_t tab = p.text.rfind('\t');
          tab != std::string::npos && tab + 1 < p.text.size() &&
          std::all_of(p.text.begin() + tab + 1, p.text.end(),
                      [](char c) { return c >= '0' && c <= '9'; })) {
        std::string heading = Tidy(std::string_view(p.text).substr(0, tab));
        if (base_.template_words.count(heading) > 0) t = heading;
      }
      auto found = template_words.find(t);
      if (found != template_words.end()) {
        template_words.erase(found);
        continue;
      }
      if (base_.template_words.count(t) > 0) continue;  // repeated template words
      NotMapped({}, {}, t, p.place.ToString(), "text outside any plan field; not imported");
    }
  }

  const WordDocument& word_;
  std::string docx_;
  BaseText base_;
  const ProvisionGrammar& grammar_;
  ImportResult result_;
  const Plan& original_;
  std::map<FieldKey, std::vector<std::tuple<int, std::string, WordPlace>>> word_fields_;
  std::set<std::string> word_items_;
};

}  // namespace

ImportResult ImportWordEdits(const WordDocument& word, const std::string& docx_name,
                             const Plan& base, const doc::Document& base_document,
                             const ProvisionGrammar& grammar) {
  return Importer(word, docx_name, base, base_document, grammar).Run();
}

}  // namespace ehcp
