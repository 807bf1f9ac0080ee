#include "document/field_mark.h"

#include <cctype>

namespace ehcp::doc {

namespace {
constexpr std::string_view kPrefix = "ehcp_";
bool IsLetter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool IsDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
}  // namespace

std::string FieldMarkName(const FieldMark& mark) {
  if (mark.item_id.empty() || mark.field.empty() || mark.part < 0) return {};
  std::string name(kPrefix);
  for (char c : mark.field) {
    if (!IsLetter(c)) return {};
    name += c;
  }
  if (mark.part > 0) name += std::to_string(mark.part);
  name += '_';
  for (char c : mark.item_id) {
    if (IsLetter(c) || IsDigit(c))
      name += c;
    else if (c == '_')
      name += "_u";
    else if (c == '.')
      name += "_d";
    else if (c == '-')
      name += "_h";
    else
      return {};
  }
  if (name.size() > kMaxMarkNameLength) return {};
  return name;
}

std::optional<FieldMark> ParseFieldMarkName(std::string_view name) {
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  name.remove_prefix(kPrefix.size());
  FieldMark mark;
  size_t i = 0;
  while (i < name.size() && IsLetter(name[i])) mark.field += name[i++];
  if (mark.field.empty()) return std::nullopt;
  if (i < name.size() && IsDigit(name[i])) {
    int part = 0;
    while (i < name.size() && IsDigit(name[i]) && part < 100000)
      part = part * 10 + (name[i++] - '0');
    mark.part = part;
  }
  if (i >= name.size() || name[i] != '_') return std::nullopt;
  ++i;
  while (i < name.size()) {
    char c = name[i++];
    if (c != '_') {
      if (!IsLetter(c) && !IsDigit(c)) return std::nullopt;
      mark.item_id += c;
      continue;
    }
    if (i >= name.size()) return std::nullopt;
    char code = name[i++];
    if (code == 'u')
      mark.item_id += '_';
    else if (code == 'd')
      mark.item_id += '.';
    else if (code == 'h')
      mark.item_id += '-';
    else
      return std::nullopt;
  }
  if (mark.item_id.empty() || !IsLetter(mark.item_id[0])) return std::nullopt;
  return mark;
}

}  // namespace ehcp::doc
