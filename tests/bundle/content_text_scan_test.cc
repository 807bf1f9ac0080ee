#include "bundle/content_text_scan.h"

#include <gtest/gtest.h>

namespace ehcp {
namespace {

TEST(ContentShowsText, FindsEveryTextShowingOperator) {
  EXPECT_TRUE(ContentShowsText("BT /F1 12 Tf 72 700 Td (Hello) Tj ET"));
  EXPECT_TRUE(ContentShowsText("BT /F1 12 Tf [(A) -20 (B)] TJ ET"));
  EXPECT_TRUE(ContentShowsText("BT /F1 12 Tf (next line) ' ET"));
  EXPECT_TRUE(ContentShowsText("BT /F1 12 Tf 1 2 (spaced) \" ET"));
  EXPECT_TRUE(ContentShowsText("BT 3 Tr /F1 9 Tf <00410042> Tj ET"));  // invisible OCR text
}

TEST(ContentShowsText, ImagesAndPathsAreNotText) {
  EXPECT_FALSE(ContentShowsText(""));
  EXPECT_FALSE(ContentShowsText("q 595 0 0 842 0 0 cm /Im0 Do Q"));
  EXPECT_FALSE(ContentShowsText("0.5 w 10 10 m 100 100 l S"));
  EXPECT_FALSE(ContentShowsText("BT /F1 12 Tf 72 700 Td ET"));  // a text object showing nothing
}

TEST(ContentShowsText, OperatorNamesInsideStringsNamesAndCommentsDoNotCount) {
  EXPECT_FALSE(ContentShowsText("/Tj gs"));
  EXPECT_FALSE(ContentShowsText("% Tj in a comment\nq Q"));
  EXPECT_FALSE(ContentShowsText("/P <</ActualText (Tj \\) TJ (nested) ')>> BDC EMC"));
  EXPECT_FALSE(ContentShowsText("<< /Tag <546a> >> pop"));
  EXPECT_FALSE(ContentShowsText("TjX XTJ"));
}

TEST(ContentShowsText, InlineImageBytesAreSkipped) {
  std::string content = "q BI /W 2 /H 1 /BPC 8 /CS /G ID \x01 Tj \x02\n EI Q";
  EXPECT_FALSE(ContentShowsText(content));
  EXPECT_TRUE(ContentShowsText(content + " BT (x) Tj ET"));
}

}  // namespace
}  // namespace ehcp
