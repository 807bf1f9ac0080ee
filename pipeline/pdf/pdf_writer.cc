#include "pdf/pdf_writer.h"

#include <cstdlib>
#include <ctime>
#include <stdexcept>

#include "output/atomic_output.h"
#include "pdf/document_navigation.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/layout_engine.h"
#include "pdf/page_furniture.h"
#include "pdf/pdf_metadata.h"
#include "pdfio/object_writer.h"

namespace ehcp::pdf {

namespace {

int64_t ResolveEpoch(const PdfOptions& options) {
  if (options.source_date_epoch) return *options.source_date_epoch;
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long value = std::strtoll(env, &end, 10);
    if (end != env && *end == '\0' && value >= 0) return value;
  }
  return static_cast<int64_t>(std::time(nullptr));
}

// Lays the document out and serialises it; returns the file's bytes, or false with
// diagnostics when layout fails.
bool Render(const doc::Document& document, const PdfOptions& options, std::string& file,
            DiagnosticList& diagnostics) {
  FontSet fonts;
  FigureImages images(options.asset_root);
  Layout layout;
  {
    LayoutEngine engine(fonts, images, diagnostics);
    engine.SetCharacterLocator(options.locate_character);
    if (!engine.Run(document, layout)) return false;
  }
  for (char32_t cp : options.reserve_characters) {
    int font = fonts.FontFor(cp, FontStyle{});
    if (font >= 0) fonts.GlyphOf(font, cp);
  }
  LineBreaker breaker;
  if (!FillContentsNumbers(layout, fonts, breaker, diagnostics)) return false;
  if (!DrawPageFurniture(document, layout, fonts, breaker, diagnostics)) return false;

  pdfio::ObjectWriter writer;
  int catalog = writer.Allocate();
  int page_tree = writer.Allocate();
  std::vector<int> pages;
  pages.reserve(layout.pages.size());
  for (size_t i = 0; i < layout.pages.size(); ++i) pages.push_back(writer.Allocate());
  std::vector<int> annotations = AllocateLinkAnnotations(writer, layout);
  std::vector<std::vector<int>> annotations_on_page(layout.pages.size());
  for (size_t i = 0; i < layout.links.size(); ++i)
    annotations_on_page[layout.links[i].page].push_back(annotations[i]);

  const PageGeometry& g = layout.geometry;
  for (size_t i = 0; i < layout.pages.size(); ++i) {
    const PageLayout& page = layout.pages[i];
    int contents = writer.Allocate();
    writer.WriteFlateStream(contents, "", page.content.Take());
    writer.WriteDict(pages[i], [&](pdfio::DictWriter& d) {
      d.Name("Type", "Page").Ref("Parent", page_tree);
      d.Array("MediaBox").Int(0).Int(0).Number(g.width).Number(g.height);
      {
        pdfio::DictWriter resources = d.Dict("Resources");
        resources.Array("ProcSet").Name("PDF").Name("Text").Name("ImageB").Name("ImageC").Name(
            "ImageI");
        if (!page.fonts.empty()) {
          pdfio::DictWriter font = resources.Dict("Font");
          for (int f : page.fonts) font.Ref(fonts.ResourceName(f), fonts.ObjectNumber(f, writer));
        }
        if (!page.images.empty()) {
          pdfio::DictWriter xobject = resources.Dict("XObject");
          for (const auto& [name, image] : page.images)
            xobject.Ref(name, images.ObjectNumber(image, writer));
        }
      }
      d.Ref("Contents", contents);
      if (!annotations_on_page[i].empty()) {
        pdfio::ArrayWriter annots = d.Array("Annots");
        for (int annotation : annotations_on_page[i]) annots.Ref(annotation);
      }
      // Tab order follows the structure tree (PDF/UA 7.18.3); the page's key in the
      // ParentTree is its index.
      d.Name("Tabs", "S").Int("StructParents", static_cast<int64_t>(i));
    });
  }
  writer.WriteDict(page_tree, [&](pdfio::DictWriter& d) {
    d.Name("Type", "Pages");
    {
      pdfio::ArrayWriter kids = d.Array("Kids");
      for (int page : pages) kids.Ref(page);
    }
    d.Int("Count", static_cast<int64_t>(pages.size()));
  });

  int first_annotation_key = static_cast<int>(pages.size());
  WriteLinkAnnotations(writer, layout, pages, annotations, first_annotation_key);
  int struct_tree = layout.tags.Write(writer, pages, annotations);
  int outlines = WriteBookmarks(writer, layout, pages);
  pdfio::DocumentMetadata metadata = PlanMetadata(document, ResolveEpoch(options));
  int info = WriteInfoDictionary(writer, metadata);
  int xmp = WriteXmpStream(writer, metadata);
  writer.WriteDict(catalog, [&](pdfio::DictWriter& d) {
    d.Name("Type", "Catalog").Ref("Pages", page_tree).Ref("StructTreeRoot", struct_tree);
    if (outlines != 0) d.Ref("Outlines", outlines);
    AppendCatalogMetadata(d, metadata, xmp);
  });

  fonts.EmbedSubsets(writer);
  images.WriteImages(writer);
  file = writer.Finish(catalog, info);
  return true;
}

}  // namespace
}  // namespace ehcp::pdf

namespace ehcp {

bool RenderPdf(const doc::Document& document, const PdfOptions& options, const std::string& name,
               std::string& bytes, DiagnosticList& diagnostics) {
  if (document.title.empty()) {
    diagnostics.Error("pdf.title", "the document has no title; PDF/UA needs one",
                      FileLocation(name));
    return false;
  }
  try {
    return pdf::Render(document, options, bytes, diagnostics);
  } catch (const std::exception& error) {
    diagnostics.Error("pdf.write", std::string("cannot write the PDF: ") + error.what(),
                      FileLocation(name));
    return false;
  }
}

bool WritePdf(const doc::Document& document, const PdfOptions& options, const std::string& path,
              DiagnosticList& diagnostics) {
  std::string file;
  if (!RenderPdf(document, options, path, file, diagnostics)) return false;
  return WriteFileAtomically(path, file, diagnostics, Durability::kReproducible);
}

bool RenderPdf(const doc::Document& document, const PdfOptions& options, std::string& bytes,
               DiagnosticList& diagnostics) {
  if (document.title.empty()) {
    diagnostics.Error("pdf.title", "the document has no title; PDF/UA needs one", SourceLocation{});
    return false;
  }
  try {
    return pdf::Render(document, options, bytes, diagnostics);
  } catch (const std::exception& error) {
    diagnostics.Error("pdf.write", std::string("cannot write the PDF: ") + error.what(),
                      SourceLocation{});
    return false;
  }
}

}  // namespace ehcp
