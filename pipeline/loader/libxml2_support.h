#pragma once

// Internal to the loader: the libxml2 pieces shared by schema_registry.cc and
// xml_tree.cc. Nothing outside pipeline/loader includes this.

#include <libxml/xmlschemas.h>

#include <filesystem>
#include <string>

#include "diagnostics/diagnostic.h"

namespace ehcp {

class CompiledSchema {
 public:
  explicit CompiledSchema(xmlSchemaPtr schema) : schema_(schema) {}
  ~CompiledSchema() { xmlSchemaFree(schema_); }
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  xmlSchemaPtr Get() const { return schema_; }

 private:
  xmlSchemaPtr schema_;
};

namespace libxml2 {

// Initialises libxml2 once and installs the external-entity loader that refuses every
// URL except files inside folders registered with AllowSchemaFolder.
void Initialise();
void AllowSchemaFolder(const std::filesystem::path& dir);

// libxml2 messages end with a newline and sometimes carry two spaces; tidy them.
std::string CleanMessage(const char* message);

}  // namespace libxml2
}  // namespace ehcp
