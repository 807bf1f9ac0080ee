// Arbitrary bytes as a council's template.json: loading must never crash, hang or grow
// without bound (deeply nested Mustache sections are refused), and a refusal says why.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "document/template_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  // A folder of the fuzzer's own; the input is fictional bytes, never a council's file.
  static const fs::path folder = [] {
    auto dir = fs::temp_directory_path() / ("ehcp-template-fuzz-" + std::to_string(::getpid())) /
               "council";
    fs::create_directories(dir);
    return dir;
  }();
  {
    std::ofstream out(folder / "template.json", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ehcp::DiagnosticList diagnostics;
  auto set = ehcp::LoadTemplateSet(folder, diagnostics);
  if (!set && !diagnostics.HasErrors()) __builtin_trap();  // refusal must say why
  return 0;
}
