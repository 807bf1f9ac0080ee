#include "pdf/pdf_metadata.h"

#include <ctime>

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::AppendLiteralString;
using pdfio::AppendRef;
using pdfio::AppendTextString;

namespace {

std::tm UtcTime(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no place for C0 controls other than tab, LF, CR.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string PdfDateString(int64_t epoch) {
  std::tm tm = UtcTime(epoch);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%SZ", &tm);
  return buffer;
}

std::string XmpDateString(int64_t epoch) {
  std::tm tm = UtcTime(epoch);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string BuildXmp(const doc::Document& document, int64_t epoch) {
  std::string date = XmpDateString(epoch);
  std::string lang = XmlEscape(document.lang.empty() ? "en-GB" : document.lang);
  std::string xmp;
  xmp += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  xmp += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  xmp += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  xmp += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
  xmp += " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
  xmp += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
  xmp += "<dc:format>application/pdf</dc:format>\n";
  xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + XmlEscape(document.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  if (!document.author.empty()) {
    xmp += "<dc:creator><rdf:Seq><rdf:li>" + XmlEscape(document.author) +
           "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!document.subject.empty()) {
    xmp += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           XmlEscape(document.subject) + "</rdf:li></rdf:Alt></dc:description>\n";
  }
  xmp += "<dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n";
  if (!document.keywords.empty())
    xmp += "<pdf:Keywords>" + XmlEscape(document.keywords) + "</pdf:Keywords>\n";
  xmp += "<pdf:Producer>ehcp</pdf:Producer>\n";
  xmp += "<xmp:CreatorTool>ehcp</xmp:CreatorTool>\n";
  xmp += "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
  xmp += "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  xmp += "<pdfuaid:part>1</pdfuaid:part>\n";
  xmp += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return xmp;
}

int WriteInfoDictionary(pdfio::ObjectWriter& writer, const doc::Document& document, int64_t epoch) {
  std::string date = PdfDateString(epoch);
  std::string dict = "<</Title";
  AppendTextString(dict, document.title);
  if (!document.author.empty()) {
    dict += "/Author";
    AppendTextString(dict, document.author);
  }
  if (!document.subject.empty()) {
    dict += "/Subject";
    AppendTextString(dict, document.subject);
  }
  if (!document.keywords.empty()) {
    dict += "/Keywords";
    AppendTextString(dict, document.keywords);
  }
  dict += "/Creator(ehcp)/Producer(ehcp)/CreationDate";
  AppendLiteralString(dict, date);
  dict += "/ModDate";
  AppendLiteralString(dict, date);
  dict += ">>";
  int info = writer.Allocate();
  writer.WriteObject(info, dict);
  return info;
}

void WriteCatalogMetadata(pdfio::ObjectWriter& writer, const doc::Document& document, int64_t epoch,
                          std::string& catalog) {
  int metadata = writer.Allocate();
  // Unfiltered, so tools that scan for XMP packets find it.
  writer.WriteStream(metadata, "/Type/Metadata/Subtype/XML", BuildXmp(document, epoch));
  catalog += "/Metadata ";
  AppendRef(catalog, metadata);
  catalog += "/MarkInfo<</Marked true>>/Lang";
  AppendTextString(catalog, document.lang.empty() ? "en-GB" : document.lang);
  catalog += "/ViewerPreferences<</DisplayDocTitle true>>/PageMode/UseOutlines";
}

}  // namespace ehcp::pdf
