#include "policy/wording.h"

namespace ehcp {

std::string_view PlaceholderName(std::string_view inside_braces) {
  return inside_braces.substr(0, inside_braces.find('|'));
}

std::string FillWording(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    std::string_view inside = close == std::string::npos
                                  ? std::string_view()
                                  : std::string_view(text).substr(i + 1, close - i - 1);
    auto value = close == std::string::npos ? values.end()
                                            : values.find(std::string(PlaceholderName(inside)));
    if (value == values.end()) {
      out += text[i++];
      continue;
    }
    if (size_t bar = inside.find('|'); bar == std::string_view::npos) {
      out += value->second;
    } else {
      // {name|one|other}: the form for this number.
      std::string_view forms = inside.substr(bar + 1);
      size_t second = forms.find('|');
      std::string_view one = forms.substr(0, second);
      std::string_view other = second == std::string_view::npos ? one : forms.substr(second + 1);
      out += value->second == "1" ? one : other;
    }
    i = close + 1;
  }
  return out;
}

std::string Counted(long long count, std::string_view one, std::string_view other) {
  return std::to_string(count) + " " + std::string(count == 1 || count == -1 ? one : other);
}

}  // namespace ehcp
