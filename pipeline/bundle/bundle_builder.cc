#include "bundle/bundle_builder.h"

#include <stdlib.h>

#include <map>
#include <memory>

#include "bundle/bundle_checks.h"
#include "bundle/bundle_manifest.h"
#include "bundle/bundle_order.h"
#include "bundle/bundle_pdf_writer.h"
#include "bundle/bundle_rules.h"
#include "bundle/file_digest.h"
#include "bundle/source_pdf.h"
#include "output/atomic_output.h"

#ifdef EHCP_BUNDLE_PLAN_RENDERING
#include "document/plan_document.h"
#include "document/template_set.h"
#include "loader/document_loader.h"
#include "pdf/pdf_writer.h"
#endif

namespace ehcp {

namespace fs = std::filesystem;

namespace {

// A private folder for plans rendered on the fly, removed on every path out. Rendered
// files never go next to the evidence.
class ScratchFolder {
 public:
  ScratchFolder() = default;
  ~ScratchFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& Get(DiagnosticList& diagnostics) {
    if (path_.empty()) {
      std::error_code ec;
      std::string pattern = (fs::temp_directory_path(ec) / "ehcp-bundle-XXXXXX").string();
      if (mkdtemp(pattern.data()) != nullptr) {
        path_ = pattern;
      } else {
        diagnostics.Error("bundle.scratch", "cannot create a temporary folder for rendered plans",
                          {});
      }
    }
    return path_;
  }

 private:
  fs::path path_;
};

std::unique_ptr<SourcePdf> OpenPlan(const BundleDocumentEntry& doc, const BundleManifest& manifest,
                                    const ResourcePaths& resources, const SchemaRegistry& schemas,
                                    ScratchFolder& scratch, int number,
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
  auto templates = LoadTemplateSet(resources.Templates() / "default", diagnostics);
  if (!templates) return nullptr;
  DiagnosticList render;
  doc::Document rendered = BuildPlanDocument(*loaded.plan, *templates, render);
  // Inside a bundle the plan keeps its own page numbers (its contents list uses them), but
  // labelled so nobody confuses them with the bundle's page numbers.
  rendered.page_label = "Plan page {page} of {pages}";
  PdfOptions pdf_options;
  // The plan's PDF carries the bundle's issue date, so re-running gives the same bytes.
  pdf_options.source_date_epoch = manifest.issue_date.DaysSinceEpoch() * 86400;
  pdf_options.asset_root = templates->folder;
  const fs::path& folder = scratch.Get(diagnostics);
  if (folder.empty()) return nullptr;
  fs::path pdf = folder / ("plan-" + std::to_string(number) + ".pdf");
  bool written = !render.HasErrors() && WritePdf(rendered, pdf_options, pdf.string(), render);
  for (const auto& d : render)
    if (d.severity == Severity::kError) diagnostics.Add(d);
  if (!written) {
    diagnostics.Error(
        "bundle.plan",
        "document \"" + doc.title + "\": the plan " + doc.href + " could not be rendered",
        doc.location);
    return nullptr;
  }
  return SourcePdf::Open(pdf, doc.title, doc.location, diagnostics);
#else
  (void)manifest, (void)resources, (void)schemas, (void)scratch, (void)number;
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

  std::vector<std::string> inputs{options.manifest.string()};
  for (const auto& s : manifest->sections)
    for (const auto& d : s.documents) inputs.push_back(d.path.string());
  for (const fs::path& out : {options.output, options.page_map}) {
    if (!out.empty() && OutputOverwritesInput(out.string(), inputs)) {
      diagnostics.Error("io.write", "refusing to overwrite an input file with " + out.string(),
                        manifest->location);
      return result;
    }
  }
  if (!options.page_map.empty() &&
      fs::weakly_canonical(options.page_map, ec) == fs::weakly_canonical(options.output, ec)) {
    diagnostics.Error("io.write", "the page map and the bundle must be different files",
                      manifest->location);
    return result;
  }

  std::vector<OrderedSection> sections = OrderBundle(*manifest, *rules, diagnostics);

  // Open every document once, reporting every problem, not only the first.
  ScratchFolder scratch;
  std::vector<std::unique_ptr<SourcePdf>> opened;
  BundleSources sources;
  int plan_number = 0;
  for (auto& section : sections) {
    for (auto& doc : section.documents) {
      const BundleDocumentEntry& e = *doc.entry;
      std::unique_ptr<SourcePdf> pdf =
          e.source_kind == BundleSourceKind::kPlan
              ? OpenPlan(e, *manifest, resources, *schemas, scratch, ++plan_number, diagnostics)
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

  AtomicOutput output(options.output.string(), Durability::kReproducible);
  std::string written_sha256;
  int total = WriteBundlePdf(*manifest, *rules, sections, sources, output.TempPath(), diagnostics,
                             &written_sha256);
  if (total == 0) {
    bool input_problem = false;
    for (const auto& d : diagnostics) input_problem = input_problem || d.code == "bundle.glyph";
    result.outcome = input_problem ? BundleOutcome::kRejected : BundleOutcome::kNotWritten;
    return result;
  }
  PageMap map = MakePageMap(*manifest, sections, total);
  auto digest = written_sha256.empty() ? Sha256OfFile(output.TempPath())
                                       : std::optional<std::string>(written_sha256);
  if (!digest) {
    diagnostics.Error("io.read", "cannot read back the bundle to compute its SHA-256",
                      manifest->location);
    return result;
  }
  map.sha256 = *digest;
  if (!output.Commit(diagnostics)) return result;
  if (!options.page_map.empty() &&
      !WriteFileAtomically(options.page_map.string(), PageMapToJson(map).dump(2) + "\n",
                           diagnostics, Durability::kReproducible))
    return result;
  result.page_map = std::move(map);
  result.outcome = BundleOutcome::kWritten;
  return result;
}

}  // namespace ehcp
