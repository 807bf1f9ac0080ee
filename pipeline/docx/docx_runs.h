#pragma once

// Text runs (w:r): the one place that turns text into WordprocessingML runs, for the
// body, the contents, the header and the footer alike, so escaping, line breaks, language
// and right-to-left handling are the same everywhere.

#include <string>
#include <string_view>

namespace ehcp::docx {

struct RunFormat {
  bool bold = false;
  bool italic = false;
  std::string_view lang;             // BCP 47; empty = the document language
  std::string_view character_style;  // a w:rStyle id ("Hyperlink"), or empty
  bool underline = false;
  bool strike = false;
};

// Appends runs for `text`. A newline becomes w:br and a tab w:tab (a newline in w:t would
// be shown as a space). Text in a right-to-left language, or stretches of
// right-to-left script in untagged text (an Arabic name), get their own runs with w:rtl
// and, when the language is known, w:lang w:bidi; other languages get w:lang w:val.
void AppendRuns(std::string& out, std::string_view text, const RunFormat& format);

// Appends a complex field (PAGE, NUMPAGES, TOC ...) as begin/instr/separate/result/end
// runs. `result` is the cached value shown until the application updates the field.
void AppendSimpleFieldRuns(std::string& out, std::string_view instruction, std::string_view result,
                           const RunFormat& format);

}  // namespace ehcp::docx
