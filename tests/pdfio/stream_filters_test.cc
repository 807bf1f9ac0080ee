#include "pdfio/stream_filters.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace ehcp::pdfio {
namespace {

// A plain LZW encoder as PDF writers have it (9-12 bit codes, a clear code first and
// whenever the table fills, EarlyChange 1 unless `early` is false), to test the decoder
// on data of any size.
std::string LzwEncode(const std::string& input, bool early = true) {
  std::string out;
  uint32_t buffer = 0;
  int buffered = 0, bits = 9, next = 258;
  auto put = [&](int code) {
    buffer = (buffer << bits) | static_cast<uint32_t>(code);
    buffered += bits;
    while (buffered >= 8) {
      out += static_cast<char>((buffer >> (buffered - 8)) & 0xFF);
      buffered -= 8;
    }
  };
  std::map<std::string, int> table;
  auto reset = [&] {
    table.clear();
    for (int c = 0; c < 256; ++c) table[std::string(1, static_cast<char>(c))] = c;
    next = 258;
  };
  reset();
  put(256);
  std::string w;
  for (char c : input) {
    std::string wc = w + c;
    if (table.count(wc)) {
      w = wc;
      continue;
    }
    put(table[w]);
    table[wc] = next++;
    if (next + (early ? 1 : 0) > (1 << bits) && bits < 12) ++bits;
    if (next == 4096 - (early ? 1 : 0)) {
      put(256);
      reset();
      bits = 9;
    }
    w = std::string(1, c);
  }
  if (!w.empty()) put(table[w]);
  put(257);
  if (buffered > 0) out += static_cast<char>((buffer << (8 - buffered)) & 0xFF);
  return out;
}

TEST(StreamFilters, LzwDecodesTheSpecificationsExample) {
  // PDF 32000-1 §7.4.4.2: 2D 2D 2D 2D 2D 41 2D 2D 2D 42 encodes as 80 0B 60 50 22 0C 0C 85 01.
  EXPECT_EQ(LzwDecode("\x80\x0B\x60\x50\x22\x0C\x0C\x85\x01", true, 1 << 20), "-----A---B");
  EXPECT_EQ(LzwEncode("-----A---B"), "\x80\x0B\x60\x50\x22\x0C\x0C\x85\x01");
}

TEST(StreamFilters, LzwRoundTripsThroughEveryCodeWidthAndTableReset) {
  std::mt19937 random(7);
  for (size_t size : {0u, 1u, 300u, 5000u, 200000u}) {
    std::string text;
    // Few distinct bytes make long strings (the KwKwK case); many fill the table.
    int alphabet = size > 100000 ? 256 : 4;
    for (size_t i = 0; i < size; ++i) text += static_cast<char>(random() % alphabet);
    for (bool early : {true, false}) {
      auto decoded = LzwDecode(LzwEncode(text, early), early, 1 << 24);
      ASSERT_TRUE(decoded.has_value()) << size;
      EXPECT_EQ(*decoded, text) << "size " << size << " early " << early;
    }
  }
}

TEST(StreamFilters, LzwRefusesBadCodesAndStopsAtTheLimit) {
  EXPECT_EQ(LzwDecode("\x80\x7F\xFF\xF0", true, 1 << 20), std::nullopt);  // a code not yet defined
  std::string zeros(100000, '\0');
  EXPECT_EQ(LzwDecode(LzwEncode(zeros), true, 1000), std::nullopt);
}

TEST(StreamFilters, Ascii85DecodesGroupsZerosAndAShortLastGroup) {
  EXPECT_EQ(Ascii85Decode("6<#'\\7PQ#?1*BP.+=KclCi\"#4GAhM<A18X#C*5rE~>"),
            "BT /F1 12 Tf (Hello world) Tj ET");
  EXPECT_EQ(Ascii85Decode("<~z@:B~>"), std::string("\0\0\0\0ab", 6));
  EXPECT_EQ(Ascii85Decode("6<#'\\7P\nQ#?1*BP.+=Kcl Ci\"#4GAhM<A18X#C*5rE~>"),
            "BT /F1 12 Tf (Hello world) Tj ET");
  EXPECT_EQ(Ascii85Decode("abc{~>"), std::nullopt);    // not an ASCII85 character
  EXPECT_EQ(Ascii85Decode("s8W-\"~>"), std::nullopt);  // a group above 2^32 - 1
}

TEST(StreamFilters, RunLengthAndAsciiHex) {
  // 2 literal bytes "ab", then "x" 4 times, then end of data.
  EXPECT_EQ(RunLengthDecode(std::string("\x01"
                                        "ab"
                                        "\xFD"
                                        "x"
                                        "\x80"
                                        "junk",
                                        10),
                            1000),
            "abxxxx");
  EXPECT_EQ(RunLengthDecode(std::string("\x81"
                                        "z",
                                        2),
                            50),
            std::nullopt);  // 128 bytes > limit
  EXPECT_EQ(AsciiHexDecode("48 65 6C\n6c 6F 7>"), "Hellop");
  EXPECT_EQ(AsciiHexDecode("4G>"), std::nullopt);
}

}  // namespace
}  // namespace ehcp::pdfio
