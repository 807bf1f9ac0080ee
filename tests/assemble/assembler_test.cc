#include "assemble/assembler.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "assemble/plan_xml_writer.h"
#include "assemble_test_support.h"

namespace ehcp {
namespace {

using namespace ehcp::testing;

const std::string kWeekly = R"(<frequency count="1" per="week"/><duration minutes="30"/>)";
const std::string kFortnightly =
    R"(<frequency count="1" per="fortnight"/><duration minutes="30"/>)";

ContributionOptions HealthAdvice(const std::string& provisions, const std::string& needs = "") {
  ContributionOptions o = Advice("C-HEALTH", "medical", "health-professional", "health", "");
  o.written = "2026-04-25";
  o.body = "<needs>" +
           (needs.empty() ? NeedXml("N1", "communication-interaction",
                                    "Sam's speech is hard for adults to understand.")
                          : needs) +
           "</needs><provisions>" + provisions + "</provisions>";
  return o;
}

// Merges of provision (F, G, H1, H2), leaving out merged needs.
std::vector<MergeRecord> ProvisionMerges(const AssemblyReport& report) {
  std::vector<MergeRecord> out;
  for (const auto& m : report.merges)
    if (m.plan_id[0] != 'B' && m.plan_id[0] != 'C' && m.plan_id[0] != 'D') out.push_back(m);
  return out;
}

const ProvisionItem* FindIn(const ProvisionSection& section, ProvisionKind kind) {
  for (const auto& item : section.items)
    if (item.kind == kind) return &item;
  return nullptr;
}

TEST(Placement, SpeechTherapyAdvisedByHealthGoesInF) {
  auto result = Assemble({ChildViews(), TeacherAdvice(),
                          HealthAdvice(ProvisionXml(
                              "P1", "speech-language-therapy",
                              "Direct speech therapy on speech sounds with a therapist.", kWeekly,
                              R"(<deliveredBy role="Speech and language therapist"/>)"))});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  const Plan& plan = *result.plan;
  const ProvisionItem* slt = FindIn(plan.f, ProvisionKind::kSpeechLanguageTherapy);
  ASSERT_NE(slt, nullptr);
  EXPECT_TRUE(plan.g.items.empty());
  ASSERT_TRUE(plan.g.none);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.placement-note", "s.21(5)"));
  // Provenance: the item cites the health advice's Section K entry.
  ASSERT_EQ(slt->sources.size(), 1u);
  const AdviceItem* advice = plan.FindAdvice(slt->sources[0].advice_id);
  ASSERT_NE(advice, nullptr);
  EXPECT_EQ(advice->category, AdviceCategory::kMedical);
  EXPECT_EQ(advice->author, "Adviser C-HEALTH");
}

TEST(Placement, HealthCareShortBreaksAndOtherSocialCareGoToGH1H2) {
  ContributionOptions social = Advice(
      "C-SOCIAL", "social-care", "social-care", "social-care",
      "<needs>" + NeedXml("N1", "social-care", "The family has no breaks from caring.") +
          "</needs><provisions>" +
          ProvisionXml("P1", "short-breaks", "Saturday club at the youth centre.", kWeekly) +
          ProvisionXml("P2", "family-support", "Parenting course on managing sleep.", kWeekly) +
          "</provisions>");
  auto result = Assemble(
      {ChildViews(), TeacherAdvice(), social,
       HealthAdvice(ProvisionXml("P1", "health-care", "Asthma review by the practice nurse.",
                                 R"(<frequency count="2" per="year"/><duration minutes="20"/>)"),
                    NeedXml("N1", "health", "Sam has asthma that needs reviewing."))});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  const Plan& plan = *result.plan;
  EXPECT_NE(FindIn(plan.g, ProvisionKind::kHealthCare), nullptr);
  EXPECT_NE(FindIn(plan.h1, ProvisionKind::kShortBreaks), nullptr);
  EXPECT_NE(FindIn(plan.h2, ProvisionKind::kFamilySupport), nullptr);
  ASSERT_EQ(plan.c.needs.size(), 1u);
  EXPECT_EQ(plan.c.needs[0].id, "C1");
  ASSERT_EQ(plan.d.needs.size(), 1u);
  EXPECT_EQ(plan.d.needs[0].id, "D1");
  EXPECT_EQ(plan.h1.items[0].id, "H1.1");
  EXPECT_EQ(plan.h2.items[0].id, "H2.1");
  EXPECT_EQ(plan.g.items[0].id, "G1");
}

TEST(Placement, ShortBreaksForAYoungAdultGoInH2) {
  ContributionOptions social =
      Advice("C-SOCIAL", "social-care", "social-care", "social-care",
             "<needs>" + NeedXml("N1", "social-care", "No activities outside college.") +
                 "</needs><provisions>" +
                 ProvisionXml("P1", "short-breaks", "Saturday club at the youth centre.", kWeekly) +
                 "</provisions>");
  social.date_of_birth = "2007-01-10";
  ContributionOptions teacher = TeacherAdvice();
  teacher.date_of_birth = "2007-01-10";
  ContributionOptions child = ChildViews();
  child.date_of_birth = "2007-01-10";
  auto result = Assemble({child, teacher, social}, BornOn("2007-01-10"));
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  EXPECT_TRUE(result.plan->h1.items.empty());
  EXPECT_NE(FindIn(result.plan->h2, ProvisionKind::kShortBreaks), nullptr);
}

TEST(Placement, UncertainClassificationsAreReported) {
  ContributionOptions teacher = TeacherAdvice();
  teacher.id = "C-SENCO2";
  teacher.body = "<needs>" + NeedXml("N1", "cognition-learning", "Sam reads well below his age.") +
                 "</needs><outcomes><outcome id=\"O1\"><text>Sam will read a Year 4 book aloud by "
                 "July 2027.</text>"
                 "<meets ref=\"N1\"/></outcome></outcomes><provisions>" +
                 ProvisionXml("P1", "other", "Transition visits to the new school.", kWeekly) +
                 "<provision id=\"P2\"><description>Reading practice with a "
                 "volunteer.</description><meets ref=\"N1\"/>"
                 "</provision>" +
                 ProvisionXml("P3", "teaching", "Reading lessons funded by the health service.",
                              kWeekly + R"(<responsible agency="health"/>)") +
                 "</provisions>";
  auto result = Assemble({ChildViews(), teacher});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.uncertain-placement", "kind \"other\""));
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.uncertain-placement", "no kind of provision"));
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.uncertain-placement", "its agency is health"));
  // Nothing dropped: all three are in F.
  EXPECT_EQ(result.plan->f.items.size(), 3u);
}

