#include "pdfio/object_writer.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace ehcp::pdfio {
namespace {

constexpr uint64_t kNotWritten = std::numeric_limits<uint64_t>::max();
constexpr char kHexDigits[] = "0123456789ABCDEF";

void AppendHexByte(std::string& out, unsigned char byte) {
  out += kHexDigits[byte >> 4];
  out += kHexDigits[byte & 0xF];
}

void AppendUtf16Unit(std::string& out, uint32_t unit) {
  AppendHexByte(out, static_cast<unsigned char>(unit >> 8));
  AppendHexByte(out, static_cast<unsigned char>(unit & 0xFF));
}

// Decodes one UTF-8 sequence at `i` (advancing it); malformed bytes give U+FFFD.
char32_t NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + extra > s.size()) return 0xFFFD;
  char32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    unsigned char next = static_cast<unsigned char>(s[i]);
    if ((next & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (next & 0x3F);
    ++i;
  }
  return cp;
}

}  // namespace

StreamCompressor::StreamCompressor(int level) : compressor_(libdeflate_alloc_compressor(level)) {
  if (compressor_ == nullptr) throw std::runtime_error("the compressor could not start");
}

StreamCompressor::~StreamCompressor() {
  libdeflate_free_compressor(compressor_);
}

void StreamCompressor::Compress(std::string_view data, std::string& out) {
  size_t at = out.size();
  out.resize(at + libdeflate_zlib_compress_bound(compressor_, data.size()));
  size_t size = libdeflate_zlib_compress(compressor_, data.data(), data.size(), out.data() + at,
                                         out.size() - at);
  // Cannot happen: the room is the library's own bound.
  if (size == 0) throw std::runtime_error("a stream could not be compressed");
  out.resize(at + size);
}

ObjectWriter::~ObjectWriter() = default;

ObjectWriter::ObjectWriter(size_t reserve, bool compresses) {
  if (compresses) compressor_ = std::make_unique<StreamCompressor>();
  out_.reserve(reserve);
  // The comment's bytes above 127 tell transfer tools the file is binary.
  out_ += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

int ObjectWriter::Allocate() {
  offsets_.push_back(kNotWritten);
  return static_cast<int>(offsets_.size());
}

std::string& ObjectWriter::Begin(int number) {
  if (number < 1 || number > static_cast<int>(offsets_.size()) ||
      offsets_[number - 1] != kNotWritten) {
    throw std::logic_error("PDF object " + std::to_string(number) +
                           " was not allocated or is written twice");
  }
  offsets_[number - 1] = out_.size();
  AppendInt(out_, number);
  out_ += " 0 obj\n";
  return out_;
}

void ObjectWriter::End() {
  out_ += "\nendobj\n";
}

void ObjectWriter::WriteObject(int number, std::string_view body) {
  Begin(number) += body;
  End();
}

void ObjectWriter::WriteStream(int number, std::string_view entries, std::string_view data) {
  std::string& out = Begin(number);
  out += "<<";
  out += entries;
  AppendLengthAndStream(out, data);
  End();
}

EncodedStream ObjectWriter::EncodeStream(std::string_view data) {
  if (!compressor_) compressor_ = std::make_unique<StreamCompressor>();
  EncodedStream stream;
  compressor_->Compress(data, stream.bytes);
  // A stream too short to shrink (a few bytes of operators) is stored as it is: smaller,
  // and nothing for a reader to inflate. The filter's name costs its bytes too.
  constexpr size_t kFilterBytes = std::string_view("/Filter/FlateDecode").size();
  if (stream.bytes.size() + kFilterBytes >= data.size()) {
    stream.bytes.assign(data);
    return stream;
  }
  stream.deflated = true;
  return stream;
}

void ObjectWriter::WriteEncodedStream(int number, std::string_view entries,
                                      const EncodedStream& stream) {
  std::string& out = Begin(number);
  out += "<<";
  out += entries;
  if (stream.deflated) out += "/Filter/FlateDecode";
  AppendLengthAndStream(out, stream.bytes);
  End();
}

void ObjectWriter::WriteFlateStream(int number, std::string_view entries, std::string_view data) {
  WriteEncodedStream(number, entries, EncodeStream(data));
}

std::string ObjectWriter::Finish(int root, int info) {
  const std::string id = FileId(out_);
  for (size_t i = 0; i < offsets_.size(); ++i) {
    if (offsets_[i] == kNotWritten) {
      throw std::logic_error("PDF object " + std::to_string(i + 1) +
                             " was allocated but never written");
    }
  }
  size_t xref = out_.size();
  out_ += "xref\n0 ";
  AppendInt(out_, static_cast<int64_t>(offsets_.size() + 1));
  out_ += "\n0000000000 65535 f \n";
  char entry[21];
  for (uint64_t offset : offsets_) {
    // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, 'n', EOL.
    uint64_t v = offset;
    for (int d = 9; d >= 0; --d) {
      entry[d] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    std::copy_n(" 00000 n \n", 10, entry + 10);
    out_.append(entry, 20);
  }
  out_ += "trailer\n<</Size ";
  AppendInt(out_, static_cast<int64_t>(offsets_.size() + 1));
  out_ += "/Root ";
  AppendRef(out_, root);
  out_ += "/Info ";
  AppendRef(out_, info);
  out_ += "/ID[";
  AppendHexString(out_, id);
  AppendHexString(out_, id);
  out_ += "]>>\nstartxref\n";
  AppendInt(out_, static_cast<int64_t>(xref));
  out_ += "\n%%EOF\n";
  return std::move(out_);
}

std::string FileId(std::string_view data) {
  uint64_t a = 0x9E3779B97F4A7C15ull ^ data.size(), b = 0xC2B2AE3D27D4EB4Full;
  auto mix = [](uint64_t h, uint64_t w, uint64_t k) {
    h ^= w * k;
    h = (h << 31) | (h >> 33);
    return h * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
  };
  size_t i = 0;
  for (; i + 16 <= data.size(); i += 16) {
    uint64_t w0, w1;
    std::memcpy(&w0, data.data() + i, 8);
    std::memcpy(&w1, data.data() + i + 8, 8);
    a = mix(a, w0, 0x87C37B91114253D5ull);
    b = mix(b, w1, 0x4CF5AD432745937Full);
  }
  for (; i < data.size(); ++i)
    a = mix(a, static_cast<unsigned char>(data[i]), 0x87C37B91114253D5ull);
  for (int round = 0; round < 4; ++round) {
    a = mix(a, b, 0xFF51AFD7ED558CCDull);
    b = mix(b, a, 0xC4CEB9FE1A85EC53ull);
  }
  std::string id;
  id.reserve(16);
  for (uint64_t h : {a, b})
    for (int shift = 56; shift >= 0; shift -= 8) id += static_cast<char>((h >> shift) & 0xFF);
  return id;
}

std::string Deflate(std::string_view data) {
  std::string packed;
  StreamCompressor().Compress(data, packed);
  return packed;
}

void AppendRef(std::string& out, int64_t number, uint32_t generation) {
  AppendInt(out, number);
  if (generation == 0) {  // nearly always: one call fewer per reference
    out += " 0 R";
    return;
  }
  out += ' ';
  AppendInt(out, generation);
  out += " R";
}

void AppendNumber(std::string& out, double value) {
  char buffer[kNumberRoom];
  char* end = buffer + sizeof buffer;
  char* first = FormatNumberBackwards(value, end);
  out.append(first, static_cast<size_t>(end - first));
}

char* FormatNumberBackwards(double value, char* end) {
  // Two decimals are finer than any printer; rounding keeps the bytes reproducible.
  // std::llround, without the library call: half-way cases away from zero. (Subtracting
  // the whole part is exact, so this rounds exactly as llround does.)
  double scaled = value * 100.0;
  auto hundredths = static_cast<long long>(scaled);
  double rest = scaled - static_cast<double>(hundredths);
  if (rest >= 0.5) {
    ++hundredths;
  } else if (rest <= -0.5) {
    --hundredths;
  }
  bool negative = hundredths < 0;
  // Unsigned: dividing by a constant is a multiplication without the sign's fix-ups.
  unsigned long long magnitude =
      negative ? 0ull - static_cast<unsigned long long>(hundredths) : hundredths;
  char* p = end;
  auto frac = static_cast<unsigned>(magnitude % 100);
  if (frac != 0) {
    if (frac % 10 != 0) *--p = static_cast<char>('0' + frac % 10);
    *--p = static_cast<char>('0' + frac / 10);
    *--p = '.';
  }
  unsigned long long whole = magnitude / 100;
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole > 0);
  if (negative) *--p = '-';
  return p;
}

void AppendInt(std::string& out, int64_t value) {
  char buffer[24];
  char* end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, static_cast<size_t>(end - buffer));  // (pointer, size): no iterator loop
}

