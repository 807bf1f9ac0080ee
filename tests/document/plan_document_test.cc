#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "document/document_dump.h"
#include "plan_fixture.h"

namespace ehcp {
namespace {

using doc::Block;
using doc::Heading;
using doc::Paragraph;
using doc::Table;

const std::string kMinimal = EHCP_TEST_DATA "/minimal-plan.xml";

doc::Document Build(const Plan& plan, DiagnosticList& diagnostics,
                    const std::string& set = "default") {
  TemplateSet templates = testing::LoadTemplateOrDie(set);
  return BuildPlanDocument(plan, templates, diagnostics);
}

doc::Document BuildClean(const Plan& plan) {
  DiagnosticList diagnostics;
  doc::Document document = Build(plan, diagnostics);
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return document;
}

std::vector<const Heading*> Headings(const doc::Document& document, int level = 0) {
  std::vector<const Heading*> out;
  for (const auto& block : document.blocks) {
    if (const auto* h = std::get_if<Heading>(&block); h && (level == 0 || h->level == level))
      out.push_back(h);
  }
  return out;
}

std::vector<const Table*> Tables(const doc::Document& document) {
  std::vector<const Table*> out;
  for (const auto& block : document.blocks) {
    if (const auto* t = std::get_if<Table>(&block)) out.push_back(t);
  }
  return out;
}

std::string Text(const Paragraph& p) {
  std::string out;
  for (const auto& s : p.spans) out += s.text;
  return out;
}

std::string CellText(const doc::TableCell& cell) {
  std::string out;
  for (const auto& p : cell.paragraphs) out += (out.empty() ? "" : "\n") + Text(p);
  return out;
}

// The blocks between the heading with `anchor` and the next level-1 heading.
std::vector<const Block*> SectionBlocks(const doc::Document& document, const std::string& anchor) {
  std::vector<const Block*> out;
  bool inside = false;
  for (const auto& block : document.blocks) {
    const auto* h = std::get_if<Heading>(&block);
    if (h && h->level == 1) {
      if (inside) break;
      inside = h->anchor == anchor;
      continue;
    }
    if (inside) out.push_back(&block);
  }
  return out;
}

std::string SectionText(const doc::Document& document, const std::string& anchor) {
  std::string out;
  for (const Block* block : SectionBlocks(document, anchor)) {
    if (const auto* p = std::get_if<Paragraph>(block)) out += Text(*p) + "\n";
    if (const auto* t = std::get_if<Table>(block)) {
      for (const auto& row : t->rows) {
        for (const auto& cell : row) out += CellText(cell) + "\n";
      }
    }
  }
  return out;
}

const Table* FindTable(const doc::Document& document, const std::string& section_anchor) {
  for (const Block* block : SectionBlocks(document, section_anchor)) {
    if (const auto* t = std::get_if<Table>(block)) return t;
  }
  return nullptr;
}

// U+202E (right-to-left override) typed into a name reversed the template's own words
// around it in Word and showed as stray marks in the PDF. Both writers see one document,
// and bidi controls never reach it: not in spans, headings or template values.
TEST(BuildPlanDocument, BidiControlsInPlanTextNeverReachTheDocument) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  plan.child.legal_name.given = "Al\u202Eex\u202C";
  plan.child.preferred_name.clear();
  plan.b.needs[0].title = "Listening \u2067and\u2069 attention";
  plan.f.items[0].description.value = "Direct \u202Dtherapy\u202C each week.";
  std::string dump = doc::DumpDocument(BuildClean(plan));
  for (const char* control :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    EXPECT_EQ(dump.find(control), std::string::npos) << "a bidi control reached the document";
  EXPECT_NE(dump.find("Alex"), std::string::npos);
  EXPECT_NE(dump.find("Listening and attention"), std::string::npos);
  EXPECT_NE(dump.find("Direct therapy each week."), std::string::npos);
}

TEST(BuildPlanDocument, SectionsAToKInOrderWithLettersTitlesAndAnchors) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  std::vector<std::string> texts, anchors;
  for (const Heading* h : Headings(document, 1)) {
    if (h->anchor.rfind("section-", 0) == 0) {
      texts.push_back(h->text);
      anchors.push_back(h->anchor);
    }
  }
  EXPECT_EQ(
      texts,
      (std::vector<std::string>{
          "Section A: Views, interests and aspirations", "Section B: Special educational needs",
          "Section C: Health care needs", "Section D: Social care needs", "Section E: Outcomes",
          "Section F: Special educational provision", "Section G: Health care provision",
          "Section H1: Social care provision (CSDPA 1970 s.2)",
          "Section H2: Other social care provision", "Section I: Placement",
          "Section J: Personal budget", "Section K: Advice and information"}));
  EXPECT_EQ(anchors,
            (std::vector<std::string>{"section-a", "section-b", "section-c", "section-d",
                                      "section-e", "section-f", "section-g", "section-h1",
                                      "section-h2", "section-i", "section-j", "section-k"}));
  // Cover (with the child's details), contents, then the headed parts; sign-off last.
  auto first = [&](auto predicate) {
    return std::find_if(document.blocks.begin(), document.blocks.end(), predicate) -
           document.blocks.begin();
  };
  auto toc = first([](const Block& b) { return std::holds_alternative<doc::TableOfContents>(b); });
  auto heading = first([](const Block& b) { return std::holds_alternative<Heading>(b); });
  auto table = first([](const Block& b) { return std::holds_alternative<Table>(b); });
  ASSERT_LT(toc, static_cast<long>(document.blocks.size()));
  EXPECT_LT(table, toc);
  EXPECT_LT(toc, heading);
  EXPECT_EQ(std::get<Table>(document.blocks[table]).caption, "Alex's details");
  EXPECT_EQ(Headings(document, 1).front()->anchor, "about");
  EXPECT_EQ(Headings(document, 1).back()->anchor, "sign-off");
}

TEST(BuildPlanDocument, MetadataAndPageFurnitureComeFromThePlanAndTemplate) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  EXPECT_EQ(document.title, "Education, Health and Care plan: Alex Example");
  EXPECT_EQ(document.subject, "Final EHC plan, version 1");
  EXPECT_EQ(document.author, "Exampleshire County Council");
  EXPECT_EQ(document.lang, "en-GB");
  EXPECT_EQ(document.running_header, "Alex Example – Final EHC plan");
  EXPECT_EQ(document.footer_left, "Exampleshire County Council");
  EXPECT_EQ(document.page_label, "Page {page} of {pages}");
  EXPECT_FALSE(document.watermark.has_value());
}

