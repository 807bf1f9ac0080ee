// Every rule in quality/rules fires on a minimal plan changed to break it, and is silent
// on the good sample plans. A rule added to quality/ without a case here fails
// EveryRuleHasAFiringCase.

#include <gtest/gtest.h>

#include <set>

#include "lint_test_support.h"

namespace ehcp {
namespace {

using testing::DefaultRules;
using testing::Describe;
using testing::LintXml;
using testing::Mutated;
using testing::WithCode;

struct FireCase {
  std::string rule;
  std::vector<std::pair<std::string, std::string>> edits;
  std::string item;          // the item the finding must name ("" for section-level findings)
  std::string profile = {};  // profile body for rules that are off by default
};

void PrintTo(const FireCase& c, std::ostream* os) {
  *os << c.rule;
}

const std::string kFrequency = R"(<frequency count="1" per="week"/>)";
const std::string kDuration = R"(<duration minutes="30"/>)";
const std::string kF1Text =
    "Direct speech and language therapy to teach Alex strategies for remembering instructions.";
const std::string kE1Text =
    "By the end of Year 6, Alex will follow three-step classroom instructions independently in 8 "
    "out of 10 observed lessons.";
const std::string kE1Timeframe = R"(<timeframe by="2027-07-21" phase="end of Key Stage 2"/>)";
const std::string kSectionC =
    R"(<sectionC><none>Alex has no identified health care needs related to his special educational needs.</none></sectionC>)";
const std::string kSectionD =
    R"(<sectionD><none>Alex has no identified social care needs.</none></sectionD>)";
const std::string kSectionG =
    R"(<sectionG><none>No health care provision is required.</none></sectionG>)";
const std::string kA1 = R"(<entry id="A1" kind="views" attribution="child-own-words">)";
const std::string kOutcomeMeets = "<meets ref=\"B1\"/>\n      <timeframe";
const std::string kProvisionMeets = "<meets ref=\"B1\"/>\n      <towards ref=\"E1\"/>";
const std::string kYear5 = R"(<yearGroup ncy="5"/>)";

std::vector<FireCase> Cases() {
  return {
      {"placement-named-in-draft", {{R"(status="final")", R"(status="draft")"}}, ""},
      {"placement-missing",
       {{"<placement><name>Example Primary School</name><type>Mainstream primary "
         "academy</type><urn>123456</urn><attendance>day</attendance></placement>",
         "<none>To be confirmed after consultation.</none>"}},
       ""},
      {"personal-budget-incomplete",
       {{"<sectionJ><none>No personal budget has been requested.</none></sectionJ>",
         R"(<sectionJ><personalBudget arrangement="direct-payment"><description><p>A direct payment for a personal assistant.</p></description></personalBudget></sectionJ>)"}},
       ""},
      {"advice-not-dated", {{R"( received="2026-02-25")", ""}}, "K1"},
      {"advice-category-missing", {}, ""},  // the minimal plan has only educational advice
      {"advice-pfa-missing", {{kYear5, R"(<yearGroup ncy="9"/>)"}}, ""},
      {"advice-late", {{R"(received="2026-02-25")", R"(received="2026-04-01")"}}, "K1"},
      {"placeholder-text",
       {{kF1Text, "Direct speech and language therapy [INSERT PROGRAMME] for Alex."}},
       "F1"},
      {"issue-date-missing", {{R"( finalIssued="2026-05-18")", ""}}, ""},
      {"review-date-missing", {{R"( nextReview="2027-05-17")", ""}}, ""},
      {"sign-off-missing",
       {{R"(<signOff name="Sam Officer" role="EHC Coordinator" date="2026-05-18"/>)", ""}},
       ""},
      {"need-without-provision", {{kProvisionMeets, R"(<towards ref="E1"/>)"}}, "B1"},
      {"health-need-without-provision",
       {{kSectionC,
         R"(<sectionC><need id="C1" area="health"><description><p>Alex has asthma, which exercise can set off; he needs his inhaler within reach.</p></description></need></sectionC>)"}},
       "C1"},
      {"social-care-need-without-provision",
       {{kSectionD,
         R"(<sectionD><need id="D1" area="social-care"><description><p>Alex's family needs a regular break from caring for him overnight.</p></description></need></sectionD>)"}},
       "D1"},
      {"provision-without-need", {{kProvisionMeets, R"(<towards ref="E1"/>)"}}, "F1"},
      {"outcome-without-need", {{kOutcomeMeets, "<timeframe"}}, "E1"},
      {"outcome-without-provision", {{"<towards ref=\"E1\"/>", ""}}, "E1"},
      {"need-without-outcome", {{kOutcomeMeets, "<timeframe"}}, "B1"},
      {"missing-advice-reference",
       {{"</description>\n      <source advice=\"K1\"/>\n    </need>",
         "</description>\n    </need>"}},
       "B1"},
      {"aspirations-missing", {}, ""},  // the minimal plan records no aspirations
      {"provision-vague-wording",
       {{kF1Text, "Alex will have access to speech and language therapy as required."}},
       "F1"},
      {"provision-modal-verb",
       {{kF1Text, "Alex should have direct speech and language therapy to learn strategies."}},
       "F1"},
      {"provision-frequency-missing", {{kFrequency, ""}}, "F1"},
      {"provision-duration-missing", {{kDuration, ""}}, "F1"},
      {"provision-deliverer-missing",
       {{R"(<deliveredBy role="Speech and language therapist" qualification="HCPC-registered"/>)",
         ""}},
       "F1"},
      {"provision-qualification-missing", {{R"( qualification="HCPC-registered")", ""}}, "F1"},
      {"provision-vague-deliverer",
       {{R"(role="Speech and language therapist")", R"(role="Staff")"}},
       "F1"},
      {"provision-group-size-missing",
       {{R"(<staffing ratio="1:1"/>)", ""},
        {kF1Text,
         "Direct speech and language therapy in a group of pupils, to teach Alex strategies."}},
       "F1"},
      {"adult-support-hours-missing",
       {{R"(kind="speech-language-therapy")", R"(kind="adult-support")"}, {kFrequency, ""}},
       "F1"},
      {"provision-agency-missing", {{R"(<responsible agency="education"/>)", ""}}, "F1"},
      {"therapy-outside-f",
       {{kSectionG,
         R"(<sectionG><provision id="G1" kind="speech-language-therapy"><description>Speech and language therapy to teach Alex to say k and g.</description><meets ref="B1"/><towards ref="E1"/><deliveredBy role="Speech and language therapist" qualification="HCPC-registered"/><frequency count="1" per="week"/><duration minutes="30"/><staffing ratio="1:1"/><responsible agency="health" commissioner="NHS Example ICB"/></provision></sectionG>)"}},
       "G1"},
      {"provision-phrased-as-outcome",
       {{kF1Text, "Direct therapy, so that Alex will be able to remember instructions."}},
       "F1"},
      {"outcome-not-time-bound",
       {{kE1Timeframe, ""},
        {kE1Text,
         "Alex will follow three-step classroom instructions independently in 8 out of 10 observed "
         "lessons."}},
       "E1"},
      {"outcome-not-measurable",
       {{kE1Text, "By the end of Year 6, Alex will develop his listening skills."}},
       "E1"},
      {"outcome-not-personal",
       {{kE1Text,
         "By the end of Year 6, school staff will give Alex instructions in writing in 8 out of 10 "
         "lessons."}},
       "E1"},
      {"outcome-phrased-as-provision",
       {{kE1Text,
         "By the end of Year 6, Alex will receive speech and language therapy in 8 out of 10 "
         "weeks."}},
       "E1"},
      {"outcome-is-aspiration",
       {{kE1Text,
         "By the end of Year 6, Alex's parents want him to be happy and confident at school."}},
       "E1"},
      {"pfa-missing", {{kYear5, R"(<yearGroup ncy="9"/>)"}}, ""},
      {"pfa-domains-incomplete",
       {{kYear5, R"(<yearGroup ncy="9"/>)"},
        {R"(<outcome id="E1">)", R"(<outcome id="E1" pfa="employment">)"}},
       ""},
      {"outcome-count", {}, ""},  // the minimal plan has 1 outcome
      {"voice-unattributed",
       {{kA1,
         R"(<entry id="A1" kind="views" attribution="written-on-behalf" speaker="Class teacher">)"}},
       "A1"},
      {"child-voice-missing",
       {{kA1, R"(<entry id="A1" kind="views" attribution="parent-carer" speaker="Jo Example">)"}},
       ""},
      {"history-too-long",
       {{kA1,
         R"(<entry id="A1" kind="history" attribution="written-on-behalf" speaker="Sam Officer">)"},
        {"<p>I like drawing.</p>", "<p>" +
                                       [] {
                                         std::string s;
                                         for (int i = 0; i < 150; ++i)
                                           s += "Alex moved house twice. ";
                                         return s;
                                       }() +
                                       "</p>"}},
       "A1",
       R"(<enable rule="history-too-long"/>)"},
      {"strengths-contain-needs",
       {{kA1,
         R"(<entry id="A1" kind="strengths" attribution="written-on-behalf" speaker="Pat Teacher">)"},
        {"<p>I like drawing.</p>",
         "<p>Alex draws well, although he finds it hard to sit still.</p>"}},
       "A1"},
      {"need-bare-diagnosis",
       {{"<p>Alex has difficulty following spoken instructions of more than two steps, so he "
         "misses parts of lessons.</p>",
         "<p>Alex has dyslexia.</p>"}},
       "B1"},
      {"another-childs-name",
       {{"<p>Alex has difficulty following spoken instructions of more than two steps, so he "
         "misses parts of lessons.</p>",
         "<p>Oliver has difficulty following spoken instructions of more than two steps, so he "
         "misses parts of lessons.</p>"}},
       "B1"},
      {"need-only-in-section-a",
       {{"<p>I like drawing.</p>",
         "<p>Alex finds it hard to hold a pencil and tires quickly.</p>"}},
       "A1"},
      {"acronym-unexplained",
       {{kF1Text, "Direct SALT sessions to teach Alex strategies for remembering instructions."}},
       "F1"},
      {"readability",
       {{"<p>Alex has difficulty following spoken instructions of more than two steps, so he "
         "misses parts of lessons.</p>",
         "<p>" +
             [] {
               std::string s = "Alex";
               for (int i = 0; i < 40; ++i) s += " has considerable organisational difficulties";
               return s + ".</p>";
             }()}},
       ""},
      {"plan-length", {}, "", R"(<param rule="plan-length" name="maxWords" value="100"/>)"},
      {"named-medicine",
       {{"<p>I like drawing.</p>", "<p>I take melatonin at night.</p>"}},
       "A1",
       R"(<enable rule="named-medicine"/>)"},
      {"final-plan-late",
       {{R"(requestReceived="2026-01-05")", R"(requestReceived="2025-12-01")"}},
       ""},
      {"decision-to-assess-late",
       {{R"(requestReceived="2026-01-05")",
         R"(requestReceived="2026-01-05" decisionToAssess="2026-03-01")"}},
       ""},
      {"final-too-soon-after-draft",
       {{R"(draftIssued="2026-04-20")", R"(draftIssued="2026-05-10")"}},
       ""},
      {"amended-plan-late",
       {{R"(status="final")", R"(status="amended")"},
        {R"(nextReview="2027-05-17")",
         R"(nextReview="2027-05-17" proposedAmendmentsIssued="2026-03-01" amendedIssued="2026-05-18" lastReview="2026-02-20")"}},
       ""},
      {"review-date-too-late", {{R"(nextReview="2027-05-17")", R"(nextReview="2027-06-30")"}}, ""},
      {"provision-vague-role",
       {{kF1Text, "A key adult will help Alex remember instructions."},
        {R"( qualification="HCPC-registered")", ""}},
       "F1"},
      {"section-missing",
       {{"<sectionJ><none>No personal budget has been requested.</none></sectionJ>", ""}},
       ""},
      {"section-blank",
       {{"<sectionG><none>No health care provision is required.</none></sectionG>",
         "<sectionG>\n  </sectionG>"}},
       ""},
      {"required-field-missing", {{"<type>Mainstream primary academy</type>", ""}}, ""},
      {"required-field-blank",
       {{"Direct speech and language therapy to teach Alex strategies for remembering "
         "instructions.",
         "  "}},
       "F1"},
      {"value-invalid",
       {{R"(<frequency count="1" per="week"/>)", R"(<frequency count="1" per="weekly"/>)"}},
       "F1"},
      {"reference-broken",
       {{"<meets ref=\"B1\"/>\n      <towards ref=\"E1\"/>",
         "<meets ref=\"B9\"/>\n      <towards ref=\"E1\"/>"}},
       "F1"},
      {"duplicate-id", {{R"(<advice id="K1")", R"(<advice id="B1")"}}, "B1"},
      {"structure-unexpected",
       {{"<source advice=\"K1\"/>\n    </provision>",
         "<source advice=\"K1\"/>\n      <colour>blue</colour>\n    </provision>"}},
       "F1"},
      {"review-decision-late",
       {{R"(<signOff name="Sam Officer" role="EHC Coordinator" date="2026-05-18"/>)",
         R"(<signOff name="Sam Officer" role="EHC Coordinator" date="2026-05-18"/><history><annualReview meeting="2026-06-01" decisionNotified="2026-08-01" decision="maintain"/></history>)"}},
       ""},
      {"phase-transfer-late",
       {{"<signOff", R"(<phaseTransfer to="secondary" transferDate="2026-09-01"/><signOff)"}},
       ""},
  };
}

class RuleFires : public ::testing::TestWithParam<FireCase> {};

TEST_P(RuleFires, OnAMinimalPlanThatBreaksIt) {
  const FireCase& c = GetParam();
  std::unique_ptr<RuleSet> with_profile;
  const RuleSet* rules = &DefaultRules();
  if (!c.profile.empty()) {
    DiagnosticList diagnostics;
    with_profile = testing::LoadRules(testing::Profile(c.profile), diagnostics);
    ASSERT_TRUE(with_profile) << Describe(diagnostics.Items());
    rules = with_profile.get();
  }
  auto findings = WithCode(LintXml(Mutated(c.edits), *rules), c.rule);
  ASSERT_FALSE(findings.empty()) << c.rule << " did not fire";
  // The finding the edit caused names its item (others may exist: the minimal plan is terse).
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const Diagnostic& d) { return d.item_id == c.item; });
  ASSERT_NE(it, findings.end()) << Describe(findings);
  findings = {*it};
  const RuleSpec* spec = rules->Find(c.rule);
  ASSERT_NE(spec, nullptr);
  // Findings carry the rule's data: severity for the section, hint and source.
  EXPECT_EQ(findings[0].severity, spec->SeverityIn(findings[0].section));
  EXPECT_FALSE(findings[0].message.empty());
  EXPECT_EQ(findings[0].message.find('{'), std::string::npos)
      << "unexpanded placeholder: " << findings[0].message;
  EXPECT_EQ(findings[0].source, spec->source);
  EXPECT_GT(findings[0].location.line, 0);
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFires, ::testing::ValuesIn(Cases()), [](const auto& info) {
  std::string name = info.param.rule;
  for (char& ch : name) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name;
});

