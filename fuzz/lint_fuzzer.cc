// Arbitrary bytes through the loader and, when they form a valid plan, every lint rule:
// the rules must cope with any plan the schema accepts.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto schemas = [] {
    auto registry = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    ehcp::RegisterRuleSchemas(*registry);
    return registry;
  }();
  static std::unique_ptr<ehcp::RuleSet> rules = [] {
    ehcp::DiagnosticList problems;
    auto set = ehcp::RuleSet::Load(ehcp::RuleSet::RuleFiles(EHCP_SOURCE_DIR "/quality"), "",
                                   *schemas, problems);
    if (!set) __builtin_trap();  // the bundled rules must always load
    return set;
  }();
  static ehcp::Linter linter(*rules);
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::LoadedDocument doc = ehcp::ParseDocument(bytes, "fuzz.xml", *schemas);
  if (doc.Ok() && doc.plan) {
    auto findings = linter.Lint(*doc.plan);
    for (const auto& finding : findings) {
      if (finding.code.empty() || finding.message.empty()) __builtin_trap();
    }
  }
  return 0;
}