TEST(BuildPlanDocument, DraftGetsWatermarkAndDraftNotice) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  plan.meta.status = PlanStatus::kDraft;
  plan.meta.sign_off.reset();
  doc::Document document = BuildClean(plan);
  ASSERT_TRUE(document.watermark.has_value());
  EXPECT_EQ(*document.watermark, "DRAFT");
  EXPECT_EQ(document.running_header, "Alex Example – Draft EHC plan");
  std::string dump = doc::DumpDocument(document);
  EXPECT_NE(dump.find("This is a draft plan."), std::string::npos);
  EXPECT_NE(SectionText(document, "sign-off").find("has not been signed yet"), std::string::npos);
}

TEST(BuildPlanDocument, CoverShowsChildDetails) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  std::string dump = doc::DumpDocument(document);
  EXPECT_NE(dump.find("P (title) Education, Health and Care plan"), std::string::npos);
  EXPECT_NE(dump.find("P (subtitle) Alex Example"), std::string::npos);
  EXPECT_NE(dump.find("P (subtitle) Final plan, version 1"), std::string::npos);
  EXPECT_NE(dump.find("[col 2] 1 March 2016"), std::string::npos);  // date of birth, long form
  EXPECT_NE(dump.find("[col 2] Year 5"), std::string::npos);
  EXPECT_NE(dump.find("[col 2] English"), std::string::npos);
  EXPECT_NE(dump.find("CONTENTS \"Contents\""), std::string::npos);
}

