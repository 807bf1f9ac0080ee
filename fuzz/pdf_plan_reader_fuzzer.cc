// Arbitrary bytes as a council's plan in PDF given to `ehcp lint`: poppler reading them,
// the layout turned into the reader's text, the council reader and lint on what comes out
// must never crash or hang. Whatever happens, the answer is a plan or one error.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "council_reader/council_reader.h"
#include "lint/linter.h"
#include "lint/rule_set.h"
#include "pdf_plan_reader/pdf_plan_reader.h"

namespace {

struct Setup {
  std::unique_ptr<ehcp::SchemaRegistry> schemas;
  std::optional<ehcp::CouncilPlanReader> reader;
  std::unique_ptr<ehcp::RuleSet> rules;
};

Setup& Loaded() {
  static Setup setup = [] {
    Setup s;
    s.schemas = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    ehcp::RegisterRuleSchemas(*s.schemas);
    ehcp::RegisterCouncilSchema(*s.schemas);
    ehcp::DiagnosticList diagnostics;
    s.reader = ehcp::CouncilPlanReader::Load(EHCP_SOURCE_DIR "/quality", *s.schemas, diagnostics);
    s.rules = ehcp::RuleSet::Load(ehcp::RuleSet::RuleFiles(EHCP_SOURCE_DIR "/quality"), "",
                                  *s.schemas, diagnostics);
    if (!s.reader || !s.rules) __builtin_trap();
    return s;
  }();
  return setup;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::DiagnosticList diagnostics;
  // Small limits keep each run short; the layout code sees every page it is given.
  std::optional<ehcp::PlanText> text =
      ehcp::ReadPdfMemory(bytes, "fuzz.pdf", diagnostics, ehcp::PdfLimits{1u << 20, 20});
  if (!text) {
    if (!diagnostics.HasErrors()) __builtin_trap();  // refused without saying why
    return 0;
  }
  Setup& s = Loaded();
  ehcp::CouncilReading reading = s.reader->Read(*text, "fuzz.pdf");
  ehcp::Linter linter(*s.rules);
  auto findings = linter.Lint(reading.plan, reading.structure);
  for (const auto& f : findings)
    if (f.location.line != 0) __builtin_trap();  // a PDF plan has no lines
  return 0;
}
