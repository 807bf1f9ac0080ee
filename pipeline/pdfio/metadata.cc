#include "pdfio/metadata.h"

#include <ctime>

namespace ehcp::pdfio {
namespace {

std::tm UtcTime(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
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

std::string XmlEscape(std::string_view text) {
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
        // XML 1.0 has no place for C0 controls other than tab, LF, CR (not even as
        // character references), so they are dropped.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string BuildXmp(const DocumentMetadata& metadata) {
  std::string date = XmpDateString(metadata.epoch);
  std::string xmp;
  xmp += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  xmp += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  xmp += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  xmp += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
  xmp += " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";
  if (metadata.pdfua) xmp += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
  xmp += ">\n";
  xmp += "<dc:format>application/pdf</dc:format>\n";
  xmp += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + XmlEscape(metadata.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  if (!metadata.author.empty()) {
    xmp += "<dc:creator><rdf:Seq><rdf:li>" + XmlEscape(metadata.author) +
           "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!metadata.subject.empty()) {
    xmp += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           XmlEscape(metadata.subject) + "</rdf:li></rdf:Alt></dc:description>\n";
  }
  xmp += "<dc:language><rdf:Bag><rdf:li>" + XmlEscape(metadata.lang) +
         "</rdf:li></rdf:Bag></dc:language>\n";
  if (!metadata.keywords.empty())
    xmp += "<pdf:Keywords>" + XmlEscape(metadata.keywords) + "</pdf:Keywords>\n";
  xmp += "<pdf:Producer>" + XmlEscape(metadata.producer) + "</pdf:Producer>\n";
  xmp += "<xmp:CreatorTool>" + XmlEscape(metadata.creator) + "</xmp:CreatorTool>\n";
  xmp += "<xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
  xmp += "<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  if (metadata.pdfua) xmp += "<pdfuaid:part>1</pdfuaid:part>\n";
  xmp += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return xmp;
}

Value InfoDictionary(const DocumentMetadata& metadata) {
  std::string date = PdfDateString(metadata.epoch);
  Value info = Value::Dict();
  info.dict.reserve(8);
  info.dict.emplace_back("Title", Value::Text(metadata.title));
  if (!metadata.author.empty()) info.dict.emplace_back("Author", Value::Text(metadata.author));
  if (!metadata.subject.empty()) info.dict.emplace_back("Subject", Value::Text(metadata.subject));
  if (!metadata.keywords.empty())
    info.dict.emplace_back("Keywords", Value::Text(metadata.keywords));
  info.dict.emplace_back("Creator", Value::Text(metadata.creator));
  info.dict.emplace_back("Producer", Value::Text(metadata.producer));
  info.dict.emplace_back("CreationDate", Value::Bytes(date));
  info.dict.emplace_back("ModDate", Value::Bytes(date));
  return info;
}

}  // namespace ehcp::pdfio
