#pragma once

// A PDF made of objects built here and objects copied from other PDFs (the bundle): its
// object table and its writer, which writes through the one serialiser (object_writer.h).
//
// An object of the bundle is either owned (a Value built or changed here, with references
// already in the bundle's numbering) or a pending copy of a source object. A pending copy
// is parsed and written straight into the output when the file is written, its references
// renumbered on the way and its stream data copied raw (still compressed); objects it
// reaches are numbered and copied in turn. Nothing the bundle does not reach is copied.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pdfio/reader.h"
#include "pdfio/value.h"

namespace ehcp::pdfio {

class Copier;

struct OwnedObject {
  Value value;
  bool has_stream = false;
  std::string_view raw;  // copied stream bytes (in a source file), when `data` is empty
  std::string data;      // stream bytes made here
  bool own_data = false;
};

class OutputPdf {
 public:
  OutputPdf() { entries_.emplace_back(); }  // object 0 is never used
  // A new owned object; returns its number.
  int64_t Add(Value value);
  int64_t AddStream(Value dict, std::string data);
  // The owned object `number`; a pending copy becomes an owned copy first (of `parsed`,
  // the source object already parsed, when given).
  OwnedObject& Owned(int64_t number, const Object* parsed = nullptr);
  static Value Ref(int64_t number) { return Value::Ref(number); }

  // Writes the whole file: PDF 1.7 header, every object in number order, a classic xref
  // table and a trailer with a /ID made from the content. Font subsets of one name owned
  // by different copiers are renamed first (see bundle_pdf_writer.cc). Throws ParseError
  // when a source object cannot be read. `size_hint` is the expected size (the sources').
  std::string Write(int64_t root, int64_t info, size_t size_hint);

 private:
  friend class Copier;
  struct Entry {
    std::unique_ptr<OwnedObject> owned;
    Copier* copier = nullptr;  // a pending copy when not owned
    int64_t source = 0;
    int owner = -1;  // the copier's owner number; -1 for objects made here
  };
  struct SubsetName {
    int64_t object;
    int key;        // 0 BaseFont, 1 FontName
    size_t offset;  // of the name's first character in the output
    std::string name;
  };
  int64_t AddPending(Copier* copier, int64_t source, int owner);
  // Object `number`, when it is the copy of `source` by `owner`, becomes null.
  void MakeNull(int64_t number, int64_t source, int owner);
  // Writes the body of object `number` (between "n 0 obj" and "endobj").
  void WriteObject(int64_t number, std::string& out);
  void WriteDict(const Value& dict, Copier* copier, bool skip_length, int64_t number,
                 std::string& out);
  void WriteAny(const Value& value, Copier* copier, std::string& out);
  void RenameSubsets(std::string& out);

  std::vector<Entry> entries_;
  std::vector<SubsetName> subset_names_;
};

// Copies objects of one source file into an OutputPdf, each source object at most once.
class Copier {
 public:
  // `owner` tells apart whose objects are whose (font subset renaming); `name` names the
  // document in errors.
  Copier(PdfFile& source, OutputPdf& out, int owner, std::string name);

  PdfFile& source() { return source_; }
  const std::string& name() const { return name_; }
  // References to `source` come out as `target` (a bundle object standing in for it).
  void Redirect(int64_t source, int64_t target) { map_[source] = target; }
  // References to `source` come out as null and it is never copied; a copy already
  // queued is written as the null object. What the bundle strips (active content)
  // goes this way, so nothing reaches it through another path either.
  void Drop(int64_t source);
  // The bundle number for a source object (numbered and queued when new), or -1 when the
  // object does not exist.
  int64_t Number(int64_t source, uint32_t generation = 0);
  // A source reference mapped into the bundle; a dangling reference becomes null.
  Value MapReference(const Value& ref);
  // A copy of a direct value with its references mapped.
  Value CopyValue(const Value& value);
  // Makes the copy of the object `ref` points at an owned object (to change it) and
  // returns it. Throws ParseError when there is no such object.
  OwnedObject& Own(const Value& ref, const Object* parsed = nullptr);

 private:
  friend class OutputPdf;
  PdfFile& source_;
  OutputPdf& out_;
  int owner_;
  std::string name_;
  std::unordered_map<int64_t, int64_t> map_;
};

}  // namespace ehcp::pdfio
