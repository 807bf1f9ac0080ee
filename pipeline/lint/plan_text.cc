#include "lint/plan_text.h"

#include <iterator>

#include "lint/rule_kinds.h"

namespace ehcp {

std::string SectionName(SectionId id) {
  return std::string(SectionLetter(id));
}

SourceLocation LocationInText(const SourceLocation& start, std::string_view text, size_t offset) {
  SourceLocation at = start;
  if (!start.Known()) return at;
  offset = std::min(offset, text.size());
  // Columns count bytes, as the loader's do.
  if (at.column > 0) at.column += static_cast<int>(offset);
  return at;
}

namespace {

constexpr std::string_view kSectionNames[] = {"meta", "child", "A",  "B",  "C", "D", "E",
                                              "F",    "G",     "H1", "H2", "I", "J", "K"};
// Every field name CollectPlanText gives (at most 64: the bits of a uint64_t).
constexpr std::string_view kFieldNames[] = {"officer.role",
                                            "timescale-exception",
                                            "child.communication",
                                            "intro",
                                            "gathered",
                                            "entry.speaker",
                                            "entry.text",
                                            "strengths",
                                            "need.title",
                                            "need.description",
                                            "none",
                                            "outcome.text",
                                            "outcome.step",
                                            "provision.description",
                                            "provision.role",
                                            "provision.qualification",
                                            "provision.provider",
                                            "provision.period",
                                            "placement.name",
                                            "placement.type",
                                            "placement.note",
                                            "budget.description",
                                            "advice.title",
                                            "advice.author",
                                            "advice.role"};
static_assert(std::size(kFieldNames) <= 64 && std::size(kSectionNames) <= 32);

template <typename Bits, size_t N>
Bits BitOf(const std::string_view (&names)[N], std::string_view name) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == name) return Bits{1} << i;
  return 0;
}

}  // namespace

uint32_t SectionBit(std::string_view section) {
  return BitOf<uint32_t>(kSectionNames, section);
}

uint64_t FieldBit(std::string_view field) {
  return BitOf<uint64_t>(kFieldNames, field);
}

namespace {

class Collector {
 public:
  explicit Collector(std::vector<PlanTextField>& out) : out_(out) {}

  // Names as views: the strings are built only for a field that has words (many optional
  // fields are empty, and a long name such as "provision.qualification" is an allocation).
  void Add(std::string_view section, std::string_view field, const std::string& item,
           const std::string& value, const SourceLocation& location) {
    if (value.empty()) return;
    PlanTextField f;
    f.section = section;
    f.field = field;
    f.item_id = item;
    f.value = value;
    f.words = CountWords(value);
    f.location = location;
    f.section_bit = SectionBit(section);
    f.field_bit = FieldBit(field);
    out_.push_back(std::move(f));
  }
  void Add(std::string_view section, std::string_view field, const std::string& item,
           const Text& text) {
    Add(section, field, item, text.value, text.location);
  }
  void AddProse(std::string_view section, std::string_view field, const std::string& item,
                const Prose& prose) {
    for (const auto& p : prose) Add(section, field, item, p);
  }
  std::vector<PlanTextField>& out_;
};

}  // namespace

std::vector<PlanTextField> CollectPlanText(const Plan& plan) {
  std::vector<PlanTextField> out;
  out.reserve(512);
  Collector c(out);
  c.Add("meta", "officer.role", "", plan.meta.officer.role, plan.location);
  if (plan.meta.timescale_exception)
    c.Add("meta", "timescale-exception", "", *plan.meta.timescale_exception);
  c.AddProse("child", "child.communication", "", plan.child.communication);

  const SectionA& a = plan.a;
  c.AddProse("A", "intro", "", a.intro);
  c.Add("A", "gathered", "", a.gathered);
  for (const auto& entry : a.entries) {
    size_t first = out.size();
    c.Add("A", "entry.speaker", entry.id, entry.speaker, entry.location);
    c.AddProse("A", "entry.text", entry.id, entry.text);
    for (size_t i = first; i < out.size(); ++i) {
      out[i].view_kind = entry.kind;
      out[i].attribution = entry.attribution;
    }
  }
  for (const NeedsSection* s : {&plan.b, &plan.c, &plan.d}) {
    std::string name = SectionName(s->id);
    c.AddProse(name, "intro", "", s->intro);
    c.AddProse(name, "strengths", "", s->strengths);
    for (const auto& need : s->needs) {
      c.Add(name, "need.title", need.id, need.title, need.location);
      c.AddProse(name, "need.description", need.id, need.description);
    }
    if (s->none) c.Add(name, "none", "", s->none->text);
  }
  c.AddProse("E", "intro", "", plan.e.intro);
  for (const auto& outcome : plan.e.outcomes) {
    c.Add("E", "outcome.text", outcome.id, outcome.text);
    for (const auto& step : outcome.steps) c.Add("E", "outcome.step", outcome.id, step.text);
  }
  for (const ProvisionSection* s : {&plan.f, &plan.g, &plan.h1, &plan.h2}) {
    std::string name = SectionName(s->id);
    c.AddProse(name, "intro", "", s->intro);
    for (const auto& item : s->items) {
      c.Add(name, "provision.description", item.id, item.description);
      c.Add(name, "provision.role", item.id, item.deliverer_role, item.location);
      c.Add(name, "provision.qualification", item.id, item.deliverer_qualification, item.location);
      c.Add(name, "provision.provider", item.id, item.provider, item.location);
      c.Add(name, "provision.period", item.id, item.period_wording, item.location);
    }
    if (s->none) c.Add(name, "none", "", s->none->text);
  }
  c.AddProse("I", "intro", "", plan.i.intro);
  for (const auto& placement : plan.i.placements) {
    c.Add("I", "placement.name", "", placement.name, placement.location);
    c.Add("I", "placement.type", "", placement.type, placement.location);
    if (placement.note) c.Add("I", "placement.note", "", *placement.note);
  }
  if (plan.i.none) c.Add("I", "none", "", plan.i.none->text);
  c.AddProse("J", "intro", "", plan.j.intro);
  if (plan.j.budget) c.AddProse("J", "budget.description", "", plan.j.budget->description);
  if (plan.j.none) c.Add("J", "none", "", plan.j.none->text);
  c.AddProse("K", "intro", "", plan.k.intro);
  for (const auto& advice : plan.k.advice) {
    c.Add("K", "advice.title", advice.id, advice.title, advice.location);
    c.Add("K", "advice.author", advice.id, advice.author, advice.location);
    c.Add("K", "advice.role", advice.id, advice.role, advice.location);
  }
  return out;
}

}  // namespace ehcp
