#include "pdfio/value.h"

#include <cmath>
#include <cstdlib>

#include "pdfio/object_writer.h"

namespace ehcp::pdfio {

Value::~Value() = default;

Value Value::Real(double d) {
  Value v;
  v.type = Type::kReal;
  AppendNumber(v.text, std::isfinite(d) ? d : 0);
  return v;
}

Value Value::Bytes(std::string_view bytes) {
  Value v;
  v.type = Type::kString;
  v.text.reserve(bytes.size() + 2);
  AppendLiteralString(v.text, bytes);
  return v;
}

Value Value::Text(std::string_view utf8) {
  Value v;
  v.type = Type::kString;
  AppendTextString(v.text, utf8);
  return v;
}

double Value::Number() const {
  if (type == Type::kInt) return static_cast<double>(integer);
  if (type == Type::kReal) return std::strtod(text.c_str(), nullptr);
  return 0;
}

const Value* Value::Get(std::string_view key) const {
  if (type != Type::kDict) return nullptr;
  for (const auto& [k, v] : dict)
    if (k == key) return &v;
  return nullptr;
}

Value* Value::Get(std::string_view key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->Get(key));
}

void Value::Set(std::string_view key, Value value) {
  if (type != Type::kDict) return;
  for (auto& [k, v] : dict) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  dict.emplace_back(std::string(key), std::move(value));
}

void Value::Remove(std::string_view key) {
  for (auto it = dict.begin(); it != dict.end(); ++it) {
    if (it->first == key) {
      dict.erase(it);
      return;
    }
  }
}

}  // namespace ehcp::pdfio