TEST(BuildPlanDocument, HeadingsNeverSkipALevelAndAnchorsAreUnique) {
  for (const std::string& file :
       {kMinimal, std::string(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml")}) {
    doc::Document document = BuildClean(testing::LoadPlanOrDie(file));
    int previous = 0;
    std::set<std::string> anchors;
    for (const auto& block : document.blocks) {
      if (const auto* h = std::get_if<Heading>(&block)) {
        EXPECT_LE(h->level, previous + 1) << h->text;
        EXPECT_GE(h->level, 1);
        EXPECT_LE(h->level, 3);
        previous = h->level;
        EXPECT_TRUE(anchors.insert(h->anchor).second) << "duplicate anchor " << h->anchor;
      }
    }
    // Every internal link points at a heading or paragraph anchor.
    std::vector<std::string> links;
    auto collect = [&](const Paragraph& p) {
      if (!p.anchor.empty()) {
        EXPECT_TRUE(anchors.insert(p.anchor).second) << "duplicate anchor " << p.anchor;
      }
      for (const auto& s : p.spans) {
        if (!s.link.empty()) links.push_back(s.link);
      }
    };
    for (const auto& block : document.blocks) {
      if (const auto* p = std::get_if<Paragraph>(&block)) collect(*p);
      if (const auto* t = std::get_if<Table>(&block)) {
        for (const auto& row : t->rows) {
          for (const auto& cell : row) {
            for (const auto& p : cell.paragraphs) collect(p);
          }
        }
      }
      if (const auto* l = std::get_if<doc::ListBlock>(&block)) {
        for (const auto& p : l->items) collect(p);
      }
    }
    EXPECT_FALSE(links.empty());
    for (const auto& link : links) {
      ASSERT_EQ(link[0], '#') << link;
      EXPECT_TRUE(anchors.count(link.substr(1))) << "dangling link " << link << " in " << file;
    }
  }
}

TEST(BuildPlanDocument, EveryTableHasCaptionDescriptionAndHeaders) {
  for (const std::string& file :
       {kMinimal, std::string(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml"),
        std::string(EHCP_SAMPLES "/early-years-hearing/plan.xml")}) {
    doc::Document document = BuildClean(testing::LoadPlanOrDie(file));
    auto tables = Tables(document);
    EXPECT_GE(tables.size(), 8u);
    for (const Table* t : tables) {
      EXPECT_FALSE(t->caption.empty());
      EXPECT_FALSE(t->description.empty()) << t->caption;
      EXPECT_TRUE(!t->header.empty() || t->row_headers) << t->caption;
      size_t columns = t->header.empty() ? 2 : t->header.size();
      if (!t->column_widths.empty()) {
        EXPECT_EQ(t->column_widths.size(), columns) << t->caption;
      }
      EXPECT_FALSE(t->rows.empty()) << t->caption;
      for (const auto& row : t->rows) {
        EXPECT_EQ(row.size(), columns) << t->caption;
        for (const auto& cell : row)
          EXPECT_FALSE(CellText(cell).empty()) << t->caption << ": blank cell";
      }
    }
  }
}

TEST(BuildPlanDocument, NoneStatementsAreShown) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  // The plan's own statement where it has one; the template's wording where it has none.
  plan.g.none.reset();
  doc::Document document = BuildClean(plan);
  EXPECT_NE(SectionText(document, "section-c")
                .find("Alex has no identified health care needs related to his special"),
            std::string::npos);
  EXPECT_NE(SectionText(document, "section-d").find("Alex has no identified social care needs."),
            std::string::npos);
  EXPECT_NE(SectionText(document, "section-g").find("No health care provision is required."),
            std::string::npos);
  EXPECT_NE(
      SectionText(document, "section-h1").find("Chronically Sick and Disabled Persons Act 1970"),
      std::string::npos);
  EXPECT_NE(SectionText(document, "section-h2").find("No other social care provision is required."),
            std::string::npos);
  EXPECT_NE(SectionText(document, "section-j").find("No personal budget has been requested."),
            std::string::npos);

  plan.i.placements.clear();
  plan.i.none.reset();
  document = BuildClean(plan);
  EXPECT_NE(SectionText(document, "section-i").find("No school or other institution is named yet"),
            std::string::npos);
}

TEST(BuildPlanDocument, ProvisionRowsShowWhoHowOftenHowLongAndTheGoldenThread) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  const Table* f = FindTable(document, "section-f");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->header,
            (std::vector<std::string>{"Provision", "Who provides it", "How often, how long, group",
                                      "Needs and outcomes"}));
  EXPECT_EQ(f->caption, "Section F: Special educational provision");
  ASSERT_EQ(f->rows.size(), 1u);
  const auto& row = f->rows[0];
  EXPECT_EQ(row[0].paragraphs[0].anchor, "provision-f1");
  EXPECT_EQ(Text(row[0].paragraphs[0]), "F1: Speech and language therapy");
  EXPECT_EQ(Text(row[0].paragraphs[1]).substr(0, 39), "Direct speech and language therapy to t");
  EXPECT_EQ(CellText(row[1]),
            "Speech and language therapist\nHCPC-registered\nResponsible: Education");
  EXPECT_EQ(CellText(row[2]),
            "How often: 1 session a week\nHow long: 30 minutes\nGroup size or ratio: 1:1");
  EXPECT_EQ(CellText(row[3]), "Meets needs: B1\nTowards outcomes: E1");
  EXPECT_EQ(row[3].paragraphs[0].spans[1].link, "#need-b1");
  EXPECT_EQ(row[3].paragraphs[1].spans[1].link, "#outcome-e1");
}

