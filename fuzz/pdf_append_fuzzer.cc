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
  std::string out = "%PDF-1.7\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  size_t xref = out.size();
  out += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    std::string offset = std::to_string(o);
    out += std::string(10 - offset.size(), '0') + offset + " 00000 n \n";
  }
  out += "trailer\n<</Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R>>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
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
