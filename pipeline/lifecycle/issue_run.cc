#include "lifecycle/issue_run.h"

#include <filesystem>
#include <memory>
#include <utility>

#include "assemble/plan_xml_writer.h"
#include "bundle/plan_appendices.h"
#include "diagnostics/error_kind.h"
#include "document/plan_document.h"
#include "docx/docx_writer.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "pdf/pdf_writer.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Output {
  std::string path;
  std::string bytes;
  Durability durability = Durability::kReproducible;
};

// Commits every output or none: all are staged before any gets its name.
bool CommitAll(const std::vector<Output>& outputs, DiagnosticList& diagnostics) {
  std::vector<std::unique_ptr<AtomicOutput>> staged;
  for (const auto& o : outputs) {
    staged.push_back(std::make_unique<AtomicOutput>(o.path, o.durability));
    if (!staged.back()->Open(diagnostics) || !staged.back()->Write(o.bytes, diagnostics))
      return false;
  }
  for (auto& s : staged)
    if (!s->Commit(diagnostics)) return false;
  return true;
}

}  // namespace

IssueRun RunIssue(const IssueFiles& files, const IssueRequest& request,
                  const ResourcePaths& resources) {
  IssueRun run;
  auto schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterRuleSchemas(*schemas);

  if (!files.letter.empty() && !EndsWith(files.letter, ".pdf") &&
      !EndsWith(files.letter, ".docx")) {
    run.diagnostics.Error("issue.letter",
                          "the decision letter is written as .pdf or .docx: " + files.letter,
                          FileLocation(files.letter));
    return run;
  }
  std::vector<std::string> rule_files = RuleSet::RuleFiles(resources.Quality());
  auto rules = RuleSet::Load(rule_files, "", *schemas, run.diagnostics);
  fs::path template_folder = files.template_name.find('/') == std::string::npos
                                 ? resources.Templates() / files.template_name
                                 : fs::path(files.template_name);
  std::optional<TemplateSet> templates = LoadTemplateSet(template_folder, run.diagnostics);
  if (!rules || !templates) return run;

  // Every output against every file read, and against each other, before anything else.
  OutputGuard guard;
  guard.AddInputs({files.draft});
  guard.AddInputs(rule_files);
  for (const auto& file : templates->files) guard.AddInput(file);
  if (!files.appendices.empty()) {
    std::error_code ec;
    if (files.pdf.empty() || !fs::is_directory(files.appendices, ec)) {
      run.diagnostics.Error("render.appendix",
                            files.pdf.empty()
                                ? "--appendices goes with --pdf"
                                : "--appendices " + files.appendices + " is not a folder",
                            FileLocation(files.appendices));
      return run;
    }
    // The advice PDFs are inputs too: no output may replace one.
    for (const auto& entry : fs::directory_iterator(files.appendices, ec))
      guard.AddInput(entry.path());
  }
  // The letter is a PDF or a DOCX as its name says (checked above).
  const OutputKind letter_kind =
      EndsWith(files.letter, ".pdf") ? OutputKind::kPdf : OutputKind::kDocx;
  for (auto [out, kind] :
       {std::pair{&files.output, OutputKind::kXml}, std::pair{&files.pdf, OutputKind::kPdf},
        std::pair{&files.docx, OutputKind::kDocx}, std::pair{&files.letter, letter_kind}})
    if (!out->empty() && !guard.ClaimOutput(*out, kind, run.diagnostics)) return run;

  LoadedDocument loaded = LoadDocument(files.draft, *schemas);
  run.diagnostics.Append(loaded.diagnostics);
  if (HasKind(loaded.diagnostics, ErrorKind::kUnreadable)) return run;
  if (!loaded.Ok() || !loaded.plan) {
    if (loaded.Ok())
      run.diagnostics.Error("issue.not-a-plan", "this is a contribution, not a draft plan",
                            loaded.contribution->location);
    run.exit_code = 1;
    return run;
  }

  Linter linter(*rules);
  run.result = IssuePlan(std::move(*loaded.plan), request, linter);
  if (!run.result.Ok()) {
    bool refused = !run.result.blocking.empty();
    for (const auto& d : run.result.diagnostics) refused = refused || d.code == "issue.not-draft";
    run.exit_code = refused ? 1 : 2;
    return run;
  }
  const Plan& plan = *run.result.plan;

  // The final plan is checked against the schema in memory before anything is written.
  std::vector<Output> outputs;
  std::string xml;
  if (!RenderValidPlanXml(plan, files.output, *schemas, "issue.invalid",
                          "the final plan does not validate against the plan schema; nothing "
                          "was written",
                          xml, run.diagnostics)) {
    run.exit_code = 1;
    return run;
  }
  outputs.push_back({files.output, xml, Durability::kDurable});

  // The issue date is the documents' date, so the same issue gives the same bytes.
  const int64_t issued_epoch = request.issued.DaysSinceEpoch() * 86400;
  PdfOptions pdf_options;
  pdf_options.asset_root = templates->folder;
  if (!pdf_options.source_date_epoch) pdf_options.source_date_epoch = issued_epoch;
  DocxOptions docx_options;
  docx_options.asset_root = templates->folder;
  if (!docx_options.source_date_epoch) docx_options.source_date_epoch = issued_epoch;

  auto render = [&](const doc::Document& document, const std::string& path) {
    Output out{path, {}, Durability::kReproducible};
    bool ok = EndsWith(path, ".docx")
                  ? RenderDocx(document, docx_options, out.bytes, run.diagnostics)
                  : RenderPdf(document, pdf_options, path, out.bytes, run.diagnostics);
    if (ok) outputs.push_back(std::move(out));
    return ok;
  };
  if (!files.pdf.empty() && !files.appendices.empty()) {
    // The PDF with the advice K marks appended after the plan (bundle/plan_appendices.h),
    // matched against the final plan's K; a missing or unreadable one is exit 2.
    std::vector<PlanAppendix> appendices =
        MatchAppendices(plan, files.appendices, *templates, run.diagnostics);
    if (run.diagnostics.HasErrors()) return run;
    PlanDocumentOptions options;
    options.appendix_links = AppendixLinks(appendices);
    doc::Document document = BuildPlanDocument(plan, *templates, options, run.diagnostics);
    std::string plan_pdf;
    Output out{files.pdf, {}, Durability::kReproducible};
    if (run.diagnostics.HasErrors() ||
        !RenderPdf(document, pdf_options, files.pdf, plan_pdf, run.diagnostics) ||
        !AppendToPlanPdf(std::move(plan_pdf), files.pdf, appendices, out.bytes, run.diagnostics))
      return run;
    outputs.push_back(std::move(out));
  }
  if ((!files.pdf.empty() && files.appendices.empty()) || !files.docx.empty()) {
    DiagnosticList again;  // the same findings as the PDF's document, when it was built
    doc::Document document =
        BuildPlanDocument(plan, *templates, files.appendices.empty() ? run.diagnostics : again);
    if (run.diagnostics.HasErrors()) return run;
    if (files.appendices.empty() && !files.pdf.empty() && !render(document, files.pdf)) return run;
    if (!files.docx.empty() && !render(document, files.docx)) return run;
  }
  if (!files.letter.empty()) {
    doc::Document letter = BuildDecisionLetter(plan, *templates, run.diagnostics);
    if (run.diagnostics.HasErrors() || !render(letter, files.letter)) return run;
  }
  if (!CommitAll(outputs, run.diagnostics)) return run;
  for (const auto& o : outputs) run.written.push_back(o.path);
  run.exit_code = 0;
  return run;
}

}  // namespace ehcp
