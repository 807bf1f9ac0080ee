#include "serve/endpoints.h"

#include <filesystem>
#include <sstream>

#include "assemble/assembler.h"
#include "assemble/assembly_inputs.h"
#include "assemble/assembly_report.h"
#include "assemble/plan_xml_writer.h"
#include "bundle/bundle_builder.h"
#include "bundle/bundle_files.h"
#include "diagnostics/diagnostic_json.h"
#include "diagnostics/error_kind.h"
#include "import/import_run.h"
#include "loader/document_loader.h"
#include "render/render_plan.h"
#include "report/caseload_summary.h"
#include "report/json_report.h"
#include "report/lint_plan.h"
#include "report/text_report.h"

namespace ehcp::serve {
namespace {

namespace fs = std::filesystem;

HttpResponse WithExit(HttpResponse response, int exit_code) {
  response.status = StatusForExit(exit_code);
  response.headers.emplace_back("Ehcp-Exit-Code", std::to_string(exit_code));
  return response;
}

// The file name a download is offered under: the request's name with the new extension,
// reduced to characters that need no quoting in a header.
std::string DownloadName(const std::string& name, std::string_view extension) {
  std::string stem = fs::path(name).stem().string(), safe;
  for (char c : stem) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_';
    if (plain) safe += c;
  }
  if (safe.empty()) safe = "plan";
  return safe + "." + std::string(extension);
}

}  // namespace

int StatusForExit(int exit_code) {
  return HttpStatusForExit(exit_code);
}

HttpResponse JsonError(int status, std::string_view code, std::string_view message) {
  nlohmann::json body{{"error", {{"code", code}, {"message", message}}}};
  return HttpResponse{status, "application/json", DumpJson(body, 2) + "\n", {}};
}

std::unique_ptr<Pipeline> Pipeline::Load(const ResourcePaths& resources, const std::string& profile,
                                         DiagnosticList& diagnostics) {
  std::unique_ptr<Pipeline> pipeline(new Pipeline());
  pipeline->resources_ = resources;
  pipeline->schemas_ = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterRuleSchemas(*pipeline->schemas_);
  pipeline->schemas_->Register("case", "ehcp-case-1.xsd");
  RegisterAssemblyPolicySchemas(*pipeline->schemas_);
  // Compiled now, once, rather than by the first request.
  for (const char* root : {"plan", "contribution", "case"}) {
    if (!pipeline->schemas_->Find(root, diagnostics)) return nullptr;
  }
  std::optional<AssemblyPolicy> assembly =
      LoadAssemblyPolicy(resources.Quality(), *pipeline->schemas_, diagnostics);
  if (!assembly) return nullptr;
  pipeline->assembly_ = std::make_unique<AssemblyPolicy>(std::move(*assembly));
  pipeline->rules_ = RuleSet::Load(RuleSet::RuleFiles(resources.Quality()), profile,
                                   *pipeline->schemas_, diagnostics);
  if (!pipeline->rules_) return nullptr;
  pipeline->linter_ = std::make_unique<Linter>(*pipeline->rules_);
  RegisterCouncilSchema(*pipeline->schemas_);
  std::optional<CouncilPlanReader> word_plans =
      CouncilPlanReader::Load(resources.Quality(), *pipeline->schemas_, diagnostics);
  if (!word_plans) return nullptr;
  pipeline->word_plans_ = std::make_unique<CouncilPlanReader>(std::move(*word_plans));
  pipeline->html_ = HtmlReporter::Load(resources.Templates() / "lint", diagnostics);
  if (!pipeline->html_) return nullptr;
  // Every template set under templates/ (the folders with a template.json).
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(resources.Templates(), ec)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "template.json")) continue;
    std::optional<TemplateSet> set = LoadTemplateSet(entry.path(), diagnostics);
    if (!set) return nullptr;
    pipeline->templates_.emplace(entry.path().filename().string(), std::move(*set));
  }
  if (!pipeline->templates_.count("default")) {
    diagnostics.Error("serve.templates", "no default template set",
                      FileLocation(resources.Templates().string()));
    return nullptr;
  }
  return pipeline;
}

