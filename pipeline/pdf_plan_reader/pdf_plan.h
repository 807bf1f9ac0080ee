#pragma once

// `ehcp lint plan.pdf`: a council's plan exported as PDF, read by pdf_plan_reader and then
// by the council reader, exactly as a Word plan is (council_reader.h). Linked only into the
// dynamically linked ehcp-render (poppler has no static archive); the static `ehcp` hands
// a lint with a PDF among its inputs over to it (cli/renderer_handoff.h).

#include <string>

#include "council_reader/council_reader.h"
#include "loader/document_loader.h"

namespace ehcp {

// Reads the PDF plan at `path` for lint: the plan and its gaps, or the PDF reader's one
// error (damaged, encrypted, a scan with no text, too big) in `diagnostics`.
LoadedDocument LoadPdfPlanToLint(const std::string& path, const CouncilPlanReader& reader);

}  // namespace ehcp
