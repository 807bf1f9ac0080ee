#include "pdfio/dict_writer.h"

#include <array>
#include <charconv>
#include <cstring>

#include "pdfio/object_writer.h"

namespace ehcp::pdfio {
namespace {

// PDF's regular characters: neither white space nor a delimiter. Two regular tokens in a
// row need a space between them; any other pair runs together safely.
constexpr std::array<bool, 256> kRegular = [] {
  std::array<bool, 256> regular;
  regular.fill(true);
  for (char c : std::string_view("\0\t\n\f\r ()<>[]{}/%", 16))
    regular[static_cast<unsigned char>(c)] = false;
  return regular;
}();

bool IsRegular(char c) {
  return kRegular[static_cast<unsigned char>(c)];
}

// An entry's few tokens gathered on the stack and appended with one call: most entries
// are a short key and a short value, and three appends cost more than the writing (a
// plan has some 15,000 entries). Names that are long or need escapes are not taken.
class Tokens {
 public:
  // Adds "/name"; false (and the tokens unusable) when it does not fit or needs escapes.
  bool Name(std::string_view name) {
    if (name.size() >= kNameRoom - size_) return false;
    char* p = buffer_ + size_;
    *p++ = '/';
    for (char c : name) {
      if (!IsPlainNameByte(c)) return false;
      *p++ = c;
    }
    size_ = static_cast<size_t>(p - buffer_);
    return true;
  }
  // Room for these is kept past kNameRoom.
  void Space() { buffer_[size_++] = ' '; }
  void Int(int64_t value) {
    size_ =
        static_cast<size_t>(std::to_chars(buffer_ + size_, buffer_ + kSize, value).ptr - buffer_);
  }
  void Ref(int64_t number) {
    Int(number);
    std::memcpy(buffer_ + size_, " 0 R", 4);
    size_ += 4;
  }
  void AppendTo(std::string& out) const { out.append(buffer_, size_); }

