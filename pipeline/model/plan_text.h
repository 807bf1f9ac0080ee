#pragma once

// A council's plan as text in reading order, whatever file it came from: the neutral input
// of the council reader (council_reader/council_reader.h). The DOCX front end
// (docx_reader) and the PDF front end (pdf_plan_reader) each build this; the reader never
// knows which did. No library type appears here.

#include <string>
#include <vector>

namespace ehcp {

// Where a paragraph sits: page (PDF only; 0 when the format has none), and its table, row
// and column when it is in a table. All 1-based.
struct TextPlace {
  int page = 0;
  int table = 0;  // 0 = not in a table
  int row = 0;
  int column = 0;
};

// One paragraph, or one paragraph of a table cell (a cell's paragraphs read as one text).
struct TextParagraph {
  std::string text;
  TextPlace place;
};

struct PlanText {
  std::vector<TextParagraph> paragraphs;  // in reading order
};

}  // namespace ehcp
