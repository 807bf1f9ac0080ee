#include "bundle/content_text_scan.h"

#include <cstddef>

namespace ehcp {

namespace {

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}

// Skips a literal string starting at s[i] == '(' (nested parentheses, backslash escapes).
size_t SkipLiteral(std::string_view s, size_t i) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) return i + 1;
    }
  }
  return s.size();
}

// Skips inline image data after "ID": up to whitespace + "EI" + whitespace or the end.
size_t SkipInlineImage(std::string_view s, size_t i) {
  for (; i + 2 < s.size(); ++i) {
    if (IsWhite(s[i]) && s[i + 1] == 'E' && s[i + 2] == 'I' &&
        (i + 3 == s.size() || IsWhite(s[i + 3]) || IsDelimiter(s[i + 3])))
      return i + 3;
  }
  return s.size();
}

}  // namespace

bool ContentShowsText(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsWhite(c)) {
      ++i;
    } else if (c == '%') {
      while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (c == '(') {
      i = SkipLiteral(s, i);
    } else if (c == '<') {
      if (i + 1 < s.size() && s[i + 1] == '<') {
        i += 2;  // dictionary start
      } else {
        while (i < s.size() && s[i] != '>') ++i;  // hex string
        ++i;
      }
    } else if (IsDelimiter(c)) {
      ++i;
      if (c == '/') {  // a name: skip its characters
        while (i < s.size() && !IsWhite(s[i]) && !IsDelimiter(s[i])) ++i;
      }
    } else {
      size_t start = i;
      while (i < s.size() && !IsWhite(s[i]) && !IsDelimiter(s[i])) ++i;
      std::string_view token = s.substr(start, i - start);
      if (token == "Tj" || token == "TJ" || token == "'" || token == "\"") return true;
      if (token == "ID") i = SkipInlineImage(s, i);
    }
  }
  return false;
}

}  // namespace ehcp
