#pragma once

// The name a field mark goes by inside a written document (a DOCX bookmark), and back.
// Shared by the DOCX writer and reader so the two can never disagree. Bookmark names hold
// letters, digits and '_' only, at most 40 characters: "ehcp_description2_H1_d1" is part 2
// of H1.1's description ('_' in an id is "_u", '.' is "_d", '-' is "_h").

#include <optional>
#include <string>
#include <string_view>

#include "document/document.h"

namespace ehcp::doc {

inline constexpr size_t kMaxMarkNameLength = 40;

// Empty when the mark cannot be named within the limit (an id near 40 characters).
std::string FieldMarkName(const FieldMark& mark);

// The mark a name stands for; nothing for any other bookmark.
std::optional<FieldMark> ParseFieldMarkName(std::string_view name);

}  // namespace ehcp::doc
