// What the council-plan fuzzers share: the reader and the rules loaded once, and the check
// that linting whatever the reader made of the input never locates a finding on a line
// (a Word or PDF plan has none). Each fuzzer only turns its bytes into the reader's input.

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "council_reader/council_reader.h"
#include "lint/linter.h"
#include "lint/rule_set.h"

namespace ehcp::fuzz {

struct CouncilLintSetup {
  std::unique_ptr<SchemaRegistry> schemas;
  std::optional<CouncilPlanReader> reader;
  std::unique_ptr<RuleSet> rules;
};

inline CouncilLintSetup& LoadedCouncilLint() {
  static CouncilLintSetup setup = [] {
    CouncilLintSetup s;
    s.schemas = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterRuleSchemas(*s.schemas);
    RegisterCouncilSchema(*s.schemas);
    DiagnosticList diagnostics;
    s.reader = CouncilPlanReader::Load(EHCP_SOURCE_DIR "/quality", *s.schemas, diagnostics);
    s.rules =
        RuleSet::Load(RuleSet::RuleFiles(EHCP_SOURCE_DIR "/quality"), "", *s.schemas, diagnostics);
    if (!s.reader || !s.rules) __builtin_trap();
    return s;
  }();
  return setup;
}

// Reads `input` (a WordDocument or a PlanText) as a council plan and lints the result.
template <typename Input>
void ReadAndLintCouncilPlan(const Input& input, std::string_view name) {
  CouncilLintSetup& s = LoadedCouncilLint();
  CouncilReading reading = s.reader->Read(input, std::string(name));
  Linter linter(*s.rules);
  for (const auto& finding : linter.Lint(reading.plan, reading.structure))
    if (finding.location.line != 0) __builtin_trap();  // a council plan has no lines
}

}  // namespace ehcp::fuzz
