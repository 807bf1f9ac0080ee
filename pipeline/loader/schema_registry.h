#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "diagnostics/diagnostic.h"

namespace ehcp {

class CompiledSchema;  // opaque: owns a compiled libxml2 schema

// Whether a compiled schema keeps its identity constraints (xs:key, xs:keyref, xs:unique).
// The tolerant reader behind lint checks ids and links on the model instead, where one
// missing section cannot turn every later reference into an error, so it compiles the
// schema without them: they cost about an eighth of a lint's instructions.
enum class IdentityConstraints { kChecked, kSkipped };

// Which XSD validates which root element. Schemas compile on first use and are then
// shared read-only by every thread. Only files inside the registry's schema folder are
// ever loaded (XSD include/import included).
class SchemaRegistry {
 public:
  explicit SchemaRegistry(std::filesystem::path schema_dir);
  ~SchemaRegistry();
  SchemaRegistry(const SchemaRegistry&) = delete;
  SchemaRegistry& operator=(const SchemaRegistry&) = delete;

  // The registry with the plan and contribution schemas, for `schema_dir`.
  static std::unique_ptr<SchemaRegistry> WithDocumentSchemas(std::filesystem::path schema_dir);

  // Root element `local_name` (in the ehcp namespace) is validated by `xsd_file`, a name
  // relative to the schema folder.
  void Register(const std::string& local_name, const std::string& xsd_file);

  // The compiled schema for a root element, or nullptr if none is registered. A schema
  // that fails to compile reports into `diagnostics` and returns nullptr.
  const CompiledSchema* Find(const std::string& local_name, DiagnosticList& diagnostics,
                             IdentityConstraints constraints = IdentityConstraints::kChecked) const;

 private:
  struct Entry;
  std::filesystem::path dir_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

}  // namespace ehcp
