#pragma once

// How deeply a Mustache template nests sections ({{#x}} or {{^x}} ... {{/x}}). The
// engine's (kainjow's) memory grows with the square of the depth, so every template a
// council can edit (template.json strings, the lint and diff report pages) is measured
// before it is parsed and refused past kMaxMustacheSectionDepth. Header-only: the report
// and diff stages use it without linking the document stage.

#include <algorithm>
#include <string_view>

namespace ehcp {

inline constexpr int kMaxMustacheSectionDepth = 16;

inline int MustacheSectionDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  for (size_t at = text.find("{{"); at != std::string_view::npos && at + 2 < text.size();
       at = text.find("{{", at + 2)) {
    char kind = text[at + 2];
    if (kind == '#' || kind == '^') deepest = std::max(deepest, ++depth);
    if (kind == '/' && depth > 0) --depth;
  }
  return deepest;
}

}  // namespace ehcp
