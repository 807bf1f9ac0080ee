#pragma once

// Reads a PDF held in memory (the bundle's sources, and PDFs read back in tests). The
// cross-reference data (classic tables and xref streams, incremental updates through /Prev, hybrid
// /XRefStm) is read up front; objects are parsed only when asked for, once each for those that are
// navigated (Get) and transiently for those that are only copied (Load). Stream data is a
// view into the file (or into a decoded object stream), never copied. When the xref is
// unusable, objects are found by scanning for "n g obj".

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pdfio/value.h"

namespace ehcp::pdfio {

struct Object {
  Value value;
  bool has_stream = false;
  std::string_view stream;  // raw (still encoded) stream bytes
};

// Told about what a raw copy meets (see PdfFile::CopyRaw).
class RawSink {
 public:
  virtual ~RawSink() = default;
  // Writes the reference "number generation R" as it should come out.
  virtual void Reference(int64_t number, uint32_t generation, std::string& out) = 0;
  // A top-level /BaseFont or /FontName name (as written, without '/') starts at `offset`.
  virtual void TopLevelName(std::string_view key, std::string_view name, size_t offset) = 0;
};

class PdfFile {
 public:
  // `bytes` must outlive the PdfFile. Throws ParseError when no cross-reference data or
  // trailer can be found.
  explicit PdfFile(std::string_view bytes);

  const Value& Trailer() const { return trailer_; }
  bool Encrypted() const { return trailer_.Has("Encrypt"); }
  // True when the xref was unusable and objects were found by scanning the file.
  bool Recovered() const { return recovered_; }
  // The highest object number plus one.
  int64_t Size() const { return static_cast<int64_t>(entries_.size()); }

  // Whether object `number` (generation `generation`) is in use.
  bool Exists(int64_t number, uint32_t generation) const;
  // The object, parsed once and kept; nullptr when it does not exist. Throws ParseError
  // when it cannot be parsed.
  const Object* Get(int64_t number);
  // The object, kept if it was already parsed by Get, else parsed into `scratch`.
  const Object& Load(int64_t number, Object& scratch);
  // Whether Get has parsed (and kept) object `number`.
  bool IsParsed(int64_t number) const;
  // Writes object `number` to `out` without building its values: tokens as written
  // (comments and spacing normalised), references through `sink`, a stream's /Length
  // made direct and its data copied raw. Throws ParseError when it cannot be parsed.
  void CopyRaw(int64_t number, std::string& out, RawSink& sink);
  // Follows references (a few hops); nullptr for a dangling reference or a null pointer.
  const Value* Resolve(const Value* value);
  // The decoded stream data. Returns nullopt for a filter this reader does not decode;
  // throws ParseError for damaged data.
  std::optional<std::string> Decode(const Object& object);
  // Decodes a growing prefix of the stream at a time (plain FlateDecode streams; others
  // whole), calling `enough(decoded, complete)` after each step and stopping as soon as it
  // returns true. Returns its last answer, or nullopt for a filter this reader does not
  // decode; throws ParseError for damaged data met on the way.
  std::optional<bool> ScanDecoded(const Object& object,
                                  const std::function<bool(std::string_view, bool)>& enough);

 private:
  struct Entry {
    enum Kind : uint8_t { kUnset, kFree, kOffset, kCompressed } kind = kUnset;
    uint32_t generation = 0;  // kOffset; kCompressed: index in the stream
    uint64_t where = 0;       // kOffset: file offset; kCompressed: object stream number
  };
  struct ObjectStream {
    std::string data;
    std::vector<std::pair<int64_t, size_t>> objects;  // number, offset in data
  };

  void ReadXref(uint64_t offset, int depth);
  void ReadXrefStream(const Object& stream);
  void MergeTrailer(const Value& trailer);
  void Recover();
  Entry& EntryFor(int64_t number);
  Object Parse(int64_t number, int depth);
  Object ParseAt(size_t offset, int64_t number, int depth);
  // The data of a stream whose "stream" keyword ends at `start`, given its /Length.
  std::string_view StreamData(size_t start, const Value* length, int64_t number, int depth);
  const ObjectStream& Stream(int64_t number, int depth);
  // Where compressed object `number` (xref entry `e`) starts in `s`; throws if absent.
  static size_t OffsetInStream(const ObjectStream& s, const Entry& e, int64_t number);

  std::string_view bytes_;
  std::vector<Entry> entries_;
  Value trailer_ = Value::Dict();
  bool recovered_ = false;
  std::vector<std::unique_ptr<Object>> cache_;
  std::unordered_map<int64_t, std::unique_ptr<ObjectStream>> streams_;
};

// Inflates zlib data (FlateDecode) and undoes a PNG or TIFF predictor described by
// `parms` (a DecodeParms dictionary or null). Throws ParseError on damaged data.
std::string FlateDecode(std::string_view data, const Value* parms);

}  // namespace ehcp::pdfio
