#include "bundle/bundle_builder.h"

#include <map>
#include <memory>

#include "bundle/bundle_checks.h"
#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_pdf_writer.h"
#include "bundle/bundle_rules.h"
#include "bundle/file_digest.h"
#include "bundle/source_pdf.h"
#include "diagnostics/diagnostic_json.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"

#ifdef EHCP_BUNDLE_PLAN_RENDERING
#include "document/plan_document.h"
#include "document/template_set.h"
#include "loader/document_loader.h"
#include "pdf/pdf_writer.h"
#endif

namespace ehcp {

namespace fs = std::filesystem;

namespace {

#ifdef EHCP_BUNDLE_PLAN_RENDERING
using PlanTemplates = std::optional<TemplateSet>;
#else
using PlanTemplates = bool;
#endif

// Plans are rendered in memory: the child's plan never goes to a file outside the bundle.
std::unique_ptr<SourcePdf> OpenPlan(const BundleDocumentEntry& doc, const BundleManifest& manifest,
                                    const PlanTemplates& templates, const SchemaRegistry& schemas,
                                    DiagnosticList& diagnostics) {
#ifdef EHCP_BUNDLE_PLAN_RENDERING
  LoadedDocument loaded = LoadDocument(doc.path.string(), schemas);
  diagnostics.Append(loaded.diagnostics);
  if (!loaded.Ok() || !loaded.plan) {
    diagnostics.Error("bundle.plan",
                      "document \"" + doc.title + "\": " + doc.href + " is not a valid EHC plan",
                      doc.location);
    return nullptr;
  }
  if (!templates) return nullptr;  // already reported
  DiagnosticList render;
  doc::Document rendered = BuildPlanDocument(*loaded.plan, *templates, render);
  // Inside a bundle the plan keeps its own page numbers (its contents list uses them), but
  // labelled so nobody confuses them with the bundle's page numbers.
  rendered.page_label = "Plan page {page} of {pages}";
  PdfOptions pdf_options;
  // The plan's PDF carries the bundle's issue date, so re-running gives the same bytes.
  pdf_options.source_date_epoch = manifest.issue_date.DaysSinceEpoch() * 86400;
  pdf_options.asset_root = templates->folder;
  std::string pdf;
  bool written =
      !render.HasErrors() && RenderPdf(rendered, pdf_options, doc.path.string(), pdf, render);
  for (const auto& d : render)
    if (d.severity == Severity::kError) diagnostics.Add(d);
  if (!written) {
    diagnostics.Error(
        "bundle.plan",
        "document \"" + doc.title + "\": the plan " + doc.href + " could not be rendered",
        doc.location);
    return nullptr;
  }
  return SourcePdf::OpenInMemory(std::move(pdf), doc.title, doc.location, diagnostics);
#else
  (void)manifest, (void)templates, (void)schemas;
  diagnostics.Error("bundle.plan-unsupported",
                    "document \"" + doc.title + "\": this build of ehcp cannot render plan XML (" +
                        doc.href + "); render the plan to PDF and list the PDF instead",
                    doc.location);
  return nullptr;
#endif
}

}  // namespace

BundleResult BuildBundle(const BundleOptions& options, const ResourcePaths& resources) {
  BundleResult result;
  DiagnosticList& diagnostics = result.diagnostics;
  std::error_code ec;
  if (!fs::is_regular_file(options.manifest, ec)) {
    diagnostics.Error("io.read", "cannot read the bundle manifest " + options.manifest.string(),
                      FileLocation(options.manifest.string()));
    return result;
  }
  if (!options.evidence_root.empty() && !fs::is_directory(options.evidence_root, ec)) {
    diagnostics.Error("io.read",
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

  // Plans are drawn with the default template set, read once.
  PlanTemplates templates{};
  [[maybe_unused]] bool has_plans = false;
  for (const auto& s : manifest->sections)
    for (const auto& d : s.documents)
      has_plans = has_plans || d.source_kind == BundleSourceKind::kPlan;
#ifdef EHCP_BUNDLE_PLAN_RENDERING
  if (has_plans) templates = LoadTemplateSet(resources.Templates() / "default", diagnostics);
#endif

  // Every file read, checked against both outputs before anything is written.
  OutputGuard guard;
  guard.AddInput(options.manifest);
  guard.AddInput(rules_file);
  for (const auto& s : manifest->sections)
    for (const auto& d : s.documents) guard.AddInput(d.path);
#ifdef EHCP_BUNDLE_PLAN_RENDERING
  if (templates)
    for (const auto& file : templates->files) guard.AddInput(file);
#endif
  for (const fs::path& out : {options.output, options.page_map}) {
    if (!out.empty() && !guard.ClaimOutput(out, diagnostics)) return result;
  }

  std::vector<OrderedSection> sections = OrderBundle(*manifest, *rules, diagnostics);

  // Open every document once, reporting every problem, not only the first.
  std::vector<std::unique_ptr<SourcePdf>> opened;
  BundleSources sources;
  for (auto& section : sections) {
    for (auto& doc : section.documents) {
      const BundleDocumentEntry& e = *doc.entry;
      std::unique_ptr<SourcePdf> pdf =
          e.source_kind == BundleSourceKind::kPlan
              ? OpenPlan(e, *manifest, templates, *schemas, diagnostics)
              : SourcePdf::Open(e.path, e.title, e.location, diagnostics);
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
    return result;
  }
  CheckBundle(*manifest, *rules, sections, diagnostics);
  if (diagnostics.HasErrors()) {
    result.outcome = BundleOutcome::kRejected;
    return result;
  }

  // Both outputs are opened before either is committed, so an unwritable page map
  // stops the run before the bundle is written.
  AtomicOutput output(options.output.string(), Durability::kReproducible);
  std::optional<AtomicOutput> page_map_output;
  if (!options.page_map.empty())
    page_map_output.emplace(options.page_map.string(), Durability::kReproducible);
  if (!output.Open(diagnostics) || (page_map_output && !page_map_output->Open(diagnostics)))
    return result;
  std::string bundle;
  int total = MakeBundlePdf(*manifest, *rules, sections, sources, bundle, diagnostics);
  if (total == 0) {
    bool input_problem = false;
    for (const auto& d : diagnostics) input_problem = input_problem || d.code == "bundle.glyph";
    result.outcome = input_problem ? BundleOutcome::kRejected : BundleOutcome::kNotWritten;
    return result;
  }
  PageMap map = MakePageMap(*manifest, sections, total);
  auto digest = Sha256Of(bundle);
  if (!digest) {
    diagnostics.Error("bundle.sha256", "cannot compute the bundle's SHA-256", manifest->location);
    return result;
  }
  map.sha256 = *digest;
  if (!output.Write(bundle, diagnostics)) return result;
  if (page_map_output &&
      !page_map_output->Write(DumpJson(PageMapToJson(map), 2) + "\n", diagnostics))
    return result;
  if (!output.Commit(diagnostics)) return result;
  if (page_map_output && !page_map_output->Commit(diagnostics)) return result;
  result.page_map = std::move(map);
  result.outcome = BundleOutcome::kWritten;
  return result;
}

}  // namespace ehcp
