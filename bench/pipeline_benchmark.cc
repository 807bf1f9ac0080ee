// Micro-benchmarks of each pipeline stage on one large synthetic plan (about 30 rendered
// pages). Whole-process figures come from bench/run.sh; these show where time goes.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "loader/document_loader.h"

namespace ehcp {
namespace {

std::string ReadPlan() {
  std::ifstream in(EHCP_BENCH_PLAN, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const SchemaRegistry& Schemas() {
  static auto registry = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  return *registry;
}

void BM_SchemaCompile(benchmark::State& state) {
  for (auto _ : state) {
    auto registry = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
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
    LoadedDocument doc = LoadDocumentFromMemory(xml, "plan.xml", Schemas());
    if (!doc.Ok()) state.SkipWithError("benchmark plan is invalid");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * xml.size()));
}
BENCHMARK(BM_LoadAndValidate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ehcp

BENCHMARK_MAIN();
