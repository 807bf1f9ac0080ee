#include "docx/docx_properties.h"

#include <cstdio>
#include <ctime>
#include <string_view>

#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

void AppendElement(std::string& out, std::string_view name, std::string_view text) {
  std::string escaped;
  AppendXmlText(escaped, text);
  if (escaped.empty()) return;  // an empty dc:subject says nothing; leave it out
  out += '<';
  out += name;
  out += '>';
  out += escaped;
  out += "</";
  out += name;
  out += '>';
}

std::string_view DocumentLanguage(const doc::Document& document) {
  return document.lang.empty() ? std::string_view("en-GB") : std::string_view(document.lang);
}

}  // namespace

std::string W3cDateTime(int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[96];  // roomy: GCC sizes the %d fields for any int
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::string CorePropertiesXml(const doc::Document& document, int64_t epoch_seconds) {
  std::string xml(kXmlDeclaration);
  xml +=
      R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties")"
      R"( xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/")"
      R"( xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)";
  AppendElement(xml, "dc:title", document.title);
  AppendElement(xml, "dc:subject", document.subject);
  AppendElement(xml, "dc:creator", document.author);
  AppendElement(xml, "cp:keywords", document.keywords);
  AppendElement(xml, "dc:language", DocumentLanguage(document));
  AppendElement(xml, "cp:lastModifiedBy", document.author);
  xml += "<cp:revision>1</cp:revision>";
  std::string date = W3cDateTime(epoch_seconds);
  xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:created>";
  xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "</dcterms:modified>";
  xml += "</cp:coreProperties>";
  return xml;
}

std::string AppPropertiesXml(const doc::Document& document) {
  std::string xml(kXmlDeclaration);
  xml +=
      R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")"
      R"( xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">)";
  xml += "<Application>ehcp</Application><DocSecurity>0</DocSecurity>";
  AppendElement(xml, "Company", document.author);
  xml += "</Properties>";
  return xml;
}

std::string SettingsXml(const doc::Document& document, bool footnotes) {
  std::string xml(kXmlDeclaration);
  xml += R"(<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
         R"(<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>)";
  // Word names its separator notes here, as in every document it writes with footnotes.
  if (footnotes)
    xml += R"(<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>)";
  xml +=
      R"(<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>)";
  xml += "<w:themeFontLang w:val=\"";
  AppendXmlAttribute(xml, DocumentLanguage(document));
  xml += "\" w:bidi=\"ar-SA\"/></w:settings>";
  return xml;
}

}  // namespace ehcp::docx