void AppendName(std::string& out, std::string_view name) {
  out += '/';
  // Nearly every name is all regular characters: one append for them, not one a byte
  // (a plan writes some 30,000 keys and names).
  size_t plain = 0;
  while (plain < name.size() && IsPlainNameByte(name[plain])) ++plain;
  out.append(name.data(), plain);
  for (size_t i = plain; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (IsPlainNameByte(name[i])) {
      out += name[i];
    } else {
      out += '#';
      AppendHexByte(out, c);
    }
  }
}

void AppendLiteralString(std::string& out, std::string_view bytes) {
  out += '(';
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == '(' || ch == ')' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      // Octal escapes keep line ends and controls from being normalised by readers.
      out += '\\';
      out += static_cast<char>('0' + (c >> 6));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
    } else {
      out += ch;
    }
  }
  out += ')';
}

void AppendTextString(std::string& out, std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
  }
  if (ascii) {
    AppendLiteralString(out, utf8);
    return;
  }
  out += "<FEFF";
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = NextCodePoint(utf8, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      AppendUtf16Unit(out, 0xD800 + (cp >> 10));
      AppendUtf16Unit(out, 0xDC00 + (cp & 0x3FF));
    } else {
      AppendUtf16Unit(out, cp);
    }
  }
  out += '>';
}

void AppendHexString(std::string& out, std::string_view bytes) {
  out += '<';
  for (char c : bytes) AppendHexByte(out, static_cast<unsigned char>(c));
  out += '>';
}

void WriteScalar(const Value& value, std::string& out) {
  switch (value.type) {
    case Value::Type::kNull: out += "null"; break;
    case Value::Type::kBool: out += value.boolean ? "true" : "false"; break;
    case Value::Type::kInt: AppendInt(out, value.integer); break;
    case Value::Type::kReal:
    case Value::Type::kString: out += value.text; break;
    case Value::Type::kName:
      out += '/';
      out += value.text;  // as read (its #xx escapes kept), or a plain name made here
      break;
    default: WriteValue(value, out);
  }
}

void WriteValue(const Value& value, std::string& out) {
  WriteValueWith(value, out, [](const Value& ref, std::string& text) {
    AppendRef(text, ref.integer, ref.generation);
  });
}

void AppendKey(std::string& out, std::string_view key) {
  out += '/';
  out += key;
  out += ' ';
}

void AppendLengthAndStream(std::string& out, std::string_view data) {
  out += "/Length ";
  AppendInt(out, static_cast<int64_t>(data.size()));
  out += ">>\nstream\n";
  out += data;
  out += "\nendstream";
}

}  // namespace ehcp::pdfio
