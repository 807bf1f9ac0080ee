#include "plan_diff/word_diff.h"

#include <gtest/gtest.h>

#include "plan_diff/diff_report.h"

namespace ehcp {
namespace {

TEST(WordDiffTest, TokensAreWordsNumbersAndPunctuation) {
  std::vector<WordToken> tokens = Tokenize("Twice a week, for 45 minutes.");
  std::vector<std::string> texts;
  for (const auto& t : tokens) texts.push_back(t.text);
  EXPECT_EQ(texts,
            (std::vector<std::string>{"Twice", "a", "week", ",", "for", "45", "minutes", "."}));
  EXPECT_FALSE(tokens[0].space_before);
  EXPECT_TRUE(tokens[1].space_before);
  EXPECT_FALSE(tokens[3].space_before);  // the comma follows "week" directly
}

TEST(WordDiffTest, NonAsciiLettersStayInOneWord) {
  std::vector<WordToken> tokens = Tokenize("café crème");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].text, "café");
}

TEST(WordDiffTest, MarksDeletedAndInsertedWords) {
  WordDiff diff = DiffWords("Three times a week, in tutor time", "Twice a week, in tutor time");
  EXPECT_FALSE(diff.replaced);
  EXPECT_EQ(MarkedText(diff), "[-Three times-]{+Twice+} a week, in tutor time");
}

TEST(WordDiffTest, InsertionInTheMiddle) {
  WordDiff diff = DiffWords("words set each week", "words set each fortnight by the teacher");
  EXPECT_EQ(MarkedText(diff), "words set each [-week-]{+fortnight by the teacher+}");
}

TEST(WordDiffTest, IdenticalTextsAreOneUnchangedPiece) {
  WordDiff diff = DiffWords("no change here.", "no change here.");
  ASSERT_EQ(diff.pieces.size(), 1u);
  EXPECT_EQ(diff.pieces[0].op, DiffOp::kSame);
  EXPECT_EQ(diff.pieces[0].text, "no change here.");
}

TEST(WordDiffTest, EmptySidesAreWholeInsertionsOrDeletions) {
  EXPECT_EQ(MarkedText(DiffWords("", "new words")), "{+new words+}");
  EXPECT_EQ(MarkedText(DiffWords("old words", "")), "[-old words-]");
}

TEST(WordDiffTest, BigInputFallsBackToReplacedWithoutAQuadraticTable) {
  // 200,000 distinct tokens a side would need 4e10 cells; the bound stops at 1,000.
  std::string a, b;
  for (int i = 0; i < 200000; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  std::string old_text = "same start " + a + "same end";
  std::string new_text = "same start " + b + "same end";
  WordDiff diff = DiffWords(old_text, new_text, 1000);
  EXPECT_TRUE(diff.replaced);
  ASSERT_EQ(diff.pieces.size(), 4u);
  EXPECT_EQ(diff.pieces[0].text, "same start");
  EXPECT_EQ(diff.pieces[1].op, DiffOp::kDeleted);
  EXPECT_EQ(diff.pieces[2].op, DiffOp::kInserted);
  EXPECT_EQ(diff.pieces[3].text, "same end");
}

TEST(WordDiffTest, WithinTheBoundTheDiffIsExact) {
  WordDiff diff = DiffWords("a b c d", "a x c d", 4);  // 1 x 1 cells after trimming
  EXPECT_FALSE(diff.replaced);
  EXPECT_EQ(MarkedText(diff), "a [-b-]{+x+} c d");
}

}  // namespace
}  // namespace ehcp