TEST(Merging, NearIdenticalProvisionFromTwoAdvisersBecomesOneItemCitingBoth) {
  ContributionOptions ep = Advice(
      "C-EP", "psychological", "educational-psychologist", "education",
      "<needs>" +
          NeedXml("N1", "communication-interaction", "Sam loses track of long instructions.") +
          "</needs><provisions>" +
          ProvisionXml("P1", "teaching",
                       "Instructions broken into steps with picture cues and a visual timetable in "
                       "every lesson.",
                       "") +
          "</provisions>");
  auto result = Assemble({ChildViews(), TeacherAdvice(), ep});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  const Plan& plan = *result.plan;
  ASSERT_EQ(plan.f.items.size(), 1u);
  const ProvisionItem& merged = plan.f.items[0];
  ASSERT_EQ(merged.sources.size(), 2u);
  EXPECT_NE(merged.sources[0].advice_id, merged.sources[1].advice_id);
  // The quantified version is kept; the other wording is in the report, not lost.
  ASSERT_TRUE(merged.frequency);
  EXPECT_EQ(merged.frequency->count, 5);
  auto merges = ProvisionMerges(result.report);
  ASSERT_EQ(merges.size(), 1u);
  EXPECT_EQ(merges[0].plan_id, "F1");
  EXPECT_EQ(merges[0].origins.size(), 2u);
  EXPECT_GE(merges[0].similarity, ShippedPolicy().merging.near_identical);
  ASSERT_EQ(merges[0].unused_wording.size(), 1u);
  EXPECT_NE(merges[0].unused_wording[0].find("picture cues and a visual timetable"),
            std::string::npos);
  EXPECT_TRUE(result.report.conflicts.empty());
  // Whether or not the two advisers' needs merged, the merged provision meets them all.
  for (const auto& need : plan.b.needs) {
    bool met = std::any_of(merged.needs.begin(), merged.needs.end(),
                           [&](const ItemRef& r) { return r.id == need.id; });
    EXPECT_TRUE(met) << need.id;
  }
}

