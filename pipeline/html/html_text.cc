#include "html/html_text.h"

#include <array>
#include <cstdint>

namespace ehcp::html {
namespace {

// Decodes one UTF-8 character at `at` (advancing it); -1 for a malformed sequence, after
// which `at` has moved past the first byte only.
int32_t NextCodePoint(std::string_view s, size_t& at) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t lead = byte(at);
  if (lead < 0x80) {
    ++at;
    return lead;
  }
  int length = lead >= 0xF0 && lead <= 0xF4  ? 4
               : lead >= 0xE0                ? 3
               : lead >= 0xC2 && lead < 0xE0 ? 2
                                             : 0;
  if (lead > 0xF4) length = 0;
  if (length == 0 || at + static_cast<size_t>(length) > s.size()) {
    ++at;
    return -1;
  }
  int32_t cp = lead & (0xFF >> (length + 1));
  for (int i = 1; i < length; ++i) {
    uint8_t next = byte(at + static_cast<size_t>(i));
    if ((next & 0xC0) != 0x80) {
      ++at;
      return -1;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr std::array<int32_t, 5> kMinimum{0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[static_cast<size_t>(length)] || (cp >= 0xD800 && cp <= 0xDFFF) ||
      cp > 0x10FFFF) {
    ++at;
    return -1;
  }
  at += static_cast<size_t>(length);
  return cp;
}

bool Dropped(int32_t cp) {
  if (cp < 0x20) return cp != '\t' && cp != '\n';
  if (cp >= 0x7F && cp <= 0x9F) return true;
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return true;
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return true;
  return (cp & 0xFFFE) == 0xFFFE;  // U+FFFE, U+FFFF and their copies in every plane
}

void AppendUtf8(std::string& out, int32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string Escape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  for (size_t at = 0; at < utf8.size();) {
    int32_t cp = NextCodePoint(utf8, at);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case -1: out += "\xEF\xBF\xBD"; break;  // U+FFFD
      default:
        if (!Dropped(cp)) AppendUtf8(out, cp);
    }
  }
  return out;
}

std::string SafeId(std::string_view anchor) {
  std::string out;
  for (char c : anchor) out += IsAsciiAlnum(c) || c == '-' || c == '_' ? c : '-';
  return out;
}

std::string SafeLang(std::string_view lang) {
  for (char c : lang) {
    if (!IsAsciiAlnum(c) && c != '-') return {};
  }
  return std::string(lang);
}

std::string SafeHref(std::string_view link) {
  if (!link.empty() && link[0] == '#') {
    std::string id = SafeId(link.substr(1));
    return id.empty() ? std::string() : "#" + id;
  }
  if (StartsWithNoCase(link, "https://") || StartsWithNoCase(link, "http://") ||
      StartsWithNoCase(link, "mailto:")) {
    // No whitespace or controls: a URL with them is not one we wrote.
    for (char c : link) {
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return {};
    }
    return Escape(link);
  }
  return {};
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16 |
                 static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8 |
                 static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 0x3F];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) << 16;
    if (rest == 2) v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 0x3F];
    out += kAlphabet[(v >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(v >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

}  // namespace ehcp::html
