// Arbitrary bytes as a council's plan in PDF given to `ehcp lint`: poppler reading them,
// the layout turned into the reader's text, the council reader and lint on what comes out
// must never crash or hang. Whatever happens, the answer is a plan or one error.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "council_lint_harness.h"
#include "pdf_plan_reader/pdf_plan_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::DiagnosticList diagnostics;
  // Small limits keep each run short; the layout code sees every page it is given.
  std::optional<ehcp::PlanText> text =
      ehcp::ParsePdf(bytes, "fuzz.pdf", diagnostics, ehcp::PdfLimits{1u << 20, 20});
  if (!text) {
    if (!diagnostics.HasErrors()) __builtin_trap();  // refused without saying why
    return 0;
  }
  ehcp::fuzz::ReadAndLintCouncilPlan(*text, "fuzz.pdf");
  return 0;
}
