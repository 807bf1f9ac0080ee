#include "import/import_run.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "assemble/plan_xml_writer.h"
#include "diagnostics/diagnostic_json.h"
#include "diagnostics/error_kind.h"
#include "document/plan_document.h"
#include "document/template_set.h"
#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "policy/wording.h"

namespace ehcp {

namespace {

bool Unreadable(const DiagnosticList& diagnostics) {
  return HasKind(diagnostics, ErrorKind::kUnreadable);
}

// After the Word file is read: load the base, map the edits, validate the result, hand
// its XML to `write`, then lint it for the report. Shared by the file and memory forms.
ImportRun ImportCore(ImportRun run, const std::optional<WordDocument>& word,
                     const std::function<LoadedDocument(const SchemaRegistry&)>& load_base,
                     const ImportRequest& request, const ResourcePaths& resources,
                     const std::function<bool(const std::string&, DiagnosticList&)>& write) {
  auto fail = [&](int code) {
    run.exit_code = code;
    return std::move(run);
  };
  if (!word) return fail(2);
  auto schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterGrammarSchema(*schemas);
  LoadedDocument loaded = load_base(*schemas);
  run.diagnostics.Append(loaded.diagnostics);
  if (!loaded.Ok()) return fail(Unreadable(loaded.diagnostics) ? 2 : 1);
  if (!loaded.plan) {
    run.diagnostics.Error("import.not-a-plan", "the base is a contribution, not a plan",
                          loaded.contribution->location);
    return fail(1);
  }
  std::optional<TemplateSet> templates = LoadTemplateSet(request.template_folder, run.diagnostics);
  if (!templates) return fail(2);
  std::optional<ProvisionGrammar> grammar = ProvisionGrammar::Load(
      resources.Quality() / "provision-grammar.xml", *schemas, run.diagnostics);
  if (!grammar) return fail(2);

  DiagnosticList render_notes;  // the base rendered again only to compare: its notes are not news
  doc::Document base_document = BuildPlanDocument(*loaded.plan, *templates, render_notes);
  run.result = ImportWordEdits(*word, request.docx, *loaded.plan, base_document, *grammar);

  // The result must be a valid plan before anything is written.
  std::string xml = RenderPlanXml(run.result->plan);
  ParsedXml check = ParseXmlMemory(xml, request.output, *schemas);
  if (!check.root || check.diagnostics.HasErrors()) {
    for (auto d : check.diagnostics.Items()) {
      d.message = "the imported plan is not valid: " + d.message;
      run.diagnostics.Add(std::move(d));
    }
    return fail(1);
  }
  if (!write(xml, run.diagnostics)) return fail(2);
  run.written = true;

  // Linted for the report only: findings never stop an import (the officer is mid-edit).
  RegisterRuleSchemas(*schemas);
  DiagnosticList rule_problems;
  auto rules = RuleSet::Load(RuleSet::RuleFiles(resources.Quality()), "", *schemas, rule_problems);
  if (rules) {
    run.findings = Linter(*rules).Lint(run.result->plan);
    std::set<std::string> edited;
    for (const auto& c : run.result->changes)
      if (c.kind == ImportChangeKind::kChanged || c.kind == ImportChangeKind::kAdded)
        edited.insert(c.item_id);
    for (const auto& f : run.findings)
      if (edited.count(f.item_id) > 0) run.findings_on_edits.push_back(f);
  } else {
    run.diagnostics.Warning("import.lint",
                            "the quality rules could not be loaded; the plan was not linted",
                            SourceLocation{});
  }
  run.exit_code = 0;
  return run;
}

}  // namespace

ImportRun RunImport(const ImportRequest& request, const ResourcePaths& resources) {
  ImportRun run;
  OutputGuard guard;
  guard.AddInputs({request.docx, request.base});
  if (!request.template_folder.empty())
    guard.AddInput(std::filesystem::path(request.template_folder) / "template.json");
  if (!guard.ClaimOutput(request.output, OutputKind::kXml, run.diagnostics)) {
    run.exit_code = 2;
    return run;
  }
  // The Word file first: a bad one is the likeliest problem, and nothing else is needed
  // to report it.
  std::optional<WordDocument> word = ReadDocxFile(request.docx, run.diagnostics);
  return ImportCore(
      std::move(run), word,
      [&](const SchemaRegistry& schemas) { return LoadDocument(request.base, schemas); }, request,
      resources,
      [&](const std::string& xml, DiagnosticList& diagnostics) {
        return WriteFileAtomically(request.output, xml, diagnostics);
      });
}

ImportRun RunImportInMemory(std::string_view docx, std::string_view base,
                            const ImportRequest& request, const ResourcePaths& resources,
                            std::string& xml) {
  ImportRun run;
  std::optional<WordDocument> word = ParseDocx(docx, request.docx, run.diagnostics);
  return ImportCore(
      std::move(run), word,
      [&](const SchemaRegistry& schemas) { return ParseDocument(base, request.base, schemas); },
      request, resources,
      [&xml](const std::string& made, DiagnosticList&) {
        xml = made;
        return true;
      });
}

std::string ImportReportText(const ImportRun& run, const ImportRequest& request) {
  std::string out;
  for (const auto& d : run.diagnostics.Items()) out += FormatDiagnostic(d) + "\n";
  if (!run.result) return out;
  for (const auto& c : run.result->changes) {
    out += request.docx;
    if (!c.place.empty()) out += " (" + c.place + ")";
    out += ": " + std::string(ImportChangeName(c.kind));
    if (!c.item_id.empty()) out += " " + c.item_id;
    if (!c.field.empty()) out += " " + c.field;
    if (c.kind == ImportChangeKind::kChanged)
      out += ": \"" + c.before + "\" -> \"" + c.after + "\"";
    if (c.kind == ImportChangeKind::kAdded || c.kind == ImportChangeKind::kNotMapped)
      out += ": \"" + c.after + "\"";
    if (c.kind == ImportChangeKind::kDeleted) out += ": \"" + c.before + "\"";
    if (!c.note.empty()) out += " (" + c.note + ")";
    out += "\n";
  }
  if (run.written) {
    out += "lint: " + Counted(static_cast<long long>(run.findings.size()), "finding", "findings") +
           " on the imported plan, " + std::to_string(run.findings_on_edits.size()) +
           " about the edited items" + (run.findings_on_edits.empty() ? "" : ":") + "\n";
    for (const auto& f : run.findings_on_edits) out += "  " + FormatDiagnostic(f) + "\n";
  }
  size_t counts[5] = {};
  for (const auto& c : run.result->changes) ++counts[static_cast<int>(c.kind)];
  out += std::to_string(counts[0]) + " changed, " + std::to_string(counts[1]) + " added, " +
         std::to_string(counts[2]) + " deleted, " + std::to_string(counts[3]) + " links removed, " +
         std::to_string(counts[4]) + " not mapped; " +
         (run.written ? "wrote " + request.output : "not written: " + request.output) + "\n";
  return out;
}

std::string ImportReportJson(const ImportRun& run, const ImportRequest& request) {
  nlohmann::json j;
  j["docx"] = request.docx;
  j["base"] = request.base;
  j["output"] = request.output;
  j["written"] = run.written;
  j["diagnostics"] = nlohmann::json::array();
  for (const auto& d : run.diagnostics.Items()) j["diagnostics"].push_back(DiagnosticToJson(d));
  j["changes"] = nlohmann::json::array();
  if (run.result) {
    for (const auto& c : run.result->changes) {
      nlohmann::json e{{"kind", ImportChangeName(c.kind)}};
      if (!c.item_id.empty()) e["item"] = c.item_id;
      if (!c.field.empty()) e["field"] = c.field;
      if (!c.before.empty()) e["before"] = c.before;
      if (!c.after.empty()) e["after"] = c.after;
      if (!c.place.empty()) e["place"] = c.place;
      if (!c.note.empty()) e["note"] = c.note;
      j["changes"].push_back(std::move(e));
    }
  }
  j["lint"] = {{"findings", run.findings.size()}, {"on_edits", nlohmann::json::array()}};
  for (const auto& f : run.findings_on_edits) j["lint"]["on_edits"].push_back(DiagnosticToJson(f));
  return DumpJson(j, 2) + "\n";
}

}  // namespace ehcp