TEST(Rules, EveryRuleHasAFiringCase) {
  std::set<std::string> tested;
  for (const auto& c : Cases()) tested.insert(c.rule);
  for (const auto& spec : DefaultRules().Specs())
    EXPECT_TRUE(tested.count(spec.id)) << spec.id << " has no firing test";
  EXPECT_GE(DefaultRules().Specs().size(), 50u);
}

// Rules that may fire on a good sample, each with the reason it is right to.
const std::set<std::pair<std::string, std::string>> kJustified = {};

TEST(Rules, EveryRuleIsSilentOnTheGoodSamples) {
  auto plans = testing::GoodSamplePlans();
  ASSERT_GE(plans.size(), 2u);
  for (const auto& plan : plans) {
    std::string sample = std::filesystem::path(plan).parent_path().filename();
    auto findings = testing::LintFile(plan);
    for (const auto& d : findings) {
      EXPECT_TRUE(kJustified.count({sample, d.code})) << sample << ": " << FormatDiagnostic(d);
    }
  }
}

TEST(Rules, NamesTheTextIntroducesAndSentenceWordsAreNotOtherChildren) {
  auto findings =
      LintXml(Mutated({{"<p>I like drawing.</p>",
                        "<p>Alex's brother, Sam, is 9. Sam's school is nearby. How was your day? "
                        "Monday is swimming. The Service will visit. SENCO will check.</p>"}}));
  EXPECT_TRUE(WithCode(findings, "another-childs-name").empty()) << Describe(findings);
}

TEST(Rules, ANeedInSectionAThatBAlsoDescribesIsNotReported) {
  auto findings =
      LintXml(Mutated({{"<p>I like drawing.</p>",
                        "<p>Alex finds it hard to follow spoken instructions in lessons.</p>"}}));
  EXPECT_TRUE(WithCode(findings, "need-only-in-section-a").empty()) << Describe(findings);
}

TEST(Rules, MinimalPlanIsCleanApartFromItsKnownGaps) {
  // The minimal plan is deliberately terse: one outcome, one advice item, no aspirations,
  // and "EHC", "HCPC" and "SENCO" never spelt out.
  std::set<std::string> expected{"advice-category-missing", "aspirations-missing", "outcome-count",
                                 "acronym-unexplained"};
  for (const auto& d : LintXml(testing::MinimalPlan()))
    EXPECT_TRUE(expected.count(d.code)) << FormatDiagnostic(d);
}

}  // namespace
}  // namespace ehcp
