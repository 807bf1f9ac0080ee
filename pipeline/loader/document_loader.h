#pragma once

// The front door for plans and contributions: read a file safely, validate it against
// its schema, and build the plan model. Every later stage starts here.

#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "loader/xml_tree.h"
#include "model/plan.h"
#include "model/structure_problem.h"

namespace ehcp {

enum class DocumentKind { kUnknown, kPlan, kContribution };
// "plan", "contribution" or "unknown", as `validate` and the service report a document.
std::string_view DocumentKindName(DocumentKind kind);

struct LoadedDocument {
  DocumentKind kind = DocumentKind::kUnknown;
  std::optional<Plan> plan;
  std::optional<Contribution> contribution;
  DiagnosticList diagnostics;
  // Loaded with SchemaCheck::kTolerant: the plan's structural gaps, in plain terms. The
  // plan is still built from whatever is there, and diagnostics hold only what stopped
  // reading altogether.
  std::vector<StructureProblem> structure;

  std::string root_name;  // the root element's local name, whenever the XML is well formed

  bool Ok() const { return (plan || contribution) && !diagnostics.HasErrors(); }
  // Well formed, but not a plan: a contribution, case file, bundle manifest or other XML.
  // Commands walking a folder skip these rather than report them as broken plans.
  bool NotAPlan() const { return !root_name.empty() && root_name != "plan"; }
};

// Loads a plan or a contribution, whichever the root element says.
// Strict by default; SchemaCheck::kTolerant reads a plan that breaks the schema (lint).
// Contributions are always read strictly.
LoadedDocument LoadDocument(const std::string& path, const SchemaRegistry& schemas,
                            const XmlLimits& limits = {}, SchemaCheck check = SchemaCheck::kStrict);
LoadedDocument ParseDocument(std::string_view bytes, const std::string& display_name,
                             const SchemaRegistry& schemas, const XmlLimits& limits = {},
                             SchemaCheck check = SchemaCheck::kStrict);

// Loads `path` strictly, as `validate` does, for a command that works on plans only: a
// contribution is the error `[<command>.not-a-plan]` ("this is a contribution, not a plan;
// <why>"). Returns nothing on any problem; every diagnostic goes to `problems`.
std::optional<Plan> LoadPlanOnly(const std::string& path, const SchemaRegistry& schemas,
                                 const std::string& command, const std::string& why,
                                 DiagnosticList& problems);

// Builds the model from an already validated element tree. Exposed for tests and for
// callers that parsed the XML themselves.
Plan ReadPlan(const XmlElement& root, DiagnosticList& diagnostics);
Contribution ReadContribution(const XmlElement& root, DiagnosticList& diagnostics);

}  // namespace ehcp
