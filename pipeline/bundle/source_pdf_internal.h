#pragma once

// Internal to the bundle stage: the PoDoFo side of SourcePdf, for the bundle writer.
// Nothing outside pipeline/bundle/*.cc includes this.

#include <podofo/podofo.h>

#include <string>
#include <vector>

#include "bundle/source_pdf.h"

namespace ehcp {

struct SourcePdf::Impl {
  std::string bytes;  // the file; PoDoFo parses objects from it on demand
  PoDoFo::PdfMemDocument document;
  std::vector<PoDoFo::PdfObject*> pages;  // page dictionaries in page order
  bool tagged = false;
  std::vector<int> pages_without_text;
};

// Resolves `object` when it is a reference, in `objects`; nullptr when it points nowhere.
const PoDoFo::PdfObject* Resolve(const PoDoFo::PdfVecObjects& objects,
                                 const PoDoFo::PdfObject* object);
PoDoFo::PdfObject* Resolve(PoDoFo::PdfVecObjects& objects, PoDoFo::PdfObject* object);

// The UTF-8 text of a PDF text string.
std::string Utf8(const PoDoFo::PdfString& text);

}  // namespace ehcp