TEST(BuildPlanDocument, MissingProvisionDetailsSayNotSpecified) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  ProvisionItem& item = plan.f.items[0];
  item.deliverer_role.clear();
  item.deliverer_qualification.clear();
  item.frequency.reset();
  item.duration_minutes.reset();
  item.staffing = {};
  item.agency.reset();
  item.outcomes.clear();
  doc::Document document = BuildClean(plan);
  const auto& row = FindTable(document, "section-f")->rows[0];
  EXPECT_EQ(CellText(row[1]), "Not specified\nResponsible: Not specified");
  EXPECT_EQ(
      CellText(row[2]),
      "How often: Not specified\nHow long: Not specified\nGroup size or ratio: Not specified");
  EXPECT_EQ(CellText(row[3]), "Meets needs: B1\nTowards outcomes: Not specified");
}

TEST(BuildPlanDocument, FrequencyDurationAndGroupInWords) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  ProvisionItem& item = plan.f.items[0];
  item.frequency = Frequency{3, Period::kHalfTerm};
  item.duration_minutes = 90;
  item.staffing.ratio = std::make_pair(1, 6);
  item.staffing.group_size = 6;
  item.commissioner = "Exampleshire SEND Service";
  const auto row = FindTable(BuildClean(plan), "section-f")->rows[0];
  EXPECT_EQ(CellText(row[2]),
            "How often: 3 sessions each half-term\nHow long: 1 hour 30 minutes\nGroup size or "
            "ratio: Group of 6, 1:6");
  EXPECT_EQ(CellText(row[1]),
            "Speech and language therapist\nHCPC-registered\nResponsible: Education\nCommissioned "
            "by Exampleshire SEND "
            "Service");

  item.frequency = Frequency{2, Period::kDay};
  item.duration_minutes = 120;
  const auto row2 = FindTable(BuildClean(plan), "section-f")->rows[0];
  EXPECT_EQ(CellText(row2[2]),
            "How often: 2 sessions a day\nHow long: 2 hours\nGroup size or ratio: Group of 6, 1:6");
}

TEST(BuildPlanDocument, GoldenThreadTableLinksNeedsToOutcomesAndProvision) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  const Table* golden = FindTable(document, "section-b");
  ASSERT_NE(golden, nullptr);
  EXPECT_EQ(golden->header, (std::vector<std::string>{"Need", "Outcomes", "Provision"}));
  EXPECT_EQ(golden->caption, "How this plan meets Alex's needs in communication and interaction");
  ASSERT_EQ(golden->rows.size(), 1u);
  const auto& row = golden->rows[0];
  EXPECT_EQ(row[0].paragraphs[0].spans[0].link, "#need-b1");
  EXPECT_EQ(row[1].paragraphs[0].spans[0].link, "#outcome-e1");
  // The outcome is printed in full once, in Section E: here it is a link to it.
  EXPECT_EQ(CellText(row[1]), "E1");
  EXPECT_EQ(row[2].paragraphs[0].spans[0].link, "#provision-f1");
  EXPECT_EQ(CellText(row[2]), "F1: Speech and language therapy (1 session a week)");

  // A need nothing serves says so.
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  plan.e.outcomes[0].needs.clear();
  plan.f.items[0].needs.clear();
  doc::Document with_gap = BuildClean(plan);
  const auto& gap = FindTable(with_gap, "section-b")->rows[0];
  EXPECT_EQ(CellText(gap[1]), "No outcome is linked to this need");
  EXPECT_EQ(CellText(gap[2]), "No provision is linked to this need");
}

