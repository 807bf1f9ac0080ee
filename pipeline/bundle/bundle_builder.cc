#include "bundle/bundle_builder.h"

#include <functional>
#include <map>
#include <memory>
#include <set>

#include "bundle/bundle_checks.h"
#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_pdf_writer.h"
#include "bundle/bundle_rules.h"
#include "bundle/file_digest.h"
#include "bundle/source_pdf.h"
#include "diagnostics/diagnostic_json.h"
#include "diagnostics/error_kind.h"
#include "document/template_set.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "render/render_plan.h"

namespace ehcp {

namespace fs = std::filesystem;

namespace {

// The template sets the manifest's plans are drawn with, by name, each read once.
using PlanTemplates = std::map<std::string, TemplateSet>;

// Plans are rendered in memory: the child's plan never goes to a file outside the bundle.
std::unique_ptr<SourcePdf> OpenPlan(const BundleDocumentEntry& doc, const BundleManifest& manifest,
                                    const PlanTemplates& templates, const SchemaRegistry& schemas,
                                    const BundleFileSource& files, DiagnosticList& diagnostics) {
  LoadedDocument loaded = files.LoadPlan(doc, schemas);
  diagnostics.Append(loaded.diagnostics);
  if (!loaded.Ok() || !loaded.plan) {
    diagnostics.Error("bundle.plan",
                      "document \"" + doc.title + "\": " + doc.href + " is not a valid EHC plan",
                      doc.location);
    return nullptr;
  }
  auto set = templates.find(doc.plan_template);
  if (set == templates.end()) return nullptr;  // already reported
  RenderRequest request;
  request.templates = &set->second;
  request.outputs[RenderFormat::kPdf] = std::string(kInMemory);
  // The plan's PDF carries the bundle's issue date, so re-running gives the same bytes.
  request.source_date_epoch = manifest.issue_date.DaysSinceEpoch() * 86400;
  // Inside a bundle the plan keeps its own page numbers (its contents list uses them), but
  // labelled so nobody confuses them with the bundle's page numbers.
  request.page_label = "Plan page {page} of {pages}";
  RenderResult render = RenderPlan(std::move(*loaded.plan), doc.path.generic_string(), request);
  for (const auto& d : render.diagnostics)
    if (d.severity == Severity::kError) diagnostics.Add(d);
  if (!render.rendered) {
    diagnostics.Error(
        "bundle.plan",
        "document \"" + doc.title + "\": the plan " + doc.href + " could not be rendered",
        doc.location);
    return nullptr;
  }
  return SourcePdf::OpenInMemory(std::move(render.bytes[RenderFormat::kPdf]), doc.title,
                                 doc.location, diagnostics);
}

// Everything after the manifest is read: order, open and check every document, then
// (once `open_outputs` agrees) make the bundle and its page map. Shared by the folder and
// the in-memory entry points so both give the same checks and the same bytes.
bool MakeBundle(const BundleManifest& manifest, const BundleRules& rules,
                const SchemaRegistry& schemas, const PlanTemplates& templates,
                const BundleFileSource& files, const std::function<bool()>& open_outputs,
                std::string& bundle, BundleResult& result) {
  DiagnosticList& diagnostics = result.diagnostics;
  std::vector<OrderedSection> sections = OrderBundle(manifest, rules, diagnostics);

  // Open every document once, reporting every problem, not only the first.
  std::vector<std::unique_ptr<SourcePdf>> opened;
  BundleSources sources;
  for (auto& section : sections) {
    for (auto& doc : section.documents) {
      const BundleDocumentEntry& e = *doc.entry;
      std::unique_ptr<SourcePdf> pdf =
          e.source_kind == BundleSourceKind::kPlan
              ? OpenPlan(e, manifest, templates, schemas, files, diagnostics)
              : files.OpenPdf(e, diagnostics);
      if (!pdf) continue;
      doc.facts.pages = pdf->PageCount();
      doc.facts.tagged = pdf->Tagged();
      doc.facts.pages_without_text = pdf->PagesWithoutText();
      sources[&e] = pdf.get();
      opened.push_back(std::move(pdf));
    }
  }
  if (diagnostics.HasErrors()) {
    result.outcome = BundleOutcome::kRejected;
    return false;
  }
  CheckBundle(manifest, rules, sections, diagnostics);
  if (diagnostics.HasErrors()) {
    result.outcome = BundleOutcome::kRejected;
    return false;
  }
  if (!open_outputs()) return false;
  int total = 0;
  if (!RenderBundlePdf(manifest, rules, sections, sources, bundle, total, diagnostics)) {
    bool input_problem = false;
    for (const auto& d : diagnostics) input_problem = input_problem || d.code == "bundle.glyph";
    result.outcome = input_problem ? BundleOutcome::kRejected : BundleOutcome::kNotWritten;
    return false;
  }
  PageMap map = MakePageMap(manifest, sections, total);
  auto digest = Sha256Of(bundle);
  if (!digest) {
    diagnostics.Error("bundle.sha256", "cannot compute the bundle's SHA-256", manifest.location);
    return false;
  }
  map.sha256 = *digest;
  result.page_map = std::move(map);
  return true;
}

// Reads each template set the manifest's plans name (templates/NAME), once. A name with
// no set is an error at the first document naming it; a broken set is reported as
// LoadTemplateSet reports it. Either way the bundle is not made.
PlanTemplates LoadPlanTemplates(const BundleManifest& manifest, const ResourcePaths& resources,
                                DiagnosticList& diagnostics) {
  PlanTemplates templates;
  std::set<std::string> tried;
  for (const auto& s : manifest.sections) {
    for (const auto& d : s.documents) {
      if (d.source_kind != BundleSourceKind::kPlan || !tried.insert(d.plan_template).second)
        continue;
      fs::path folder = resources.Templates() / d.plan_template;
      std::error_code ec;
      if (!fs::is_regular_file(folder / "template.json", ec)) {
        diagnostics.Error("bundle.template",
                          "document \"" + d.title + "\": there is no template set \"" +
                              d.plan_template + "\" (a folder under " +
                              resources.Templates().string() + " with a template.json)",
                          d.location);
        continue;
      }
      std::optional<TemplateSet> set = LoadTemplateSet(folder, diagnostics);
      if (set) templates.emplace(d.plan_template, std::move(*set));
    }
  }
  return templates;
}

}  // namespace

ErrorKind BundleResult::Kind() const {
  switch (outcome) {
    case BundleOutcome::kWritten: return ErrorKind::kNone;
    case BundleOutcome::kRejected: return ErrorKind::kInvalid;
    case BundleOutcome::kNotWritten: break;
  }
  ErrorKind kind = WorstKind(diagnostics);
  return ExitCode(kind) > ExitCode(ErrorKind::kInvalid) ? kind : ErrorKind::kNotWritten;
}

BundleResult BuildBundle(const BundleOptions& options, const ResourcePaths& resources) {
  BundleResult result;
  DiagnosticList& diagnostics = result.diagnostics;
  std::error_code ec;
  if (!fs::is_regular_file(options.manifest, ec)) {
    diagnostics.Error(kReadFailedCode,
                      "cannot read the bundle manifest " + options.manifest.string(),
                      FileLocation(options.manifest.string()));
    return result;
  }
  if (!options.evidence_root.empty() && !fs::is_directory(options.evidence_root, ec)) {
    diagnostics.Error(kReadFailedCode,
                      "the evidence folder " + options.evidence_root.string() + " does not exist",
                      FileLocation(options.evidence_root.string()));
    return result;
  }

  auto schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterBundleSchemas(*schemas);
  fs::path rules_file = resources.Quality() / "bundle-rules.xml";
  auto rules = LoadBundleRules(rules_file, *schemas, diagnostics);
  if (!rules) return result;  // an installation problem, not the user's input

  auto manifest =
      ReadBundleManifest(options.manifest, *schemas, options.evidence_root, diagnostics);
  if (!manifest) {
    result.outcome = BundleOutcome::kRejected;
    return result;
  }

  PlanTemplates templates = LoadPlanTemplates(*manifest, resources, diagnostics);

  // Every file read, checked against both outputs before anything is written.
  OutputGuard guard;
  guard.AddInput(options.manifest);
  guard.AddInput(rules_file);
  for (const auto& s : manifest->sections)
    for (const auto& d : s.documents) guard.AddInput(d.path);
  for (const auto& [name, set] : templates)
    for (const auto& file : set.files) guard.AddInput(file);
  if (!guard.ClaimOutput(options.output, OutputKind::kPdf, diagnostics)) return result;
  if (!options.page_map.empty() &&
      !guard.ClaimOutput(options.page_map, OutputKind::kJson, diagnostics))
    return result;

  fs::path manifest_folder = options.manifest.parent_path();
  if (manifest_folder.empty()) manifest_folder = ".";
  FolderBundleFiles files(manifest_folder,
                          options.evidence_root.empty() ? manifest_folder : options.evidence_root);
  // Both outputs are opened before either is committed, so an unwritable page map
  // stops the run before the bundle is written.
  AtomicOutput output(options.output.string(), Durability::kReproducible);
  std::optional<AtomicOutput> page_map_output;
  if (!options.page_map.empty())
    page_map_output.emplace(options.page_map.string(), Durability::kReproducible);
  auto open_outputs = [&] {
    return output.Open(diagnostics) && (!page_map_output || page_map_output->Open(diagnostics));
  };
  std::string bundle;
  if (!MakeBundle(*manifest, *rules, *schemas, templates, files, open_outputs, bundle, result))
    return result;
  const PageMap& map = *result.page_map;
  bool written = output.Write(bundle, diagnostics) &&
                 (!page_map_output ||
                  page_map_output->Write(DumpJson(PageMapToJson(map), 2) + "\n", diagnostics)) &&
                 output.Commit(diagnostics) &&
                 (!page_map_output || page_map_output->Commit(diagnostics));
  if (!written) {
    result.page_map.reset();
    return result;
  }
  result.outcome = BundleOutcome::kWritten;
  return result;
}

BundleResult BuildBundleInMemory(std::string_view manifest_bytes, const std::string& manifest_name,
                                 const BundleFileSource& files, const ResourcePaths& resources,
                                 std::string& pdf) {
  BundleResult result;
  DiagnosticList& diagnostics = result.diagnostics;
  auto schemas = SchemaRegistry::WithDocumentSchemas(resources.Schemas());
  RegisterBundleSchemas(*schemas);
  auto rules = LoadBundleRules(resources.Quality() / "bundle-rules.xml", *schemas, diagnostics);
  if (!rules) return result;  // an installation problem, not the user's input
  auto resolve = [&files](const std::string& href, std::string& problem) {
    return files.Resolve(href, problem);
  };
  auto manifest =
      ParseBundleManifest(manifest_bytes, manifest_name, *schemas, resolve, diagnostics);
  if (!manifest) {
    result.outcome = BundleOutcome::kRejected;
    return result;
  }
  PlanTemplates templates = LoadPlanTemplates(*manifest, resources, diagnostics);
  if (!MakeBundle(
          *manifest, *rules, *schemas, templates, files, [] { return true; }, pdf, result))
    return result;
  result.outcome = BundleOutcome::kWritten;
  return result;
}

}  // namespace ehcp
