#pragma once

// The DRAFT watermark: a VML text shape behind the text, anchored in the header so it
// repeats on every page. It is page furniture, not body content, so its absolute position
// does not affect editing; Word's Design > Watermark recognises and removes it by name.

#include <string>
#include <string_view>

namespace ehcp::docx {

// Appends a w:r holding the watermark shape for `text`. The header part must declare
// the v, o and w10 namespaces.
void AppendWatermarkRun(std::string& out, std::string_view text);

}  // namespace ehcp::docx
