#include "bundle/plan_appendices.h"

#include <optional>
#include <set>

#include "bundle/active_content.h"
#include "bundle/bundle_pdf_writer.h"
#include "bundle/evidence_path.h"
#include "bundle/front_matter.h"
#include "bundle/source_pdf.h"
#include "diagnostics/error_kind.h"
#include "document/plan_document.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"

namespace ehcp {

namespace fs = std::filesystem;

std::string AppendixFileName(const AdviceItem& advice) {
  if (advice.file.empty()) return advice.id + ".pdf";
  // Only the name counts: DIR is flat, and a `file` of "../x.xml" must not leave it.
  fs::path name = fs::path(advice.file).filename();
  return name.replace_extension(".pdf").string();
}

std::vector<PlanAppendix> MatchAppendices(const Plan& plan, const fs::path& dir,
                                          const TemplateSet& templates,
                                          DiagnosticList& diagnostics) {
  std::vector<PlanAppendix> appendices;
  std::map<fs::path, std::string> claimed;  // PDF -> the entry that named it first
  for (const AdviceItem& advice : plan.k.advice) {
    if (!advice.appended) continue;
    const std::string name = AppendixFileName(advice);
    const std::string shown = (dir / name).string();
    std::string problem;
    auto path = ResolveEvidencePath(dir, name, dir, problem);
    if (!path) {
      diagnostics.Error(
          "render.appendix",
          advice.id + " is marked appended, but its PDF " + shown + " cannot be used: " + problem,
          advice.location);
      continue;
    }
    auto [it, fresh] = claimed.emplace(*path, advice.id);
    if (!fresh) {
      diagnostics.Error("render.appendix",
                        advice.id + " and " + it->second + " both name " + shown +
                            "; give each appended entry its own file",
                        advice.location);
      continue;
    }
    appendices.push_back(
        {advice.id, AppendixTitle(plan, advice, templates, diagnostics), *path, advice.location});
  }
  return appendices;
}

std::map<std::string, std::string> AppendixLinks(const std::vector<PlanAppendix>& appendices) {
  std::map<std::string, std::string> links;
  for (size_t i = 0; i < appendices.size(); ++i)
    links[appendices[i].advice_id] = IndexLinkTarget(i);
  return links;
}

bool AppendToPlanPdf(std::string plan_pdf, const std::string& plan_name,
                     const std::vector<PlanAppendix>& appendices, std::string& bytes,
                     DiagnosticList& diagnostics) {
  DiagnosticList opened;
  std::unique_ptr<SourcePdf> plan =
      SourcePdf::OpenInMemory(std::move(plan_pdf), plan_name, FileLocation(plan_name), opened);
  std::vector<std::unique_ptr<SourcePdf>> sources;
  std::vector<AppendedPdf> appended;
  for (const PlanAppendix& a : appendices) {
    // Errors name the entry and its file; the bundle's codes become this command's one.
    DiagnosticList problems;
    auto source = SourcePdf::Open(a.path, a.advice_id, a.location, problems);
    const std::string opened_as =
        "document \"" + a.advice_id + "\" (" + a.path.filename().string() + ")";
    for (Diagnostic d : problems) {
      if (d.message.starts_with(opened_as))
        d.message = a.advice_id + "'s PDF " + a.path.string() + d.message.substr(opened_as.size());
      if (d.severity == Severity::kError) d.code = "render.appendix";
      opened.Add(std::move(d));
    }
    if (source) appended.push_back({a.title, source.get(), a.location, a.advice_id + "-", 0, {}});
    sources.push_back(std::move(source));
  }
  diagnostics.Append(opened);
  if (opened.HasErrors() || !plan) return false;
  if (!AppendPdfs(*plan, plan_name, appended, bytes, diagnostics)) return false;
  for (const AppendedPdf& a : appended) {
    for (const RemovedContent& r : a.removed) {
      Diagnostic d;
      d.severity = Severity::kWarning;
      d.code = "render.appendix-active-content";
      d.message = a.title + ": removed " + r.what +
                  (r.pages.empty() ? std::string(" from the document")
                                   : " from " + DescribePages(r.pages) + " of the document");
      d.hint =
          "a plan carries no active content: only links to web pages and within the document "
          "are kept; the advice file itself is unchanged";
      d.location = a.location;
      diagnostics.Add(std::move(d));
    }
  }
  return true;
}

RenderResult RenderPlanWithAppendices(const std::string& path, const fs::path& dir,
                                      const RenderRequest& request, const SchemaRegistry& schemas) {
  RenderResult result;
  std::optional<Plan> plan =
      LoadPlanOnly(path, schemas, "render", "only plans can be rendered", result.diagnostics);
  if (!plan) return result;
  std::vector<PlanAppendix> appendices =
      MatchAppendices(*plan, dir, *request.templates, result.diagnostics);
  if (result.diagnostics.HasErrors()) return result;

  // The PDF with K linked to its appendices, laid out in memory; the rest without links.
  const std::string pdf_path = request.outputs.at(RenderFormat::kPdf);
  RenderRequest pdf_request = request;
  pdf_request.outputs = {{RenderFormat::kPdf, std::string(kInMemory)}};
  pdf_request.appendix_links = AppendixLinks(appendices);
  RenderRequest others = request;
  others.outputs.erase(RenderFormat::kPdf);
  RenderResult pdf =
      RenderPlan(others.outputs.empty() ? std::move(*plan) : *plan, path, pdf_request, path);
  result.diagnostics.Append(pdf.diagnostics);
  std::string bytes;
  bool pdf_made =
      pdf.rendered &&
      AppendToPlanPdf(std::move(pdf.bytes[RenderFormat::kPdf]), path, appendices, bytes,
                      result.diagnostics) &&
      WriteFileAtomically(pdf_path, bytes, result.diagnostics, Durability::kReproducible);
  if (pdf_made) {
    result.written.push_back(pdf_path);
  } else {
    result.not_written.push_back(pdf_path);
  }
  bool others_made = true;
  if (!others.outputs.empty()) {
    RenderResult rest = RenderPlan(std::move(*plan), path, others, path);
    // The same document apart from K's links: its findings were reported with the PDF's.
    for (const auto& d : rest.diagnostics)
      if (KindOf(d) == ErrorKind::kNotWritten) result.diagnostics.Add(d);
    result.written.insert(result.written.end(), rest.written.begin(), rest.written.end());
    result.not_written.insert(result.not_written.end(), rest.not_written.begin(),
                              rest.not_written.end());
    others_made = rest.rendered;
  }
  result.rendered = pdf_made && others_made && !result.diagnostics.HasErrors();
  return result;
}

}  // namespace ehcp
