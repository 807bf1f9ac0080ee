#include "loader/xml_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace ehcp::xml_text {
namespace {

// The block-at-a-time collapse against the byte-at-a-time definition, on text built from
// the bytes that matter (each kind of white space, ASCII, UTF-8 lead and continuation
// bytes, a control character) at every length and alignment around the 8-byte blocks.
TEST(XmlTextTest, TheFastCollapseIsTheSimpleOne) {
  const std::string alphabet = std::string(" \t\n\r  aZ.,'") + "\xC3\xA9\x01";
  std::mt19937 random(17);
  for (int round = 0; round < 40000; ++round) {
    std::string text;
    const size_t length = random() % 40;
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    bool fast_ascii = false, simple_ascii = false;
    const std::string fast = CollapseSpace(text, fast_ascii);
    const std::string simple = CollapseSpaceSimple(text, simple_ascii);
    ASSERT_EQ(fast, simple) << "for \"" << text << "\"";
    ASSERT_EQ(fast_ascii, simple_ascii) << "for \"" << text << "\"";
  }
}

TEST(XmlTextTest, CollapsesTrimsAndNormalises) {
  bool ascii = false;
  EXPECT_EQ(CollapseSpace("  two  words\there \r\n and   more   text  ", ascii),
            "two words here and more text");
  EXPECT_TRUE(ascii);
  EXPECT_EQ(CollapseSpace(" \n\t ", ascii), "");
  EXPECT_EQ(CollapseSpace("eight ch", ascii), "eight ch");
  EXPECT_EQ(CollapseSpace("eight ch ", ascii), "eight ch");
  EXPECT_EQ(CollapseSpace("seven c  x", ascii), "seven c x");
  EXPECT_EQ(Clean("Zoe\xCC\x88  is  here"), "Zo\xC3\xAB is here");
}

}  // namespace
}  // namespace ehcp::xml_text
