#pragma once

// Internal to the bundle stage: the bundle's cover sheet and index as a doc::Document, so
// they are laid out, tagged and written by the same PDF writer as plans. The cover is an
// H1, a line naming the tribunal, a key/value table and a note; the index an H1 and, per
// section, an H2 and a table of its documents. Each document's title is a link marked with
// IndexLinkTarget, which the bundle re-points at the document's first page once merged.

#include <optional>
#include <string>
#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_rules.h"
#include "document/document.h"

namespace ehcp {

// The cover and index for `sections` (already numbered) in a bundle of `total_pages`.
// The document has no running header and no footer: the bundle stamps every page itself.
doc::Document FrontMatterDocument(const BundleManifest& manifest, const BundleRules& rules,
                                  const std::vector<OrderedSection>& sections, int total_pages);

// The link target of the index entry for the `n`th document (0-based, bundle order).
std::string IndexLinkTarget(size_t n);
// The document number an index link target names, or nothing for any other target.
std::optional<size_t> ParseIndexLinkTarget(const std::string& target);

// "Go to A1, Notice of appeal, page 3": what an index link says to a screen reader.
std::string IndexLinkDescription(const OrderedDocument& document);

}  // namespace ehcp
