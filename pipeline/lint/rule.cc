#include "lint/rule.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>

#include "lint/rule_kinds.h"

namespace ehcp {

bool RuleScope::HasSection(std::string_view section) const {
  return sections.empty() || std::find(sections.begin(), sections.end(), section) != sections.end();
}

bool RuleScope::HasField(std::string_view field) const {
  return fields.empty() || std::find(fields.begin(), fields.end(), field) != fields.end();
}

void RuleScope::Compile() {
  // A name outside the tables has no bit: no field carries it, so it can match nothing.
  section_mask = sections.empty() ? UINT32_MAX : 0;
  for (const auto& s : sections) section_mask |= SectionBit(s);
  field_mask = fields.empty() ? UINT64_MAX : 0;
  for (const auto& f : fields) field_mask |= FieldBit(f);
  excluded_sections = 0;
  excluded_fields = 0;
  excluded_pairs.clear();
  for (const auto& ex : exclude) {
    // As InScope's strings: the entry may be a section, a field or "section.field".
    excluded_sections |= SectionBit(ex);
    excluded_fields |= FieldBit(ex);
    size_t dot = ex.find('.');
    if (dot == std::string::npos) continue;
    uint32_t section = SectionBit(std::string_view(ex).substr(0, dot));
    uint64_t field = FieldBit(std::string_view(ex).substr(dot + 1));
    if (section != 0 && field != 0) excluded_pairs.emplace_back(section, field);
  }
  compiled = true;
}

Severity RuleSpec::SeverityIn(std::string_view section) const {
  auto it = section_severity.find(std::string(section));
  return it == section_severity.end() ? severity : it->second;
}

bool RuleSpec::AppliesTo(PlanStatus status) const {
  return std::find(applies_to.begin(), applies_to.end(), status) != applies_to.end();
}

double RuleSpec::Weight() const {
  if (weight > 0) return weight;
  switch (severity) {
    case Severity::kError: return 3;
    case Severity::kWarning: return 2;
    case Severity::kInfo: return 1;
  }
  return 1;
}

std::string RuleSpec::Param(const std::string& name, std::string fallback) const {
  auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

std::string ExpandMessage(const std::string& text, const FindingSink::Vars& vars) {
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string::npos) {
        auto it = vars.find(text.substr(i + 1, close - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

bool LintInput::SectionAbsent(std::string_view section) const {
  for (const auto& problem : structure)
    if (problem.SectionAbsent() && problem.section == section) return true;
  return false;
}

void FindingSink::Report(const RuleSpec& rule, const std::string& section,
                         const std::string& item_id, const SourceLocation& location,
                         const Vars& vars) {
  if (!absent_.empty() && absent_.count(section) && rule.kind != "structure") return;
  Vars all = vars;
  all.emplace("section", section);
  all.emplace("item", item_id);
  Diagnostic d;
  d.severity = rule.SeverityIn(section);
  d.code = rule.id;
  d.message = ExpandMessage(rule.message, all);
  d.hint = ExpandMessage(rule.hint, all);
  d.source = rule.source;
  d.section = section;
  d.item_id = item_id;
  d.location = location;
  if (auto it = vars.find("quote"); it != vars.end()) d.quote = it->second;
  if (auto it = vars.find("raw"); it != vars.end()) d.detail = it->second;
  findings_.push_back(std::move(d));
}

const TermMatcher* RuleBuildContext::List(const RuleSpec& spec, const std::string& param,
                                          bool required) const {
  std::string name = spec.Param(param);
  if (name.empty()) {
    if (required) Error(spec, "needs parameter \"" + param + "\" naming a word list");
    return nullptr;
  }
  auto it = lists_.find(name);
  if (it == lists_.end() || !it->second) {
    Error(spec, "parameter \"" + param + "\" names an unknown word list \"" + name + "\"");
    return nullptr;
  }
  return it->second.get();
}

double RuleBuildContext::Number(const RuleSpec& spec, const std::string& param,
                                double fallback) const {
  std::string value = spec.Param(param);
  if (value.empty()) return fallback;
  double out = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || ptr != value.data() + value.size()) {
    Error(spec, "parameter \"" + param + "\" must be a number, not \"" + value + "\"");
    return fallback;
  }
  return out;
}

int RuleBuildContext::Int(const RuleSpec& spec, const std::string& param, int fallback) const {
  return static_cast<int>(Number(spec, param, fallback));
}

std::string RuleBuildContext::Required(const RuleSpec& spec, const std::string& param) const {
  std::string value = spec.Param(param);
  if (value.empty()) Error(spec, "needs parameter \"" + param + "\"");
  return value;
}

const TermMatcher* RuleBuildContext::Keep(std::unique_ptr<TermMatcher> pattern) const {
  patterns_->push_back(std::move(pattern));
  return patterns_->back().get();
}

void RuleBuildContext::Error(const RuleSpec& spec, const std::string& message) const {
  diagnostics_.Error("rules.invalid", "rule \"" + spec.id + "\" (" + spec.kind + "): " + message,
                     spec.location);
}

namespace {

using Factory = std::unique_ptr<Rule> (*)(const RuleSpec&, const RuleBuildContext&);

const std::vector<std::pair<std::string, Factory>>& Kinds() {
  static const std::vector<std::pair<std::string, Factory>> kinds{
      {"lexicon", MakeLexiconRule},
      {"acronym", MakeAcronymRule},
      {"readability", MakeReadabilityRule},
      {"text-length", MakeTextLengthRule},
      {"plan-length", MakePlanLengthRule},
      {"golden-thread", MakeGoldenThreadRule},
      {"provision-field", MakeProvisionFieldRule},
      {"misplaced-provision", MakeMisplacedProvisionRule},
      {"outcome-timebound", MakeOutcomeTimeboundRule},
      {"preparing-for-adulthood", MakePreparingForAdulthoodRule},
      {"item-count", MakeItemCountRule},
      {"placement", MakePlacementRule},
      {"personal-budget", MakePersonalBudgetRule},
      {"advice", MakeAdviceRule},
      {"metadata", MakeMetadataRule},
      {"voice", MakeVoiceRule},
      {"statutory-date", MakeStatutoryDateRule},
      {"other-name", MakeOtherNameRule},
      {"unrecorded-need", MakeUnrecordedNeedRule},
      {"structure", MakeStructureGapRule},
  };
  return kinds;
}

}  // namespace

std::vector<std::string> RuleKindNames() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : Kinds()) names.push_back(name);
  return names;
}

std::unique_ptr<Rule> CreateRule(const RuleSpec& spec, const RuleBuildContext& context) {
  for (const auto& [name, factory] : Kinds()) {
    if (name == spec.kind) return factory(spec, context);
  }
  std::string known;
  for (const auto& name : RuleKindNames()) known += (known.empty() ? "" : ", ") + name;
  context.Error(spec, "unknown rule kind; known kinds: " + known);
  return nullptr;
}

int CountWords(std::string_view text) {
  // A table instead of std::isalnum per byte: whole plans are counted (plan-length).
  static const auto kWordByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[c] = std::isalnum(c) || c >= 0x80 || c == '\'';
    return table;
  }();
  // Word by word: a word byte starts a word, and the rest of the word is skipped in a
  // tight loop.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  int words = 0;
  size_t i = 0;
  while (i < n) {
    if (!kWordByte[p[i]]) {
      ++i;
      continue;
    }
    ++words;
    do ++i;
    while (i < n && kWordByte[p[i]]);
  }
  return words;
}

std::vector<std::string> SplitWords(const std::string& list) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < list.size()) {
    size_t end = list.find_first_of(" \t\n,", at);
    if (end == std::string::npos) end = list.size();
    if (end > at) out.push_back(list.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

}  // namespace ehcp