TEST(BuildPlanDocument, NeedsGroupedByAreaWithEvidenceLinks) {
  doc::Document document =
      BuildClean(testing::LoadPlanOrDie(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml"));
  std::vector<std::string> b;
  for (const Block* block : SectionBlocks(document, "section-b")) {
    if (const auto* h = std::get_if<Heading>(block))
      b.push_back(std::to_string(h->level) + " " + h->anchor);
  }
  ASSERT_GE(b.size(), 4u);
  EXPECT_EQ(b[0], "2 section-b-communication-interaction");
  EXPECT_EQ(b[1], "3 need-b1");
  std::string dump = doc::DumpDocument(document);
  EXPECT_NE(dump.find("P (note) Evidence: [link=#advice-k5: K5], [link=#advice-k4: K4]"),
            std::string::npos);
}

// Issue #19: needs read B1, B2, ... in every sample, not B3...B8, B1, B2: the areas of
// need come in the order of their first need, and each area's needs in number order.
TEST(BuildPlanDocument, NeedsComeInTheOrderAReaderCounts) {
  for (const char* sample :
       {"/early-years-hearing/plan.xml", "/ks3-autism-anxiety/plan.xml", "/year10-pfa/plan.xml",
        "/weak-plan/plan.xml", "/annual-review/current-plan.xml"}) {
    doc::Document document = BuildClean(testing::LoadPlanOrDie(std::string(EHCP_SAMPLES) + sample));
    std::vector<std::vector<int>> areas;
    for (const Block* block : SectionBlocks(document, "section-b")) {
      const auto* h = std::get_if<Heading>(block);
      if (h && h->level == 2 && h->anchor.rfind("section-b-", 0) == 0 &&
          h->anchor != "section-b-strengths")
        areas.emplace_back();
      if (h && h->anchor.rfind("need-b", 0) == 0 && !areas.empty())
        areas.back().push_back(std::stoi(h->anchor.substr(6)));
    }
    ASSERT_FALSE(areas.empty()) << sample;
    EXPECT_EQ(areas.front().front(), 1) << sample;
    for (size_t a = 0; a < areas.size(); ++a) {
      ASSERT_FALSE(areas[a].empty()) << sample;
      EXPECT_TRUE(std::is_sorted(areas[a].begin(), areas[a].end())) << sample << " area " << a + 1;
      if (a > 0) {
        EXPECT_LT(areas[a - 1].front(), areas[a].front()) << sample << " area " << a + 1;
      }
    }
  }
}

// Provision is titled by what it is: "F11: Teacher of the Deaf (ToD)", not "F11: Other"; and the
// golden thread's summary puts how often in brackets, never after a sentence's full stop.
TEST(BuildPlanDocument, ProvisionIsTitledByWhatItIs) {
  doc::Document document =
      BuildClean(testing::LoadPlanOrDie(EHCP_SAMPLES "/early-years-hearing/plan.xml"));
  std::string dump = doc::DumpDocument(document);
  for (const char* category : {": Other]", ": Health care]", ": Other (", ": Health care ("}) {
    EXPECT_EQ(dump.find(category), std::string::npos) << category;
  }
  EXPECT_EQ(dump.find("., "), std::string::npos) << dump.substr(dump.find("., ") - 80, 100);
  EXPECT_NE(dump.find("[bold: F11: "), std::string::npos);
}

// "English translation of A5 by the interpreter said" named an id the reader never sees:
// the speaker is named alone, and the rest is a note whose reference is words that link
// to the view.
TEST(BuildPlanDocument, SpeakerLabelsNameOnlyTheSpeaker) {
  doc::Document document =
      BuildClean(testing::LoadPlanOrDie(EHCP_SAMPLES "/early-years-hearing/plan.xml"));
  std::string dump = doc::DumpDocument(document);
  EXPECT_EQ(dump.find("interpreter said"), std::string::npos);
  EXPECT_NE(dump.find("[bold: Tomasz Wiśniewski (father) said]"), std::string::npos);
  EXPECT_NE(
      dump.find(
          "P (note keep) English translation of [link=#view-a5: the words in Polish above] by the "
          "interpreter"),
      std::string::npos);
}

// Details are printed once: the reference, status, issue date and next review are on the
// cover, and the plan details table points there rather than repeating them.
TEST(BuildPlanDocument, CoverDetailsAreNotRepeated) {
  Plan plan = testing::LoadPlanOrDie(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml");
  doc::Document document = BuildClean(plan);
  std::string dump = doc::DumpDocument(document);
  dump = dump.substr(dump.find("\n---\n"));  // the pages, not the file's metadata
  size_t first = dump.find(plan.meta.plan_id);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(dump.find(plan.meta.plan_id, first + 1), std::string::npos)
      << "the plan reference is printed twice";
  EXPECT_NE(dump.find("On the cover"), std::string::npos);
  // The status line on the cover gives the version; the details table does not again.
  EXPECT_EQ(dump.find("[col 1] Version"), std::string::npos);
}

TEST(BuildPlanDocument, SectionAAttributesEntriesAndTagsOtherLanguages) {
  doc::Document document =
      BuildClean(testing::LoadPlanOrDie(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml"));
  std::string dump = doc::DumpDocument(document);
  EXPECT_NE(dump.find("[bold: In Yusuf's own words]\nP (quote) \"I like school"),
            std::string::npos);
  EXPECT_NE(dump.find("[bold: Karim Haddad (father) said]"), std::string::npos);
  EXPECT_NE(dump.find("P [lang=ar: يوسف ولد ذكي"), std::string::npos);
  // A name partly in Arabic script: only the Arabic run is tagged.
  EXPECT_NE(dump.find("Mariam Haddad ([lang=ar: مريم حداد])"), std::string::npos);
  // Section A groups entries by kind, in the schema's order.
  std::vector<std::string> kinds;
  for (const Block* block : SectionBlocks(document, "section-a")) {
    if (const auto* h = std::get_if<Heading>(block)) kinds.push_back(h->anchor);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"section-a-gathered", "section-a-history",
                                             "section-a-communication", "section-a-views",
                                             "section-a-interests", "section-a-strengths",
                                             "section-a-aspirations"}));
}

// Exampleshire's template asks for the one-page "about me" summary; the default does not.
TEST(BuildPlanDocument, AboutMePageOpensThePlanWhenTheTemplateAsksForIt) {
  Plan plan = testing::LoadPlanOrDie(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml");
  DiagnosticList diagnostics;
  doc::Document document = Build(plan, diagnostics, "exampleshire");
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  ASSERT_FALSE(document.blocks.empty());
  const auto* first = std::get_if<Heading>(&document.blocks.front());
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->anchor, "about-me");
  EXPECT_EQ(first->text, "All about Yusuf");
  // The page: its parts, the child's own words as a quotation, then the outcomes, then a
  // page break before the cover. Its paragraphs carry no field marks (import reads the
  // plan's words from their own sections).
  std::vector<std::string> parts;
  size_t at = 1;
  bool quote = false, outcomes = false;
  for (;
       at < document.blocks.size() && !std::holds_alternative<doc::PageBreak>(document.blocks[at]);
       ++at) {
    const Block& block = document.blocks[at];
    if (const auto* h = std::get_if<Heading>(&block)) {
      parts.push_back(h->anchor);
      EXPECT_FALSE(h->in_contents);
    }
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      EXPECT_TRUE(p->mark.Empty());
      quote = quote || p->style == doc::ParagraphStyle::kQuote;
    }
    if (const auto* list = std::get_if<doc::ListBlock>(&block)) outcomes = !list->items.empty();
  }
  EXPECT_LT(at, document.blocks.size()) << "no page break after the about-me page";
  EXPECT_EQ(parts.front(), "about-me-interests");
  EXPECT_EQ(parts.back(), "about-me-outcomes");
  EXPECT_TRUE(quote);
  EXPECT_TRUE(outcomes);

  std::string dump = doc::DumpDocument(BuildClean(plan));
  EXPECT_EQ(dump.find("about-me"), std::string::npos);
}

TEST(BuildPlanDocument, OutcomesShowTimeframeStepsAndNeeds) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  std::string e = SectionText(document, "section-e");
  EXPECT_NE(e.find("By the end of Key Stage 2 (21 July 2027)"), std::string::npos) << e;
  EXPECT_NE(e.find("three-step classroom instructions"), std::string::npos);
  const Table* about = FindTable(document, "section-e");
  ASSERT_NE(about, nullptr);
  EXPECT_EQ(about->caption, "About outcome E1");
  EXPECT_TRUE(about->row_headers);

  Plan plan = testing::LoadPlanOrDie(kMinimal);
  Step step;
  step.text.value = "Alex will follow two-step instructions.";
  step.by = Date{2026, 12, 18};
  plan.e.outcomes[0].steps.push_back(step);
  plan.e.outcomes[0].pfa = PfaDomain::kIndependentLiving;
  std::string dump = doc::DumpDocument(BuildClean(plan));
  EXPECT_NE(dump.find("LIST\n  - Alex will follow two-step instructions. (by 18 December 2026)"),
            std::string::npos);
  EXPECT_NE(dump.find("[col 2] Independent living"), std::string::npos);
}

TEST(BuildPlanDocument, BudgetAmountInPoundsWithThousandsSeparators) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  PersonalBudget budget;
  budget.annual_amount_pence = 123456789;
  ItemRef need;
  need.id = "B1";
  budget.needs.push_back(need);
  plan.j.budget = budget;
  plan.j.none.reset();
  doc::Document document = BuildClean(plan);
  std::string j = SectionText(document, "section-j");
  EXPECT_NE(j.find("£1,234,567.89 a year"), std::string::npos) << j;
  EXPECT_NE(j.find("Direct payment"), std::string::npos);

  plan.j.budget->annual_amount_pence = 514800;
  EXPECT_NE(SectionText(BuildClean(plan), "section-j").find("£5,148 a year"), std::string::npos);
}

