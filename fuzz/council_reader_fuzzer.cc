// Arbitrary text as a council's Word plan given to `ehcp lint`: each line a paragraph, a
// line starting with '|' a table row whose cells are split at '|'. Finding headings,
// mapping tables, reading references and the provision grammar, and linting the plan that
// comes out must never crash or hang, whatever the words.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "council_lint_harness.h"

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
  ehcp::fuzz::ReadAndLintCouncilPlan(document, "fuzz.docx");
  return 0;
}
