// Feeds arbitrary bytes to the plan/contribution loader: parsing, DOCTYPE refusal,
// limits, schema validation and model building must never crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "loader/document_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto schemas = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::LoadedDocument doc = ehcp::ParseDocument(bytes, "fuzz.xml", *schemas);
  // A document is either loaded without errors or refused with at least one error.
  if (!doc.Ok() && !doc.diagnostics.HasErrors()) __builtin_trap();
  return 0;
}
