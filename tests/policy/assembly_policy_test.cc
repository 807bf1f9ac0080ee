// The assembly policy read from quality/assembly.xml: the shipped table, the placement it
// drives, and a council's mistakes refused at their file:line:col.

#include "policy/assembly_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "assemble/provision_placement.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

const fs::path kQuality = EHCP_SOURCE_DIR "/quality";

const SchemaRegistry& Schemas() {
  static SchemaRegistry* schemas = [] {
    auto* s = new SchemaRegistry(EHCP_SOURCE_DIR "/schemas");
    RegisterAssemblyPolicySchemas(*s);
    return s;
  }();
  return *schemas;
}

AssemblyPolicy Shipped() {
  DiagnosticList diagnostics;
  auto policy = LoadAssemblyPolicy(kQuality, Schemas(), diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return policy.value_or(AssemblyPolicy{});
}

// A quality folder holding the shipped timescales and assembly.xml with one text replaced.
fs::path EditedQuality(const std::string& from, const std::string& to) {
  std::ifstream in(AssemblyPolicyFile(kQuality));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  // One folder per test: ctest runs the tests of this file in parallel processes.
  fs::path dir = fs::path(::testing::TempDir()) /
                 ("assembly-policy-" +
                  std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                  "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "assembly.xml") << text;
  fs::copy_file(StatutoryTimescalesFile(kQuality), StatutoryTimescalesFile(dir),
                fs::copy_options::overwrite_existing);
  return dir;
}

std::string LoadErrors(const fs::path& quality) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadAssemblyPolicy(quality, Schemas(), diagnostics));
  std::string out;
  for (const auto& d : diagnostics) out += FormatDiagnostic(d) + "\n";
  return out;
}

ProvisionItem Item(std::optional<ProvisionKind> kind, std::optional<Agency> agency = {}) {
  ProvisionItem item;
  item.kind = kind;
  item.agency = agency;
  return item;
}

TEST(AssemblyPolicyTest, ShippedFileHasTheNumbersAssemblyUsed) {
  AssemblyPolicy p = Shipped();
  EXPECT_EQ(p.timescales.final_plan_weeks, 20);
  EXPECT_EQ(p.ages.young_person, 16);
  EXPECT_EQ(p.ages.adult, 18);
  EXPECT_EQ(p.ages.preparing_for_adulthood_from_year, 9);
  EXPECT_EQ(p.advice_max_age_months, 12);
  EXPECT_DOUBLE_EQ(p.merging.near_identical, 0.6);
  EXPECT_DOUBLE_EQ(p.merging.possible_duplicate, 0.45);
  EXPECT_DOUBLE_EQ(p.merging.same_quantities, 0.3);
  ASSERT_EQ(p.merging.same_service.size(), 2u);
  EXPECT_TRUE(p.merging.same_service[0].unstated_roles_match);
  EXPECT_TRUE(p.merging.same_service[1].kinds.count(ProvisionKind::kNursing));
  EXPECT_EQ(p.stop_words.size(), 96u);
  EXPECT_TRUE(p.stop_words.count("weekly"));
  ASSERT_EQ(p.advice_order.size(), 9u);
  EXPECT_EQ(p.advice_order.front(), AdviceCategory::kParentViews);
  EXPECT_LT(p.AdviceRank(AdviceCategory::kPsychological), p.AdviceRank(AdviceCategory::kMedical));
  EXPECT_EQ(p.placement.kinds.size(), 18u);  // every kind
}

TEST(AssemblyPolicyTest, PlacementTableDecidesTheSection) {
  const PlacementPolicy& table = Shipped().placement;
  // Therapy goes in F whoever advised it, with a note saying why.
  ProvisionPlacement slt =
      PlaceProvision(Item(ProvisionKind::kSpeechLanguageTherapy), Agency::kHealth, false, table);
  EXPECT_EQ(slt.section, SectionId::kF);
  EXPECT_EQ(slt.note,
            "Speech and language therapy placed in F although advised by health: therapy that "
            "educates or trains is special educational provision (CFA 2014 s.21(5))");
  EXPECT_EQ(slt.uncertainty, "");
  // Equipment by its agency: social care H1 for a child, H2 for an adult.
  EXPECT_EQ(
      PlaceProvision(Item(ProvisionKind::kEquipment), Agency::kSocialCare, false, table).section,
      SectionId::kH1);
  ProvisionPlacement adult =
      PlaceProvision(Item(ProvisionKind::kEquipment), Agency::kSocialCare, true, table);
  EXPECT_EQ(adult.section, SectionId::kH2);
  EXPECT_EQ(adult.note, "equipment arranged by social care placed in H2");
  EXPECT_EQ(PlaceProvision(Item(ProvisionKind::kEquipment), Agency::kHealth, false, table).section,
            SectionId::kG);
  // Short breaks funded by health: H1, flagged against the item's own agency.
  ProvisionPlacement breaks = PlaceProvision(Item(ProvisionKind::kShortBreaks, Agency::kHealth),
                                             Agency::kSocialCare, false, table);
  EXPECT_EQ(breaks.section, SectionId::kH1);
  EXPECT_EQ(breaks.uncertainty,
            "Short breaks is social care provision but its agency is health; placed in H1");
  // "other" from social care is H2 (H1 is for the s.2 kinds); no kind, no agency: F.
  EXPECT_EQ(PlaceProvision(Item(ProvisionKind::kOther), Agency::kSocialCare, false, table).section,
            SectionId::kH2);
  ProvisionPlacement none = PlaceProvision(Item(std::nullopt), std::nullopt, false, table);
  EXPECT_EQ(none.section, SectionId::kF);
  EXPECT_EQ(none.uncertainty, "no kind of provision given; placed in F by its agency (none)");
  // Family support with no agency: H2, and the officer is asked to say whose it is.
  ProvisionPlacement family =
      PlaceProvision(Item(ProvisionKind::kFamilySupport), std::nullopt, false, table);
  EXPECT_EQ(family.section, SectionId::kH2);
  EXPECT_NE(family.uncertainty.find("say which agency is responsible"), std::string::npos);
}

