// Micro-benchmarks of each pipeline stage on one large synthetic plan (about 30 rendered
// pages). Whole-process figures come from bench/run.sh; these show where time goes.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "assemble/plan_xml_writer.h"
#include "bundle/bundle_builder.h"
#include "council_reader/council_reader.h"
#include "document/plan_document.h"
#include "document/template_set.h"
#include "docx/docx_writer.h"
#include "docx_reader/docx_reader.h"
#include "import/plan_import.h"
#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"
#include "pdf/pdf_writer.h"
#include "pdf_plan_reader/pdf_plan.h"

namespace ehcp {
namespace {

const std::filesystem::path kRoot = EHCP_SOURCE_DIR;

std::string ReadText(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string ReadPlan() {
  return ReadText(EHCP_BENCH_PLAN);
}

SchemaRegistry& Schemas() {
  static auto registry = [] {
    auto r = SchemaRegistry::WithDocumentSchemas(kRoot / "schemas");
    RegisterRuleSchemas(*r);
    return r;
  }();
  return *registry;
}

const Plan& BenchPlan() {
  static LoadedDocument doc = ParseDocument(ReadPlan(), "plan.xml", Schemas());
  return *doc.plan;
}

std::unique_ptr<RuleSet> LoadRules() {
  DiagnosticList diagnostics;
  return RuleSet::Load(RuleSet::RuleFiles(kRoot / "quality"), "", Schemas(), diagnostics);
}

const TemplateSet& Templates() {
  static std::optional<TemplateSet> templates = [] {
    DiagnosticList diagnostics;
    return LoadTemplateSet(kRoot / "templates" / "default", diagnostics);
  }();
  return *templates;
}

void BM_SchemaCompile(benchmark::State& state) {
  for (auto _ : state) {
    auto registry = SchemaRegistry::WithDocumentSchemas(kRoot / "schemas");
    DiagnosticList diagnostics;
    benchmark::DoNotOptimize(registry->Find("plan", diagnostics));
  }
}
BENCHMARK(BM_SchemaCompile)->Unit(benchmark::kMillisecond);

void BM_LoadAndValidate(benchmark::State& state) {
  std::string xml = ReadPlan();
  DiagnosticList warm;
  Schemas().Find("plan", warm);
  for (auto _ : state) {
    LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas());
    if (!doc.Ok()) state.SkipWithError("benchmark plan is invalid");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * xml.size()));
}
BENCHMARK(BM_LoadAndValidate)->Unit(benchmark::kMillisecond);

// quality/rules/*.xml parsed, validated and compiled (word lists included).
void BM_RuleSetLoad(benchmark::State& state) {
  DiagnosticList warm;
  Schemas().Find("rules", warm);
  for (auto _ : state) {
    auto rules = LoadRules();
    if (!rules) state.SkipWithError("quality/ does not load");
    benchmark::DoNotOptimize(rules);
  }
}
BENCHMARK(BM_RuleSetLoad)->Unit(benchmark::kMillisecond);

// Every enabled rule over the loaded plan model.
void BM_Lint(benchmark::State& state) {
  auto rules = LoadRules();
  Linter linter(*rules);
  const Plan& plan = BenchPlan();
  linter.Lint(plan);  // first use compiles lazily built matchers
  for (auto _ : state) benchmark::DoNotOptimize(linter.Lint(plan));
}
BENCHMARK(BM_Lint)->Unit(benchmark::kMillisecond);

void BM_BuildDocument(benchmark::State& state) {
  for (auto _ : state) {
    DiagnosticList diagnostics;
    benchmark::DoNotOptimize(BuildPlanDocument(BenchPlan(), Templates(), diagnostics));
  }
}
BENCHMARK(BM_BuildDocument)->Unit(benchmark::kMillisecond);

void BM_WritePdf(benchmark::State& state) {
  DiagnosticList diagnostics;
  doc::Document document = BuildPlanDocument(BenchPlan(), Templates(), diagnostics);
  PdfOptions options;
  options.source_date_epoch = 0;
  options.asset_root = Templates().folder;
  std::string out = (std::filesystem::temp_directory_path() / "ehcp-bench.pdf").string();
  for (auto _ : state) {
    DiagnosticList problems;
    if (!WritePdf(document, options, out, problems)) state.SkipWithError("PDF not written");
  }
  std::filesystem::remove(out);
}
BENCHMARK(BM_WritePdf)->Unit(benchmark::kMillisecond);

// One PDF request to the service (/v1/render?format=pdf) without the HTTP: the plan read
// from memory and validated, its document built and rendered into bytes (issue #17).
void BM_RenderPdfRequest(benchmark::State& state) {
  std::string xml = ReadPlan();
  DiagnosticList warm;
  Schemas().Find("plan", warm);
  PdfOptions options;
  options.source_date_epoch = 0;
  options.asset_root = Templates().folder;
  for (auto _ : state) {
    LoadedDocument loaded = ParseDocument(xml, "plan.xml", Schemas());
    if (!loaded.plan) {
      state.SkipWithError("benchmark plan is invalid");
      break;
    }
    DiagnosticList diagnostics;
    doc::Document document = BuildPlanDocument(*loaded.plan, Templates(), diagnostics);
    std::string bytes;
    if (!RenderPdf(document, options, bytes, diagnostics)) state.SkipWithError("PDF not rendered");
    benchmark::DoNotOptimize(bytes);
  }
}
BENCHMARK(BM_RenderPdfRequest)->Unit(benchmark::kMillisecond);

void BM_WriteDocx(benchmark::State& state) {
  DiagnosticList diagnostics;
  doc::Document document = BuildPlanDocument(BenchPlan(), Templates(), diagnostics);
  DocxOptions options;
  options.source_date_epoch = 0;
  options.asset_root = Templates().folder;
  std::string out = (std::filesystem::temp_directory_path() / "ehcp-bench.docx").string();
  for (auto _ : state) {
    DiagnosticList problems;
    if (!WriteDocx(document, options, out, problems)) state.SkipWithError("DOCX not written");
  }
  std::filesystem::remove(out);
}
BENCHMARK(BM_WriteDocx)->Unit(benchmark::kMillisecond);

// The speed goal of `ehcp import`: importing the plan's DOCX costs less than twice linting
// the same plan as XML, both in process and from the bytes of a file. Lint: load and
// validate the XML, lint it. Import: load and validate the base XML, read the DOCX,
// render the base again to compare, map the edits, write and validate the result.
void BM_LintXml(benchmark::State& state) {
  auto rules = LoadRules();
  Linter linter(*rules);
  std::string xml = ReadPlan();
  linter.Lint(BenchPlan());
  for (auto _ : state) {
    LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas());
    benchmark::DoNotOptimize(linter.Lint(*doc.plan));
  }
}
BENCHMARK(BM_LintXml)->Unit(benchmark::kMillisecond);