TEST(BuildPlanDocument, AdviceTableListsSectionK) {
  doc::Document document = BuildClean(testing::LoadPlanOrDie(kMinimal));
  const Table* k = FindTable(document, "section-k");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->header, (std::vector<std::string>{"Ref", "Advice", "From", "Dates", "Appended"}));
  ASSERT_EQ(k->rows.size(), 1u);
  std::vector<std::string> cells;
  for (const auto& cell : k->rows[0]) cells.push_back(CellText(cell));
  EXPECT_EQ(cells,
            (std::vector<std::string>{
                "K1", "Educational advice", "Pat Teacher\nSENCO\nExample Primary School\nEducation",
                "Requested: 20 January 2026\nReceived: 25 February 2026", "Yes"}));
  EXPECT_EQ(k->rows[0][0].paragraphs[0].anchor, "advice-k1");
}

TEST(BuildPlanDocument, UnknownTemplateVariableIsReported) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  templates.strings["details.intro"] = "Plan for {{child.knwon_as}}.";
  DiagnosticList diagnostics;
  doc::Document document = BuildPlanDocument(plan, templates, diagnostics);
  ASSERT_EQ(diagnostics.Size(), 1u);
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.code, "template.unknown-variable");
  EXPECT_NE(d.message.find("child.knwon_as"), std::string::npos);
  EXPECT_NE(d.location.FileName().find("template.json"), std::string::npos);
  EXPECT_NE(doc::DumpDocument(document).find("P (lead) Plan for .\n"), std::string::npos);
}

