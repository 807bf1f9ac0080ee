#include "plan_diff/plan_diff.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "plan_diff/diff_report.h"
#include "policy/assembly_policy.h"

namespace ehcp {
namespace {

// Items are paired by their content words without the assembly policy's stop words.
const std::set<std::string>& StopWords() {
  static const std::set<std::string> words = [] {
    SchemaRegistry schemas(EHCP_SOURCE_DIR "/schemas");
    RegisterAssemblyPolicySchemas(schemas);
    DiagnosticList diagnostics;
    auto policy = LoadAssemblyPolicy(EHCP_SOURCE_DIR "/quality", schemas, diagnostics);
    EXPECT_TRUE(policy.has_value());
    return policy ? policy->stop_words : std::set<std::string>{};
  }();
  return words;
}

Need MakeNeed(std::string id, std::string title, std::string description) {
  Need n;
  n.id = std::move(id);
  n.title = std::move(title);
  n.description = {Text{std::move(description), {}, {}}};
  return n;
}

ProvisionItem Salt(std::string id = "F2") {
  ProvisionItem p;
  p.id = std::move(id);
  p.kind = ProvisionKind::kSpeechLanguageTherapy;
  p.description.value =
      "A speech and language therapist works with Maya on listening and attention in class.";
  p.needs = {ItemRef{"B1", {}}};
  p.outcomes = {ItemRef{"E1", {}}};
  p.deliverer_role = "Speech and language therapist";
  p.frequency = Frequency{3, Period::kWeek};
  p.duration_minutes = 30;
  p.provider = "Northmoor Therapy Service";
  return p;
}

ProvisionItem Laptop(std::string id) {
  ProvisionItem p;
  p.id = std::move(id);
  p.kind = ProvisionKind::kEquipment;
  p.description.value =
      "A laptop with word prediction and text to speech software for every lesson and homework.";
  return p;
}

Plan BasePlan() {
  Plan plan;
  plan.b.needs = {MakeNeed("B1", "Listening", "Maya finds it hard to listen in a noisy classroom."),
                  MakeNeed("B2", "Reading", "Maya reads two years below her age.")};
  plan.f.items = {Salt()};
  return plan;
}

const ItemChange& OnlyChange(const PlanDiff& diff) {
  EXPECT_EQ(diff.sections.size(), 1u);
  EXPECT_EQ(diff.sections.at(0).items.size(), 1u);
  return diff.sections.at(0).items.at(0);
}

const FieldChange* Field(const ItemChange& item, const std::string& name) {
  for (const auto& f : item.fields)
    if (f.field == name) return &f;
  return nullptr;
}

TEST(PlanDiffTest, IdenticalPlansHaveNoChanges) {
  PlanDiff diff = DiffPlans(BasePlan(), BasePlan(), StopWords());
  EXPECT_TRUE(diff.Empty());
  EXPECT_NE(DiffText(diff, {"a.xml", "b.xml", "", ""}).find("No differences."), std::string::npos);
}

TEST(PlanDiffTest, AddedNeedWithItsFields) {
  Plan after = BasePlan();
  after.b.needs.push_back(MakeNeed("B3", "Lunch times", "Maya is alone at lunch times."));
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  EXPECT_EQ(c.kind, ChangeKind::kAdded);
  EXPECT_EQ(c.new_id, "B3");
  EXPECT_TRUE(c.old_id.empty());
  const FieldChange* title = Field(c, "title");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->new_value, "Lunch times");
}

TEST(PlanDiffTest, RemovedNeed) {
  Plan after = BasePlan();
  after.b.needs.pop_back();
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  EXPECT_EQ(c.kind, ChangeKind::kRemoved);
  EXPECT_EQ(c.old_id, "B2");
  EXPECT_EQ(diff.sections[0].section, SectionId::kB);
}

TEST(PlanDiffTest, FrequencyChangeIsAQuantityNotText) {
  Plan after = BasePlan();
  after.f.items[0].frequency = Frequency{2, Period::kWeek};
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  EXPECT_EQ(c.kind, ChangeKind::kChanged);
  ASSERT_EQ(c.fields.size(), 1u);
  EXPECT_EQ(c.fields[0].field, "frequency");
  EXPECT_EQ(c.fields[0].old_value, "three times a week");
  EXPECT_EQ(c.fields[0].new_value, "twice a week");
  EXPECT_FALSE(c.fields[0].words);
  EXPECT_NE(DiffText(diff, {"a", "b", "", ""})
                .find("Section F, F2 (Speech and language therapy): changed\n  frequency: three "
                      "times a week → twice a week"),
            std::string::npos);
}

TEST(PlanDiffTest, WhoProviderAndDurationAreFields) {
  Plan after = BasePlan();
  after.f.items[0].provider = "Brightwater Therapy Partnership";
  after.f.items[0].deliverer_role = "Speech and language therapy assistant";
  after.f.items[0].duration_minutes = 45;
  after.f.items[0].staffing.group_size = 4;
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  ASSERT_NE(Field(c, "provider"), nullptr);
  EXPECT_EQ(Field(c, "provider")->new_value, "Brightwater Therapy Partnership");
  ASSERT_NE(Field(c, "who"), nullptr);
  ASSERT_NE(Field(c, "duration"), nullptr);
  EXPECT_EQ(Field(c, "duration")->old_value, "30 minutes");
  ASSERT_NE(Field(c, "group size"), nullptr);
  EXPECT_EQ(Field(c, "group size")->new_value, "4");
}

TEST(PlanDiffTest, LinkChangeListsIdsAddedAndRemoved) {
  Plan after = BasePlan();
  after.f.items[0].needs = {ItemRef{"B2", {}}};
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  const FieldChange* meets = Field(c, "meets needs");
  ASSERT_NE(meets, nullptr);
  EXPECT_EQ(meets->links_added, std::vector<std::string>{"B2"});
  EXPECT_EQ(meets->links_removed, std::vector<std::string>{"B1"});
}

TEST(PlanDiffTest, TextChangeHasAWordDiff) {
  Plan after = BasePlan();
  after.b.needs[1].description[0].value = "Maya reads one year below her age.";
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  const FieldChange* description = Field(c, "description");
  ASSERT_NE(description, nullptr);
  ASSERT_TRUE(description->words);
  EXPECT_EQ(MarkedText(*description->words), "Maya reads [-two years-]{+one year+} below her age.");
}

TEST(PlanDiffTest, RenumberedItemIsMatchedByContent) {
  Plan before = BasePlan();
  before.f.items = {Laptop("F1"), Salt("F2"), Laptop("F3")};
  before.f.items[2].description.value = "Homework club twice a week after school in a small group.";
  Plan after = BasePlan();
  after.f.items = {Salt("F1"), Laptop("F2")};
  after.f.items[1].description.value = "Homework club twice a week after school in a small group.";
  after.f.items[0].frequency = Frequency{2, Period::kWeek};
  PlanDiff diff = DiffPlans(before, after, StopWords());
  ASSERT_EQ(diff.sections.size(), 1u);
  const auto& items = diff.sections[0].items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].kind, ChangeKind::kRemoved);
  EXPECT_EQ(items[0].old_id, "F1");
  EXPECT_EQ(items[1].kind, ChangeKind::kRenumbered);
  EXPECT_EQ(items[1].old_id, "F2");
  EXPECT_EQ(items[1].new_id, "F1");
  ASSERT_EQ(items[1].fields.size(), 1u);
  EXPECT_EQ(items[1].fields[0].field, "frequency");
  EXPECT_EQ(items[2].kind, ChangeKind::kRenumbered);
  EXPECT_EQ(items[2].old_id, "F3");
  EXPECT_EQ(items[2].new_id, "F2");
}

