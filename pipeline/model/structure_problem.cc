#include "model/structure_problem.h"

namespace ehcp {

const char* StructureProblemName(StructureProblemKind kind) {
  switch (kind) {
    case StructureProblemKind::kSectionMissing: return "section-missing";
    case StructureProblemKind::kSectionBlank: return "section-blank";
    case StructureProblemKind::kFieldMissing: return "field-missing";
    case StructureProblemKind::kFieldBlank: return "field-blank";
    case StructureProblemKind::kValueInvalid: return "value-invalid";
    case StructureProblemKind::kReferenceBroken: return "reference-broken";
    case StructureProblemKind::kDuplicateId: return "duplicate-id";
    case StructureProblemKind::kUnexpected: return "unexpected";
  }
  return "unexpected";
}

}  // namespace ehcp
