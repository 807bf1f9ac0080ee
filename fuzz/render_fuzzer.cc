// Valid plans with arbitrary content through the document builder and both writers:
// any text the schema accepts must either render or be refused with a diagnostic.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "document/plan_document.h"
#include "docx/docx_writer.h"
#include "loader/document_loader.h"
#include "pdf/pdf_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto schemas = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  static std::optional<ehcp::TemplateSet> templates = [] {
    ehcp::DiagnosticList problems;
    auto set = ehcp::LoadTemplateSet(EHCP_SOURCE_DIR "/templates/default", problems);
    if (!set) __builtin_trap();
    return set;
  }();
  static const std::string out_dir = [] {
    auto dir =
        std::filesystem::temp_directory_path() / ("ehcp-render-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir.string();
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ehcp::LoadedDocument doc = ehcp::ParseDocument(bytes, "fuzz.xml", *schemas);
  if (!doc.Ok() || !doc.plan) return 0;
  ehcp::DiagnosticList diagnostics;
  ehcp::doc::Document document = ehcp::BuildPlanDocument(*doc.plan, *templates, diagnostics);
  if (diagnostics.HasErrors()) return 0;
  ehcp::PdfOptions pdf;
  pdf.source_date_epoch = 1767225600;
  pdf.asset_root = templates->folder;
  bool pdf_ok = ehcp::WritePdf(document, pdf, out_dir + "/plan.pdf", diagnostics);
  if (!pdf_ok && !diagnostics.HasErrors()) __builtin_trap();  // failure must say why
  ehcp::DocxOptions docx;
  docx.source_date_epoch = 1767225600;
  docx.asset_root = templates->folder;
  ehcp::DiagnosticList docx_diagnostics;
  bool docx_ok = ehcp::WriteDocx(document, docx, out_dir + "/plan.docx", docx_diagnostics);
  if (!docx_ok && !docx_diagnostics.HasErrors()) __builtin_trap();
  return 0;
}
