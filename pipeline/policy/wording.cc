#include "policy/wording.h"

namespace ehcp {

std::string FillWording(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    auto value =
        close == std::string::npos ? values.end() : values.find(text.substr(i + 1, close - i - 1));
    if (value == values.end()) {
      out += text[i++];
      continue;
    }
    out += value->second;
    i = close + 1;
  }
  return out;
}

}  // namespace ehcp
