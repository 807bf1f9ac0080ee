#pragma once

// Internal to the loader: the libxml2 pieces shared by schema_registry.cc and
// xml_tree.cc. Nothing outside pipeline/loader includes this.

#include <libxml/xmlschemas.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "diagnostics/diagnostic.h"
#include "loader/key_check.h"

namespace ehcp {

class CompiledSchema {
 public:
  // `xsd` is the file compiled; for the variant without identity constraints it is where
  // KeyCheck reads the constraints that were dropped.
  CompiledSchema(xmlSchemaPtr schema, std::filesystem::path xsd)
      : schema_(schema), xsd_(std::move(xsd)) {}
  ~CompiledSchema() { xmlSchemaFree(schema_); }
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;
  xmlSchemaPtr Get() const { return schema_; }

  // The schema file's identity constraints compiled to run on the element tree, or nullptr
  // when one of them is beyond KeyCheck (then a strict read keeps libxml2's check).
  // Compiled on first use and shared read-only by every thread.
  const KeyCheck* Keys() const {
    std::call_once(keys_compiled_, [this] { keys_ = KeyCheck::Compile(xsd_, keys_unsupported_); });
    return keys_.get();
  }

 private:
  xmlSchemaPtr schema_;
  std::filesystem::path xsd_;
  mutable std::once_flag keys_compiled_;
  mutable std::unique_ptr<KeyCheck> keys_;
  mutable std::string keys_unsupported_;  // why there is no KeyCheck
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
