#pragma once

// The advice Section K marks appended, carried after the plan in its PDF (`ehcp render
// PLAN --pdf OUT --appendices DIR`). DIR is one flat folder of advice PDFs; each appended
// entry is matched to one by name: its `file` with .pdf for the extension and without its
// folders (file="contributions/04-ep.xml" is DIR/04-ep.pdf: the advice as a PDF is named
// like the contribution it came with), or, with no `file`, its reference (K7 is
// DIR/K7.pdf). A missing or unreadable PDF is an error naming the entry and the path, and
// nothing is written.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/template_set.h"
#include "loader/schema_registry.h"
#include "model/plan.h"
#include "render/render_plan.h"

namespace ehcp {

struct PlanAppendix {
  std::string advice_id;       // "K4"
  std::string title;           // "Appendix K4: Dr Owen Fairley, Educational psychologist"
  std::filesystem::path path;  // the PDF, resolved inside DIR
  SourceLocation location;     // the K entry
};

// The name of an appended entry's PDF in DIR ("04-ep.pdf", "K7.pdf").
std::string AppendixFileName(const AdviceItem& advice);

// The appended entries of `plan`, in K's order, each with its PDF in `dir`. A PDF that is
// missing, not a regular file, or reached through a link out of `dir` is a
// [render.appendix] error on the entry, as are two entries naming one PDF.
std::vector<PlanAppendix> MatchAppendices(const Plan& plan, const std::filesystem::path& dir,
                                          const TemplateSet& templates,
                                          DiagnosticList& diagnostics);

// What BuildPlanDocument links K's entries to (advice id -> link target), so that the
// links land on the appendices' first pages once appended.
std::map<std::string, std::string> AppendixLinks(const std::vector<PlanAppendix>& appendices);

// `plan_pdf` (named `plan_name` in diagnostics) with every appendix after it, bookmarked
// and tagged, into `bytes`. A file that is not a PDF, is damaged or encrypted is a
// [render.appendix] error naming the entry and the path; active content taken out of an
// appendix is a [render.appendix-active-content] warning. Returns false when nothing can
// be written.
bool AppendToPlanPdf(std::string plan_pdf, const std::string& plan_name,
                     const std::vector<PlanAppendix>& appendices, std::string& bytes,
                     DiagnosticList& diagnostics);

// The plan at `path` rendered as `request` asks (render/render_plan.h), its PDF carrying
// the appendices from `dir` with K's entries linked to them; the other formats are the
// plan alone. The PDF must be one of the outputs. Nothing is written when an appendix is
// missing or unreadable ([render.appendix], an unreadable input: exit 2).
RenderResult RenderPlanWithAppendices(const std::string& path, const std::filesystem::path& dir,
                                      const RenderRequest& request, const SchemaRegistry& schemas);

}  // namespace ehcp
