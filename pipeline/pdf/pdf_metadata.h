#pragma once

// Document-level metadata for PDF/UA: Info (Title, Author, Subject, Keywords, dates),
// an XMP packet with dc:title and pdfuaid:part=1, catalog /Lang, /MarkInfo,
// /ViewerPreferences /DisplayDocTitle and /PageMode /UseOutlines. Dates come from the
// fixed epoch so two runs give the same bytes.

#include <cstdint>
#include <string>

#include "document/document.h"

namespace ehcp::pdfio {
class ObjectWriter;
}  // namespace ehcp::pdfio

namespace ehcp::pdf {

// "D:20260101000000Z" and "2026-01-01T00:00:00Z" for `epoch` seconds.
std::string PdfDateString(int64_t epoch);
std::string XmpDateString(int64_t epoch);

// The XMP packet (UTF-8, unfiltered), with every text value XML-escaped once.
std::string BuildXmp(const doc::Document& document, int64_t epoch);

// Writes the Info dictionary and returns its object number.
int WriteInfoDictionary(pdfio::ObjectWriter& writer, const doc::Document& document, int64_t epoch);

// Writes the XMP stream and appends the catalog's metadata keys (/Metadata, /MarkInfo,
// /Lang, /ViewerPreferences, /PageMode) to `catalog`.
void WriteCatalogMetadata(pdfio::ObjectWriter& writer, const doc::Document& document, int64_t epoch,
                          std::string& catalog);

}  // namespace ehcp::pdf
