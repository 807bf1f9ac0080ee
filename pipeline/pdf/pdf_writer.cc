#include "pdf/pdf_writer.h"

#include <podofo/podofo.h>

#include <cstdlib>
#include <ctime>

#include <zlib.h>

#include "output/atomic_output.h"
#include "pdf/document_navigation.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/layout_engine.h"
#include "pdf/page_furniture.h"
#include "pdf/pdf_metadata.h"

namespace ehcp {
namespace {

// Page content compressed at zlib's fastest level: PoDoFo's own Append uses the default
// level, which was a fifth of the writer's time for about 10% smaller files.
void SetFlateContent(PoDoFo::PdfObject& contents, const std::string& content) {
  uLongf size = compressBound(static_cast<uLong>(content.size()));
  std::string packed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(content.data()),
                static_cast<uLong>(content.size()), Z_BEST_SPEED) != Z_OK) {
    PoDoFo::PdfStream* stream = contents.GetStream();  // cannot happen with a big enough buffer
    stream->BeginAppend(true);
    stream->Append(content.data(), content.size());
    stream->EndAppend();
    return;
  }
  contents.GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
  PoDoFo::PdfMemoryInputStream input(packed.data(), static_cast<PoDoFo::pdf_long>(size));
  contents.GetStream()->SetRawData(&input, static_cast<PoDoFo::pdf_long>(size));
}

int64_t ResolveEpoch(const PdfOptions& options) {
  if (options.source_date_epoch) return *options.source_date_epoch;
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long value = std::strtoll(env, &end, 10);
    if (end != env && *end == '\0' && value >= 0) return value;
  }
  return static_cast<int64_t>(std::time(nullptr));
}

// Builds the whole PDF in memory and writes it to `file`. PoDoFo errors propagate.
bool Render(const doc::Document& document, const PdfOptions& options, const std::string& file,
            DiagnosticList& diagnostics) {
  using namespace PoDoFo;
  PdfMemDocument pdf;
  pdf.SetPdfVersion(ePdfVersion_1_7);
  pdf::FontSet fonts(pdf);
  pdf::FigureImages images(pdf, options.asset_root);
  pdf::Layout layout;
  {
    pdf::LayoutEngine engine(fonts, images, diagnostics);
    if (!engine.Run(document, layout)) return false;
  }
  pdf::LineBreaker breaker;
  if (!pdf::FillContentsNumbers(layout, fonts, breaker, diagnostics)) return false;
  if (!pdf::DrawPageFurniture(document, layout, fonts, breaker, diagnostics)) return false;

  std::vector<PdfPage*> pages;
  std::vector<PdfObject*> page_objects;
  const pdf::PageGeometry& g = layout.geometry;
  for (auto& page_layout : layout.pages) {
    PdfPage* page = pdf.CreatePage(PdfRect(0, 0, g.width, g.height));
    for (int font : page_layout.fonts) {
      PdfFont* f = fonts.Font(font);
      page->AddResource(f->GetIdentifier(), f->GetObject()->Reference(), PdfName("Font"));
    }
    for (const auto& [name, image] : page_layout.images) {
      page->AddResource(PdfName(name), images.Image(image).GetObject()->Reference(), PdfName("XObject"));
    }
    SetFlateContent(*page->GetContentsForAppending(), page_layout.content.Take());
    // Tab order follows the structure tree (PDF/UA 7.18.3).
    page->GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
    page_objects.push_back(page->GetObject());
  }
  // PoDoFo's page cache may replace PdfPage objects as pages are added: look them up
  // again once all exist.
  for (int i = 0; i < pdf.GetPageCount(); ++i) pages.push_back(pdf.GetPage(i));
  std::vector<PdfObject*> annotations = pdf::WriteLinkAnnotations(pdf, layout, pages);
  layout.tags.Write(pdf, page_objects, annotations);
  pdf::WriteBookmarks(pdf, layout, pages);
  pdf::WriteDocumentMetadata(pdf, document, ResolveEpoch(options));
  fonts.EmbedSubsets();
  pdf.Write(file.c_str());
  return true;
}

}  // namespace

bool WritePdf(const doc::Document& document, const PdfOptions& options, const std::string& path,
              DiagnosticList& diagnostics) {
  PoDoFo::PdfError::EnableLogging(false);
  PoDoFo::PdfError::EnableDebug(false);
  if (document.title.empty()) {
    diagnostics.Error("pdf.title", "the document has no title; PDF/UA needs one", FileLocation(path));
    return false;
  }
  AtomicOutput output(path);
  try {
    if (!Render(document, options, output.TempPath(), diagnostics)) return false;
  } catch (const PoDoFo::PdfError& error) {
    const char* name = PoDoFo::PdfError::ErrorName(error.GetError());
    const char* message = PoDoFo::PdfError::ErrorMessage(error.GetError());
    diagnostics.Error("pdf.write",
                      std::string("cannot write the PDF: ") + (message ? message : "") + " (" + (name ? name : "?") +
                          ")",
                      FileLocation(path));
    return false;
  } catch (const std::exception& error) {
    diagnostics.Error("pdf.write", std::string("cannot write the PDF: ") + error.what(), FileLocation(path));
    return false;
  }
  return output.Commit(diagnostics);
}

}  // namespace ehcp
