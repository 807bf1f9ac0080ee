#include "bundle/pdf_value.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ehcp::pdf {

Value Value::Real(double d) {
  Value v;
  v.type = Type::kReal;
  if (!std::isfinite(d)) d = 0;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.4f", d);
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0" || s.empty()) s = "0";
  v.text = s;
  return v;
}

Value Value::Bytes(std::string_view bytes) {
  Value v;
  v.type = Type::kString;
  v.text.reserve(bytes.size() + 2);
  v.text += '(';
  for (char c : bytes) {
    switch (c) {
      case '(': v.text += "\\("; break;
      case ')': v.text += "\\)"; break;
      case '\\': v.text += "\\\\"; break;
      case '\r': v.text += "\\r"; break;
      case '\n': v.text += "\\n"; break;
      default: v.text += c;
    }
  }
  v.text += ')';
  return v;
}

Value Value::Text(std::string_view utf8) {
  bool ascii = true;
  for (char c : utf8) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F) ascii = false;
  }
  if (ascii) return Bytes(utf8);
  static const char kHex[] = "0123456789ABCDEF";
  Value v;
  v.type = Type::kString;
  v.text = "<FEFF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) v.text += kHex[(u >> shift) & 15];
  };
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + static_cast<size_t>(extra) >= utf8.size()) {
      unit(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<size_t>(k)]) & 0x3F);
    i += static_cast<size_t>(extra) + 1;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + static_cast<unsigned>(cp >> 10));
      unit(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  v.text += '>';
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

namespace {

void AppendInt(int64_t value, std::string& out) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out.append(buffer, static_cast<size_t>(end - buffer));
}

}  // namespace

void WriteValue(const Value& value, std::string& out) {
  switch (value.type) {
    case Value::Type::kNull: out += "null"; break;
    case Value::Type::kBool: out += value.boolean ? "true" : "false"; break;
    case Value::Type::kInt: AppendInt(value.integer, out); break;
    case Value::Type::kReal:
    case Value::Type::kString: out += value.text; break;
    case Value::Type::kName:
      out += '/';
      out += value.text;
      break;
    case Value::Type::kRef:
      AppendInt(value.integer, out);
      out += ' ';
      AppendInt(value.generation, out);
      out += " R";
      break;
    case Value::Type::kArray:
      out += '[';
      for (size_t i = 0; i < value.array.size(); ++i) {
        if (i > 0) out += ' ';
        WriteValue(value.array[i], out);
      }
      out += ']';
      break;
    case Value::Type::kDict:
      out += "<<";
      for (const auto& [k, v] : value.dict) {
        out += '/';
        out += k;
        out += ' ';
        WriteValue(v, out);
      }
      out += ">>";
      break;
  }
}

void AppendLengthAndStream(std::string& out, std::string_view data) {
  out += "/Length ";
  out += std::to_string(data.size());
  out += ">>\nstream\n";
  out += data;
  out += "\nendstream";
}

}  // namespace ehcp::pdf
