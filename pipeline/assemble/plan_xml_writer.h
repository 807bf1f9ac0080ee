#pragma once

// Serialises a plan model to XML in the plan format (schemas/ehcp-plan-1.xsd):
// deterministic (the same Plan gives the same bytes), pretty-printed with two-space
// indents, UTF-8, with XML special characters escaped. Sections with nothing in them
// carry their <none> statement, as the schema requires; the writer does not invent
// content, so a Plan with an empty required section serialises to XML that the schema
// rejects — callers validate before writing a file (see assemble_command.cc).

#include <string>

#include "model/plan.h"

namespace ehcp {

std::string WritePlanXml(const Plan& plan);

// The same for a contribution (schemas/ehcp-contribution-1.xsd), as `ehcp import` writes
// one read from an advice form. Callers validate before writing a file.
std::string WriteContributionXml(const Contribution& contribution);

}  // namespace ehcp
