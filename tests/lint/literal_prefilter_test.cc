#include "lint/literal_prefilter.h"

#include <gtest/gtest.h>
#include <unicode/regex.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/file_text.h"

namespace ehcp {
namespace {

using Strings = std::vector<std::string>;

Strings Sorted(Strings s) {
  std::sort(s.begin(), s.end());
  return s;
}

TEST(RequiredLiterals, LiteralRunsAndOptionalPartsMultiplyOut) {
  EXPECT_EQ(RequiredLiterals("regular(ly)?"), Sorted({"regular", "regularly"}));
  EXPECT_EQ(RequiredLiterals("as (and when )?(required|needed)"),
            Sorted({"as required", "as needed", "as and when required", "as and when needed"}));
  EXPECT_EQ(RequiredLiterals("(the )?setting will"), Sorted({"setting will", "the setting will"}));
}

TEST(RequiredLiterals, ClassesAndRepeatsAreSkippedNotRequired) {
  EXPECT_EQ(RequiredLiterals("\\d+ ?%"), Sorted({"%", " %"}));
  EXPECT_EQ(RequiredLiterals("\\d+ (out of|/) ?\\d+"),
            Sorted({" out of", " out of ", " /", " / "}));
  EXPECT_EQ(RequiredLiterals("ab*c"),
            Sorted({"a"}));  // b* may be absent or repeated: a and c apart
  EXPECT_EQ(RequiredLiterals("by (Year|age) \\d+"), Sorted({"by Year ", "by age "}));
  EXPECT_EQ(RequiredLiterals("\\[[^\\]]{0,60}\\]"), Strings{"["});
  // A group that turns case folding off keeps its literals (the filter is never stricter).
  EXPECT_EQ(RequiredLiterals("\\[(?:(?-i:[A-Z]+)|name)\\]"), Sorted({"["}));
  EXPECT_EQ(RequiredLiterals("(?-i:He|She) may"), Sorted({"He may", "She may"}));
}

TEST(RequiredLiterals, ZeroWidthAssertionsRequireNothing) {
  EXPECT_EQ(RequiredLiterals("(?<!\\d )may(?! \\d{4})"), Strings{"may"});
  EXPECT_EQ(RequiredLiterals("^\\bTBC\\b$"), Strings{"TBC"});
  EXPECT_EQ(RequiredLiterals("\\Qa.b\\E"), Strings{"a.b"});
}

TEST(RequiredLiterals, GivesUpWhenNothingIsRequiredOrSyntaxIsUnknown) {
  EXPECT_EQ(RequiredLiterals("[A-Z]{3,}"), std::nullopt);
  EXPECT_EQ(RequiredLiterals("x?"), std::nullopt);
  EXPECT_EQ(RequiredLiterals("abc|\\d+"), std::nullopt);  // one alternative needs no literal
  EXPECT_EQ(RequiredLiterals("(?i)abc"), std::nullopt);   // flags change matching
  EXPECT_EQ(RequiredLiterals("(?i:abc)"),
            std::nullopt);  // folding turned on: the literal would be too strict
  EXPECT_EQ(RequiredLiterals("(abc"), std::nullopt);    // malformed
  EXPECT_EQ(RequiredLiterals("\\qabc"), std::nullopt);  // unknown escape
}

TEST(LiteralPrefilter, FindsAnyRequiredLiteralCaseInsensitively) {
  LiteralPrefilter filter({Strings{"as required"}, Strings{"%"}}, false);
  EXPECT_TRUE(filter.MayMatch("Support AS REQUIRED by staff"));
  EXPECT_TRUE(filter.MayMatch("reach 80 % accuracy"));
  EXPECT_FALSE(filter.MayMatch("Three sessions of 30 minutes a week"));
  EXPECT_FALSE(filter.MayMatch(""));
}

TEST(LiteralPrefilter, FoldsUnicodeTextBeforeLooking) {
  LiteralPrefilter filter({Strings{"straße"}, Strings{"kelvin"}}, false);
  EXPECT_TRUE(filter.MayMatch("die STRASSE"));  // ß folds to ss on both sides
  EXPECT_TRUE(filter.MayMatch("\u212Aelvin"));  // KELVIN SIGN folds to k
  EXPECT_FALSE(filter.MayMatch("Zoë's views"));
}

TEST(LiteralPrefilter, CaseSensitiveListsCompareBytes) {
  LiteralPrefilter filter({Strings{"TBC"}}, true);
  EXPECT_TRUE(filter.MayMatch("date TBC"));
  EXPECT_FALSE(filter.MayMatch("date tbc"));
}

TEST(LiteralPrefilter, AnUnfilterableTermLetsEverythingThrough) {
  LiteralPrefilter filter({Strings{"abc"}, std::nullopt}, false);
  EXPECT_TRUE(filter.MayMatch("nothing relevant"));
}

TEST(LiteralPrefilter, OverlappingLiteralsAreAllFound) {
  // Aho–Corasick failure links: "she" inside "ushers" reached via the "he"/"hers" paths.
  LiteralPrefilter filter({Strings{"hers"}, Strings{"she"}}, false);
  EXPECT_TRUE(filter.MayMatch("ushe"));
  EXPECT_TRUE(filter.MayMatch("xhhers"));
  EXPECT_FALSE(filter.MayMatch("shhe her"));
}

TEST(LiteralPrefilter, ALongLiteralStandsForItsFirstSixteenBytes) {
  // "speech and langu" is what the automaton holds; the regex decides the rest.
  LiteralPrefilter filter({Strings{"speech and language therapy"}}, false);
  EXPECT_TRUE(filter.MayMatch("Weekly SPEECH AND LANGUAGE THERAPY sessions"));
  EXPECT_TRUE(filter.MayMatch("speech and language"));  // let through, never stopped
  EXPECT_FALSE(filter.MayMatch("speech and lang"));
  // Cut at a character boundary: "é" is two bytes at offsets 15 and 16.
  LiteralPrefilter accented({Strings{"abcdefghijklmnoé and more"}}, false);
  EXPECT_TRUE(accented.MayMatch("ABCDEFGHIJKLMNO"));
  EXPECT_TRUE(accented.MayMatch("abcdefghijklmnoé and more"));
  EXPECT_FALSE(accented.MayMatch("abcdefghijklmn"));
}

TEST(LiteralPrefilter, CandidatesNameEveryTermWhoseLiteralsOccur) {
  // Term 2 cannot be filtered (always a candidate); term 3 is left out (never one).
  LiteralPrefilter filter(
      {Strings{"hers"}, Strings{"she", "as needed"}, std::nullopt, Strings{}, Strings{"he"}},
      false);
  std::vector<char> candidates;
  EXPECT_TRUE(filter.Candidates("USHERS AS NEEDED", candidates));
  EXPECT_EQ(candidates, (std::vector<char>{1, 1, 1, 0, 1}));
  EXPECT_TRUE(filter.Candidates("a hen", candidates));  // via "he" only
  EXPECT_EQ(candidates, (std::vector<char>{0, 0, 1, 0, 1}));
  EXPECT_TRUE(filter.Candidates("Zoë's view", candidates));  // folded, nothing found
  EXPECT_EQ(candidates, (std::vector<char>{0, 0, 1, 0, 0}));
  // Terms before and after a character over U+007F, the bytes past the first eight and
  // at the end: the text is folded and scanned whole, so none is lost.
  EXPECT_TRUE(filter.Candidates("USHERS then HE \u2014 she, AS NEEDED\u2026", candidates));
  EXPECT_EQ(candidates, (std::vector<char>{1, 1, 1, 0, 1}));
  std::vector<uint32_t> ids;
  filter.AppendCandidates("Hers first, caf\u00e9 later", ids);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  EXPECT_EQ(ids, (std::vector<uint32_t>{0, 2, 4}));  // "hers" holds "he"; 2 unfiltered
  LiteralPrefilter filterable({Strings{"tbc"}, Strings{}}, false);
  EXPECT_FALSE(filterable.Candidates("date to be confirmed", candidates));
  EXPECT_EQ(candidates, (std::vector<char>{0, 0}));
  EXPECT_TRUE(filterable.Candidates("date TBC", candidates));
  EXPECT_EQ(candidates, (std::vector<char>{1, 0}));
}

// --- Soundness over the real word lists -------------------------------------------------
// For every term in quality/ and every sentence of the samples (as written, upper-cased
// and lower-cased): whenever ICU's regex finds the term, the prefilter must let the text
// through. A failure here would mean a finding silently lost.

std::string Unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, std::strlen(from), to);
  return s;
}

