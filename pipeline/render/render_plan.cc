#include "render/render_plan.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <exception>
#include <thread>

#include "document/document_dump.h"
#include "document/plan_document.h"
#include "docx/docx_writer.h"
#include "html/html_writer.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"
#include "output/atomic_output.h"
#include "output/input_file.h"
#include "pdf/complex_shaper.h"
#include "pdf/pdf_writer.h"

namespace ehcp {
namespace {

// The plan's bytes, read the one way inputs are read (a FIFO or device is refused,
// nothing over the loader's limit is read); empty when the file cannot be read.
std::string ReadBytes(const std::string& path) {
  return ReadInputFile(path, XmlLimits{}.max_file_bytes).bytes;
}

// The first place the file at `path` has character `cp` (its text came from there), as
// file:line:col with the loader's byte columns; the file alone when it is not found
// (written as a character reference, say).
SourceLocation LocateCharacter(const std::string& path, char32_t cp) {
  std::string bytes = ReadBytes(path);
  char utf8[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(utf8, length, 4, static_cast<UChar32>(cp), error);
  size_t at =
      error ? std::string::npos : bytes.find(std::string_view(utf8, static_cast<size_t>(length)));
  if (at == std::string::npos) return FileLocation(path);
  size_t line_start = bytes.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(
                     bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  return FileLocation(path, line, static_cast<int>(at - line_start + 1));
}

// Joins a thread when the scope ends, however it ends (a joinable std::thread destroyed
// would terminate the process).
struct JoinOnExit {
  std::thread& thread;
  ~JoinOnExit() {
    if (thread.joinable()) thread.join();
  }
};

// One format made: kept in memory, or its file named as written.
void Made(RenderFormat format, const std::string& path, std::string bytes, RenderResult& result) {
  if (path.empty()) {
    result.bytes[format] = std::move(bytes);
  } else {
    result.written.push_back(path);
  }
}

void NotMade(RenderFormat format, const std::string& path, RenderResult& result) {
  result.not_written.push_back(path.empty() ? std::string(RenderFormatName(format)) : path);
}

// Writes (or keeps) every wanted format of the laid-out document. `source_file`: the plan
// file, whose characters an unprintable-character error points at; empty for memory.
void WriteFormats(const doc::Document& document, const std::string& name,
                  const std::string& source_file, const RenderRequest& request,
                  RenderResult& result) {
  const TemplateSet& templates = *request.templates;
  const RenderOutputs& outputs = request.outputs;
  auto wanted = [&outputs](RenderFormat format) { return outputs.count(format) > 0; };
  bool ok = true;

  bool docx_ok = true;
  std::string docx_bytes;
  DiagnosticList docx_diagnostics;
  auto make_docx = [&] {
    DocxOptions options;
    options.asset_root = templates.folder;
    options.source_date_epoch = request.source_date_epoch;
    const std::string& path = outputs.at(RenderFormat::kDocx);
    docx_ok = path.empty() ? RenderDocx(document, options, docx_bytes, docx_diagnostics)
                           : WriteDocx(document, options, path, docx_diagnostics);
  };
  std::thread docx_thread;
  JoinOnExit join_docx{docx_thread};  // also when the PDF writer throws
  if (wanted(RenderFormat::kDocx) && wanted(RenderFormat::kPdf) && request.parallel_formats)
    docx_thread = std::thread(make_docx);

  if (wanted(RenderFormat::kPdf)) {
    const std::string& path = outputs.at(RenderFormat::kPdf);
    PdfOptions options;
    options.asset_root = templates.folder;
    options.source_date_epoch = request.source_date_epoch;
    if (!source_file.empty())
      options.locate_character = [&source_file](char32_t cp) {
        return LocateCharacter(source_file, cp);
      };
    std::string bytes;
    bool made = path.empty() ? RenderPdf(document, options, name, bytes, result.diagnostics)
                             : WritePdf(document, options, path, result.diagnostics);
    if (made) {
      Made(RenderFormat::kPdf, path, std::move(bytes), result);
    } else {
      NotMade(RenderFormat::kPdf, path, result);
      ok = false;
    }
  }
  if (wanted(RenderFormat::kDocx)) {
    if (docx_thread.joinable()) {
      docx_thread.join();
    } else {
      make_docx();
    }
    // Reported after the PDF's, whichever finished first, so output is the same each run.
    result.diagnostics.Append(docx_diagnostics);
    const std::string& path = outputs.at(RenderFormat::kDocx);
    if (docx_ok) {
      Made(RenderFormat::kDocx, path, std::move(docx_bytes), result);
    } else {
      NotMade(RenderFormat::kDocx, path, result);
      ok = false;
    }
  }
  if (wanted(RenderFormat::kHtml)) {
    const std::string& path = outputs.at(RenderFormat::kHtml);
    HtmlOptions options;
    options.page_template = templates.html_page;
    options.page_template_file = templates.html_page_file.string();
    options.asset_root = templates.folder;
    bool made = false;
    std::string bytes;
    if (templates.html_page.empty()) {
      result.diagnostics.Error(
          "render.html-template",
          "the template set has no plan.html (the HTML page's skeleton and styles); copy "
          "templates/default/plan.html, or add \"extends\": \"default\"",
          FileLocation((templates.folder / "template.json").string()));
    } else {
      made = path.empty() ? RenderHtml(document, options, bytes, result.diagnostics)
                          : WriteHtml(document, options, path, result.diagnostics);
    }
    if (made) {
      Made(RenderFormat::kHtml, path, std::move(bytes), result);
    } else {
      NotMade(RenderFormat::kHtml, path, result);
      ok = false;
    }
  }
  if (wanted(RenderFormat::kText)) {
    const std::string& path = outputs.at(RenderFormat::kText);
    std::string text = doc::DumpDocument(document);
    bool made = path.empty() ||
                WriteFileAtomically(path, text, result.diagnostics, Durability::kReproducible);
    if (made) {
      Made(RenderFormat::kText, path, std::move(text), result);
    } else {
      NotMade(RenderFormat::kText, path, result);
      ok = false;
    }
  }
  result.rendered = ok && !result.diagnostics.HasErrors();
}

// Lays the plan out and writes it; `plan` is released once laid out, so a worker holds
// one plan at a time.
void RenderInto(std::optional<Plan>& plan, const std::string& name, const std::string& source_file,
                const RenderRequest& request, RenderResult& result) {
  PlanDocumentOptions options;
  options.appendix_links = request.appendix_links;
  doc::Document document =
      BuildPlanDocument(*plan, *request.templates, options, result.diagnostics);
  plan.reset();
  if (result.diagnostics.HasErrors()) return;
  if (!request.page_label.empty()) document.page_label = request.page_label;
  WriteFormats(document, name, source_file, request, result);
}

// After loading: skips or refuses what is not a plan, then renders.
RenderResult RenderLoaded(LoadedDocument loaded, const std::string& name,
                          const std::string& source_file, const RenderRequest& request) {
  RenderResult result;
  if (request.skip_non_plans && loaded.NotAPlan()) {  // a contribution or case file in a folder
    result.skipped = true;
    result.rendered = true;
    return result;
  }
  result.diagnostics.Append(loaded.diagnostics);
  if (!loaded.Ok()) return result;
  if (!loaded.plan) {
    result.diagnostics.Error("render.not-a-plan",
                             "this is a contribution, not a plan: only plans can be rendered",
                             loaded.contribution->location);
    return result;
  }
  RenderInto(loaded.plan, name, source_file, request, result);
  return result;
}

// Libraries may throw; the caller gets a diagnostic, never an exception.
template <typename Render>
RenderResult Guarded(const std::string& name, Render render) {
  try {
    return render();
  } catch (const std::exception& e) {
    RenderResult result;
    result.diagnostics.Error("render.failed",
                             std::string("this plan could not be rendered (internal error: ") +
                                 e.what() + "); please report it",
                             FileLocation(name));
    return result;
  }
}

}  // namespace

std::string_view RenderFormatName(RenderFormat format) {
  switch (format) {
    case RenderFormat::kPdf: return "pdf";
    case RenderFormat::kDocx: return "docx";
    case RenderFormat::kHtml: return "html";
    case RenderFormat::kText: return "text";
  }
  return "pdf";
}

RenderResult RenderPlanFile(const std::string& path, const RenderRequest& request,
                            const SchemaRegistry& schemas) {
  return Guarded(path,
                 [&] { return RenderLoaded(LoadDocument(path, schemas), path, path, request); });
}

RenderResult RenderPlanBytes(std::string_view bytes, const std::string& name,
                             const RenderRequest& request, const SchemaRegistry& schemas) {
  return Guarded(
      name, [&] { return RenderLoaded(ParseDocument(bytes, name, schemas), name, "", request); });
}

RenderResult RenderPlan(Plan plan, const std::string& name, const RenderRequest& request,
                        const std::string& source_file) {
  return Guarded(name, [&] {
    RenderResult result;
    std::optional<Plan> held(std::move(plan));
    RenderInto(held, name, source_file, request, result);
    return result;
  });
}

bool NeedsComplexShaping(std::string_view bytes) {
  const int32_t size = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < size;) {
    UChar32 cp;
    U8_NEXT(bytes.data(), i, size, cp);
    if (cp >= 0 && pdf::NeedsComplexShaping(static_cast<char32_t>(cp))) return true;
  }
  return false;
}

bool FileNeedsComplexShaping(const std::string& path) {
  return NeedsComplexShaping(ReadBytes(path));
}

}  // namespace ehcp
