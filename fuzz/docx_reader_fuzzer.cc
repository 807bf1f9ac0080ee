// Arbitrary bytes as a Word document given to `ehcp import`: the ZIP directory, the
// limits, inflating, the relationships and the body's XML must never crash or hang; a
// file that cannot be read is refused with exactly one error.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docx_reader/docx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::DiagnosticList diagnostics;
  ehcp::DocxLimits limits;
  limits.max_total_bytes = 16u * 1024 * 1024;  // keep each run small
  limits.max_entry_bytes = 8u * 1024 * 1024;
  auto document = ehcp::ParseDocx(bytes, "fuzz.docx", diagnostics, limits);
  size_t errors = 0;
  for (const auto& d : diagnostics.Items())
    if (d.severity == ehcp::Severity::kError) ++errors;
  if (document ? errors != 0 : errors != 1) __builtin_trap();
  return 0;
}
