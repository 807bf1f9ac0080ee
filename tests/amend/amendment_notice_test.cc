#include "amend/amendment_notice.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace ehcp {
namespace {

namespace fs = std::filesystem;

ItemRef Ref(const char* id) {
  ItemRef ref;
  ref.id = id;
  return ref;
}

Date D(const char* iso) {
  return *Date::FromIso(iso);
}

NoticeWording Wording() {
  DiagnosticList diagnostics;
  std::optional<NoticeWording> wording =
      LoadNoticeWording(NoticeWordingFile(EHCP_TEMPLATES), diagnostics);
  EXPECT_TRUE(wording.has_value());
  return wording.value_or(NoticeWording{});
}

StatutoryTimescales Timescales() {
  DiagnosticList diagnostics;
  auto t = LoadStatutoryTimescales(fs::path(EHCP_SOURCE_DIR) / "quality",
                                   fs::path(EHCP_SOURCE_DIR) / "schemas", diagnostics);
  EXPECT_TRUE(t.has_value());
  return t.value_or(StatutoryTimescales{});
}

// The stop words items are paired by are the assembly policy's; these tests compare items
// that keep their ids, so none are needed.
const std::set<std::string> kNoStopWords;

Plan CurrentPlan() {
  Plan plan;
  plan.child.legal_name.given = "Maya";
  plan.child.legal_name.family = "Example";
  plan.meta.local_authority.name = "Exampleshire County Council";
  plan.meta.officer = {"Sam Officer", "EHC Plan Coordinator", "sam@example.org", "01234 567890"};
  plan.meta.dates.final_issued = D("2026-09-11");
  ParentCarer parent;
  parent.name = "Ana Example";
  plan.family.push_back(parent);
  ProvisionItem reading;
  reading.id = "F4";
  reading.kind = ProvisionKind::kOther;
  reading.description.value =
      "Three times a week a teaching assistant reads with Maya for 20 minutes.";
  reading.frequency = Frequency{3, Period::kWeek};
  reading.sources = {SourceRef{"K2", "", {}}};
  plan.f.items = {reading};
  AdviceItem advice;
  advice.id = "K2";
  advice.title = "Educational psychology advice";
  advice.author = "Dr Lee Fictional";
  advice.received = D("2027-06-20");
  plan.k.advice = {advice};
  return plan;
}

Plan ProposedPlan() {
  Plan plan = CurrentPlan();
  plan.f.items[0].description.value =
      "Twice a week a teaching assistant reads with Maya for 20 minutes.";
  plan.f.items[0].frequency = Frequency{2, Period::kWeek};
  return plan;
}

std::string AllText(const doc::Document& document) {
  std::string out;
  auto paragraph = [&](const doc::Paragraph& p) {
    for (const auto& span : p.spans) out += span.text;
    out += "\n";
  };
  for (const auto& block : document.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block)) paragraph(*p);
    if (const auto* h = std::get_if<doc::Heading>(&block)) out += h->text + "\n";
    if (const auto* t = std::get_if<doc::Table>(&block))
      for (const auto& row : t->rows)
        for (const auto& cell : row)
          for (const auto& p : cell.paragraphs) paragraph(p);
  }
  return out;
}

TEST(NoticeDates, CommentsWithinFifteenDaysAndTheFinalPlanWithinEightWeeks) {
  NoticeDates dates = ComputeNoticeDates(D("2027-07-26"), Timescales());
  EXPECT_EQ(dates.notice, D("2027-07-26"));
  EXPECT_EQ(dates.comment_by, D("2027-08-10"));
  EXPECT_EQ(dates.final_by, D("2027-09-20"));
  // Across a year end and a leap day.
  NoticeDates leap = ComputeNoticeDates(D("2028-02-20"), Timescales());
  EXPECT_EQ(leap.comment_by, D("2028-03-06"));
  EXPECT_EQ(leap.final_by, D("2028-04-16"));
}

TEST(NoticeDates, TimescalesAreTheSharedTimescalesFile) {
  StatutoryTimescales timescales = Timescales();
  timescales.family_comment_days = 21;
  timescales.amended_plan_weeks = 6;
  NoticeDates dates = ComputeNoticeDates(D("2027-12-20"), timescales);
  EXPECT_EQ(dates.comment_by, D("2028-01-10"));
  EXPECT_EQ(dates.final_by, D("2028-01-31"));
  EXPECT_EQ(dates.comment_days, 21);
  EXPECT_EQ(dates.final_weeks, 6);
}

