#pragma once

// Checks made before a bundle is written (domain rules 46-48): page limits per section for
// the appeal type, limits per document kind (expert reports, witness statements), and pages
// with no text layer. Page-limit breaches are errors unless the section records the SEND7
// request for extra pages; pages without text are warnings (they need OCR).

#include <vector>

#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_rules.h"
#include "diagnostics/diagnostic.h"

namespace ehcp {

void CheckBundle(const BundleManifest& manifest, const BundleRules& rules,
                 const std::vector<OrderedSection>& sections, DiagnosticList& diagnostics);

}  // namespace ehcp
