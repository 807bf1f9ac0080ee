#pragma once

// The PDF value: one compact object model for what the reader parses, what the copier
// copies and what a writer builds. Strings, names and reals keep their token text as
// written (a name without its slash, a string with its parentheses or angle brackets), so
// copying a value re-emits exactly what the source said; the factories make that text
// with the serialiser's helpers (object_writer.h), so a value made here is written as the
// plan writer writes the same thing.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ehcp::pdfio {

// A malformed PDF; the message says what is wrong.
class ParseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Value {
  enum class Type : uint8_t { kNull, kBool, kInt, kReal, kString, kName, kArray, kDict, kRef };
  struct Entry;  // a dictionary entry: key (a name as written, without '/') and value

  Type type = Type::kNull;
  bool boolean = false;
  int64_t integer = 0;       // kInt; kRef: object number
  uint32_t generation = 0;   // kRef
  std::string text;          // kReal, kString (with delimiters), kName (without '/')
  std::vector<Value> array;  // kArray
  std::vector<Entry> dict;   // kDict, in source order

  // The destructor is compiled once, in value.cc: left implicit, each unit that destroys
  // a Value had its own copy, and which one the linker kept (and so how much of the
  // recursion was inlined) changed the bundle's speed by a percent at random.
  Value() = default;
  Value(const Value&) = default;
  Value(Value&&) noexcept = default;
  Value& operator=(const Value&) = default;
  Value& operator=(Value&&) noexcept = default;
  ~Value();

  static Value Null();
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Real(double d);  // written as AppendNumber writes it (up to 2 decimals)
  static Value Name(std::string_view name);
  static Value Ref(int64_t number, uint32_t generation = 0);
  // A text string from UTF-8: a literal when it is ASCII, else UTF-16BE hex (as
  // AppendTextString).
  static Value Text(std::string_view utf8);
  // A byte string, written as a literal (as AppendLiteralString).
  static Value Bytes(std::string_view bytes);
  static Value Array();
  static Value Dict();

  bool IsNull() const { return type == Type::kNull; }
  bool IsInt() const { return type == Type::kInt; }
  bool IsNumber() const { return type == Type::kInt || type == Type::kReal; }
  bool IsName() const { return type == Type::kName; }
  bool IsName(std::string_view n) const { return type == Type::kName && text == n; }
  bool IsString() const { return type == Type::kString; }
  bool IsArray() const { return type == Type::kArray; }
  bool IsDict() const { return type == Type::kDict; }
  bool IsRef() const { return type == Type::kRef; }
  double Number() const;

  // Dictionary access (nullptr / no-op when not a dictionary).
  const Value* Get(std::string_view key) const;
  Value* Get(std::string_view key);
  bool Has(std::string_view key) const { return Get(key) != nullptr; }
  // Replaces or appends `key`.
  void Set(std::string_view key, Value value);
  void Remove(std::string_view key);
};

struct Value::Entry {
  Entry(std::string key, Value value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  Value second;
};

// The factories are defined here, where Entry is complete (clang needs it for ~Value).
inline Value Value::Null() {
  return {};
}
inline Value Value::Bool(bool b) {
  Value v;
  v.type = Type::kBool;
  v.boolean = b;
  return v;
}
inline Value Value::Int(int64_t i) {
  Value v;
  v.type = Type::kInt;
  v.integer = i;
  return v;
}
inline Value Value::Name(std::string_view name) {
  Value v;
  v.type = Type::kName;
  v.text = name;
  return v;
}
inline Value Value::Ref(int64_t number, uint32_t generation) {
  Value v;
  v.type = Type::kRef;
  v.integer = number;
  v.generation = generation;
  return v;
}
inline Value Value::Array() {
  Value v;
  v.type = Type::kArray;
  return v;
}
inline Value Value::Dict() {
  Value v;
  v.type = Type::kDict;
  return v;
}

}  // namespace ehcp::pdfio
