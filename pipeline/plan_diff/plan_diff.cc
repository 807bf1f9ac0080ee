#include "plan_diff/plan_diff.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "assemble/text_similarity.h"

namespace ehcp {
namespace {

enum class FieldKind { kValue, kText, kLinks };

struct Field {
  std::string name;
  FieldKind kind = FieldKind::kValue;
  std::string value;
  std::vector<std::string> links;  // kLinks
};

// One item of any kind, as named fields: the diff compares these, whatever the item is.
struct ItemView {
  std::string id;
  std::string label;
  std::vector<Field> fields;
  std::string content;  // the words matched on when the id changed
};

class ItemBuilder {
 public:
  ItemBuilder(std::string id, std::string label) {
    item_.id = std::move(id);
    item_.label = std::move(label);
  }
  ItemBuilder& Value(std::string name, std::string value) {
    item_.fields.push_back(Field{std::move(name), FieldKind::kValue, std::move(value), {}});
    return *this;
  }
  ItemBuilder& Text(std::string name, std::string value) {
    item_.content += value + " ";
    item_.fields.push_back(Field{std::move(name), FieldKind::kText, std::move(value), {}});
    return *this;
  }
  ItemBuilder& Links(std::string name, std::vector<std::string> ids) {
    std::string joined;
    for (const auto& id : ids) joined += (joined.empty() ? "" : ", ") + id;
    item_.fields.push_back(Field{std::move(name), FieldKind::kLinks, joined, std::move(ids)});
    return *this;
  }
  ItemView Build() { return std::move(item_); }

