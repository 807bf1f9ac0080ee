#include "document/text_script.h"

#include <gtest/gtest.h>

#include "document/document.h"

namespace ehcp {
namespace {

TEST(MakeAnchor, LowerCaseLettersDigitsAndHyphens) {
  EXPECT_EQ(doc::MakeAnchor("Section B"), "section-b");
  EXPECT_EQ(doc::MakeAnchor("H1.2"), "h1-2");
  EXPECT_EQ(doc::MakeAnchor("  Need: B1!  "), "need-b1");
  EXPECT_EQ(doc::MakeAnchor("Café 2"), "caf-2");
  EXPECT_EQ(doc::MakeAnchor("!!!"), "x");  // never empty
}

TEST(TextScript, SplitsNamesByScript) {
  auto runs = SplitScriptRuns("Mariam Haddad (مريم حداد)");
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].text, "Mariam Haddad (");
  EXPECT_EQ(runs[0].script, Script::kLatin);
  EXPECT_EQ(runs[1].text, "مريم حداد");
  EXPECT_EQ(runs[1].script, Script::kArabic);
  EXPECT_EQ(runs[2].text, ")");

  auto single = SplitScriptRuns("Łucja Nowak");
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].script, Script::kLatin);

  auto cyrillic = SplitScriptRuns("Олена");
  ASSERT_EQ(cyrillic.size(), 1u);
  EXPECT_EQ(cyrillic[0].script, Script::kCyrillic);
  EXPECT_TRUE(SplitScriptRuns("").empty());
}

TEST(TextScript, InvalidUtf8DoesNotCrash) {
  auto runs = SplitScriptRuns(std::string("ab\xff\xfe", 4));
  ASSERT_FALSE(runs.empty());
  EXPECT_EQ(runs[0].text.substr(0, 2), "ab");
}

TEST(TextScript, LanguagesMapToScripts) {
  EXPECT_EQ(ScriptOfLanguage("ar"), Script::kArabic);
  EXPECT_EQ(ScriptOfLanguage("uk-UA"), Script::kCyrillic);
  EXPECT_EQ(ScriptOfLanguage("PL"), Script::kLatin);
  EXPECT_FALSE(ScriptOfLanguage("xx").has_value());
}

// Punjabi is written in Gurmukhi in India and in Shahmukhi (Arabic script) in Pakistan:
// the tag's script subtag, when there is one, decides.
TEST(TextScript, AScriptSubtagWinsOverTheLanguage) {
  EXPECT_EQ(ScriptOfLanguage("pa"), Script::kGurmukhi);
  EXPECT_EQ(ScriptOfLanguage("pa-Arab"), Script::kArabic);
  EXPECT_EQ(ScriptOfLanguage("pa-Arab-PK"), Script::kArabic);
  EXPECT_EQ(ScriptOfLanguage("sr-Latn"), Script::kLatin);
  EXPECT_EQ(ScriptOfLanguage("zh-Hant-HK"), Script::kHan);
  EXPECT_EQ(ScriptOfLanguage("pnb"), Script::kArabic);   // Western Punjabi
  EXPECT_EQ(ScriptOfLanguage("syl"), Script::kBengali);  // Sylheti
  EXPECT_EQ(ScriptOfLanguage("ti"), Script::kEthiopic);
  EXPECT_FALSE(ScriptOfLanguage("xx-Zzzz").has_value());
}

// Chinese and Ethiopic names are their own runs; full-width punctuation between them
// is shared, as ASCII punctuation is.
TEST(TextScript, ChineseEthiopicAndThaiAreTheirOwnRuns) {
  auto runs = SplitScriptRuns("Wang (王小明), ሰላም, สมศรี");
  ASSERT_EQ(runs.size(), 6u);
  EXPECT_EQ(runs[1].text, "王小明");
  EXPECT_EQ(runs[1].script, Script::kHan);
  EXPECT_EQ(runs[3].text, "ሰላም");
  EXPECT_EQ(runs[3].script, Script::kEthiopic);
  EXPECT_EQ(runs[5].text, "สมศรี");
  EXPECT_EQ(runs[5].script, Script::kThai);
  EXPECT_EQ(ScriptOf(U'\uFF0C'), Script::kCommon);  // FULLWIDTH COMMA
  EXPECT_EQ(ScriptOf(U'\u3002'), Script::kCommon);  // IDEOGRAPHIC FULL STOP
}

}  // namespace
}  // namespace ehcp