void BM_ImportDocx(benchmark::State& state) {
  DiagnosticList diagnostics;
  doc::Document document = BuildPlanDocument(BenchPlan(), Templates(), diagnostics);
  DocxOptions options;
  options.source_date_epoch = 0;
  options.asset_root = Templates().folder;
  std::string docx = (std::filesystem::temp_directory_path() / "ehcp-bench-import.docx").string();
  if (!WriteDocx(document, options, docx, diagnostics)) state.SkipWithError("DOCX not written");
  RegisterGrammarSchema(Schemas());
  auto grammar =
      ProvisionGrammar::Load(kRoot / "quality" / "provision-grammar.xml", Schemas(), diagnostics);
  std::string xml = ReadPlan();
  for (auto _ : state) {
    DiagnosticList problems;
    LoadedDocument base = ParseDocument(xml, "plan.xml", Schemas());
    auto word = ReadDocxFile(docx, problems);
    if (!word || !base.plan) state.SkipWithError("not read");
    doc::Document again = BuildPlanDocument(*base.plan, Templates(), problems);
    ImportResult result = ImportWordEdits(*word, docx, *base.plan, again, *grammar);
    if (!result.changes.empty()) state.SkipWithError("an unedited DOCX changed the plan");
    ParsedXml check = ParseXmlMemory(RenderPlanXml(result.plan), "out.xml", Schemas());
    benchmark::DoNotOptimize(check);
  }
  std::filesystem::remove(docx);
}
BENCHMARK(BM_ImportDocx)->Unit(benchmark::kMillisecond);

