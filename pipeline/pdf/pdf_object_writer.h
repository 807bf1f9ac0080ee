#pragma once

// A PDF file written front to back into one memory buffer: each object is written once,
// as soon as its contents are known, and its byte offset remembered for the classic
// cross-reference table that Finish() appends. There is no object model: callers build
// dictionary text with the Append* helpers below. Object numbers are handed out by
// Allocate() so objects can refer to ones written later.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ehcp::pdf {

class PdfObjectWriter {
 public:
  PdfObjectWriter();  // writes the %PDF-1.7 header and the binary comment line
  ~PdfObjectWriter();
  PdfObjectWriter(const PdfObjectWriter&) = delete;
  PdfObjectWriter& operator=(const PdfObjectWriter&) = delete;

  // Reserves the next object number; every reserved number must be written once.
  int Allocate();

  // Writes object `number` whose body (a dictionary, array, ...) is `body`.
  void WriteObject(int number, std::string_view body);
  // Writes a stream object: `entries` are the dictionary's keys without << >> and
  // without /Length, which is added. `data` is written as it is (already encoded).
  void WriteStream(int number, std::string_view entries, std::string_view data);
  // Same, compressing `data` and adding /Filter /FlateDecode. zlib's fastest level:
  // the default level takes several times as long for files about 10% smaller.
  void WriteFlateStream(int number, std::string_view entries, std::string_view data);

  // Appends the cross-reference table and the trailer (with /Root, /Info and an /ID
  // derived from the file's bytes) and returns the whole file.
  std::string Finish(int root, int info);

  // Bytes written so far (for tests).
  const std::string& Bytes() const { return out_; }

 private:
  void BeginObject(int number);

  // One zlib stream reused for every compressed object: setting one up allocates
  // about 300 KB, which cost more than compressing a page.
  struct Compressor;
  std::unique_ptr<Compressor> compressor_;
  std::string out_;
  std::vector<uint64_t> offsets_;  // by object number - 1; UINT64_MAX until written
};

// zlib-compresses `data` at `level` (1 fastest .. 9 smallest).
std::string Deflate(std::string_view data, int level);

// ----------------------------------------------------------------- PDF syntax helpers

// "12 0 R"
void AppendRef(std::string& out, int number);
// Fixed point with up to two decimals, locale-independent (as in content streams).
void AppendNumber(std::string& out, double value);
void AppendInt(std::string& out, int64_t value);
// "/Name", with characters outside the regular set written as #xx.
void AppendName(std::string& out, std::string_view name);
// "(...)" with ( ) \ and control bytes escaped: for byte strings (dates, URIs).
void AppendLiteralString(std::string& out, std::string_view bytes);
// A PDF text string from UTF-8: an ASCII literal, else UTF-16BE with a BOM in hex.
void AppendTextString(std::string& out, std::string_view utf8);
// "<...>" upper-case hex of `bytes`.
void AppendHexString(std::string& out, std::string_view bytes);

}  // namespace ehcp::pdf
