// Arbitrary bytes as a PDF merged after another: evidence in a bundle, or an appendix
// after a plan (`render --appendices`). Opening it, the text-layer scan, the active-content
// check, and copying its pages, structure tree and bookmarks must never crash or hang;
// the answer is a PDF or an error. (fuzz_pdf_reader stops at reading; this goes on to the
// bundle writer's merge.)

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bundle/bundle_pdf_writer.h"
#include "bundle/source_pdf.h"
#include "support/classic_pdf.h"

namespace {

// A one-page tagged PDF with a Document element, as the plan the appendices go after.
std::string BasePdf() {
  const std::vector<std::string> bodies = {
      "<</Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R>>",
      "<</Type /Pages /Kids [3 0 R] /Count 1>>",
      "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>",
      "<</Type /StructTreeRoot /K 5 0 R>>",
      "<</Type /StructElem /S /Document /P 4 0 R>>",
  };
  return ehcp::testing::PdfWithClassicXref(bodies);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string base_bytes = BasePdf();
  ehcp::DiagnosticList diagnostics;
  const ehcp::SourceLocation where = ehcp::FileLocation("plan.xml");
  std::unique_ptr<ehcp::SourcePdf> base =
      ehcp::SourcePdf::OpenInMemory(base_bytes, "plan", where, diagnostics);
  if (!base) __builtin_trap();  // the base is ours and always opens
  std::unique_ptr<ehcp::SourcePdf> source = ehcp::SourcePdf::OpenInMemory(
      std::string(reinterpret_cast<const char*>(data), size), "K1", where, diagnostics);
  if (!source) {
    if (!diagnostics.HasErrors()) __builtin_trap();  // refused without saying why
    return 0;
  }
  std::vector<ehcp::AppendedPdf> appended(1);
  appended[0].title = "Appendix K1: fuzz";
  appended[0].source = source.get();
  appended[0].location = where;
  appended[0].page_label = "K1-";
  std::string bytes;
  if (!ehcp::AppendPdfs(*base, "plan.pdf", appended, bytes, diagnostics)) {
    if (!diagnostics.HasErrors()) __builtin_trap();
  } else if (bytes.compare(0, 5, "%PDF-") != 0) {
    __builtin_trap();
  }
  return 0;
}
