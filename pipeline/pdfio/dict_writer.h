#pragma once

// Typed builders for the objects a writer makes itself (the plan's pages, fonts, tags,
// outline, metadata): a dictionary or an array is appended straight into the object
// writer's buffer, with no intermediate string or Value, so a 30-page plan's thousands of
// small objects cost no allocations. Tokens are separated by the fewest delimiters PDF
// needs ("/Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"): a space only between two
// tokens that would otherwise run together, and around a dictionary inside an array
// (a structure element's kids read as "3 0 R <</Type/MCR ...>> 4 0 R").
//
//   writer.WriteDict(page, [&](pdfio::DictWriter& d) {
//     d.Name("Type", "Page").Ref("Parent", tree);
//     d.Array("MediaBox").Int(0).Int(0).Number(w).Number(h);  // closed as it goes
//   });
//
// A nested builder closes its dictionary or array when it is destroyed (or at End()),
// so a nested one must be finished before its parent writes its next entry.

#include <cstdint>
#include <string>
#include <string_view>

#include "pdfio/value.h"

namespace ehcp::pdfio {

class ArrayWriter;

class DictWriter {
 public:
  // Opens a dictionary ("<<") at the end of `out`.
  explicit DictWriter(std::string& out);
  // The entries of a stream's dictionary, without << >>: the object writer adds /Length
  // and closes it (ObjectWriter::WriteStream).
  static DictWriter Entries(std::string& out);
  DictWriter(DictWriter&& other) noexcept;
  DictWriter(const DictWriter&) = delete;
  DictWriter& operator=(const DictWriter&) = delete;
  DictWriter& operator=(DictWriter&&) = delete;
  ~DictWriter() { End(); }

  DictWriter& Name(std::string_view key, std::string_view name);
  DictWriter& Int(std::string_view key, int64_t value);
  // Fixed point, up to two decimals (AppendNumber).
  DictWriter& Number(std::string_view key, double value);
  DictWriter& Ref(std::string_view key, int64_t number);
  DictWriter& Bool(std::string_view key, bool value);
  // A text string from UTF-8 (AppendTextString) and a byte string (AppendLiteralString).
  DictWriter& Text(std::string_view key, std::string_view utf8);
  DictWriter& Bytes(std::string_view key, std::string_view bytes);
  // A value built as a Value (names, strings and reals as their token text).
  DictWriter& Put(std::string_view key, const Value& value);
  DictWriter Dict(std::string_view key);
  ArrayWriter Array(std::string_view key);

  // Closes the dictionary (">>", nothing for stream entries); later calls do nothing.
  void End();

 private:
  DictWriter(std::string& out, bool brackets);
  void Key(std::string_view key);

  std::string* out_;
  bool brackets_;
  bool open_ = true;
};

class ArrayWriter {
 public:
  // Opens an array ("[") at the end of `out`.
  explicit ArrayWriter(std::string& out);
  ArrayWriter(ArrayWriter&& other) noexcept;
  ArrayWriter(const ArrayWriter&) = delete;
  ArrayWriter& operator=(const ArrayWriter&) = delete;
  ArrayWriter& operator=(ArrayWriter&&) = delete;
  ~ArrayWriter() { End(); }

  ArrayWriter& Name(std::string_view name);
  ArrayWriter& Int(int64_t value);
  ArrayWriter& Number(double value);
  ArrayWriter& Ref(int64_t number);
  ArrayWriter& Put(const Value& value);
  DictWriter Dict();
  ArrayWriter Array();
  // Ends the current line: long number trees (a ParentTree) stay readable in a text view.
  ArrayWriter& NewLine();

  // Closes the array ("]"); later calls do nothing.
  void End();

 private:
  // Separates the next item from the last one; `regular`: the item starts with a regular
  // character (a number, a reference, true/false).
  void Item(bool regular, bool dict = false);
  bool NeedsSpace(bool regular, bool dict) const;

  std::string* out_;
  bool after_dict_ = false;  // the last item was a dictionary: the next one gets a space
  bool open_ = true;
};

// Appends `value` with the fewest delimiters, as the builders write (a Value made with
// its factories serialises as the matching builder call).
void AppendCompact(std::string& out, const Value& value);

}  // namespace ehcp::pdfio
