#pragma once

// The one render path: plan -> doc::Document (with a template set) -> PDF, DOCX, HTML
// and the text outline, each to a file written atomically or into memory. `ehcp render`,
// a plan inside a tribunal bundle and the service's /v1/render all call this; the CLI only
// plans jobs and reports.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "diagnostics/error_kind.h"
#include "document/template_set.h"
#include "loader/schema_registry.h"
#include "model/plan.h"

namespace ehcp {

// In the order they are made and reported.
enum class RenderFormat { kPdf, kDocx, kHtml, kText };
std::string_view RenderFormatName(RenderFormat format);  // "pdf", "docx", "html", "text"

// Where each wanted format goes: a path, written atomically (nothing is left there when
// that format fails), or kInMemory for RenderResult::bytes.
inline constexpr std::string_view kInMemory = "";
using RenderOutputs = std::map<RenderFormat, std::string>;

struct RenderRequest {
  const TemplateSet* templates = nullptr;  // required; its folder is the images' root
  RenderOutputs outputs;
  // A file found in a folder rather than named: one that is not a plan (a contribution
  // or case file) is skipped, not an error.
  bool skip_non_plans = false;
  // Write the DOCX on a second thread while the PDF is written (a core is idle).
  bool parallel_formats = false;
  // Creation date of the PDF (else $SOURCE_DATE_EPOCH, else now).
  std::optional<int64_t> source_date_epoch;
  // Replaces the document's "Page {page} of {pages}" (a plan inside a bundle).
  std::string page_label;
  // Section K's entries link here (advice id -> link target): the plan's PDF carries
  // that advice after it (bundle/plan_appendices.h, `render --appendices`).
  std::map<std::string, std::string> appendix_links;
};

struct RenderResult {
  bool rendered = false;                 // every wanted output made, and no error
  bool skipped = false;                  // not a plan, and skip_non_plans: nothing read further
  std::vector<std::string> written;      // paths, in RenderFormat order
  std::vector<std::string> not_written;  // paths (or format names for memory) not made
  std::map<RenderFormat, std::string> bytes;  // the in-memory outputs made
  DiagnosticList diagnostics;
  // What the diagnostics add up to: kUnreadable for a plan that could not be read,
  // kNotWritten for an output that could not be written, kInvalid otherwise.
  ErrorKind Kind() const { return WorstKind(diagnostics); }
};

// Loads the plan at `path` strictly and renders it. Diagnostics about a character no font
// can show point into the file.
RenderResult RenderPlanFile(const std::string& path, const RenderRequest& request,
                            const SchemaRegistry& schemas);
// The same for a plan held in memory; `name` is where its diagnostics point.
RenderResult RenderPlanBytes(std::string_view bytes, const std::string& name,
                             const RenderRequest& request, const SchemaRegistry& schemas);
// Renders a plan already loaded and valid (taken, and released once laid out); `name`
// as above. `source_file`: the file it was loaded from, if any, which an unprintable
// character's error then points into.
RenderResult RenderPlan(Plan plan, const std::string& name, const RenderRequest& request,
                        const std::string& source_file = "");

// Whether `bytes` (a plan's file) hold text in a script that needs shaping, which only a
// binary with a complex shaper (ehcp-render) can draw: a scan of the raw bytes, before any
// parsing, so `ehcp` can hand such a plan over whole.
bool NeedsComplexShaping(std::string_view bytes);
// The same for the file at `path`, read as plans are read; false when it cannot be read.
bool FileNeedsComplexShaping(const std::string& path);

}  // namespace ehcp