TEST(PlanDiffTest, MovedItemIsFlagged) {
  Plan after = BasePlan();
  std::swap(after.b.needs[0], after.b.needs[1]);
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  ASSERT_EQ(diff.sections.size(), 1u);
  ASSERT_FALSE(diff.sections[0].items.empty());
  EXPECT_TRUE(diff.sections[0].items[0].moved);
  EXPECT_TRUE(diff.sections[0].items[0].fields.empty());
}

TEST(PlanDiffTest, SectionIntroductionChangeIsReported) {
  Plan after = BasePlan();
  after.e.intro = {Text{"Outcomes agreed at the review.", {}, {}}};
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  const ItemChange& c = OnlyChange(diff);
  EXPECT_EQ(c.kind, ChangeKind::kChanged);
  EXPECT_EQ(c.label, "section text");
  ASSERT_NE(Field(c, "introduction"), nullptr);
}

TEST(PlanDiffTest, SectionsComeInPlanOrder) {
  Plan after = BasePlan();
  after.k.advice.push_back(AdviceItem{});
  after.k.advice.back().id = "K1";
  after.k.advice.back().title = "Educational psychology advice";
  after.b.needs.pop_back();
  PlanDiff diff = DiffPlans(BasePlan(), after, StopWords());
  ASSERT_EQ(diff.sections.size(), 2u);
  EXPECT_EQ(diff.sections[0].section, SectionId::kB);
  EXPECT_EQ(diff.sections[1].section, SectionId::kK);
}