HttpResponse Pipeline::Validate(const RequestDocument& document) const {
  LoadedDocument doc = ParseDocument(document.bytes, document.name, *schemas_);
  bool ok = doc.Ok();
  nlohmann::json entry{
      {"file", document.name}, {"kind", std::string(DocumentKindName(doc.kind))}, {"valid", ok}};
  entry["diagnostics"] = nlohmann::json::array();
  for (const auto& d : doc.diagnostics) entry["diagnostics"].push_back(DiagnosticToJson(d));
  nlohmann::json out{{"files", nlohmann::json::array({entry})},
                     {"summary", {{"files", 1}, {"valid", ok ? 1 : 0}, {"invalid", ok ? 0 : 1}}}};
  return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}}, ok ? 0 : 1);
}

HttpResponse Pipeline::Lint(const RequestDocument& document, std::string_view format,
                            Severity fail_on) const {
  // A Word plan is known by its name: the uploaded file's, or plan.docx for a body sent
  // with the Word content type.
  LoadedDocument doc = IsWordPlanFile(document.name)
                           ? ParseWordPlanToLint(document.bytes, document.name, *word_plans_)
                           : ParsePlanToLint(document.bytes, document.name, *schemas_);
  LintedPlan linted;
  if (format == "html") {
    // Only a linted plan has a reviewer's report; the others are answered as JSON below.
    std::lock_guard lock(html_mutex_);
    linted = LintLoadedPlan(document.name, std::move(doc), *linter_, html_.get());
  } else {
    linted = LintLoadedPlan(document.name, std::move(doc), *linter_, nullptr);
  }
  const PlanFindings& findings = linted.findings;
  int exit_code = !findings.loaded ? 2 : ReachesLevel(findings.findings, fail_on) ? 1 : 0;

  std::ostringstream out;
  std::string content_type = "application/json";
  if (format == "html" && findings.loaded) {
    return WithExit(HttpResponse{200,
                                 "text/html; charset=utf-8",
                                 std::move(linted.html),
                                 {{"Content-Security-Policy", kReportPolicy}}},
                    exit_code);
  } else if (format == "sarif") {
    SarifReportWriter sarif(out, *rules_);
    sarif.Add(findings);
    sarif.Finish();
    content_type = "application/sarif+json";
  } else if (format == "text") {
    WriteTextReport(findings, out, false);
    content_type = "text/plain; charset=utf-8";
  } else {
    DiagnosticList clock_problems;  // a bad SOURCE_DATE_EPOCH: today is used
    const Date as_of = StatusDate(clock_problems);
    CaseloadSummary summary;
    summary.TrackStatus(as_of, CaseTimescalesFrom(*rules_));
    summary.Add(findings);
    JsonReportWriter json(out);
    json.SetAsOf(as_of);
    json.Add(findings);
    json.Finish(summary);
  }
  return WithExit(HttpResponse{200, content_type, out.str(), {}}, exit_code);
}

HttpResponse Pipeline::LintCaseload(const std::vector<RequestDocument>& documents,
                                    std::string_view format, Severity fail_on, int skipped) const {
  std::ostringstream out;
  DiagnosticList clock_problems;  // a bad SOURCE_DATE_EPOCH: today is used
  const Date as_of = StatusDate(clock_problems);
  CaseloadSummary summary;
  summary.TrackStatus(as_of, CaseTimescalesFrom(*rules_));
  if (format == "html") summary.KeepFindings();
  for (int i = 0; i < skipped; ++i) summary.AddSkipped();
  std::unique_ptr<JsonReportWriter> json;
  std::unique_ptr<SarifReportWriter> sarif;
  if (format == "json") {
    json = std::make_unique<JsonReportWriter>(out);
    json->SetAsOf(as_of);
  }
  if (format == "sarif") sarif = std::make_unique<SarifReportWriter>(out, *rules_);
  bool input_error = false, reached = false;
  // One plan at a time, in the order given: only each plan's findings are kept.
  for (const auto& document : documents) {
    LintedPlan linted =
        LintLoadedPlan(document.name, ParsePlanToLint(document.bytes, document.name, *schemas_),
                       *linter_, nullptr);
    const PlanFindings& plan = linted.findings;
    summary.Add(plan);
    input_error = input_error || !plan.loaded;
    reached = reached || (plan.loaded && ReachesLevel(plan.findings, fail_on));
    if (format == "text") WriteTextReport(plan, out, false);
    if (json) json->Add(plan);
    if (sarif) sarif->Add(plan);
  }
  std::string content_type = "application/json";
  if (format == "text") {
    if (documents.size() > 1 || skipped > 0) summary.WriteText(out);
    content_type = "text/plain; charset=utf-8";
  }
  if (json) json->Finish(summary);
  if (sarif) {
    sarif->Finish();
    content_type = "application/sarif+json";
  }
  HttpResponse response{200, content_type, {}, {}};
  if (format == "html") {
    std::lock_guard lock(html_mutex_);
    response.body = html_->RenderCaseload(summary, *rules_);
    response.content_type = "text/html; charset=utf-8";
    response.headers.emplace_back("Content-Security-Policy", kReportPolicy);
  } else {
    response.body = out.str();
  }
  return WithExit(std::move(response), input_error ? 2 : reached ? 1 : 0);
}