TEST(BuildPlanDocument, MissingTemplateStringIsAnError) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  templates.strings.erase("section.F.title");
  DiagnosticList diagnostics;
  BuildPlanDocument(plan, templates, diagnostics);
  ASSERT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.Items()[0].code, "template.missing-string");
  EXPECT_NE(diagnostics.Items()[0].message.find("section.F.title"), std::string::npos);
}

TEST(BuildPlanDocument, TemplateSyntaxErrorIsAnError) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  templates.strings["cover.title"] = "Plan {{#child.known_as}} unclosed";
  DiagnosticList diagnostics;
  BuildPlanDocument(plan, templates, diagnostics);
  ASSERT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.Items()[0].code, "template.syntax");
}

// Parsed template strings are kept between documents (by their text): a second set, or
// the same set changed, must still render its own wording, and an error in a string must
// be reported for every document built with it, not only the first.
TEST(BuildPlanDocument, TemplateStringsParsedBeforeDoNotLeakIntoAnotherSet) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  TemplateSet first = testing::LoadTemplateOrDie("default");
  first.strings["details.intro"] = "First set for {{child.known_as}}.";
  TemplateSet second = testing::LoadTemplateOrDie("default");
  second.strings["details.intro"] = "Second set for {{child.known_as}}.";
  for (int round = 0; round < 2; ++round) {
    for (const auto* templates : {&first, &second}) {
      DiagnosticList diagnostics;
      std::string dump = doc::DumpDocument(BuildPlanDocument(plan, *templates, diagnostics));
      EXPECT_FALSE(diagnostics.HasErrors());
      const char* wanted = templates == &first ? "P (lead) First set for Alex.\n"
                                               : "P (lead) Second set for Alex.\n";
      EXPECT_NE(dump.find(wanted), std::string::npos) << "round " << round;
    }
  }
}

