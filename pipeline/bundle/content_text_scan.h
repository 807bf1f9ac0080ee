#pragma once

#include <string_view>

namespace ehcp {

// True when a decoded PDF content stream shows text: it uses one of the text-showing
// operators Tj, TJ, ' or ". Invisible OCR text (render mode 3) counts, since it is what
// makes a scanned page searchable. String literals, hex strings, comments and inline
// image data are skipped, so "(Tj)" inside a string or image bytes do not count.
bool ContentShowsText(std::string_view content);

}  // namespace ehcp
