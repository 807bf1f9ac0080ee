// The rule set's word lists behind one prefilter: a plan's field scanned once finds, for
// every list, exactly what the list finds scanning the field itself, and a council's own
// terms join the automaton from its profile.

#include "lint/term_index.h"

#include <gtest/gtest.h>

#include "lint/term_matcher.h"
#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::DefaultRules;
using testing::LoadRules;
using testing::Profile;

// Fields whose values are views into `texts`, which must outlive them.
std::vector<PlanTextField> Fields(const std::vector<std::string>& texts) {
  std::vector<PlanTextField> fields(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    fields[i].section = "F";
    fields[i].field = "provision.description";
    fields[i].value = texts[i];
  }
  return fields;
}

std::string Describe(const std::vector<TermMatch>& matches) {
  std::string out;
  for (const auto& m : matches)
    out += std::to_string(m.term) + "@" + std::to_string(m.begin) + "-" + std::to_string(m.end) +
           " '" + m.text + "'; ";
  return out;
}

TEST(TermIndex, TheOneScanFindsWhatEachListFindsAlone) {
  const RuleSet& rules = DefaultRules();
  const std::vector<std::string> texts = {
      "Support from a speech and language therapist (SALT) as required, regularly.",
      "Access to Work may be arranged; staff should offer a 1:1 session where possible.",
      "Zoë's SENCO will review the EHCP with CAMHS every half-term, if appropriate.",
      "ÉCOLE: small group work AS NEEDED, and OT as and when required.",
      "Sam will have 30 minutes of occupational therapy weekly from a qualified OT.",
      "[INSERT DATE] TBC e.g. by the end of Year 6",
      "nothing here at all",
  };
  const std::vector<PlanTextField> fields = Fields(texts);
  TextTerms terms(rules.Index(), fields);
  for (size_t i = 0; i < texts.size(); ++i) ASSERT_TRUE(terms.Holds(i, texts[i]));
  size_t compared = 0, found = 0;
  for (const auto& [name, list] : rules.Lists()) {
    for (size_t i = 0; i < texts.size(); ++i) {
      std::vector<TermMatch> alone = list->FindAll(texts[i]);
      std::vector<TermMatch> scanned = list->FindAll(texts[i], ScannedField{&terms, i});
      EXPECT_EQ(Describe(scanned), Describe(alone)) << name << " on: " << texts[i];
      EXPECT_EQ(list->Matches(texts[i], ScannedField{&terms, i}), list->Matches(texts[i]))
          << name << " on: " << texts[i];
      ++compared;
      found += alone.size();
    }
  }
  EXPECT_GT(compared, 100u);
  EXPECT_GT(found, 10u);  // the texts do hold terms of the lists, so the comparison says something
}

TEST(TermIndex, ATextThatIsNotTheScannedFieldIsScannedByTheList) {
  const RuleSet& rules = DefaultRules();
  const std::vector<std::string> texts = {"nothing here at all"};
  const std::vector<PlanTextField> fields = Fields(texts);
  TextTerms terms(rules.Index(), fields);
  const TermMatcher& list = *rules.Lists().at("vague-provision");
  std::string other = "Support as required.";
  EXPECT_EQ(Describe(list.FindAll(other, ScannedField{&terms, 0})), Describe(list.FindAll(other)));
  EXPECT_FALSE(list.FindAll(other).empty());
}

TEST(TermIndex, ACouncilsExtraTermInAProfileIsFoundThroughTheAutomaton) {
  const std::vector<std::string> texts = {"Speech and language therapy as directed, to teach"};
  const std::string& text = texts[0];
  const std::vector<PlanTextField> fields = Fields(texts);  // views into `texts`
  {  // The lists as shipped have no such term.
    const RuleSet& rules = DefaultRules();
    TextTerms terms(rules.Index(), fields);
    EXPECT_TRUE(
        rules.Lists().at("vague-provision")->FindAll(text, ScannedField{&terms, 0}).empty());
  }
  DiagnosticList diagnostics;
  auto rules = LoadRules(
      Profile(
          R"(<terms list="vague-provision"><term text="as directed" suggest="say how often"/></terms>)"),
      diagnostics);
  ASSERT_TRUE(rules);
  const TermMatcher& list = *rules->Lists().at("vague-provision");
  TextTerms terms(rules->Index(), fields);
  // The one scan of the field names the council's term among its candidates...
  ASSERT_TRUE(terms.Holds(0, text));
  EXPECT_FALSE(terms.Ids(0, /*case_sensitive=*/false).empty());
  // ...and the list finds it from that scan.
  std::vector<TermMatch> matches = list.FindAll(text, ScannedField{&terms, 0});
  ASSERT_EQ(matches.size(), 1u) << Describe(matches);
  EXPECT_EQ(matches[0].text, "as directed");
  EXPECT_EQ(list.List().terms[matches[0].term].text, "as directed");
  EXPECT_EQ(matches[0].begin, text.find("as directed"));
}

}  // namespace
}  // namespace ehcp
