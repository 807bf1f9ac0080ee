#include "docx/docx_header_footer.h"

#include <string_view>

#include "docx/docx_runs.h"
#include "docx/docx_styles.h"
#include "docx/docx_watermark.h"
#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

constexpr std::string_view kPartNamespaces =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")"
    R"( xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office")"
    R"( xmlns:w10="urn:schemas-microsoft-com:office:word")";

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

bool HasVisibleText(std::string_view text) {
  return !XmlLegalText(text).empty();
}

void AppendParagraphStart(std::string& out, std::string_view style) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"";
  out += style;
  out += "\"/></w:pPr>";
}

// Appends the page label, turning {page} and {pages} into fields.
void AppendPageLabel(std::string& out, std::string_view label) {
  RunFormat plain;
  size_t start = 0;
  while (start < label.size()) {
    size_t open = label.find('{', start);
    if (open == std::string_view::npos) break;
    std::string_view rest = label.substr(open);
    std::string_view instruction;
    size_t token_length = 0;
    if (rest.starts_with("{pages}")) {
      instruction = "NUMPAGES";
      token_length = 7;
    } else if (rest.starts_with("{page}")) {
      instruction = "PAGE";
      token_length = 6;
    } else {
      AppendRuns(out, label.substr(start, open + 1 - start), plain);
      start = open + 1;
      continue;
    }
    AppendRuns(out, label.substr(start, open - start), plain);
    AppendSimpleFieldRuns(out, instruction, "1", plain);
    start = open + token_length;
  }
  AppendRuns(out, label.substr(start), plain);
}

}  // namespace

std::optional<std::string> HeaderXml(const doc::Document& document) {
  bool has_text = HasVisibleText(document.running_header);
  bool has_watermark = document.watermark && HasVisibleText(*document.watermark);
  if (!has_text && !has_watermark) return std::nullopt;
  std::string xml(kXmlDeclaration);
  xml += "<w:hdr";
  xml += kPartNamespaces;
  xml += ">";
  AppendParagraphStart(xml, style_id::kHeader);
  // The watermark rides in the header paragraph: no extra (empty) paragraph for it.
  if (has_watermark) AppendWatermarkRun(xml, XmlLegalText(*document.watermark));
  if (has_text) AppendRuns(xml, document.running_header, RunFormat{});
  xml += "</w:p></w:hdr>";
  return xml;
}

std::optional<std::string> FooterXml(const doc::Document& document) {
  bool has_left = HasVisibleText(document.footer_left);
  bool has_label = HasVisibleText(document.page_label);
  if (!has_left && !has_label) return std::nullopt;
  std::string xml(kXmlDeclaration);
  xml += "<w:ftr";
  xml += kPartNamespaces;
  xml += ">";
  AppendParagraphStart(xml, style_id::kFooter);
  if (has_left) AppendRuns(xml, document.footer_left, RunFormat{});
  if (has_label) {
    // The page label sits at the right-hand tab stop of the Footer style.
    if (has_left) xml += "<w:r><w:tab/></w:r>";
    AppendPageLabel(xml, document.page_label);
  }
  xml += "</w:p>";
  if (HasVisibleText(document.footer_reference)) {
    AppendParagraphStart(xml, style_id::kFooter);
    AppendRuns(xml, document.footer_reference, RunFormat{});
    xml += "</w:p>";
  }
  xml += "</w:ftr>";
  return xml;
}

}  // namespace ehcp::docx
