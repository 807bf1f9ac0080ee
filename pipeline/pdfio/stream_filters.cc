#include "pdfio/stream_filters.h"

#include <cstdint>
#include <vector>

namespace ehcp::pdfio {
namespace {

bool IsPdfWhitespace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

}  // namespace

std::optional<std::string> AsciiHexDecode(std::string_view data) {
  std::string out;
  out.reserve(data.size() / 2);
  int nibble = -1;
  for (char c : data) {
    if (c == '>') break;
    if (IsPdfWhitespace(c)) continue;
    int v = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (v < 0) return std::nullopt;
    if (nibble < 0) {
      nibble = v;
    } else {
      out += static_cast<char>(nibble * 16 + v);
      nibble = -1;
    }
  }
  if (nibble >= 0) out += static_cast<char>(nibble * 16);  // an odd last digit is followed by 0
  return out;
}

std::optional<std::string> Ascii85Decode(std::string_view data) {
  std::string out;
  out.reserve(data.size() * 4 / 5 + 4);
  uint32_t group[5];
  int count = 0;
  auto flush = [&](int n) {  // n characters in the group (2..5): n - 1 bytes
    uint64_t value = 0;
    for (int i = 0; i < 5; ++i) value = value * 85 + (i < n ? group[i] : 84);
    if (value > 0xFFFFFFFFu) return false;
    for (int i = 0; i < n - 1; ++i) out += static_cast<char>((value >> (24 - 8 * i)) & 0xFF);
    return true;
  };
  size_t i = 0;
  if (data.substr(0, 2) == "<~") i = 2;  // some producers keep the opening delimiter
  for (; i < data.size(); ++i) {
    char c = data[i];
    if (IsPdfWhitespace(c)) continue;
    if (c == '~') break;  // "~>": end of data
    if (c == 'z' && count == 0) {
      out.append(4, '\0');
      continue;
    }
    if (c < '!' || c > 'u') return std::nullopt;
    group[count++] = static_cast<uint32_t>(c - '!');
    if (count == 5) {
      if (!flush(5)) return std::nullopt;
      count = 0;
    }
  }
  if (count == 1) return std::nullopt;  // one character cannot encode a byte
  if (count > 1 && !flush(count)) return std::nullopt;
  return out;
}

std::optional<std::string> RunLengthDecode(std::string_view data, size_t limit) {
  std::string out;
  for (size_t i = 0; i < data.size();) {
    unsigned length = static_cast<unsigned char>(data[i++]);
    if (length == 128) break;  // end of data
    if (length < 128) {        // the next length + 1 bytes as they are
      size_t n = std::min<size_t>(length + 1, data.size() - i);
      out.append(data.substr(i, n));
      i += n;
    } else {  // the next byte 257 - length times
      if (i >= data.size()) break;
      out.append(257 - length, data[i++]);
    }
    if (out.size() > limit) return std::nullopt;
  }
  return out;
}

std::optional<std::string> LzwDecode(std::string_view data, bool early_change, size_t limit) {
  // The code table as (prefix code, last byte) pairs: 0-255 are single bytes, 256 clears
  // the table, 257 ends the data, new strings start at 258; codes are 9 to 12 bits.
  constexpr int kClear = 256, kEnd = 257, kFirst = 258, kMaxCodes = 4096;
  std::vector<int> prefix(kMaxCodes, -1);
  std::vector<unsigned char> last(kMaxCodes, 0), first(kMaxCodes, 0);
  std::vector<int> length(kMaxCodes, 1);
  for (int c = 0; c < 256; ++c) last[c] = first[c] = static_cast<unsigned char>(c);
  int next = kFirst, bits = 9, previous = -1;
  const int early = early_change ? 1 : 0;
  std::string out;
  std::string scratch;
  auto emit = [&](int code) {  // appends the string of `code`
    scratch.resize(static_cast<size_t>(length[code]));
    for (int c = code, at = length[code] - 1; c >= 0 && at >= 0; c = prefix[c], --at)
      scratch[static_cast<size_t>(at)] = static_cast<char>(last[c]);
    out += scratch;
  };
  uint32_t buffer = 0;
  int buffered = 0;
  for (size_t i = 0;;) {
    while (buffered < bits && i < data.size()) {
      buffer = (buffer << 8) | static_cast<unsigned char>(data[i++]);
      buffered += 8;
    }
    if (buffered < bits) break;  // out of data without an end code: keep what came out
    int code = static_cast<int>((buffer >> (buffered - bits)) & ((1u << bits) - 1));
    buffered -= bits;
    if (code == kClear) {
      next = kFirst;
      bits = 9;
      previous = -1;
      continue;
    }
    if (code == kEnd) break;
    if (previous < 0) {  // the first code after a clear is a plain byte
      if (code > 255) return std::nullopt;
      emit(code);
      previous = code;
      continue;
    }
    if (code > next || (code == next && next >= kMaxCodes)) return std::nullopt;
    if (next < kMaxCodes) {
      // The new string is previous's string plus the first byte of this code's string
      // (of previous's own string when the code is the one being defined).
      prefix[next] = previous;
      last[next] = code == next ? first[previous] : first[code];
      first[next] = first[previous];
      length[next] = length[previous] + 1;
      ++next;
    }
    emit(code);
    if (out.size() > limit) return std::nullopt;
    previous = code;
    if (next + early >= (1 << bits) && bits < 12) ++bits;
  }
  return out;
}

}  // namespace ehcp::pdfio