TEST(BuildPlanDocument, TemplateErrorsAreReportedForEveryDocument) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  templates.strings["cover.title"] = "Plan {{#child.known_as}} unclosed";
  templates.strings["details.intro"] = "Plan for {{child.knwon_as}}.";
  for (int round = 0; round < 3; ++round) {
    DiagnosticList diagnostics;
    BuildPlanDocument(plan, templates, diagnostics);
    std::set<std::string> codes;
    for (const Diagnostic& d : diagnostics.Items()) codes.insert(d.code);
    EXPECT_EQ(codes, (std::set<std::string>{"template.syntax", "template.unknown-variable"}))
        << "round " << round;
  }
}

// A partial names a value of the plan's data, which the engine parses as it renders and
// in which it records an error: such strings are parsed per document, so a plan whose text
// breaks one does not change the next document built with the same set.
TEST(BuildPlanDocument, PartialNamingBrokenPlanTextDoesNotReachTheNextDocument) {
  Plan broken = testing::LoadPlanOrDie(kMinimal);
  broken.child.preferred_name = "{{#unclosed";
  Plan plain = testing::LoadPlanOrDie(kMinimal);
  plain.child.preferred_name = "Al";
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  templates.strings["details.intro"] = "Known as {{#child}}{{> preferred_name}}{{/child}}.";
  for (int round = 0; round < 2; ++round) {
    DiagnosticList first;
    BuildPlanDocument(broken, templates, first);
    DiagnosticList second;
    std::string dump = doc::DumpDocument(BuildPlanDocument(plain, templates, second));
    EXPECT_FALSE(second.HasErrors()) << "round " << round;
    EXPECT_NE(dump.find("P (lead) Known as Al.\n"), std::string::npos) << "round " << round;
  }
}

TEST(BuildPlanDocument, TemplateOutputIsNotHtmlEscaped) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  plan.child.legal_name.family = "O'Brien & Sons <test>";
  doc::Document document = BuildClean(plan);
  EXPECT_EQ(document.title, "Education, Health and Care plan: Alex O'Brien & Sons <test>");
}

TEST(BuildPlanDocument, CouncilLogoBecomesAFigureWithAltText) {
  Plan plan = testing::LoadPlanOrDie(kMinimal);
  DiagnosticList diagnostics;
  TemplateSet templates = testing::LoadTemplateOrDie("exampleshire");
  doc::Document document = BuildPlanDocument(plan, templates, diagnostics);
  EXPECT_TRUE(diagnostics.Empty());
  // The cover's first block (Exampleshire's "about me" page comes before the cover).
  auto cover = std::find_if(document.blocks.begin(), document.blocks.end(), [](const Block& b) {
    return std::holds_alternative<doc::PageBreak>(b);
  });
  ASSERT_NE(cover, document.blocks.end());
  const auto* figure = std::get_if<doc::Figure>(&*(cover + 1));
  ASSERT_NE(figure, nullptr);
  EXPECT_FALSE(figure->alt.empty());
  EXPECT_TRUE(std::filesystem::exists(figure->image_path));
  EXPECT_EQ(std::filesystem::path(figure->image_path).parent_path(), templates.folder);
  // The council's own name and contact lines replace the plan's LA name.
  EXPECT_EQ(document.author, templates.branding.council_name);
  EXPECT_NE(doc::DumpDocument(document).find("P (note) " + templates.branding.contact_lines.at(0)),
            std::string::npos);
}

}  // namespace
}  // namespace ehcp
