// Arbitrary bytes as a council profile for `ehcp lint --profile`: loading it with the
// shipped rules must never crash or hang (regular-expression terms are compiled and, when
// used, matched under ICU's limits), and a refusal says why. A profile that loads is used
// once on the minimal plan.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static auto schemas = [] {
    auto registry = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    ehcp::RegisterRuleSchemas(*registry);
    return registry;
  }();
  static const std::vector<std::string> rule_files =
      ehcp::RuleSet::RuleFiles(fs::path(EHCP_SOURCE_DIR) / "quality");
  static const ehcp::LoadedDocument plan =
      ehcp::LoadDocument(EHCP_SOURCE_DIR "/tests/data/minimal-plan.xml", *schemas);
  static const fs::path profile = [] {
    auto dir = fs::temp_directory_path() / ("ehcp-profile-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / "profile.xml";
  }();
  {
    std::ofstream out(profile, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ehcp::DiagnosticList diagnostics;
  auto rules = ehcp::RuleSet::Load(rule_files, profile.string(), *schemas, diagnostics);
  if (!rules) {
    if (!diagnostics.HasErrors()) __builtin_trap();  // refusal must say why
    return 0;
  }
  if (plan.plan) ehcp::Linter(*rules).Lint(*plan.plan);
  return 0;
}
