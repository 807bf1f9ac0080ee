#pragma once

// A PDF's document metadata written one way for the plan and the bundle: the Info
// dictionary and the XMP packet carry the same title, author, subject, language, tools and
// dates, and every text in the packet is XML-escaped by the one XmlEscape.

#include <cstdint>
#include <string>
#include <string_view>

#include "pdfio/value.h"

namespace ehcp::pdfio {

struct DocumentMetadata {
  std::string title;
  std::string author;    // empty: no /Author, no dc:creator
  std::string subject;   // empty: no /Subject, no dc:description
  std::string keywords;  // empty: no /Keywords, no pdf:Keywords
  std::string lang = "en-GB";
  std::string creator = "ehcp";   // /Creator and xmp:CreatorTool
  std::string producer = "ehcp";  // /Producer and pdf:Producer
  int64_t epoch = 0;              // created and modified, seconds since 1970 (UTC)
  bool pdfua = false;             // claims PDF/UA-1 (pdfuaid:part 1)
};

// "D:20260101000000Z" and "2026-01-01T00:00:00Z" for `epoch` seconds.
std::string PdfDateString(int64_t epoch);
std::string XmpDateString(int64_t epoch);

// Text for XML character data and attribute values: & < > " ' as entities; the C0
// controls XML 1.0 cannot hold (all but tab, LF, CR) are dropped; UTF-8 passes as it is.
std::string XmlEscape(std::string_view text);

// The XMP packet (UTF-8, to be stored unfiltered so tools that scan for packets find it).
std::string BuildXmp(const DocumentMetadata& metadata);

// The Info dictionary: Title, Author, Subject, Keywords (when given), Creator, Producer,
// CreationDate, ModDate.
Value InfoDictionary(const DocumentMetadata& metadata);

}  // namespace ehcp::pdfio