 private:
  ItemView item_;
};

std::string Join(const Prose& prose) {
  std::string out;
  for (const auto& t : prose) out += (out.empty() ? "" : "\n") + t.value;
  return out;
}
std::string DateText(const std::optional<Date>& date) {
  return date ? date->ToIso() : "";
}
std::string Number(const std::optional<int>& n) {
  return n ? std::to_string(*n) : "";
}
template <typename E>
std::string LabelOf(const std::optional<E>& value) {
  return value ? std::string(Label(*value)) : "";
}
std::vector<std::string> Ids(const std::vector<ItemRef>& refs) {
  std::vector<std::string> ids;
  for (const auto& r : refs) ids.push_back(r.id);
  return ids;
}
std::vector<std::string> Ids(const std::vector<SourceRef>& refs) {
  std::vector<std::string> ids;
  for (const auto& r : refs)
    ids.push_back(r.locator.empty() ? r.advice_id : r.advice_id + " (" + r.locator + ")");
  return ids;
}
std::string Excerpt(const std::string& text, size_t limit = 60) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + " …";
}

// The section's own words (introduction, strengths, a "none" statement), as one item with
// an empty id, so that a changed introduction is reported like any other field.
ItemView SectionText(const Prose& intro, const std::optional<NoneStatement>& none,
                     const Prose* strengths = nullptr) {
  ItemBuilder b("", "section text");
  b.Text("introduction", Join(intro));
  if (strengths) b.Text("strengths", Join(*strengths));
  b.Text("nothing in this section", none ? none->text.value : "");
  return b.Build();
}

std::vector<ItemView> ViewsOf(const SectionA& a) {
  std::vector<ItemView> items;
  ItemBuilder section("", "section text");
  section.Text("introduction", Join(a.intro)).Text("how views were gathered", a.gathered.value);
  items.push_back(section.Build());
  for (const auto& e : a.entries) {
    ItemBuilder b(e.id, std::string(Label(e.kind)) + (e.speaker.empty() ? "" : ", " + e.speaker));
    b.Value("kind", std::string(Label(e.kind)))
        .Value("whose words", LabelOf(e.attribution))
        .Value("speaker", e.speaker)
        .Value("how gathered", e.gathered)
        .Text("text", Join(e.text))
        .Links("sources", Ids(e.sources));
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> NeedsOf(const NeedsSection& s) {
  std::vector<ItemView> items{
      SectionText(s.intro, s.none, s.id == SectionId::kB ? &s.strengths : nullptr)};
  for (const auto& n : s.needs) {
    ItemBuilder b(n.id, n.title);
    b.Value("area of need", std::string(Label(n.area)))
        .Text("title", n.title)
        .Text("description", Join(n.description))
        .Links("sources", Ids(n.sources));
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> OutcomesOf(const OutcomesSection& s) {
  std::vector<ItemView> items{SectionText(s.intro, std::nullopt)};
  for (const auto& o : s.outcomes) {
    std::string steps;
    for (const auto& step : o.steps)
      steps += (steps.empty() ? "" : "\n") + step.text.value +
               (step.by ? " (by " + step.by->ToIso() + ")" : "");
    ItemBuilder b(o.id, Excerpt(o.text.value));
    b.Text("outcome", o.text.value)
        .Links("addresses needs", Ids(o.needs))
        .Value("by", DateText(o.timeframe.by))
        .Value("by stage", o.timeframe.phase)
        .Text("steps", steps)
        .Value("preparing for adulthood", LabelOf(o.pfa))
        .Links("sources", Ids(o.sources));
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> ProvisionOf(const ProvisionSection& s) {
  std::vector<ItemView> items{SectionText(s.intro, s.none)};
  for (const auto& p : s.items) {
    std::string ratio = p.staffing.ratio ? std::to_string(p.staffing.ratio->first) + ":" +
                                               std::to_string(p.staffing.ratio->second)
                                         : "";
    ItemBuilder b(p.id, p.kind ? std::string(Label(*p.kind)) : Excerpt(p.description.value));
    b.Value("kind", LabelOf(p.kind))
        .Text("description", p.description.value)
        .Links("meets needs", Ids(p.needs))
        .Links("works towards outcomes", Ids(p.outcomes))
        .Value("who", p.deliverer_role)
        .Value("qualification", p.deliverer_qualification)
        .Value("frequency", p.frequency ? FrequencyWords(*p.frequency) : "")
        .Value("duration",
               p.duration_minutes ? std::to_string(*p.duration_minutes) + " minutes" : "")
        .Value("staff to pupils", ratio)
        .Value("group size", Number(p.staffing.group_size))
        .Value("provider", p.provider)
        .Value("start", DateText(p.start))
        .Value("end", DateText(p.end))
        .Text("for how long", p.period_wording)
        .Value("agency", LabelOf(p.agency))
        .Value("commissioned by", p.commissioner)
        .Value("personal budget", p.personal_budget ? "yes" : "")
        .Links("sources", Ids(p.sources));
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> PlacementsOf(const SectionI& s) {
  std::vector<ItemView> items{SectionText(s.intro, s.none)};
  for (const auto& p : s.placements) {
    // Placements have no id in the model: the school's name is the id, and a new school
    // is matched to the old one by the other fields' words.
    ItemBuilder b(p.name, p.name);
    b.Text("name", p.name)
        .Value("type", p.type)
        .Value("URN", p.urn)
        .Value("attendance", LabelOf(p.attendance))
        .Text("note", p.note ? p.note->value : "");
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> BudgetOf(const SectionJ& s) {
  std::vector<ItemView> items{SectionText(s.intro, s.none)};
  if (s.budget) {
    const PersonalBudget& pb = *s.budget;
    std::string amount;
    if (pb.annual_amount_pence) {
      int64_t pence = *pb.annual_amount_pence;
      std::string p = std::to_string(pence % 100);
      amount = "£" + std::to_string(pence / 100) + "." + (p.size() == 1 ? "0" + p : p) + " a year";
    }
    ItemBuilder b("budget", "personal budget");
    b.Value("arrangement", std::string(Label(pb.arrangement)))
        .Value("amount", amount)
        .Text("description", Join(pb.description))
        .Links("needs", Ids(pb.needs))
        .Links("outcomes", Ids(pb.outcomes))
        .Links("provision", Ids(pb.provision));
    items.push_back(b.Build());
  }
  return items;
}

std::vector<ItemView> AdviceOf(const SectionK& s) {
  std::vector<ItemView> items{SectionText(s.intro, std::nullopt)};
  for (const auto& a : s.advice) {
    ItemBuilder b(a.id, a.title);
    b.Value("category", std::string(Label(a.category)))
        .Value("agency", LabelOf(a.agency))
        .Text("title", a.title)
        .Value("author", a.author)
        .Value("role", a.role)
        .Value("organisation", a.organisation)
        .Value("requested", DateText(a.requested))
        .Value("received", DateText(a.received))
        .Value("appended", a.appended ? "yes" : "no")
        .Value("file", a.file);
    items.push_back(b.Build());
  }
  return items;
}

FieldChange Compare(const Field* old_field, const Field* new_field, const DiffOptions& options) {
  const Field& any = old_field ? *old_field : *new_field;
  FieldChange change;
  change.field = any.name;
  if (old_field) change.old_value = old_field->value;
  if (new_field) change.new_value = new_field->value;
  if (any.kind == FieldKind::kText && old_field && new_field && !change.old_value.empty() &&
      !change.new_value.empty())
    change.words = DiffWords(change.old_value, change.new_value, options.max_word_diff_cells);
  if (any.kind == FieldKind::kLinks) {
    std::set<std::string> before, after;
    if (old_field) before.insert(old_field->links.begin(), old_field->links.end());
    if (new_field) after.insert(new_field->links.begin(), new_field->links.end());
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                        std::back_inserter(change.links_added));
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                        std::back_inserter(change.links_removed));
  }
  return change;
}

std::vector<FieldChange> ChangedFields(const ItemView& a, const ItemView& b,
                                       const DiffOptions& options) {
  std::vector<FieldChange> changes;
  for (size_t i = 0; i < a.fields.size() && i < b.fields.size(); ++i)
    if (a.fields[i].value != b.fields[i].value)
      changes.push_back(Compare(&a.fields[i], &b.fields[i], options));
  return changes;
}

std::vector<FieldChange> AllFields(const ItemView& item, bool is_old, const DiffOptions& options) {
  std::vector<FieldChange> fields;
  for (const auto& f : item.fields)
    if (!f.value.empty())
      fields.push_back(Compare(is_old ? &f : nullptr, is_old ? nullptr : &f, options));
  return fields;
}

std::vector<ItemChange> DiffItems(const std::vector<ItemView>& olds,
                                  const std::vector<ItemView>& news,
                                  const std::set<std::string>& stop_words,
                                  const DiffOptions& options) {
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> match_of_old(olds.size(), kNone), match_of_new(news.size(), kNone);
  std::map<std::string, size_t> new_by_id;
  for (size_t j = 0; j < news.size(); ++j) new_by_id.emplace(news[j].id, j);
  for (size_t i = 0; i < olds.size(); ++i) {
    auto it = new_by_id.find(olds[i].id);
    if (it != new_by_id.end() && match_of_new[it->second] == kNone) {
      match_of_old[i] = it->second;
      match_of_new[it->second] = i;
    }
  }
  std::vector<std::set<std::string>> old_words(olds.size()), new_words(news.size());
  for (size_t i = 0; i < olds.size(); ++i) old_words[i] = ContentWords(olds[i].content, stop_words);
  for (size_t j = 0; j < news.size(); ++j) new_words[j] = ContentWords(news[j].content, stop_words);
  // An id reused for something else (E9 renumbered E8 after E8 was removed) is not the
  // same item: the pair is undone when the two share almost no words.
  for (size_t i = 0; i < olds.size(); ++i) {
    size_t j = match_of_old[i];
    if (j == kNone || olds[i].id.empty() || old_words[i].empty() || new_words[j].empty()) continue;
    if (WordOverlap(old_words[i], new_words[j]) < options.same_id_similarity) {
      match_of_old[i] = kNone;
      match_of_new[j] = kNone;
    }
  }
  // Then by content, best pairs first; ties broken by position so the result is stable.
  std::vector<std::tuple<double, size_t, size_t>> pairs;
  for (size_t i = 0; i < olds.size(); ++i) {
    if (match_of_old[i] != kNone) continue;
    const std::set<std::string>& words = old_words[i];
    for (size_t j = 0; j < news.size(); ++j) {
      if (match_of_new[j] != kNone) continue;
      double score = WordOverlap(words, new_words[j]);
      if (score >= options.renumber_similarity) pairs.emplace_back(-score, i, j);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [score, i, j] : pairs) {
    if (match_of_old[i] != kNone || match_of_new[j] != kNone) continue;
    match_of_old[i] = j;
    match_of_new[j] = i;
  }

  // Moved: the item's rank among the kept items is not the same in both plans.
  std::map<size_t, size_t> old_rank;  // old index -> rank among kept items in the old order
  size_t rank = 0;
  for (size_t i = 0; i < olds.size(); ++i)
    if (match_of_old[i] != kNone) old_rank[i] = rank++;

  std::vector<ItemChange> changes;
  size_t next_old = 0;
  auto removed_up_to = [&](size_t limit) {
    for (; next_old < limit; ++next_old) {
      if (match_of_old[next_old] != kNone) continue;
      ItemChange c{ChangeKind::kRemoved,
                   olds[next_old].id,
                   "",
                   olds[next_old].label,
                   false,
                   AllFields(olds[next_old], true, options)};
      changes.push_back(std::move(c));
    }
  };
  rank = 0;
  for (size_t j = 0; j < news.size(); ++j) {
    const ItemView& n = news[j];
    if (match_of_new[j] == kNone) {
      changes.push_back(
          ItemChange{ChangeKind::kAdded, "", n.id, n.label, false, AllFields(n, false, options)});
      continue;
    }
    size_t i = match_of_new[j];
    removed_up_to(i);
    bool moved = old_rank[i] != rank++;
    std::vector<FieldChange> fields = ChangedFields(olds[i], n, options);
    bool renumbered = olds[i].id != n.id;
    if (!renumbered && !moved && fields.empty()) continue;
    changes.push_back(ItemChange{renumbered ? ChangeKind::kRenumbered : ChangeKind::kChanged,
                                 olds[i].id, n.id, n.label, moved, std::move(fields)});
  }
  removed_up_to(olds.size());
  return changes;
}

}  // namespace

std::string_view ChangeKindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kRemoved: return "removed";
    case ChangeKind::kChanged: return "changed";
    case ChangeKind::kRenumbered: return "renumbered";
  }
  return "changed";
}

size_t PlanDiff::Count(ChangeKind kind) const {
  size_t n = 0;
  for (const auto& s : sections)
    n += static_cast<size_t>(std::count_if(s.items.begin(), s.items.end(),
                                           [&](const ItemChange& c) { return c.kind == kind; }));
  return n;
}

std::string FrequencyWords(const Frequency& frequency) {
  static const char* const kTimes[] = {"no times",    "once",       "twice",     "three times",
                                       "four times",  "five times", "six times", "seven times",
                                       "eight times", "nine times", "ten times"};
  std::string times = frequency.count >= 0 && frequency.count <= 10
                          ? kTimes[frequency.count]
                          : std::to_string(frequency.count) + " times";
  std::string per(Label(frequency.per));
  bool vowel = !per.empty() && std::string_view("aeiou").find(per[0]) != std::string_view::npos;
  return times + (vowel ? " an " : " a ") + per;
}

PlanDiff DiffPlans(const Plan& old_plan, const Plan& new_plan,
                   const std::set<std::string>& stop_words, const DiffOptions& options) {
  PlanDiff diff;
  auto add = [&](SectionId id, const std::vector<ItemView>& a, const std::vector<ItemView>& b) {
    std::vector<ItemChange> items = DiffItems(a, b, stop_words, options);
    if (!items.empty()) diff.sections.push_back(SectionDiff{id, std::move(items)});
  };
  add(SectionId::kA, ViewsOf(old_plan.a), ViewsOf(new_plan.a));
  add(SectionId::kB, NeedsOf(old_plan.b), NeedsOf(new_plan.b));
  add(SectionId::kC, NeedsOf(old_plan.c), NeedsOf(new_plan.c));
  add(SectionId::kD, NeedsOf(old_plan.d), NeedsOf(new_plan.d));
  add(SectionId::kE, OutcomesOf(old_plan.e), OutcomesOf(new_plan.e));
  add(SectionId::kF, ProvisionOf(old_plan.f), ProvisionOf(new_plan.f));
  add(SectionId::kG, ProvisionOf(old_plan.g), ProvisionOf(new_plan.g));
  add(SectionId::kH1, ProvisionOf(old_plan.h1), ProvisionOf(new_plan.h1));
  add(SectionId::kH2, ProvisionOf(old_plan.h2), ProvisionOf(new_plan.h2));
  add(SectionId::kI, PlacementsOf(old_plan.i), PlacementsOf(new_plan.i));
  add(SectionId::kJ, BudgetOf(old_plan.j), BudgetOf(new_plan.j));
  add(SectionId::kK, AdviceOf(old_plan.k), AdviceOf(new_plan.k));
  return diff;
}

}  // namespace ehcp
