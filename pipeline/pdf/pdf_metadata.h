#pragma once

// Document-level metadata for PDF/UA: Info (Title, Author, Subject, Keywords, dates),
// an XMP packet with dc:title and pdfuaid:part=1, catalog /Lang, /MarkInfo,
// /ViewerPreferences /DisplayDocTitle and /PageMode /UseOutlines. Dates come from the
// fixed epoch so two runs give the same bytes. The Info dictionary and the XMP packet are
// pdfio's (pdfio/metadata.h), shared with the bundle.

#include <cstdint>
#include <string>

#include "document/document.h"
#include "pdfio/metadata.h"

namespace ehcp::pdfio {
class DictWriter;
class ObjectWriter;
}  // namespace ehcp::pdfio

namespace ehcp::pdf {

// The plan's metadata: the document's title, author, subject, keywords and language
// (en-GB when it has none), made by ehcp at `epoch`, claiming PDF/UA-1.
pdfio::DocumentMetadata PlanMetadata(const doc::Document& document, int64_t epoch);

// The XMP packet of the plan (BuildXmp of PlanMetadata).
std::string BuildXmp(const doc::Document& document, int64_t epoch);

// Writes the Info dictionary and returns its object number.
int WriteInfoDictionary(pdfio::ObjectWriter& writer, const pdfio::DocumentMetadata& metadata);

// Writes the XMP stream (unfiltered) and returns its object number.
int WriteXmpStream(pdfio::ObjectWriter& writer, const pdfio::DocumentMetadata& metadata);

// Appends the catalog's metadata keys (/Metadata `xmp`, /MarkInfo, /Lang,
// /ViewerPreferences, /PageMode) to `catalog`.
void AppendCatalogMetadata(pdfio::DictWriter& catalog, const pdfio::DocumentMetadata& metadata,
                           int xmp);

}  // namespace ehcp::pdf
