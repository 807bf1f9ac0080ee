#pragma once

// The plan as one accessible, self-contained HTML page: the third writer of doc::Document
// beside the PDF and DOCX writers, so the page never disagrees with them on sections,
// order or wording. No scripts and no external requests (images are data: URLs); header,
// main and footer landmarks; headings in order; tables with captions and th/scope; lang
// and dir on text in other languages. The page skeleton and its styles (screen, print,
// and tables stacked on a phone) are a council's template (templates/default/plan.html).

#include <filesystem>
#include <string>

#include "diagnostics/diagnostic.h"
#include "document/document.h"

namespace ehcp {

struct HtmlOptions {
  // The page skeleton: HTML with {{lang}}, {{dir}}, {{title}}, {{description}},
  // {{author}}, {{keywords}}, {{layout}}, {{banner}}, {{body}} and {{footer}}, each
  // replaced once by the writer ({{body}} is required). {{layout}}, in the <head> after the
  // template's own styles, is a <style> with what the template's "layout" sets that applies
  // to a web page (colours, font family, relative type sizes, line spacing, print page),
  // or nothing.
  std::string page_template;
  std::string page_template_file;  // where it came from, for diagnostics
  // Folder that figures' image paths must stay inside (the template folder).
  std::filesystem::path asset_root;
};

// Renders `document` into `bytes`: the same document gives the same bytes. Returns false
// with diagnostics (a broken page template, an image that cannot be embedded).
bool RenderHtml(const doc::Document& document, const HtmlOptions& options, std::string& bytes,
                DiagnosticList& diagnostics);

// The same page written atomically to `path`.
bool WriteHtml(const doc::Document& document, const HtmlOptions& options, const std::string& path,
               DiagnosticList& diagnostics);

}  // namespace ehcp