TEST(NoticeWordingFile, OwnTimescalesAreRefusedNotIgnored) {
  fs::path folder =
      fs::temp_directory_path() / ("ehcp-amend-timescales-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ifstream in(NoticeWordingFile(EHCP_TEMPLATES));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  text.insert(text.find('{') + 1, R"("timescales": {"commentDays": 21},)");
  std::ofstream(folder / "notice.json") << text;
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadNoticeWording(folder / "notice.json", diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.begin()->code, "template.invalid");
  EXPECT_NE(diagnostics.begin()->message.find("quality/timescales.xml"), std::string::npos);
  fs::remove_all(folder);
}

TEST(NoticeWordingFile, AMissingStringIsReportedNotLeftBlank) {
  fs::path folder = fs::temp_directory_path() / ("ehcp-amend-test-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "notice.json") << R"({"title": "Proposed amendments", "letter": ["x"]})";
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadNoticeWording(folder / "notice.json", diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.begin()->code, "template.invalid");
  std::ofstream(folder / "notice.json") << "not json";
  DiagnosticList broken;
  EXPECT_FALSE(LoadNoticeWording(folder / "notice.json", broken));
  DiagnosticList missing;
  EXPECT_FALSE(LoadNoticeWording(folder / "absent.json", missing));
  EXPECT_EQ(missing.begin()->code, "template.missing");
  fs::remove_all(folder);
}

TEST(AmendmentNotice, LetterHasTheRightsAndTheDatesThatFollow) {
  Plan current = CurrentPlan(), proposed = ProposedPlan();
  NoticeWording wording = Wording();
  doc::Document notice =
      BuildAmendmentNotice(current, proposed, DiffPlans(current, proposed, kNoStopWords),
                           ComputeNoticeDates(D("2027-07-26"), Timescales()), wording);
  EXPECT_EQ(notice.title, "Proposed amendments to Maya's EHC plan");
  EXPECT_EQ(notice.author, "Exampleshire County Council");
  std::string text = AllText(notice);
  EXPECT_NE(text.find("Dear Ana Example,"), std::string::npos);
  EXPECT_NE(text.find("by 10 August 2027: that is 15 days"), std::string::npos) << text;
  EXPECT_NE(text.find("no later than 20 September 2027: that is 8 weeks"), std::string::npos);
  EXPECT_NE(text.find("ask for a meeting"), std::string::npos);
  EXPECT_NE(text.find("First-tier Tribunal"), std::string::npos);
  EXPECT_EQ(text.find('{'), std::string::npos) << "a placeholder was left: " << text;
  // The evidence for the change: the advice the item rests on.
  EXPECT_NE(
      text.find(
          "Evidence: K2: Educational psychology advice, Dr Lee Fictional, received 20 June 2027"),
      std::string::npos)
      << text;
}

TEST(AmendmentNotice, ChangedWordsAreRevisionRunsWithTheirLabels) {
  Plan current = CurrentPlan(), proposed = ProposedPlan();
  NoticeWording wording = Wording();
  doc::Document notice =
      BuildAmendmentNotice(current, proposed, DiffPlans(current, proposed, kNoStopWords),
                           ComputeNoticeDates(D("2027-07-26"), Timescales()), wording);
  std::vector<std::pair<doc::Revision, std::string>> revisions;
  for (const auto& block : notice.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
      for (const auto& span : p->spans) {
        if (span.revision == doc::Revision::kNone) continue;
        revisions.push_back({span.revision, span.text});
        EXPECT_EQ(span.revision_label,
                  span.revision == doc::Revision::kInserted ? "inserted" : "deleted");
        EXPECT_EQ(span.text.front() == ' ', false) << "the underline starts at the word";
      }
    }
  }
  using R = doc::Revision;
  std::vector<std::pair<doc::Revision, std::string>> expected{
      {R::kDeleted, "Three times"},
      {R::kInserted, "Twice"},  // description, word by word
      {R::kDeleted, "three times a week"},
      {R::kInserted, "twice a week"}};  // the frequency
  EXPECT_EQ(revisions, expected);
}

// A deletion right before an insertion is kept apart by a plain space, so the printed
// "inserted:" label does not run into the deleted words ("Three timesinserted:").
TEST(AmendmentNotice, AdjacentDeletionAndInsertionAreSeparatedByASpace) {
  Plan current = CurrentPlan(), proposed = ProposedPlan();
  NoticeWording wording = Wording();
  doc::Document notice =
      BuildAmendmentNotice(current, proposed, DiffPlans(current, proposed, kNoStopWords),
                           ComputeNoticeDates(D("2027-07-26"), Timescales()), wording);
  bool found = false;
  for (const auto& block : notice.blocks) {
    const auto* p = std::get_if<doc::Paragraph>(&block);
    if (!p) continue;
    for (size_t i = 0; i + 2 < p->spans.size(); ++i) {
      if (p->spans[i].text != "Three times") continue;
      found = true;
      EXPECT_EQ(p->spans[i + 1].text, " ");
      EXPECT_EQ(p->spans[i + 1].revision, doc::Revision::kNone);
      EXPECT_EQ(p->spans[i + 2].text, "Twice");
    }
  }
  EXPECT_TRUE(found) << AllText(notice);
}

// A provision that comes to meet one more need shows that id inserted and the ids it kept
// as plain text, not the whole list deleted and written again.
TEST(AmendmentNotice, ALinkListShowsOnlyTheIdsAddedOrTakenAway) {
  Plan current = CurrentPlan();
  for (const char* id : {"B1", "B2", "B3"}) {
    Need need;
    need.id = id;
    need.title = std::string("Need ") + id;
    current.b.needs.push_back(need);
  }
  current.f.items[0].needs = {Ref("B1"), Ref("B2")};
  Plan proposed = current;
  proposed.f.items[0].needs = {Ref("B2"), Ref("B3")};
  NoticeWording wording = Wording();
  doc::Document notice =
      BuildAmendmentNotice(current, proposed, DiffPlans(current, proposed, kNoStopWords),
                           ComputeNoticeDates(D("2027-07-26"), Timescales()), wording);
  const doc::Paragraph* field = nullptr;
  for (const auto& block : notice.blocks)
    if (const auto* p = std::get_if<doc::Paragraph>(&block))
      if (!p->spans.empty() && p->spans[0].text == "Meets needs: ") field = p;
  ASSERT_NE(field, nullptr) << AllText(notice);
  std::vector<std::pair<doc::Revision, std::string>> spans;
  for (size_t i = 1; i < field->spans.size(); ++i)
    spans.push_back({field->spans[i].revision, field->spans[i].text});
  using R = doc::Revision;
  std::vector<std::pair<doc::Revision, std::string>> expected{{R::kDeleted, "B1"},
                                                              {R::kNone, ", "},
                                                              {R::kNone, "B2"},
                                                              {R::kNone, ", "},
                                                              {R::kInserted, "B3"}};
  EXPECT_EQ(spans, expected);
}

// A field that is a date reads as a date in words, as the rest of the notice does.
TEST(AmendmentNotice, DateFieldsReadInWords) {
  Plan current = CurrentPlan();
  Outcome outcome;
  outcome.id = "E1";
  outcome.text.value = "Maya will read a short chapter book on her own.";
  outcome.timeframe.by = D("2027-07-21");
  current.e.outcomes = {outcome};
  Plan proposed = current;
  proposed.e.outcomes[0].timeframe.by = D("2028-07-20");
  NoticeWording wording = Wording();
  doc::Document notice =
      BuildAmendmentNotice(current, proposed, DiffPlans(current, proposed, kNoStopWords),
                           ComputeNoticeDates(D("2027-07-26"), Timescales()), wording);
  std::string text = AllText(notice);
  EXPECT_NE(text.find("21 July 2027"), std::string::npos) << text;
  EXPECT_NE(text.find("20 July 2028"), std::string::npos) << text;
  EXPECT_EQ(text.find("2028-07-20"), std::string::npos) << text;
}

TEST(RecordProposal, AddsTheProposalOnceAndCarriesTheFinalPlanOver) {
  Plan current = CurrentPlan(), proposed = ProposedPlan();
  Plan recorded = RecordProposal(current, proposed, D("2027-07-26"));
  EXPECT_EQ(recorded.meta.dates.proposed_amendments_issued, D("2027-07-26"));
  const auto& issues = recorded.meta.history.issues;
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].kind, IssueKind::kFinal);
  EXPECT_EQ(issues[0].issued, D("2026-09-11"));
  EXPECT_EQ(issues[1].kind, IssueKind::kProposedAmendments);
  EXPECT_EQ(issues[1].issued, D("2027-07-26"));
  // Run again on its own output: nothing more is added.
  Plan again = RecordProposal(current, recorded, D("2027-07-26"));
  EXPECT_EQ(again.meta.history.issues.size(), 2u);
}

}  // namespace
}  // namespace ehcp