TEST(Merging, NearIdenticalNeedsMerge) {
  ContributionOptions ep = Advice("C-EP", "psychological", "educational-psychologist", "education",
                                  "<needs>" +
                                      NeedXml("N1", "communication-interaction",
                                              "Sam follows one-step instructions but loses track "
                                              "of longer instructions in class.") +
                                      "</needs>");
  auto result = Assemble({ChildViews(), TeacherAdvice(), ep});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  ASSERT_EQ(result.plan->b.needs.size(), 1u);
  EXPECT_EQ(result.plan->b.needs[0].sources.size(), 2u);
  ASSERT_EQ(result.report.merges.size(), 1u);
  EXPECT_EQ(result.report.merges[0].plan_id, "B1");
}

TEST(Merging, DifferentProvisionIsNotMerged) {
  ContributionOptions ep = Advice(
      "C-EP", "psychological", "educational-psychologist", "education",
      "<needs>" + NeedXml("N1", "communication-interaction", "Sam loses track of instructions.") +
          "</needs><provisions>" +
          ProvisionXml("P1", "teaching", "Small-group phonics catch-up with a reading specialist.",
                       kWeekly) +
          "</provisions>");
  auto result = Assemble({ChildViews(), TeacherAdvice(), ep});
  ASSERT_TRUE(result.plan);
  EXPECT_EQ(result.plan->f.items.size(), 2u);
  EXPECT_TRUE(ProvisionMerges(result.report).empty());
}

TEST(Conflicts, SameTherapyWithDifferentQuantitiesIsKeptTwiceAndReported) {
  ContributionOptions ep = Advice(
      "C-EP", "psychological", "educational-psychologist", "education",
      "<needs>" + NeedXml("N1", "communication-interaction", "Sam's speech is unclear.") +
          "</needs><provisions>" +
          ProvisionXml("P1", "speech-language-therapy", "Weekly therapy to practise social skills.",
                       kWeekly, R"(<deliveredBy role="Speech and language therapist"/>)") +
          "</provisions>");
  auto result =
      Assemble({ChildViews(), TeacherAdvice(), ep,
                HealthAdvice(ProvisionXml(
                    "P1", "speech-language-therapy", "Fortnightly 1:1 therapy on speech sounds.",
                    kFortnightly, R"(<deliveredBy role="Speech and language therapist"/>)"))});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  int therapy = 0;
  for (const auto& item : result.plan->f.items)
    therapy += item.kind == ProvisionKind::kSpeechLanguageTherapy;
  EXPECT_EQ(therapy, 2);
  ASSERT_EQ(result.report.conflicts.size(), 1u);
  const ConflictRecord& conflict = result.report.conflicts[0];
  EXPECT_EQ(conflict.what, "Speech and language therapy");
  ASSERT_EQ(conflict.quantities.size(), 2u);
  EXPECT_EQ(conflict.quantities[0], "once a week, 30 minutes");
  EXPECT_EQ(conflict.quantities[1], "once a fortnight, 30 minutes");
  for (const auto& id : conflict.plan_ids) EXPECT_NE(result.plan->FindProvision(id), nullptr) << id;
  EXPECT_TRUE(ProvisionMerges(result.report).empty());
}

TEST(Ids, LocalReferencesAreRemappedToPlanIds) {
  auto result = Assemble({ChildViews(), TeacherAdvice()});
  ASSERT_TRUE(result.plan) << DiagnosticsText(result.report);
  const Plan& plan = *result.plan;
  ASSERT_EQ(plan.b.needs.size(), 1u);
  ASSERT_EQ(plan.e.outcomes.size(), 1u);
  ASSERT_EQ(plan.f.items.size(), 1u);
  EXPECT_EQ(plan.b.needs[0].id, "B1");
  EXPECT_EQ(plan.e.outcomes[0].id, "E1");
  EXPECT_EQ(plan.f.items[0].id, "F1");
  EXPECT_EQ(plan.a.entries[0].id, "A1");
  ASSERT_EQ(plan.e.outcomes[0].needs.size(), 1u);
  EXPECT_EQ(plan.e.outcomes[0].needs[0].id, "B1");
  ASSERT_EQ(plan.f.items[0].needs.size(), 1u);
  EXPECT_EQ(plan.f.items[0].needs[0].id, "B1");
  ASSERT_EQ(plan.f.items[0].outcomes.size(), 1u);
  EXPECT_EQ(plan.f.items[0].outcomes[0].id, "E1");
  // K: one entry per contribution, appended, with the case's request date.
  ASSERT_EQ(plan.k.advice.size(), 2u);
  for (const auto& advice : plan.k.advice) {
    EXPECT_TRUE(advice.appended);
    ASSERT_TRUE(advice.requested);
    EXPECT_EQ(advice.requested->ToIso(), "2026-03-02");
  }
  // The placement list maps every local id.
  bool mapped = std::any_of(result.report.placements.begin(), result.report.placements.end(),
                            [](const PlacedItem& p) {
                              return p.origin.contribution_id == "C-SENCO" &&
                                     p.origin.item_id == "O1" && p.plan_id == "E1";
                            });
  EXPECT_TRUE(mapped);
}

