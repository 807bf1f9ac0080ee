#pragma once

// What `ehcp diff` and `ehcp amend` both read before they compare: the assembly policy
// (its stop words pair renumbered items; amend also counts with its timescales) and the
// two plans, with the schemas they were read with.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/plan.h"
#include "policy/assembly_policy.h"
#include "resources/resource_paths.h"

namespace ehcp {

struct PlanPair {
  std::unique_ptr<SchemaRegistry> schemas;  // the document schemas and the policy's
  std::optional<AssemblyPolicy> policy;
  std::optional<Plan> old_plan;
  std::optional<Plan> new_plan;
  bool Ok() const { return policy && old_plan && new_plan; }
};

// The policy files the pair is read with, which a command's outputs must not overwrite.
std::vector<std::string> PlanPairPolicyFiles(const ResourcePaths& resources);

// Reads the policy, then each plan strictly (a contribution is `[<command>.not-a-plan]`:
// "<command> compares two plans"); every problem goes to `problems`.
PlanPair ReadPlanPair(const ResourcePaths& resources, const std::string& old_file,
                      const std::string& new_file, const std::string& command,
                      DiagnosticList& problems);

}  // namespace ehcp
