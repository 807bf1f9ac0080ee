#pragma once

// A gap in a plan's structure, found while reading it: a section left out or left blank,
// a required field missing, a value that is not allowed, a reference to nothing. Any
// reader (XML, Word, PDF) reports these in the same plain terms, so the linter can grade
// them like any finding while it still reads everything else that is there. Raw parser
// wording travels only in `detail`.

#include <string>

#include "diagnostics/source_location.h"

namespace ehcp {

enum class StructureProblemKind {
  kSectionMissing,   // a statutory section is not in the plan at all
  kSectionBlank,     // the section is there but says nothing, not even "none"
  kFieldMissing,     // a required element or attribute is absent
  kFieldBlank,       // a required text is empty
  kValueInvalid,     // a value outside what the format allows (a date, a code)
  kReferenceBroken,  // an id that names no item in the plan
  kDuplicateId,      // two items share an id
  kUnexpected,       // anything else the format does not allow here
};

// "section-missing", "field-missing", ...: the names council profiles and rules use.
const char* StructureProblemName(StructureProblemKind kind);

struct StructureProblem {
  StructureProblemKind kind = StructureProblemKind::kUnexpected;
  std::string section;  // "A".."K", "H1", "H2", "meta", "child" (with the family), or empty
  std::string item_id;  // the nearest item with an id, if any
  std::string subject;  // plain words for what has the problem: "view A3", "Section J"
  std::string field;    // the element or attribute concerned ("type", "attribution")
  std::string value;    // the offending value or the id referred to
  std::string detail;   // the reader's own wording, for JSON and developers
  std::string element_path;
  SourceLocation location;

  // The whole section is missing or blank: nothing else is to be said about it.
  bool SectionAbsent() const {
    return kind == StructureProblemKind::kSectionMissing ||
           kind == StructureProblemKind::kSectionBlank;
  }
};

}  // namespace ehcp
