#pragma once

#include <map>
#include <string>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "document/template_set.h"
#include "model/plan.h"

namespace ehcp {

// Lays a plan out as a document: cover (child's details, status, council branding),
// contents, sections A–K each labelled with its letter and statutory title, the golden
// thread visible (each need with its outcomes and provision; each provision row with
// who, how often, how long, group size or ratio, agency and the needs/outcomes it
// serves), the K advice list and the sign-off. Drafts get a DRAFT watermark. The PDF
// and DOCX writers both render this one Document.
doc::Document BuildPlanDocument(const Plan& plan, const TemplateSet& templates,
                                DiagnosticList& diagnostics);

struct PlanDocumentOptions {
  // Advice carried after the plan (`render --appendices`): advice id -> link target. K's
  // "Appended" cell of such an entry says which appendix it is (advice.appended_link) and
  // links there; the target is the PDF stage's, which re-points it at the appendix.
  std::map<std::string, std::string> appendix_links;
};
doc::Document BuildPlanDocument(const Plan& plan, const TemplateSet& templates,
                                const PlanDocumentOptions& options, DiagnosticList& diagnostics);

// The title of `advice` appended to the plan (template string appendix.title: "Appendix
// K4: Dr Owen Fairley, Educational psychologist"), for its bookmark and tags.
std::string AppendixTitle(const Plan& plan, const AdviceItem& advice, const TemplateSet& templates,
                          DiagnosticList& diagnostics);

// The decision letter sent with an issued plan (wording in the template's letter.*): the
// decision, the placement named, and the family's rights to mediation advice and to
// appeal to the First-tier Tribunal (SEND) with the time limits. An error for a plan
// with no date of issue.
doc::Document BuildDecisionLetter(const Plan& plan, const TemplateSet& templates,
                                  DiagnosticList& diagnostics);

}  // namespace ehcp
