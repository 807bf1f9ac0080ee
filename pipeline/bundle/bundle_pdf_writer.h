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

// Lays out and writes the bundle to `path` (the caller makes that atomic). Fills in the
// documents' bundle pages in `sections` and, when given, `sha256` with the SHA-256 of
// the bytes written (empty if it could not be computed). Returns the total page count, or
// 0 with diagnostics when the bundle could not be made.
int WriteBundlePdf(const BundleManifest& manifest, const BundleRules& rules,
                   std::vector<OrderedSection>& sections, const BundleSources& sources,
                   const std::string& path, DiagnosticList& diagnostics,
                   std::string* sha256 = nullptr);

}  // namespace ehcp