TEST(PlanDiffTest, FrequencyWords) {
  EXPECT_EQ(FrequencyWords({1, Period::kFortnight}), "once a fortnight");
  EXPECT_EQ(FrequencyWords({15, Period::kWeek}), "15 times a week");
  EXPECT_EQ(FrequencyWords({2, Period::kHalfTerm}), "twice a half-term");
}

TEST(DiffReportTest, HtmlMarksWordsWithLabelsFromTheTemplate) {
  Plan after = BasePlan();
  after.b.needs[1].description[0].value = "Maya reads one year below her age.";
  DiagnosticList problems;
  std::optional<std::string> html =
      DiffHtml(DiffPlans(BasePlan(), after, StopWords()), {"a.xml", "b.xml", "P1", "Maya"},
               DiffTemplateFile(EHCP_TEST_DATA "/../../templates"), problems);
  ASSERT_TRUE(html) << problems.Size();
  EXPECT_NE(html->find("Maya reads <del><span class=\"visually-hidden\">deleted: </span>two "
                       "years</del><ins><span class=\"visually-hidden\">inserted: </span>one "
                       "year</ins> below her age."),
            std::string::npos)
      << *html;
}

// As the lint report's pages: a diff page nesting sections more than 16 deep is refused
// before the Mustache engine, whose memory grows with the square of the depth, parses it.
TEST(DiffReportTest, SectionsNestedTooDeeplyAreInvalid) {
  std::string dir = (std::filesystem::temp_directory_path() / "ehcp-diff-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "{{^x}}";
  std::ofstream(dir + "/report.html") << deep;
  DiagnosticList problems;
  EXPECT_FALSE(DiffHtml(PlanDiff{}, {}, dir + "/report.html", problems));
  ASSERT_EQ(problems.Size(), 1u);
  EXPECT_EQ(problems.begin()->code, "template.invalid");
  EXPECT_NE(problems.begin()->message.find("20000 deep"), std::string::npos)
      << problems.begin()->message;
  std::filesystem::remove_all(dir);
}

TEST(DiffReportTest, MissingTemplateIsADiagnostic) {
  DiagnosticList problems;
  EXPECT_FALSE(DiffHtml(PlanDiff{}, {}, EHCP_TEST_DATA "/no-such-template.html", problems));
  ASSERT_EQ(problems.Size(), 1u);
  EXPECT_EQ(problems.begin()->code, "template.missing");
}

}  // namespace
}  // namespace ehcp
