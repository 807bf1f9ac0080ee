#pragma once

// The tribunal working document (First-tier Tribunal SEND): the plan's wording with each
// party's proposed changes shown word by word in the tribunal's key, evidence as
// footnotes, the key on the first page and no tracked changes or comments. Built as a
// doc::Document (spans carry bold, italic, underline, strike-through and footnotes) and
// written by the DOCX writer; the tribunal asks for it in Word.
//
// Key (IPSEA, SENDIASS guidance on the working document):
//   original wording          plain
//   agreed addition           underlined
//   agreed deletion           underlined and struck through
//   parent's addition         bold
//   parent's deletion         bold and struck through
//   council's addition        italic
//   council's deletion        italic and struck through
// A word both parties propose to delete is bold, italic and struck through.

#include <cstddef>
#include <optional>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "model/plan.h"
#include "working_document/proposals.h"

namespace ehcp {

struct WorkingDocumentOptions {
  // The tribunal's limit for the working document, from quality/bundle-rules.xml (the
  // working-document section's pageLimit); 0 = not checked.
  int page_limit = 25;
};

struct WorkingDocument {
  doc::Document document;
  int estimated_pages = 0;  // EstimatePages(document)
};

// One item's paragraphs in the key: `original` changed by the proposal's agreed wording
// (underlined), then each party's wording compared word by word with the agreed text
// (or the original when nothing is agreed). The last change of each wording carries a
// footnote citing its evidence. A wording that changes nothing is a warning
// [wdoc.unchanged].
std::vector<doc::Paragraph> ComposeItem(const Prose& original, const ItemProposal& proposal,
                                        const Proposals& proposals, DiagnosticList& diagnostics);

// "Dr Anna Kowal, educational psychologist, Educational psychology report, 15/07/2026,
// p.4, para. 12" (the form tribunal guidance gives for footnotes).
std::string EvidenceCitation(const EvidenceRef& evidence);

// The whole working document: title, the key, then Sections B, E and F in full (the
// sections a contents appeal is about) and any other section an item is proposed for.
// Errors: proposals for another plan [wdoc.plan], an item id the plan does not have
// [wdoc.unknown-item]; nothing is returned then. Over the page limit by the estimate: a
// warning [wdoc.pages].
std::optional<WorkingDocument> BuildWorkingDocument(const Plan& plan, const Proposals& proposals,
                                                    const WorkingDocumentOptions& options,
                                                    DiagnosticList& diagnostics);

// Pages the document takes on A4 at 12 pt, estimated from its words: one page for the
// title and key, then (words + 25 per heading + 12 per paragraph + 15 per footnote) / 550,
// rounded up. Calibrated against LibreOffice's layout of the sample (8 pages, estimated
// 9); the slow e2e test checks the estimate is never below LibreOffice's page count and
// at most two above it. The bundle counts the real pages of the PDF.
int EstimatePages(const doc::Document& document);

}  // namespace ehcp