TEST(Ids, ContributionOrderDoesNotChangeTheDraft) {
  std::vector<ContributionOptions> inputs{
      ChildViews(), TeacherAdvice(),
      HealthAdvice(
          ProvisionXml("P1", "speech-language-therapy", "Therapy on speech sounds.", kWeekly))};
  std::string first = RenderPlanXml(*Assemble(inputs).plan);
  std::reverse(inputs.begin(), inputs.end());
  EXPECT_EQ(RenderPlanXml(*Assemble(inputs).plan), first);
  std::rotate(inputs.begin(), inputs.begin() + 1, inputs.end());
  EXPECT_EQ(RenderPlanXml(*Assemble(inputs).plan), first);
}

TEST(MissingAdvice, GapsAreReportedLineByLine) {
  auto result = Assemble({ChildViews(), TeacherAdvice()});
  ASSERT_TRUE(result.plan);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.missing-advice", "no health advice"));
  EXPECT_TRUE(
      HasDiagnostic(result.report, "assemble.missing-advice", "no educational psychology advice"));
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.missing-advice", "no social care advice"));
  EXPECT_TRUE(
      HasDiagnostic(result.report, "assemble.missing-advice", "no advice from the parents"));
  EXPECT_FALSE(HasDiagnostic(result.report, "assemble.missing-advice", "no educational advice"));
  EXPECT_FALSE(HasDiagnostic(result.report, "assemble.missing-advice",
                             "Preparing for Adulthood"));  // Year 6
}

TEST(MissingAdvice, YearNineWithoutPreparingForAdulthoodAdviceIsReported) {
  const std::string dob = "2011-10-01";  // Year 9 in 2025-26
  ContributionOptions child = ChildViews(), teacher = TeacherAdvice();
  child.date_of_birth = teacher.date_of_birth = dob;
  auto result = Assemble({child, teacher}, BornOn(dob));
  ASSERT_TRUE(result.plan);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.missing-advice", "Year 9"));

  ContributionOptions pfa = Advice("C-PFA", "preparing-for-adulthood", "other", "education", "");
  pfa.date_of_birth = dob;
  auto with_pfa = Assemble({child, teacher, pfa}, BornOn(dob));
  ASSERT_TRUE(with_pfa.plan);
  EXPECT_FALSE(
      HasDiagnostic(with_pfa.report, "assemble.missing-advice", "Preparing for Adulthood"));
}

TEST(WrongChild, AdviceAboutAnotherChildStopsAssembly) {
  ContributionOptions other = TeacherAdvice();
  other.about = "Sam Tailor";
  auto result = Assemble({ChildViews(), other});
  EXPECT_FALSE(result.plan);
  EXPECT_TRUE(result.report.Blocked());
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.wrong-child", "Sam Tailor"));

  ContributionOptions born = TeacherAdvice();
  born.date_of_birth = "2015-03-03";
  auto by_birth = Assemble({ChildViews(), born});
  EXPECT_FALSE(by_birth.plan);
  EXPECT_TRUE(HasDiagnostic(by_birth.report, "assemble.wrong-child", "2015-03-03"));
}

TEST(OldAdvice, AdviceBeforeTheRequestOrTooOldIsReported) {
  ContributionOptions early = TeacherAdvice();
  early.written = "2026-01-10";
  auto result = Assemble({ChildViews(), early});
  ASSERT_TRUE(result.plan);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.advice-before-request", "2026-01-10"));
  EXPECT_FALSE(HasDiagnostic(result.report, "assemble.advice-out-of-date", ""));

  CaseOptions strict_case;
  strict_case.extra_dates = "adviceMaxAgeMonths=\"3\"";
  auto strict = Assemble({ChildViews(), early}, strict_case);
  ASSERT_TRUE(strict.plan);
  EXPECT_TRUE(HasDiagnostic(strict.report, "assemble.advice-out-of-date", "more than 3 months"));
}

