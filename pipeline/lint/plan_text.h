#pragma once

// Every piece of wording in a plan, in document order, with the section, item and field
// it belongs to: the scopes that lexicon, acronym and readability rules work on. Rules
// look at model scopes ("provision.description in F"), never at raw XML.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/source_location.h"
#include "model/plan.h"

namespace ehcp {

struct PlanTextField {
  std::string section;  // "meta", "child", "A".."K"
  std::string field;    // e.g. "entry.text", "need.description", "provision.description"
  std::string item_id;  // the item the words belong to; empty for section-level text
  std::string_view value;
  int words = 0;  // CountWords(value), counted once for the rules that weigh text by length
  SourceLocation location;                 // of the first character of `value`
  std::optional<ViewKind> view_kind;       // Section A entries
  std::optional<Attribution> attribution;  // Section A entries
  // SectionBit(section) and FieldBit(field), set once here so that a rule's compiled scope
  // (RuleScope::Compile) tests a field with two ANDs instead of string compares.
  uint32_t section_bit = 0;
  uint64_t field_bit = 0;
};

// The bit of a section name ("meta", "child", "A".."K", "H1", "H2") and of a field name
// CollectPlanText uses, for scope masks; 0 for any other name (which no field has).
uint32_t SectionBit(std::string_view section);
uint64_t FieldBit(std::string_view field);

// The fields of `plan`, in document order. The views point into `plan`, which must outlive
// the result.
std::vector<PlanTextField> CollectPlanText(const Plan& plan);

// The location of byte `offset` inside a text that starts at `start`. Plan text is
// whitespace-collapsed, so this is exact when the text sits on one line in the file (as
// paragraphs usually do) and otherwise points into the right paragraph.
SourceLocation LocationInText(const SourceLocation& start, std::string_view text, size_t offset);

// Section name used in findings and scopes: "A".."K", "H1", "H2".
std::string SectionName(SectionId id);

}  // namespace ehcp
