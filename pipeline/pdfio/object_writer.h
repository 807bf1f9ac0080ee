#pragma once

// The one PDF object serialiser: every byte of PDF syntax that ehcp writes (the plan
// writer's objects, the bundle's objects and copies, the reader's raw copies) goes through
// the helpers and the file writer here, so numbers, strings, names, references, streams,
// the cross-reference table and the trailer are written one way.
//
// ObjectWriter writes a file front to back into one memory buffer: each object once, as
// soon as its contents are known, its byte offset remembered for the classic
// cross-reference table that Finish() appends. Object numbers are handed out by
// Allocate() so objects can refer to ones written later. Callers either hand it an
// object's body as text (built with the Append* helpers) or a Value (WriteValue).

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pdfio/dict_writer.h"
#include "pdfio/value.h"

struct libdeflate_compressor;

namespace ehcp::pdfio {

// A stream's data as it goes into the file: deflated (/Filter/FlateDecode) or not.
struct EncodedStream {
  std::string bytes;
  bool deflated = false;
};

// Raw DEFLATE in a zlib wrapper (what /FlateDecode reads), with libdeflate: whole buffers,
// about 40% fewer instructions than zlib at its fastest level and 5% smaller output on
// a plan's content streams. One compressor holds its hash tables from call to call; the
// same bytes and level give the same output on every run.
class StreamCompressor {
 public:
  // `level`: 1 (fastest) .. 12 (smallest).
  explicit StreamCompressor(int level = kFastest);
  ~StreamCompressor();
  StreamCompressor(const StreamCompressor&) = delete;
  StreamCompressor& operator=(const StreamCompressor&) = delete;

  // The level every stream of a plan is written at: the PDF is made on every request, so
  // time counts more than the last few percent of its size.
  static constexpr int kFastest = 1;

  // `data` compressed, appended to `out`.
  void Compress(std::string_view data, std::string& out);

 private:
  libdeflate_compressor* compressor_;
};

class ObjectWriter {
 public:
  // Writes the %PDF-1.7 header and the binary comment line into a buffer of `reserve`
  // bytes (grown as needed). `compresses`: WriteFlateStream will be called, so the
  // compressor is set up now, before the file grows (the bundle, which copies streams as
  // they are, says no and saves its memory).
  explicit ObjectWriter(size_t reserve = 1 << 20, bool compresses = true);
  ~ObjectWriter();
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  // Reserves the next object number; every reserved number must be written once.
  int Allocate();

  // Writes object `number` whose body (a dictionary, array, ...) is `body`.
  void WriteObject(int number, std::string_view body);
  // Writes object `number` as the dictionary that `fill(DictWriter&)` fills, straight
  // into the file's buffer (dict_writer.h).
  template <typename Fill>
  void WriteDict(int number, Fill&& fill) {
    {
      DictWriter dict(Begin(number));
      fill(dict);
    }
    End();
  }
  // Writes a stream object: `entries` are the dictionary's keys without << >> and
  // without /Length, which is added. `data` is written as it is (already encoded).
  void WriteStream(int number, std::string_view entries, std::string_view data);
  // Same, compressed as EncodeStream does.
  void WriteFlateStream(int number, std::string_view entries, std::string_view data);
  // `data` as WriteFlateStream writes it: deflated, or as it is when that does not make
  // it smaller. A writer that keeps the result (a font subset) writes it again with
  // WriteEncodedStream, byte for byte what WriteFlateStream would have written.
  EncodedStream EncodeStream(std::string_view data);
  void WriteEncodedStream(int number, std::string_view entries, const EncodedStream& stream);

  // For a body written in place (a copy streamed from a source file): opens object
  // `number` and returns the buffer to append its body to; End() closes the object.
  std::string& Begin(int number);
  void End();

  // Bytes written so far. A caller may overwrite bytes in place (same length, so the
  // offsets stay right) before Finish: the bundle renames font subsets this way.
  std::string& Body() { return out_; }
  const std::string& Bytes() const { return out_; }

  // Appends the cross-reference table and the trailer (with /Root, /Info and an /ID of
  // FileId(the bytes so far)) and returns the whole file.
  std::string Finish(int root, int info);

