#pragma once

// Writes the bundle PDF: cover and index, then every document in bundle order with its
// structure tree merged (the bundle stays tagged), continuous page stamps as Pagination
// artifacts isolated with q/Q, nested bookmarks (section > document > the document's own
// bookmarks), and the bundle's own title, language and metadata. The same inputs always
// give the same bytes: the creation date comes from the manifest's issue date.

#include <map>
#include <string>
#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_rules.h"
#include "bundle/source_pdf.h"
#include "diagnostics/diagnostic.h"

namespace ehcp {

using BundleSources = std::map<const BundleDocumentEntry*, SourcePdf*>;

// Lays out the bundle into `bytes` (the caller writes them out) and sets `total_pages`.
// Fills in the documents' bundle pages in `sections`. Returns false with diagnostics when
// the bundle could not be made (the Render… convention: bytes in memory, bool).
bool RenderBundlePdf(const BundleManifest& manifest, const BundleRules& rules,
                     std::vector<OrderedSection>& sections, const BundleSources& sources,
                     std::string& bytes, int& total_pages, DiagnosticList& diagnostics);

// A PDF carried after another in one file (an appendix after the plan).
struct AppendedPdf {
  std::string title;  // its bookmark and structure element title ("Appendix K1: ...")
  SourcePdf* source = nullptr;
  SourceLocation location;  // where diagnostics about it point
  std::string page_label;   // its pages' label prefix in viewers ("K4-": K4-1, K4-2, ...)
  // Filled in when written: its first page (1-based) and the active content taken out.
  int first_page = 0;
  std::vector<RemovedContent> removed;
};

// Writes `base` (a PDF made by the PDF writer: a plan) with `appended` after it into
// `bytes`. Each appended PDF is merged as a bundle merges a document (its tags kept under a
// Sect titled `title`, or a P or Figure per page when untagged; its bookmarks under one of
// its own; active content taken out) but without stamps: `base` keeps its catalog,
// metadata, title, language and bookmarks, which the appended ones follow. Link
// annotations of `base` whose URI is IndexLinkTarget(n) (front_matter.h) are re-pointed at
// the first page of appended[n]. Viewers number the base's pages 1, 2, ... as its footer
// does, and the appended ones with their `page_label`. Returns false with diagnostics when it could
// not be made.
bool AppendPdfs(SourcePdf& base, const std::string& base_name, std::vector<AppendedPdf>& appended,
                std::string& bytes, DiagnosticList& diagnostics);

}  // namespace ehcp
