#include "loader/xml_text.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <bit>
#include <cstdint>
#include <cstring>

namespace ehcp::xml_text {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

constexpr uint64_t kHigh = 0x8080808080808080ull;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

// The high bit of each byte of `v` that is below 0x20 (tab, LF, CR and other controls),
// for bytes below 0x80: b + 0x60 reaches 0x80 exactly when b >= 0x20, with no carry
// between bytes.
uint64_t ControlBytes(uint64_t v) {
  return ~((v & kLow7) + 0x6060606060606060ull) & ~v & kHigh;
}

// The high bit of each byte of `v` that is a space.
uint64_t SpaceBytes(uint64_t v) {
  const uint64_t x = v ^ 0x2020202020202020ull;  // a space becomes 0
  return ~(((x & kLow7) + kLow7) | x) & kHigh;
}

// Takes the text by value and hands it back untouched when it is already NFC (all ASCII
// text is), so the common case costs no copy. ICU's UTF-8 entry points check and
// normalise in place of a round trip through UTF-16; libxml2 has already refused
// malformed UTF-8, so both give the same text.
std::string Normalise(std::string text, bool ascii) {
  if (ascii) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return text;
  return out;
}

}  // namespace

std::string CollapseSpaceSimple(std::string_view text, bool& ascii) {
  ascii = true;
  std::string out;
  bool space = false;
  for (char c : text) {
    if (IsXmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    out += c;
  }
  return out;
}

// Prose is mostly words and single spaces: eight bytes at a time are copied as they are
// when none is a control character, a non-ASCII byte or a second space in a row, and only
// the other blocks go byte by byte. A run of white space is written as one space when it
// starts, and a space left at the end is dropped. Text that is all white space (most
// elements hold only that, between their children) costs no allocation.
std::string CollapseSpace(std::string_view text, bool& ascii) {
  if constexpr (std::endian::native != std::endian::little) return CollapseSpaceSimple(text, ascii);
  ascii = true;
  size_t first = 0;
  while (first < text.size() && IsXmlSpace(text[first])) ++first;
  if (first == text.size()) return {};
  std::string out(text.size() - first, '\0');
  const char* in = text.data() + first;
  const char* const end = text.data() + text.size();
  char* const begin = out.data();
  char* write = begin;
  bool last_space = false;  // the byte last written is a space
  unsigned char high = 0;
  while (in < end) {
    if (end - in >= 8) {
      uint64_t v;
      std::memcpy(&v, in, 8);
      const uint64_t spaces = SpaceBytes(v);
      // A space after a space, within the block or across its start.
      const uint64_t doubled = spaces & ((spaces << 8) | (last_space ? 0x80u : 0u));
      if (((v & kHigh) | ControlBytes(v) | doubled) == 0) {
        std::memcpy(write, in, 8);
        write += 8;
        in += 8;
        last_space = (spaces >> 56) != 0;
        continue;
      }
      for (const char* stop = in + 8; in < stop; ++in) {
        const char c = *in;
        if (IsXmlSpace(c)) {
          if (!last_space) *write++ = ' ';
          last_space = true;
          continue;
        }
        high |= static_cast<unsigned char>(c);
        *write++ = c;
        last_space = false;
      }
      continue;
    }
    const char c = *in++;
    if (IsXmlSpace(c)) {
      if (!last_space) *write++ = ' ';
      last_space = true;
      continue;
    }
    high |= static_cast<unsigned char>(c);
    *write++ = c;
    last_space = false;
  }
  if (last_space) --write;
  out.resize(static_cast<size_t>(write - begin));
  ascii = high < 0x80;
  return out;
}

std::string Clean(std::string_view raw) {
  bool ascii = true;
  std::string collapsed = CollapseSpace(raw, ascii);
  return Normalise(std::move(collapsed), ascii);
}

}  // namespace ehcp::xml_text
