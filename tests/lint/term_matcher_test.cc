#include "lint/term_matcher.h"

#include <gtest/gtest.h>

namespace ehcp {
namespace {

std::unique_ptr<TermMatcher> Compile(std::vector<WordListTerm> terms, bool case_sensitive = false) {
  WordListSpec list;
  list.name = "test";
  list.case_sensitive = case_sensitive;
  list.terms = std::move(terms);
  DiagnosticList diagnostics;
  auto matcher = TermMatcher::Compile(list, diagnostics);
  EXPECT_TRUE(diagnostics.Empty());
  return matcher;
}

WordListTerm Text(std::string text) {
  return WordListTerm{std::move(text), {}, {}, {}, {}};
}
WordListTerm Regex(std::string regex) {
  return WordListTerm{{}, std::move(regex), {}, {}, {}};
}

TEST(TermMatcher, MatchesWholeWordsCaseInsensitively) {
  auto m = Compile({Regex("regular(ly)?"), Text("access to")});
  auto hits = m->FindAll("Regular sessions. ACCESS TO therapy, but irregularly and accessible.");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].text, "Regular");
  EXPECT_EQ(hits[0].term, 0u);
  EXPECT_EQ(hits[1].text, "ACCESS TO");
  EXPECT_EQ(hits[1].term, 1u);
}

TEST(TermMatcher, LiteralsWithPunctuationStillMatch) {
  auto m = Compile({Text("e.g."), Regex("etc\\.?"), Regex("\\[[^\\]]{0,60}\\]")});
  auto hits = m->FindAll("Resources, e.g. books etc. and [INSERT DATE].");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].text, "e.g.");
  EXPECT_EQ(hits[1].text, "etc");  // \b cannot follow the dot, so the optional dot is left out
  EXPECT_EQ(hits[2].text, "[INSERT DATE]");
}

TEST(TermMatcher, OffsetsAreUtf8Bytes) {
  auto m = Compile({Text("access to")});
  std::string text = "Zoë’s plan: access to therapy";  // ë is 2 bytes, ’ is 3
  auto hits = m->FindAll(text);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(text.substr(hits[0].begin, hits[0].end - hits[0].begin), "access to");
  EXPECT_EQ(hits[0].begin, text.find("access"));
}

TEST(TermMatcher, CaseSensitiveListsKeepCase) {
  auto m = Compile({Text("OT"), Text("SENCO")}, true);
  EXPECT_TRUE(m->FindAll("not an ot, nor a Senco").empty());
  EXPECT_EQ(m->FindAll("The OT and the SENCO").size(), 2u);
}

TEST(TermMatcher, RegexWithOwnGroupsKeepsTermIndexes) {
  auto m = Compile({Regex("(a|b)(c|d)"), Text("zeta")});
  auto hits = m->FindAll("zeta bd");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].term, 1u);
  EXPECT_EQ(hits[1].term, 0u);
}

// A text is searched with the alternation of the terms that may match it; what is found
// is what the whole list finds: leftmost first, the earlier term winning at a position,
// term indexes and inner groups kept.
TEST(TermMatcher, SearchingOnlyTheCandidateTermsFindsWhatTheWholeListFinds) {
  auto m = Compile({Text("as required"), Regex("as (and when )?(required|needed)"), Text("support"),
                    Regex("(regular|frequent)(ly)?"), Text("as needed")});
  auto hits = m->FindAll("Support as needed, frequently; as and when required; as required.");
  ASSERT_EQ(hits.size(), 5u);
  EXPECT_EQ(hits[0].term, 2u);
  EXPECT_EQ(hits[0].text, "Support");
  EXPECT_EQ(hits[1].term, 1u);  // listed before "as needed", so it wins at that position
  EXPECT_EQ(hits[1].text, "as needed");
  EXPECT_EQ(hits[2].term, 3u);
  EXPECT_EQ(hits[2].text, "frequently");
  EXPECT_EQ(hits[3].term, 1u);
  EXPECT_EQ(hits[3].text, "as and when required");
  EXPECT_EQ(hits[4].term, 0u);
  EXPECT_EQ(hits[4].text, "as required");
  // Other texts bring other sets of candidates; each is searched with its own.
  auto one = m->FindAll("Regular support.");
  ASSERT_EQ(one.size(), 2u);
  EXPECT_EQ(one[0].term, 3u);
  EXPECT_EQ(one[1].term, 2u);
  EXPECT_TRUE(m->Matches("needed as needed"));
  EXPECT_FALSE(m->Matches("needed when it is"));
  EXPECT_TRUE(m->FindAll("three sessions a week").empty());
}

TEST(TermMatcher, AnInvalidRegexIsReportedNotThrown) {
  WordListSpec list;
  list.name = "broken";
  list.terms = {Regex("(unclosed"), Text("fine")};
  DiagnosticList diagnostics;
  auto m = TermMatcher::Compile(list, diagnostics);
  ASSERT_TRUE(m);
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "rules.regex");
  EXPECT_EQ(m->FindAll("fine").size(), 1u);
}

}  // namespace
}  // namespace ehcp