HttpResponse Pipeline::Render(const RequestDocument& document, std::string_view format,
                              const std::string& template_name) const {
  RenderFormat wanted = format == "docx"   ? RenderFormat::kDocx
                        : format == "html" ? RenderFormat::kHtml
                                           : RenderFormat::kPdf;
  RenderRequest request;
  request.templates = &templates_.at(template_name);
  request.outputs[wanted] = std::string(kInMemory);
  RenderResult rendered = RenderPlanBytes(document.bytes, document.name, request, *schemas_);
  const DiagnosticList& diagnostics = rendered.diagnostics;
  std::string bytes = std::move(rendered.bytes[wanted]);
  bool written = rendered.rendered;
  if (written && !diagnostics.HasErrors()) {
    std::string extension(format == "docx" ? "docx" : format == "html" ? "html" : "pdf");
    HttpResponse response{
        200,
        format == "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        : format == "html" ? "text/html; charset=utf-8"
                           : "application/pdf",
        std::move(bytes),
        {{"Content-Disposition",
          "attachment; filename=\"" + DownloadName(document.name, extension) + "\""}}};
    // The plan page is self-contained: its inline style sheet and data: logo only.
    if (format == "html") response.headers.emplace_back("Content-Security-Policy", kReportPolicy);
    return WithExit(std::move(response), 0);
  }
  // The same report as `ehcp render --format json` for a plan that was not rendered.
  nlohmann::json entry{
      {"file", document.name},
      {"rendered", false},
      {"skipped", false},
      {"outputs", nlohmann::json::array()},
      {"not_written", nlohmann::json::array({DownloadName(document.name, format)})},
      {"diagnostics", nlohmann::json::array()}};
  for (const auto& d : diagnostics) entry["diagnostics"].push_back(DiagnosticToJson(d));
  nlohmann::json out{{"files", nlohmann::json::array({entry})},
                     {"summary", {{"plans", 1}, {"rendered", 0}, {"failed", 1}, {"skipped", 0}}}};
  return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}},
                  ExitCode(ErrorKind::kInvalid));
}

HttpResponse Pipeline::Assemble(const std::vector<RequestDocument>& documents) const {
  std::vector<NamedDocument> named;
  for (const auto& document : documents)
    named.push_back(NamedDocument{document.name, document.bytes});
  AssemblyInputs inputs = ParseAssemblyInputs(named, *schemas_);
  AssemblyReport report;
  if (inputs.case_file) {
    report.plan_id = inputs.case_file->plan_id;
    report.child_name = inputs.case_file->child.legal_name.Full();
  }
  auto answer = [](const AssemblyReport& report, const std::string* draft, int exit_code) {
    nlohmann::json out{{"report", AssemblyReportToJson(report)}};
    if (draft) out["draft"] = *draft;
    return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}}, exit_code);
  };
  if (!inputs.Ok()) {
    report.diagnostics.Append(inputs.diagnostics);
    return answer(report, nullptr, inputs.usage_error ? 2 : 1);
  }
  AssemblyResult result =
      AssemblePlan(*inputs.case_file, std::move(inputs.contributions), *assembly_);
  report = std::move(result.report);
  if (!result.plan) return answer(report, nullptr, 1);
  // As the CLI: the draft is validated against the plan schema before it is given out.
  std::string xml = RenderPlanXml(*result.plan);
  ParsedXml check = ParseXmlMemory(xml, "draft.xml", *schemas_);
  if (!check.root || check.diagnostics.HasErrors()) {
    report.diagnostics.Error(
        "assemble.invalid-draft",
        "the assembled draft does not validate against the plan schema; no draft is given",
        FileLocation("draft.xml"));
    report.diagnostics.Append(check.diagnostics);
    return answer(report, nullptr, 1);
  }
  report.written = true;
  report.draft_path = "draft.xml";
  return answer(report, &xml, 0);
}