 private:
  // One compressor reused for every compressed object (setting one up allocates its
  // hash tables).
  std::unique_ptr<StreamCompressor> compressor_;
  std::string out_;
  std::vector<uint64_t> offsets_;  // by object number - 1; UINT64_MAX until written
};

// The 16 bytes of a file's /ID, from its body: the same bytes give the same /ID on every
// run and any change gives another. Not cryptographic (a bundle's page map carries the
// file's SHA-256): two multiply-rotate lanes over 8-byte words, about an instruction a
// byte, cheaper than CRC-32. The one /ID of the plan writer and the bundle.
std::string FileId(std::string_view body);

// `data` compressed at StreamCompressor's fastest level (for a stream whose /Filter
// the caller writes itself: an image).
std::string Deflate(std::string_view data);

// ----------------------------------------------------------------- PDF syntax helpers

// "12 0 R"
void AppendRef(std::string& out, int64_t number, uint32_t generation = 0);
// Fixed point with up to two decimals, locale-independent (as in content streams).
void AppendNumber(std::string& out, double value);
// The most bytes AppendNumber writes: a sign, 19 digits, a point and two decimals.
inline constexpr size_t kNumberRoom = 24;
// Writes `value` as AppendNumber does, right to left, ending just before `end`; returns
// where it starts. For a writer that gathers several numbers before one append (a
// content stream's operands).
char* FormatNumberBackwards(double value, char* end);
void AppendInt(std::string& out, int64_t value);
// Whether byte `c` stands in a name as it is: printable ASCII but # and the delimiters.
// Inline: asked for every byte of every key a plan writes.
inline constexpr std::array<bool, 256> kPlainNameBytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x21; c < 0x7F; ++c) plain[c] = true;
  for (char c : std::string_view("#/()<>[]{}%")) plain[static_cast<unsigned char>(c)] = false;
  return plain;
}();
inline bool IsPlainNameByte(char c) {
  return kPlainNameBytes[static_cast<unsigned char>(c)];
}
// "/Name", with characters outside the regular set written as #xx.
void AppendName(std::string& out, std::string_view name);
// "(...)" with ( ) \ and control bytes escaped: for byte strings (dates, URIs).
void AppendLiteralString(std::string& out, std::string_view bytes);
// A PDF text string from UTF-8: an ASCII literal, else UTF-16BE with a BOM in hex.
void AppendTextString(std::string& out, std::string_view utf8);
// "<...>" upper-case hex of `bytes`.
void AppendHexString(std::string& out, std::string_view bytes);

// Serialises `value` (references as they are) to `out`: dictionary entries as
// "/Key value", array items separated by a space. Names, strings and reals are written
// as their token text (see value.h).
void WriteValue(const Value& value, std::string& out);
// The same with each reference written by `ref(reference, out)`: a copy renumbers the
// references of what it copies on the way.
template <typename RefWriter>
void WriteValueWith(const Value& value, std::string& out, RefWriter&& ref);
// A value that holds no other value (not an array, dictionary or reference).
void WriteScalar(const Value& value, std::string& out);
// A dictionary key and the space after it: "/Key ".
void AppendKey(std::string& out, std::string_view key);

// Closes a stream object's open dictionary with the data's real /Length, then writes the
// data: "/Length n>>\nstream\n...\nendstream".
void AppendLengthAndStream(std::string& out, std::string_view data);

template <typename RefWriter>
void WriteValueWith(const Value& value, std::string& out, RefWriter&& ref) {
  switch (value.type) {
    case Value::Type::kRef: ref(value, out); return;
    case Value::Type::kArray:
      out += '[';
      for (size_t i = 0; i < value.array.size(); ++i) {
        if (i > 0) out += ' ';
        WriteValueWith(value.array[i], out, ref);
      }
      out += ']';
      return;
    case Value::Type::kDict:
      out += "<<";
      for (const auto& [k, v] : value.dict) {
        AppendKey(out, k);
        WriteValueWith(v, out, ref);
      }
      out += ">>";
      return;
    default: WriteScalar(value, out);
  }
}

}  // namespace ehcp::pdfio
