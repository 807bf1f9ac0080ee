#pragma once

#include <string>

#include "document/document.h"

namespace ehcp::doc {

// A plain-text, line-per-block dump of a Document: metadata, page furniture, then each
// block with its kind, style and text. Used for golden tests and for debugging layout
// without opening a PDF or DOCX. Figures show only the image's file name, so the dump does
// not depend on where the template folder is.
std::string DumpDocument(const Document& document);

}  // namespace ehcp::doc
