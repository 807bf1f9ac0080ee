#pragma once

// Serialises a plan model to XML in the plan format (schemas/ehcp-plan-1.xsd):
// deterministic (the same Plan gives the same bytes), pretty-printed with two-space
// indents, UTF-8, with XML special characters escaped. Sections with nothing in them
// carry their <none> statement, as the schema requires; the writer does not invent
// content, so a Plan with an empty required section serialises to XML that the schema
// rejects — callers validate before writing a file (RenderValidPlanXml).

#include <string>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/plan.h"

namespace ehcp {

std::string RenderPlanXml(const Plan& plan);

// RenderPlanXml checked against the plan schema in memory, before anything touches the
// disk (assemble's draft, amend's recorded proposal, issue's final plan). When it does not
// validate: false, the error `code` `message` at `display_name`, then the schema's own
// diagnostics.
bool RenderValidPlanXml(const Plan& plan, const std::string& display_name,
                        const SchemaRegistry& schemas, const std::string& code,
                        const std::string& message, std::string& xml, DiagnosticList& diagnostics);

// The same for a contribution (schemas/ehcp-contribution-1.xsd), as `ehcp import` writes
// one read from an advice form. Callers validate before writing a file.
std::string RenderContributionXml(const Contribution& contribution);

}  // namespace ehcp
