#include "docx/docx_runs.h"

#include <algorithm>

#include "document/text_direction.h"
#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

void AppendRunProperties(std::string& out, const RunFormat& format, bool right_to_left) {
  bool other_language = !format.lang.empty();
  if (format.character_style.empty() && !format.bold && !format.italic && !format.underline &&
      !format.strike && !right_to_left && !other_language)
    return;
  out += "<w:rPr>";
  if (!format.character_style.empty()) {
    out += "<w:rStyle w:val=\"";
    out += format.character_style;
    out += "\"/>";
  }
  // Word takes bold/italic of right-to-left text from the complex-script switches.
  if (format.bold) out += "<w:b/><w:bCs/>";
  if (format.italic) out += "<w:i/><w:iCs/>";
  if (format.strike) out += "<w:strike/>";
  if (format.underline) out += "<w:u w:val=\"single\"/>";
  if (right_to_left) out += "<w:rtl/>";
  if (other_language) {
    out += right_to_left ? "<w:lang w:bidi=\"" : "<w:lang w:val=\"";
    AppendXmlAttribute(out, format.lang);
    out += "\"/>";
  }
  out += "</w:rPr>";
}

// One run of text with the same direction; splits out w:br and w:tab.
void AppendRun(std::string& out, std::string_view text, const RunFormat& format, bool right_to_left) {
  if (text.empty()) return;
  out += "<w:r>";
  AppendRunProperties(out, format, right_to_left);
  size_t start = 0;
  while (start <= text.size()) {
    size_t stop = text.find_first_of("\t\n", start);
    std::string_view piece = text.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start);
    if (!piece.empty()) {
      std::string escaped;
      AppendXmlText(escaped, piece);
      if (!escaped.empty()) {
        out += "<w:t xml:space=\"preserve\">";
        out += escaped;
        out += "</w:t>";
      }
    }
    if (stop == std::string_view::npos) break;
    out += text[stop] == '\t' ? "<w:tab/>" : "<w:br/>";
    start = stop + 1;
  }
  out += "</w:r>";
}

// Byte length of the UTF-8 sequence starting with `lead` (1 for stray bytes).
size_t SequenceLength(unsigned char lead) {
  return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

void AppendRuns(std::string& out, std::string_view text, const RunFormat& format) {
  if (!format.lang.empty() && IsRightToLeftLanguage(format.lang)) {
    AppendRun(out, text, format, true);
    return;
  }
  if (!ContainsRightToLeftText(text)) {
    AppendRun(out, text, format, false);
    return;
  }
  // Untagged or left-to-right-tagged text with right-to-left letters in it (an Arabic
  // name in an English sentence): each stretch from the first to the last right-to-left
  // letter, with the spaces between its words, becomes its own right-to-left run.
  RunFormat rtl_format = format;
  rtl_format.lang = {};
  size_t segment_start = 0;
  size_t rtl_start = std::string_view::npos, rtl_end = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t length = std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    Direction direction = FirstStrongDirection(text.substr(i, length));
    if (direction == Direction::kRightToLeft) {
      if (rtl_start == std::string_view::npos) rtl_start = i;
      rtl_end = i + length;
    } else if (direction == Direction::kLeftToRight && rtl_start != std::string_view::npos) {
      AppendRun(out, text.substr(segment_start, rtl_start - segment_start), format, false);
      AppendRun(out, text.substr(rtl_start, rtl_end - rtl_start), rtl_format, true);
      segment_start = rtl_end;
      rtl_start = std::string_view::npos;
    }
    i += length;
  }
  if (rtl_start != std::string_view::npos) {
    AppendRun(out, text.substr(segment_start, rtl_start - segment_start), format, false);
    AppendRun(out, text.substr(rtl_start, rtl_end - rtl_start), rtl_format, true);
    segment_start = rtl_end;
  }
  AppendRun(out, text.substr(segment_start), format, false);
}

void AppendSimpleFieldRuns(std::string& out, std::string_view instruction, std::string_view result,
                           const RunFormat& format) {
  auto field_char = [&](std::string_view type) {
    out += "<w:r>";
    AppendRunProperties(out, format, false);
    out += "<w:fldChar w:fldCharType=\"";
    out += type;
    out += "\"/></w:r>";
  };
  field_char("begin");
  out += "<w:r>";
  AppendRunProperties(out, format, false);
  out += "<w:instrText xml:space=\"preserve\"> ";
  AppendXmlText(out, instruction);
  out += " </w:instrText></w:r>";
  field_char("separate");
  AppendRun(out, result, format, false);
  field_char("end");
}

}  // namespace ehcp::docx
