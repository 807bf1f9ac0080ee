#pragma once

// PDF text strings from UTF-8: plain ASCII stays a readable literal string; anything
// else becomes UTF-16BE with a BOM. (A bare `const char*` would be read as
// PDFDocEncoding and garble non-ASCII text.)

#include <podofo/podofo.h>

#include <string>

namespace ehcp::pdf {

inline PoDoFo::PdfString PdfTextString(const std::string& utf8) {
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii) return PoDoFo::PdfString(utf8);
  return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
}

}  // namespace ehcp::pdf