TEST(AssemblyPolicyTest, ACouncilsPlacementIsFollowed) {
  DiagnosticList diagnostics;
  auto policy =
      LoadAssemblyPolicy(EditedQuality("<kind names=\"health-care nursing\" section=\"G\">",
                                       "<kind names=\"health-care nursing\" section=\"H2\">"),
                         Schemas(), diagnostics);
  ASSERT_TRUE(policy) << diagnostics.Size();
  EXPECT_EQ(PlaceProvision(Item(ProvisionKind::kNursing), Agency::kHealth, false, policy->placement)
                .section,
            SectionId::kH2);
}

TEST(AssemblyPolicyTest, SchemaMistakeIsLocated) {
  std::string errors = LoadErrors(EditedQuality("nearIdentical=\"0.6\"", "nearIdentical=\"6\""));
  EXPECT_NE(errors.find("assembly.xml:45:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("[schema.invalid]"), std::string::npos) << errors;
  errors = LoadErrors(EditedQuality("section=\"G\">", "section=\"Z\">"));
  EXPECT_NE(errors.find("[schema.invalid]"), std::string::npos) << errors;
}

TEST(AssemblyPolicyTest, ThresholdsOutOfOrderAreLocated) {
  std::string errors =
      LoadErrors(EditedQuality("possibleDuplicate=\"0.45\"", "possibleDuplicate=\"0.65\""));
  EXPECT_NE(errors.find("assembly.xml:45:3: error: <merging possibleDuplicate=\"0.65\"> is above "
                        "nearIdentical=\"0.6\": a possible duplicate is a weaker overlap than a "
                        "merge [assembly.invalid]"),
            std::string::npos)
      << errors;
  errors = LoadErrors(EditedQuality("youngPerson=\"16\"", "youngPerson=\"19\""));
  EXPECT_NE(errors.find("assembly.xml:28:3: error: <ages youngPerson=\"19\"> is above "
                        "adult=\"18\": the ages must be in order [assembly.invalid]"),
            std::string::npos)
      << errors;
}

TEST(AssemblyPolicyTest, KindPlacedTwiceOrNotAtAllIsLocated) {
  std::string errors = LoadErrors(
      EditedQuality("<kind names=\"health-care nursing\"", "<kind names=\"health-care travel\""));
  EXPECT_NE(errors.find("assembly.xml:93:5: error: the kind \"travel\" is placed twice (also at "
                        "line 89) [assembly.invalid]"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("<placement> does not say where provision of kind \"nursing\" goes "
                        "[assembly.invalid]"),
            std::string::npos)
      << errors;
}

TEST(AssemblyPolicyTest, CategoryMissingFromSectionKOrderIsLocated) {
  std::string errors = LoadErrors(EditedQuality("<category name=\"other\"/>", ""));
  EXPECT_NE(errors.find("assembly.xml:12:3: error: <adviceOrder> does not list the category "
                        "\"other\"; list every category once [assembly.invalid]"),
            std::string::npos)
      << errors;
}

TEST(AssemblyPolicyTest, ShippedWordingIsReadAsOneLineEach) {
  DraftWording w = Shipped().wording;
  EXPECT_EQ(w.no_section2_provision,
            "No social care provision under section 2 of the Chronically Sick and Disabled "
            "Persons Act 1970 was identified in the advice received.");
  EXPECT_EQ(w.parents, "{child}'s parents");
  EXPECT_EQ(FillWording(w.placement_to_be_named, {{"parentsOrYoungPerson", "Sam"}, {"days", "15"}}),
            "To be named in the final plan. Sam can comment on this draft and ask for a "
            "particular school, college or other institution to be named within 15 days of "
            "receiving it (SEND Regulations 2014 reg 13(1)).");
}

TEST(AssemblyPolicyTest, PlaceholderAWordingMayNotUseIsLocated) {
  std::string errors = LoadErrors(EditedQuality("<noHealthProvision>No health care provision",
                                                "<noHealthProvision>No {days} provision"));
  EXPECT_NE(errors.find("error: <noHealthProvision> uses {days}; it may use {child} "
                        "[assembly.invalid]"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("assembly.xml:"), std::string::npos) << errors;
  errors = LoadErrors(EditedQuality("<parents>{child}'s parents</parents>", "<parents/>"));
  EXPECT_NE(errors.find("[schema.invalid]"), std::string::npos) << errors;
}

TEST(AssemblyPolicyTest, BadTimescalesStopTheWholePolicy) {
  fs::path dir = EditedQuality("<ages", "<ages");
  std::ofstream(StatutoryTimescalesFile(dir)) << "<timescales xmlns=\"urn:ehcp:schema:1\"/>\n";
  std::string errors = LoadErrors(dir);
  EXPECT_NE(errors.find("timescales.xml:1:"), std::string::npos) << errors;
}

}  // namespace
}  // namespace ehcp