struct Term {
  std::string regex;
  bool literal;
};

std::vector<Term> QualityTerms() {
  std::vector<Term> terms;
  std::regex attribute(R"re(<term\s[^>]*?(regex|text)="([^"]*)")re");
  for (const auto& entry : std::filesystem::directory_iterator(EHCP_SOURCE_DIR "/quality/rules")) {
    std::string xml = testing::ReadFileText(entry.path());
    for (std::sregex_iterator it(xml.begin(), xml.end(), attribute), end; it != end; ++it)
      terms.push_back(Term{Unescape((*it)[2]), (*it)[1] == "text"});
  }
  return terms;
}

std::vector<std::string> SampleSentences() {
  std::vector<std::string> sentences;
  std::regex tag("<[^>]*>");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(EHCP_SAMPLES)) {
    if (entry.path().extension() != ".xml") continue;
    std::string text = Unescape(std::regex_replace(testing::ReadFileText(entry.path()), tag, "\n"));
    std::stringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      line = std::regex_replace(line, std::regex("\\s+"), " ");
      if (line.size() < 3) continue;
      std::string upper = line, lower = line;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return std::toupper(c); });
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return std::tolower(c); });
      sentences.insert(sentences.end(), {line, upper, lower});
    }
  }
  return sentences;
}

TEST(LiteralPrefilter, NeverHidesARegexMatchInTheSamples) {
  std::vector<Term> terms = QualityTerms();
  std::vector<std::string> sentences = SampleSentences();
  ASSERT_GT(terms.size(), 100u);
  ASSERT_GT(sentences.size(), 1000u);
  size_t matched = 0, filtered = 0;
  for (const Term& term : terms) {
    std::string pattern = term.literal ? "\\Q" + term.regex + "\\E" : term.regex;
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::RegexPattern> regex(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, parse_error, status));
    ASSERT_TRUE(U_SUCCESS(status)) << term.regex;
    auto required =
        term.literal ? std::optional<Strings>(Strings{term.regex}) : RequiredLiterals(term.regex);
    filtered += required.has_value();
    LiteralPrefilter filter({required}, false);
    for (const auto& sentence : sentences) {
      icu::UnicodeString text = icu::UnicodeString::fromUTF8(sentence);
      std::unique_ptr<icu::RegexMatcher> matcher(regex->matcher(text, status));
      if (!matcher->find()) continue;
      ++matched;
      EXPECT_TRUE(filter.MayMatch(sentence))
          << "term \"" << term.regex << "\" matches \"" << sentence << "\"";
    }
  }
  EXPECT_GT(matched, 100u);                    // the corpus does exercise the lists
  EXPECT_GT(filtered, terms.size() * 9 / 10);  // and nearly every term is filterable
}

}  // namespace
}  // namespace ehcp
