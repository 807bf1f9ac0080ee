#include "cli/plan_pair.h"

#include "loader/document_loader.h"

namespace ehcp {

std::vector<std::string> PlanPairPolicyFiles(const ResourcePaths& resources) {
  return {AssemblyPolicyFile(resources.Quality()).string(),
          StatutoryTimescalesFile(resources.Quality()).string()};
}

PlanPair ReadPlanPair(const ResourcePaths& resources, const std::string& old_file,
                      const std::string& new_file, const std::string& command,
                      DiagnosticList& problems) {
  PlanPair pair;
  pair.schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterAssemblyPolicySchemas(*pair.schemas);
  pair.policy = LoadAssemblyPolicy(resources.Quality(), *pair.schemas, problems);
  const std::string why = command + " compares two plans";
  pair.old_plan = LoadPlanOnly(old_file, *pair.schemas, command, why, problems);
  pair.new_plan = LoadPlanOnly(new_file, *pair.schemas, command, why, problems);
  return pair;
}

}  // namespace ehcp