HttpResponse Pipeline::AssembleFolder(const std::vector<RequestDocument>& files) const {
  std::vector<RequestDocument> documents;
  for (const auto& file : files)
    if (file.name == "case.xml") documents.push_back(file);
  if (documents.empty()) {
    AssemblyReport report;
    report.diagnostics.Error(kReadFailedCode, "no case.xml in this folder", FileLocation("upload"));
    nlohmann::json out{{"report", AssemblyReportToJson(report)}};
    return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}}, 2);
  }
  for (const auto& file : files) {
    if (file.name == "case.xml") continue;
    // Only the root is looked at here: an invalid contribution is still reported.
    LoadedDocument doc = ParsePlanToLint(file.bytes, file.name, *schemas_);
    if (doc.root_name == "contribution") documents.push_back(file);
  }
  return Assemble(documents);
}

HttpResponse Pipeline::LintFolder(const std::vector<RequestDocument>& documents,
                                  std::string_view format, Severity fail_on) const {
  if (documents.empty()) {  // as `ehcp lint DIR` of a folder with no XML in it
    HttpResponse none = JsonError(400, kReadFailedCode, "no plan files found in the upload");
    none.headers.emplace_back("Ehcp-Exit-Code", "2");
    return none;
  }
  std::vector<RequestDocument> plans;
  int skipped = 0;
  for (const auto& document : documents) {
    // Only the root is looked at here; the plan is loaded again when it is linted.
    LoadedDocument doc = ParsePlanToLint(document.bytes, document.name, *schemas_);
    if (doc.NotAPlan()) {
      ++skipped;
      continue;
    }
    plans.push_back(document);
  }
  return LintCaseload(plans, format, fail_on, skipped);
}

HttpResponse Pipeline::Bundle(const std::map<std::string, std::string>& files,
                              const std::string& manifest_path, std::string_view format) const {
  UploadBundleFiles source(files, manifest_path);
  std::string pdf;
  BundleResult result =
      BuildBundleInMemory(files.at(manifest_path), manifest_path, source, resources_, pdf);
  const int exit_code = ExitCode(result.Kind());
  if (exit_code == 0 && format == "pdf") {
    const PageMap& map = *result.page_map;
    HttpResponse response{200,
                          "application/pdf",
                          std::move(pdf),
                          {{"Content-Disposition", "attachment; filename=\"bundle.pdf\""},
                           {"Ehcp-Bundle-Sha256", map.sha256},
                           {"Ehcp-Bundle-Pages", std::to_string(map.total_pages)}}};
    return WithExit(std::move(response), 0);
  }
  nlohmann::json out{{"manifest", manifest_path}, {"written", exit_code == 0}};
  out["diagnostics"] = nlohmann::json::array();
  for (const auto& d : result.diagnostics) out["diagnostics"].push_back(DiagnosticToJson(d));
  if (result.page_map) out["page_map"] = PageMapToJson(*result.page_map);
  return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}}, exit_code);
}

HttpResponse Pipeline::Import(const RequestDocument& docx, const RequestDocument& base,
                              const std::string& template_name) const {
  ImportRequest request;
  request.docx = docx.name;
  request.base = base.name;
  request.output = fs::path(base.name).stem().string() + "-imported.xml";
  request.template_folder = templates_.at(template_name).folder.string();
  std::string xml;
  ImportRun run = RunImportInMemory(docx.bytes, base.bytes, request, resources_, xml);
  nlohmann::json out{{"report", nlohmann::json::parse(ImportReportJson(run, request))}};
  if (run.written) out["plan"] = xml;
  return WithExit(HttpResponse{200, "application/json", DumpJson(out, 2) + "\n", {}},
                  run.exit_code);
}

}  // namespace ehcp::serve
