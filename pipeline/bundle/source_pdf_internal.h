#pragma once

// Internal to the bundle stage: the parsed side of SourcePdf, for the bundle writer.
// Nothing outside pipeline/bundle/*.cc includes this.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/source_pdf.h"
#include "pdfio/reader.h"

namespace ehcp {

struct SourcePdf::Impl {
  std::string_view bytes;  // the file; objects are parsed from it on demand
  std::string owned;       // holds `bytes` (read from disk, or a PDF made in memory)
  std::unique_ptr<pdfio::PdfFile> file;
  std::string name;                     // how errors name the document
  std::vector<pdfio::Value> page_refs;  // references to the page dictionaries, in page order
  bool tagged = false;
  std::vector<int> pages_without_text;
};

// Reads `impl.bytes` into `impl`: cross-reference data, the page list, whether it is
// tagged and which pages show no text. Throws pdfio::ParseError when the file is damaged;
// `encrypted` is set (and nothing else done) for an encrypted file.
void ReadSourcePdf(SourcePdf::Impl& impl, bool& encrypted);

}  // namespace ehcp
