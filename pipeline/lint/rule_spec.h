#pragma once

// A quality rule as data: what quality/rules/*.xml says about one rule, after any council
// profile has been applied. The C++ rule kinds (rule_kinds.h) read their parameters from
// here; nothing about a rule's wording, severity or scope is compiled in.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "model/vocabulary.h"

namespace ehcp {

// Where in a plan a rule looks. Section names are "meta", "child", "A".."K" (with "H1",
// "H2"); field names are those of PlanTextField (plan_text.h), e.g. "provision.description".
struct RuleScope {
  std::vector<std::string> sections;              // empty: every section
  std::vector<std::string> fields;                // empty: every field
  std::vector<std::string> exclude;               // "section.field" pairs to skip, e.g. "I.none"
  std::vector<std::string> entry_kinds;           // Section A entry kinds, e.g. "strengths"
  std::vector<std::string> exclude_attributions;  // e.g. "child-own-words"

  bool HasSection(std::string_view section) const;
  bool HasField(std::string_view field) const;

  // Sections, fields and exclusions as bit masks over plan_text.h's names (SectionBit,
  // FieldBit), worked out once when the rule set is built: a plan's fields meet about
  // 5,000 scope tests, which as string compares cost 0.5 M instructions. InScope uses the
  // masks only once compiled and for a field that has bits; otherwise the strings decide.
  void Compile();
  bool compiled = false;
  uint32_t section_mask = 0;
  uint64_t field_mask = 0;
  uint32_t excluded_sections = 0;                             // "I" in exclude
  uint64_t excluded_fields = 0;                               // "none" in exclude
  std::vector<std::pair<uint32_t, uint64_t>> excluded_pairs;  // "I.none" in exclude
};

struct RuleSpec {
  std::string id;    // stable: what findings carry as their code, and reviewers accept
  std::string kind;  // the generic C++ rule kind this rule instantiates
  std::string title;
  Severity severity = Severity::kWarning;
  std::map<std::string, Severity> section_severity;  // "G" -> warning, overriding severity
  std::vector<PlanStatus> applies_to{PlanStatus::kDraft, PlanStatus::kFinal, PlanStatus::kAmended};
  RuleScope scope;
  std::map<std::string, std::string> params;
  std::string message;  // may use {match}, {suggest}, {item}, {section}, {detail}
  std::string hint;
  std::string source;
  double weight = 0;  // weight as a grading criterion; 0: by severity (3/2/1)
  bool enabled = true;
  SourceLocation location;  // where the rule is defined, for configuration errors

  Severity SeverityIn(std::string_view section) const;
  bool AppliesTo(PlanStatus status) const;
  double Weight() const;
  // A parameter, or `fallback` when the rule does not set it.
  std::string Param(const std::string& name, std::string fallback = {}) const;
};

// One entry of a word list: a literal phrase or an ICU regular expression, with what to
// write instead (vague terms) or what it stands for (acronyms: a regex of expansions).
struct WordListTerm {
  std::string text;   // literal phrase (matched as written, on word boundaries)
  std::string regex;  // or an ICU regex (also on word boundaries)
  std::string suggest;
  std::string expansion;
  SourceLocation location;

  std::string Display() const { return text.empty() ? regex : text; }
};

struct WordListSpec {
  std::string name;
  bool case_sensitive = false;
  std::vector<WordListTerm> terms;
  SourceLocation location;
};

}  // namespace ehcp
