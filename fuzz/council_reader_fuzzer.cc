// Arbitrary text as a council's Word plan given to `ehcp lint`: each line a paragraph, a
// line starting with '|' a table row whose cells are split at '|'. Finding headings,
// mapping tables, reading references and the provision grammar, and linting the plan that
// comes out must never crash or hang, whatever the words.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "council_reader/council_reader.h"
#include "lint/linter.h"
#include "lint/rule_set.h"

namespace {

struct Setup {
  std::unique_ptr<ehcp::SchemaRegistry> schemas;
  std::optional<ehcp::CouncilPlanReader> reader;
  std::unique_ptr<ehcp::RuleSet> rules;
};

Setup& Loaded() {
  static Setup setup = [] {
    Setup s;
    s.schemas = ehcp::SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    ehcp::RegisterRuleSchemas(*s.schemas);
    ehcp::RegisterCouncilSchema(*s.schemas);
    ehcp::DiagnosticList diagnostics;
    s.reader = ehcp::CouncilPlanReader::Load(EHCP_SOURCE_DIR "/quality", *s.schemas, diagnostics);
    s.rules = ehcp::RuleSet::Load(ehcp::RuleSet::RuleFiles(EHCP_SOURCE_DIR "/quality"), "",
                                  *s.schemas, diagnostics);
    if (!s.reader || !s.rules) __builtin_trap();
    return s;
  }();
  return setup;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ehcp::WordDocument document;
  int paragraph = 0, table = 0, row = 0;
  bool in_table = false;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line[0] == '|') {
      if (!in_table) ++table, row = 0;
      in_table = true;
      ++row;
      int column = 0;
      size_t at = 1;
      while (at <= line.size()) {
        size_t bar = line.find('|', at);
        if (bar == std::string_view::npos) bar = line.size();
        ehcp::WordParagraph p;
        p.text = std::string(line.substr(at, bar - at));
        p.place = {++paragraph, table, row, ++column};
        document.paragraphs.push_back(std::move(p));
        at = bar + 1;
      }
    } else {
      in_table = false;
      ehcp::WordParagraph p;
      p.text = std::string(line);
      p.place.paragraph = ++paragraph;
      document.paragraphs.push_back(std::move(p));
    }
    if (end == text.size()) break;
  }
  Setup& s = Loaded();
  ehcp::CouncilReading reading = s.reader->Read(document, "fuzz.docx");
  ehcp::Linter linter(*s.rules);
  auto findings = linter.Lint(reading.plan, reading.structure);
  for (const auto& f : findings)
    if (f.location.line != 0) __builtin_trap();  // a Word plan has no lines
  return 0;
}
