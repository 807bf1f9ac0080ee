#pragma once

// The stream filters of PDF 32000-1 §7.4 besides Flate (FlateDecode in pdf_reader.h):
// ASCIIHex, ASCII85, RunLength and LZW. Old producers, scanners and distillers still
// write them, and a page whose text is in such a stream must not be taken for a scanned
// image. Each returns nullopt on data it cannot decode, and stops at `limit` bytes of
// output (a few bytes of LZW or RunLength can ask for far more).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ehcp::pdfio {

std::optional<std::string> AsciiHexDecode(std::string_view data);
std::optional<std::string> Ascii85Decode(std::string_view data);
std::optional<std::string> RunLengthDecode(std::string_view data, size_t limit);
// `early_change`: the /EarlyChange parameter (1 unless a stream says 0): code widths
// grow one code early.
std::optional<std::string> LzwDecode(std::string_view data, bool early_change, size_t limit);

}  // namespace ehcp::pdfio
