#include "docx/xml_text.h"

#include <cstdint>

namespace ehcp::docx {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] (1..4), or 0 when malformed.
// Overlong forms and encoded surrogates count as malformed, as RFC 3629 says.
size_t Utf8SequenceLength(std::string_view text, size_t i, uint32_t& code_point) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  size_t length;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if ((length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000) ||
      code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

bool XmlAllows(uint32_t cp) {
  if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
  return cp != 0xFFFE && cp != 0xFFFF;
}

template <bool kAttribute>
void AppendEscaped(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      ++i;
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"':
          if (kAttribute)
            out += "&quot;";
          else
            out += c;
          break;
        case '\t':
          if (kAttribute)
            out += "&#9;";
          else
            out += c;
          break;
        case '\n':
          if (kAttribute)
            out += "&#10;";
          else
            out += c;
          break;
        case '\r':
          if (kAttribute)
            out += "&#13;";
          else
            out += c;
          break;
        default:
          if (static_cast<unsigned char>(c) >= 0x20) out += c;  // C0 controls are dropped
      }
      continue;
    }
    uint32_t cp = 0;
    size_t length = Utf8SequenceLength(text, i, cp);
    if (length == 0) {
      ++i;  // a malformed byte: skip it and resynchronise on the next one
      continue;
    }
    if (XmlAllows(cp)) out.append(text.data() + i, length);
    i += length;
  }
}

}  // namespace

void AppendXmlText(std::string& out, std::string_view text) {
  AppendEscaped<false>(out, text);
}

void AppendXmlAttribute(std::string& out, std::string_view text) {
  AppendEscaped<true>(out, text);
}

std::string XmlLegalText(std::string_view text) {
  // Most text is printable ASCII, which XML always allows: copy it whole.
  bool plain = true;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b >= 0x7F) {
      plain = false;
      break;
    }
  }
  if (plain) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    size_t length = Utf8SequenceLength(text, i, cp);
    if (length == 0) {
      ++i;
      continue;
    }
    if (XmlAllows(cp)) out.append(text.data() + i, length);
    i += length;
  }
  return out;
}

}  // namespace ehcp::docx
