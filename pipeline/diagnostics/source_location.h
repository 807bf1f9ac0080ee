#pragma once

#include <memory>
#include <string>
#include <utility>

namespace ehcp {

// Where something came from in an input file. Line and column are 1-based; 0 means
// unknown (for example a whole-file problem). Columns count bytes, as compilers do.
// The file name is shared between all locations of one document, so copies are cheap.
struct SourceLocation {
  SourceLocation() = default;
  SourceLocation(std::shared_ptr<const std::string> file_name, int line_number = 0,
                 int column_number = 0)
      : file(std::move(file_name)), line(line_number), column(column_number) {}

  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;
  // A place in a document that has no lines (a Word document, a PDF), in a reader's words:
  // "Section F, table 2, row 3, column 'Provision'", "page 7, Section B, paragraph 4".
  // `order` is its position in reading order, so findings sort as the document reads.
  // Both stay empty for XML, which keeps file:line:col.
  std::string place;
  int order = 0;

  const std::string& FileName() const;
  bool Known() const { return line > 0 || !place.empty(); }
  // "file:line:col", "file:line", "file (place)" or "file", whichever is known.
  std::string ToString() const;
};

SourceLocation FileLocation(const std::string& file, int line = 0, int column = 0);

}  // namespace ehcp