TEST(DraftRules, StatusSectionIAndReviewDate) {
  auto result = Assemble({ChildViews(), TeacherAdvice()});
  ASSERT_TRUE(result.plan);
  const Plan& plan = *result.plan;
  EXPECT_EQ(plan.meta.status, PlanStatus::kDraft);
  EXPECT_TRUE(plan.i.placements.empty());
  ASSERT_TRUE(plan.i.none);
  EXPECT_NE(plan.i.none->text.value.find("15 days"), std::string::npos);
  ASSERT_TRUE(plan.j.none);
  // Request 2 March 2026 + 20 weeks = 20 July 2026, later than draft + 15 days; + 12 months.
  ASSERT_TRUE(plan.meta.dates.next_review);
  EXPECT_EQ(plan.meta.dates.next_review->ToIso(), "2027-07-20");
  EXPECT_EQ(plan.meta.dates.draft_issued->ToIso(), "2026-06-15");
}

// The draft's own words are quality/assembly.xml's <wording>: the shipped ones as they
// were when they were written in C++, and a council's own followed, placeholders filled.
TEST(DraftRules, TheDraftsOwnWordsAreThePolicys) {
  auto shipped = Assemble({ChildViews(), TeacherAdvice()});
  ASSERT_TRUE(shipped.plan);
  const std::string name = ParseCase(CaseXml({})).child.KnownAs();
  ASSERT_TRUE(shipped.plan->g.none);
  EXPECT_EQ(shipped.plan->g.none->text.value,
            "No health care provision was identified in the advice received.");
  ASSERT_TRUE(shipped.plan->j.none);
  EXPECT_EQ(shipped.plan->j.none->text.value,
            "No personal budget has been requested. " + name +
                "'s parents can ask for one when responding to this draft (Children and "
                "Families Act 2014 s.49).");

  AssemblyPolicy policy = ShippedPolicy();
  policy.wording.no_health_provision = "Health: nothing for {child}.";
  policy.wording.parents = "the parents of {child}";
  policy.wording.no_personal_budget = "Ask us, {parentsOrYoungPerson}, within {days} days.";
  std::vector<ContributionInput> inputs;
  for (const auto& o : {ChildViews(), TeacherAdvice()}) inputs.push_back(ParseContribution(o));
  auto council = AssemblePlan(ParseCase(CaseXml({})), std::move(inputs), policy);
  ASSERT_TRUE(council.plan);
  ASSERT_TRUE(council.plan->g.none);
  EXPECT_EQ(council.plan->g.none->text.value, "Health: nothing for " + name + ".");
  ASSERT_TRUE(council.plan->j.none);
  EXPECT_EQ(council.plan->j.none->text.value,
            "Ask us, the parents of " + name + ", within 15 days.");
}

TEST(DraftRules, ReviewDateRules) {
  CaseDates dates;
  dates.request_received = Date{2026, 3, 2};
  dates.draft_issue = Date{2026, 6, 15};
  EXPECT_EQ(PlannedFinalIssue(dates, ShippedPolicy().timescales).ToIso(), "2026-07-20");
  EXPECT_EQ(NextReviewDate(dates, Date{2015, 3, 2}, ShippedPolicy().timescales).ToIso(),
            "2027-07-20");
  EXPECT_EQ(NextReviewDate(dates, Date{2023, 1, 1}, ShippedPolicy().timescales).ToIso(),
            "2027-01-20");                // under 5: 6 months
  dates.draft_issue = Date{2026, 7, 15};  // late draft: final no earlier than draft + 15 days
  EXPECT_EQ(PlannedFinalIssue(dates, ShippedPolicy().timescales).ToIso(), "2026-07-30");
}

TEST(DraftRules, NoEducationNeedsStopsAssembly) {
  ContributionOptions health =
      HealthAdvice(ProvisionXml("P1", "health-care", "Asthma review.", kWeekly),
                   NeedXml("N1", "health", "Sam has asthma."));
  auto result = Assemble({ChildViews(), health});
  EXPECT_FALSE(result.plan);
  EXPECT_TRUE(HasDiagnostic(result.report, "assemble.empty-section", "Section B"));
}

}  // namespace
}  // namespace ehcp
