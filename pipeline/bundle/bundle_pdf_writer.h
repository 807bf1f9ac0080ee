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

}  // namespace ehcp