 private:
  static constexpr size_t kSize = 128;
  static constexpr size_t kNameRoom = kSize - 32;  // a space and a reference still fit
  char buffer_[kSize];
  size_t size_ = 0;
};

// Whether `value` is written starting with a regular character.
bool StartsRegular(const Value& value) {
  switch (value.type) {
    case Value::Type::kNull:
    case Value::Type::kBool:
    case Value::Type::kInt:
    case Value::Type::kRef: return true;
    case Value::Type::kReal: return !value.text.empty() && IsRegular(value.text.front());
    default: return false;
  }
}

// Writes a value after its separator was settled.
void AppendValueBody(std::string& out, const Value& value) {
  switch (value.type) {
    case Value::Type::kArray: {
      ArrayWriter array(out);
      for (const Value& item : value.array) array.Put(item);
      return;
    }
    case Value::Type::kDict: {
      DictWriter dict(out);
      for (const auto& [key, item] : value.dict) dict.Put(key, item);
      return;
    }
    case Value::Type::kRef: AppendRef(out, value.integer, value.generation); return;
    default: WriteScalar(value, out);
  }
}

}  // namespace

DictWriter::DictWriter(std::string& out) : DictWriter(out, true) {}

DictWriter::DictWriter(std::string& out, bool brackets) : out_(&out), brackets_(brackets) {
  if (brackets_) *out_ += "<<";
}

DictWriter DictWriter::Entries(std::string& out) {
  return DictWriter(out, false);
}

DictWriter::DictWriter(DictWriter&& other) noexcept
    : out_(other.out_), brackets_(other.brackets_), open_(other.open_) {
  other.open_ = false;
}

void DictWriter::Key(std::string_view key) {
  AppendName(*out_, key);  // a resource's name may need #xx escapes
}

DictWriter& DictWriter::Name(std::string_view key, std::string_view name) {
  if (Tokens t; t.Name(key) && t.Name(name)) {
    t.AppendTo(*out_);
    return *this;
  }
  Key(key);
  AppendName(*out_, name);
  return *this;
}

DictWriter& DictWriter::Int(std::string_view key, int64_t value) {
  if (Tokens t; t.Name(key)) {
    t.Space();
    t.Int(value);
    t.AppendTo(*out_);
    return *this;
  }
  Key(key);
  *out_ += ' ';
  AppendInt(*out_, value);
  return *this;
}

DictWriter& DictWriter::Number(std::string_view key, double value) {
  Key(key);
  *out_ += ' ';
  AppendNumber(*out_, value);
  return *this;
}

DictWriter& DictWriter::Ref(std::string_view key, int64_t number) {
  if (Tokens t; t.Name(key)) {
    t.Space();
    t.Ref(number);
    t.AppendTo(*out_);
    return *this;
  }
  Key(key);
  *out_ += ' ';
  AppendRef(*out_, number);
  return *this;
}

DictWriter& DictWriter::Bool(std::string_view key, bool value) {
  Key(key);
  *out_ += value ? " true" : " false";
  return *this;
}

DictWriter& DictWriter::Text(std::string_view key, std::string_view utf8) {
  Key(key);
  AppendTextString(*out_, utf8);
  return *this;
}

DictWriter& DictWriter::Bytes(std::string_view key, std::string_view bytes) {
  Key(key);
  AppendLiteralString(*out_, bytes);
  return *this;
}

DictWriter& DictWriter::Put(std::string_view key, const Value& value) {
  Key(key);
  if (StartsRegular(value)) *out_ += ' ';
  AppendValueBody(*out_, value);
  return *this;
}

DictWriter DictWriter::Dict(std::string_view key) {
  Key(key);
  return DictWriter(*out_);
}

ArrayWriter DictWriter::Array(std::string_view key) {
  Key(key);
  return ArrayWriter(*out_);
}

void DictWriter::End() {
  if (!open_) return;
  open_ = false;
  if (brackets_) *out_ += ">>";
}

ArrayWriter::ArrayWriter(std::string& out) : out_(&out) {
  *out_ += '[';
}

ArrayWriter::ArrayWriter(ArrayWriter&& other) noexcept
    : out_(other.out_), after_dict_(other.after_dict_), open_(other.open_) {
  other.open_ = false;
}

void ArrayWriter::Item(bool regular, bool dict) {
  if (NeedsSpace(regular, dict)) *out_ += ' ';
  after_dict_ = dict;
}

bool ArrayWriter::NeedsSpace(bool regular, bool dict) const {
  char last = out_->back();  // never empty: at least the opening bracket
  if ((after_dict_ || dict) && last != '[' && last != '\n') return true;
  return regular && IsRegular(last);
}

ArrayWriter& ArrayWriter::Name(std::string_view name) {
  Item(false);
  AppendName(*out_, name);
  return *this;
}

ArrayWriter& ArrayWriter::Int(int64_t value) {
  Tokens t;
  if (NeedsSpace(true, false)) t.Space();
  after_dict_ = false;
  t.Int(value);
  t.AppendTo(*out_);
  return *this;
}

ArrayWriter& ArrayWriter::Number(double value) {
  Item(true);
  AppendNumber(*out_, value);
  return *this;
}

ArrayWriter& ArrayWriter::Ref(int64_t number) {
  Tokens t;
  if (NeedsSpace(true, false)) t.Space();
  after_dict_ = false;
  t.Ref(number);
  t.AppendTo(*out_);
  return *this;
}

ArrayWriter& ArrayWriter::Put(const Value& value) {
  Item(StartsRegular(value), value.IsDict());
  AppendValueBody(*out_, value);
  return *this;
}

DictWriter ArrayWriter::Dict() {
  Item(false, true);
  return DictWriter(*out_);
}

ArrayWriter ArrayWriter::Array() {
  Item(false);
  return ArrayWriter(*out_);
}

ArrayWriter& ArrayWriter::NewLine() {
  *out_ += '\n';
  after_dict_ = false;
  return *this;
}

void ArrayWriter::End() {
  if (!open_) return;
  open_ = false;
  *out_ += ']';
}

void AppendCompact(std::string& out, const Value& value) {
  AppendValueBody(out, value);
}

}  // namespace ehcp::pdfio
