#pragma once

// Turns what the schema said about an imperfect plan into structure problems a reviewer
// can read: "Section J is missing", "the placement in Section I has no type", one each,
// however many follow-on complaints the validator raised. References and duplicate ids
// are left to the linter, which checks them on the model without the validator's
// cascades (one missing section used to give forty key-sequence errors).

#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/xml_tree.h"
#include "model/structure_problem.h"

namespace ehcp {

std::vector<StructureProblem> DescribePlanGaps(const XmlElement& plan_root,
                                               const DiagnosticList& schema_violations);

}  // namespace ehcp
