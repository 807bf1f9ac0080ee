#pragma once

#include <memory>
#include <string>

namespace ehcp {

// Where something came from in an input file. Line and column are 1-based; 0 means
// unknown (for example a whole-file problem). Columns count bytes, as compilers do.
// The file name is shared between all locations of one document, so copies are cheap.
struct SourceLocation {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;

  const std::string& FileName() const;
  bool Known() const { return line > 0; }
  // "file:line:col", "file:line" or "file", whichever is known.
  std::string ToString() const;
};

SourceLocation FileLocation(const std::string& file, int line = 0, int column = 0);

}  // namespace ehcp
