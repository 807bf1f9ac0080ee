// The provision grammar on provision as officers and therapists write it: how often, how
// long, group size or ratio, who delivers it and their training; and words that must not
// be read as quantities.

#include "provision_text/provision_grammar.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace ehcp {
namespace {

const ProvisionGrammar& Grammar() {
  static const ProvisionGrammar grammar = [] {
    SchemaRegistry schemas(EHCP_SOURCE_DIR "/schemas");
    RegisterGrammarSchema(schemas);
    DiagnosticList diagnostics;
    auto g = ProvisionGrammar::Load(EHCP_SOURCE_DIR "/quality/provision-grammar.xml", schemas,
                                    diagnostics);
    if (!g) std::abort();
    return std::move(*g);
  }();
  return grammar;
}

struct FrequencyCase {
  const char* text;
  int count;
  Period per;
};

class FrequencyTest : public ::testing::TestWithParam<FrequencyCase> {};

TEST_P(FrequencyTest, ReadsCountAndPeriod) {
  const auto& c = GetParam();
  ProvisionWording w = Grammar().Read(c.text);
  ASSERT_TRUE(w.frequency) << c.text;
  EXPECT_EQ(w.frequency->count, c.count) << c.text;
  EXPECT_EQ(w.frequency->per, c.per) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Phrasings, FrequencyTest,
    ::testing::Values(
        FrequencyCase{"three times a week", 3, Period::kWeek},
        FrequencyCase{"3 times per week", 3, Period::kWeek},
        FrequencyCase{"Three Times Weekly", 3, Period::kWeek},
        FrequencyCase{"x2 weekly", 2, Period::kWeek}, FrequencyCase{"2x weekly", 2, Period::kWeek},
        FrequencyCase{"2 x per week", 2, Period::kWeek},
        FrequencyCase{"fortnightly", 1, Period::kFortnight},
        FrequencyCase{"once a fortnight", 1, Period::kFortnight},
        FrequencyCase{"every other week", 1, Period::kFortnight},
        FrequencyCase{"each half term", 1, Period::kHalfTerm},
        FrequencyCase{"once every half-term", 1, Period::kHalfTerm},
        FrequencyCase{"half-termly", 1, Period::kHalfTerm}, FrequencyCase{"daily", 1, Period::kDay},
        FrequencyCase{"every school day", 1, Period::kDay},
        FrequencyCase{"twice termly", 2, Period::kTerm},
        FrequencyCase{"twice a term", 2, Period::kTerm}, FrequencyCase{"termly", 1, Period::kTerm},
        FrequencyCase{"once a month", 1, Period::kMonth},
        FrequencyCase{"monthly", 1, Period::kMonth}, FrequencyCase{"annually", 1, Period::kYear},
        FrequencyCase{"twice a year", 2, Period::kYear},
        FrequencyCase{"twice daily", 2, Period::kDay},
        FrequencyCase{"2 sessions per week", 2, Period::kWeek},
        FrequencyCase{"two 30-minute sessions a week", 2, Period::kWeek},
        FrequencyCase{"four lessons each week", 4, Period::kWeek},
        FrequencyCase{"one day a week", 1, Period::kWeek},
        FrequencyCase{"two days per week", 2, Period::kWeek},
        FrequencyCase{"5 times a day", 5, Period::kDay},
        FrequencyCase{"twenty five times a year", 25, Period::kYear},
        FrequencyCase{"6 visits per year", 6, Period::kYear},
        FrequencyCase{"Speech therapy, weekly, for 30 minutes", 1, Period::kWeek},
        FrequencyCase{"In Year 2 she will have therapy three times a week", 3, Period::kWeek},
        FrequencyCase{"2 per week", 2, Period::kWeek}));

struct DurationCase {
  const char* text;
  int minutes;
};

class DurationTest : public ::testing::TestWithParam<DurationCase> {};

TEST_P(DurationTest, ReadsMinutesPerSession) {
  const auto& c = GetParam();
  ProvisionWording w = Grammar().Read(c.text);
  ASSERT_TRUE(w.duration_minutes) << c.text;
  EXPECT_EQ(*w.duration_minutes, c.minutes) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Phrasings, DurationTest,
    ::testing::Values(DurationCase{"30 minutes", 30}, DurationCase{"half an hour", 30},
                      DurationCase{"1 hour", 60}, DurationCase{"45-minute sessions", 45},
                      DurationCase{"an hour", 60}, DurationCase{"a quarter of an hour", 15},
                      DurationCase{"three quarters of an hour", 45},
                      DurationCase{"an hour and a half", 90},
                      DurationCase{"one and a half hours", 90}, DurationCase{"1.5 hours", 90},
                      DurationCase{"1 hour 15 minutes", 75},
                      DurationCase{"1 hour and 30 minutes", 90}, DurationCase{"20 mins", 20},
                      DurationCase{"20-30 minutes", 30},
                      DurationCase{"fifteen minute sessions", 15}, DurationCase{"2 hrs", 120},
                      DurationCase{"for forty-five minutes each time", 45}));

struct StaffingCase {
  const char* text;
  std::optional<std::pair<int, int>> ratio;
  std::optional<int> group;
};

class StaffingTest : public ::testing::TestWithParam<StaffingCase> {};

TEST_P(StaffingTest, ReadsRatioOrGroup) {
  const auto& c = GetParam();
  ProvisionWording w = Grammar().Read(c.text);
  EXPECT_EQ(w.staffing.ratio, c.ratio) << c.text;
  EXPECT_EQ(w.staffing.group_size, c.group) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Phrasings, StaffingTest,
    ::testing::Values(StaffingCase{"1:1", std::make_pair(1, 1), std::nullopt},
                      StaffingCase{"2:1 support at lunchtime", std::make_pair(2, 1), std::nullopt},
                      StaffingCase{"1:4 in class", std::make_pair(1, 4), std::nullopt},
                      StaffingCase{"one-to-one", std::make_pair(1, 1), std::nullopt},
                      StaffingCase{"individual sessions", std::make_pair(1, 1), std::nullopt},
                      StaffingCase{"in a group of four", std::nullopt, 4},
                      StaffingCase{"small group of up to 6", std::nullopt, 6},
                      StaffingCase{"groups of 3-4 pupils", std::nullopt, 4},
                      StaffingCase{"with 3 other pupils", std::nullopt, 4},
                      StaffingCase{"a small group (max 5)", std::nullopt, 5},
                      StaffingCase{"up to 8 pupils", std::nullopt, 8},
                      StaffingCase{"at 10:30 each day", std::nullopt, std::nullopt}));

struct DelivererCase {
  const char* text;
  const char* role;
  const char* qualification;
};

class DelivererTest : public ::testing::TestWithParam<DelivererCase> {};

TEST_P(DelivererTest, ReadsRoleAndQualification) {
  const auto& c = GetParam();
  ProvisionWording w = Grammar().Read(c.text);
  EXPECT_EQ(w.deliverer_role, c.role) << c.text;
  EXPECT_EQ(w.deliverer_qualification, c.qualification) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Phrasings, DelivererTest,
    ::testing::Values(
        DelivererCase{"with a speech and language therapist", "speech and language therapist", ""},
        DelivererCase{"by an HCPC-registered occupational therapist", "occupational therapist",
                      "HCPC-registered"},
        DelivererCase{"teaching assistant trained in ELSA", "teaching assistant",
                      "trained in ELSA"},
        DelivererCase{"delivered by the SaLT", "speech and language therapist", ""},
        DelivererCase{"a specialist teacher with a qualification in dyslexia (Level 5)",
                      "specialist teacher", "with a qualification in dyslexia"},
        DelivererCase{"Qualified Teacher of the Deaf", "qualified teacher of the deaf", ""},
        DelivererCase{"physio", "physiotherapist", ""},
        DelivererCase{"an LSA trained in Precision Teaching to run the sessions",
                      "teaching assistant", "trained in Precision Teaching"},
        DelivererCase{"the SENCo", "SENCo", ""},
        DelivererCase{"a Level 3 teaching assistant", "teaching assistant", "Level 3"}));

// Whole provision sentences: every field at once.
TEST(ProvisionGrammar, ReadsAWholeSentence) {
  ProvisionWording w = Grammar().Read(
      "Direct speech and language therapy twice a week for 30 minutes, 1:1 with an "
      "HCPC-registered speech and language therapist");
  ASSERT_TRUE(w.frequency);
  EXPECT_EQ(w.frequency->count, 2);
  EXPECT_EQ(w.frequency->per, Period::kWeek);
  EXPECT_EQ(w.duration_minutes, 30);
  EXPECT_EQ(w.staffing.ratio, std::make_pair(1, 1));
  EXPECT_EQ(w.deliverer_role, "speech and language therapist");
  EXPECT_EQ(w.deliverer_qualification, "HCPC-registered");
}

TEST(ProvisionGrammar, ReadsAGroupSentence) {
  ProvisionWording w = Grammar().Read(
      "Social communication group (a group of four) each half term, 45-minute sessions led by "
      "a teaching assistant trained in Lego therapy");
  ASSERT_TRUE(w.frequency);
  EXPECT_EQ(w.frequency->count, 1);
  EXPECT_EQ(w.frequency->per, Period::kHalfTerm);
  EXPECT_EQ(w.duration_minutes, 45);
  EXPECT_EQ(w.staffing.group_size, 4);
  EXPECT_EQ(w.deliverer_role, "teaching assistant");
  EXPECT_EQ(w.deliverer_qualification, "trained in Lego therapy");
}

// Words that look like quantities but are not.
class NotAQuantityTest : public ::testing::TestWithParam<const char*> {};

TEST_P(NotAQuantityTest, ReadsNothing) {
  ProvisionWording w = Grammar().Read(GetParam());
  EXPECT_FALSE(w.frequency) << GetParam();
  EXPECT_FALSE(w.duration_minutes) << GetParam();
  EXPECT_FALSE(w.staffing.ratio) << GetParam();
  EXPECT_FALSE(w.staffing.group_size) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Phrases, NotAQuantityTest,
                         ::testing::Values("up to now", "Year 2", "Key Stage 3", "15 metres",
                                           "Year 2 pupils", "she can walk 15 metres unaided",
                                           "he has learned his 2 times tables",
                                           "for 6 weeks from September", "aged 7",
                                           "a programme over 2 terms", "in Year 10 groups",
                                           "up to now she has managed alone",
                                           "page 3 of the report", "twice as confident",
                                           "one day she wants to be a vet"));

TEST(ProvisionGrammar, ApplyKeepsStructuredFields) {
  ProvisionItem item;
  item.duration_minutes = 20;
  item.deliverer_role = "class teacher";
  ApplyWording(Grammar().Read("three times a week for 30 minutes with a teaching assistant"), item);
  ASSERT_TRUE(item.frequency);
  EXPECT_EQ(item.frequency->count, 3);
  EXPECT_EQ(item.duration_minutes, 20);
  EXPECT_EQ(item.deliverer_role, "class teacher");
}

TEST(ProvisionGrammar, BadGrammarFileIsReportedWithItsPlace) {
  auto path = std::filesystem::temp_directory_path() / "ehcp-grammar-test-bad.xml";
  std::ofstream(path)
      << "<provisionGrammar xmlns=\"urn:ehcp:schema:1\"><numbers/></provisionGrammar>";
  SchemaRegistry schemas(EHCP_SOURCE_DIR "/schemas");
  RegisterGrammarSchema(schemas);
  DiagnosticList diagnostics;
  EXPECT_FALSE(ProvisionGrammar::Load(path, schemas, diagnostics));
  ASSERT_FALSE(diagnostics.Items().empty());
  EXPECT_EQ(diagnostics.Items()[0].code, "schema.invalid");
  EXPECT_GT(diagnostics.Items()[0].location.line, 0);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ehcp