// The speed goal of linting a council's own Word plan (#16): less than twice linting the
// same plan as XML, in process. The plan: tests/council's tables layout made about 30 pages
// long (make_fixtures.py --repeat 15), and its XML equivalent. Word: read the DOCX, find
// its sections, map its tables, read provision sentences, lint. XML: load and lint.
void BM_LintCouncilXml(benchmark::State& state) {
  auto rules = LoadRules();
  Linter linter(*rules);
  std::string xml = ReadText(EHCP_BENCH_COUNCIL "/plan.xml");
  for (auto _ : state) {
    LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
    if (!doc.plan) state.SkipWithError("not read");
    benchmark::DoNotOptimize(linter.Lint(*doc.plan, doc.structure));
  }
}
BENCHMARK(BM_LintCouncilXml)->Unit(benchmark::kMillisecond);

void BM_LintCouncilDocx(benchmark::State& state) {
  DiagnosticList diagnostics;
  RegisterCouncilSchema(Schemas());
  auto reader = CouncilPlanReader::Load(kRoot / "quality", Schemas(), diagnostics);
  if (!reader) state.SkipWithError("council words not loaded");
  auto rules = LoadRules();
  Linter linter(*rules);
  for (auto _ : state) {
    LoadedDocument doc = LoadWordPlanToLint(EHCP_BENCH_COUNCIL "/tables.docx", *reader);
    if (!doc.plan) state.SkipWithError("not read");
    benchmark::DoNotOptimize(linter.Lint(*doc.plan, doc.structure));
  }
}
BENCHMARK(BM_LintCouncilDocx)->Unit(benchmark::kMillisecond);

// A council's plan exported as PDF against the same plan as XML: tests/council's tables
// layout as LibreOffice saved it (4 pages, checked in) and its plan.xml. PDF: poppler reads
// the text boxes, the layout becomes the reader's text, the council reader maps it, lint.
void BM_LintCouncilPdfXml(benchmark::State& state) {
  auto rules = LoadRules();
  Linter linter(*rules);
  std::string xml = ReadText(EHCP_SOURCE_DIR "/tests/council/plan.xml");
  for (auto _ : state) {
    LoadedDocument doc = ParseDocument(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
    if (!doc.plan) state.SkipWithError("not read");
    benchmark::DoNotOptimize(linter.Lint(*doc.plan, doc.structure));
  }
}
BENCHMARK(BM_LintCouncilPdfXml)->Unit(benchmark::kMillisecond);

void BM_LintCouncilPdf(benchmark::State& state) {
  DiagnosticList diagnostics;
  RegisterCouncilSchema(Schemas());
  auto reader = CouncilPlanReader::Load(kRoot / "quality", Schemas(), diagnostics);
  if (!reader) state.SkipWithError("council words not loaded");
  auto rules = LoadRules();
  Linter linter(*rules);
  for (auto _ : state) {
    LoadedDocument doc = LoadPdfPlanToLint(EHCP_SOURCE_DIR "/tests/council/tables.pdf", *reader);
    if (!doc.plan) state.SkipWithError("not read");
    benchmark::DoNotOptimize(linter.Lint(*doc.plan, doc.structure));
  }
}
BENCHMARK(BM_LintCouncilPdf)->Unit(benchmark::kMillisecond);

// 20 tagged, bookmarked PDFs (about 290 pages) merged into one bundle, checks included.
void BM_Bundle(benchmark::State& state) {
  BundleOptions options;
  options.manifest = EHCP_BENCH_BUNDLE;
  options.output = std::filesystem::temp_directory_path() / "ehcp-bench-bundle.pdf";
  for (auto _ : state) {
    BundleResult result = BuildBundle(options, ResourcePaths{kRoot});
    if (result.outcome != BundleOutcome::kWritten) state.SkipWithError("bundle not written");
  }
  std::filesystem::remove(options.output);
}
BENCHMARK(BM_Bundle)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ehcp

BENCHMARK_MAIN();
