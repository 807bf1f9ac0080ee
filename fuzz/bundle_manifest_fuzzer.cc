// Arbitrary bytes as a tribunal bundle manifest: reading, validation and the evidence
// path checks must never crash, and never accept a path outside the evidence root.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  static auto schemas = [] {
    auto registry = std::make_unique<ehcp::SchemaRegistry>(EHCP_SOURCE_DIR "/schemas");
    ehcp::RegisterBundleSchemas(*registry);
    return registry;
  }();
  static const fs::path root = [] {
    auto dir = fs::temp_directory_path() / ("ehcp-bundle-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
  }();
  const fs::path manifest = root / "manifest.xml";
  {
    std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ehcp::DiagnosticList diagnostics;
  auto result = ehcp::ReadBundleManifest(manifest, *schemas, root, diagnostics);
  if (!result && !diagnostics.HasErrors()) __builtin_trap();  // refusal must say why
  if (result) {
    const std::string inside = fs::weakly_canonical(root).string() + "/";
    for (const auto& section : result->sections) {
      for (const auto& document : section.documents) {
        if (fs::weakly_canonical(document.path).string().rfind(inside, 0) != 0) __builtin_trap();
      }
    }
  }
  return 0;
}
