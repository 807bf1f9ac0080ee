// The working document stage: one item's wording composed in the tribunal's key, the
// evidence footnotes, the proposals reader's located errors, and the page estimate.

#include "working_document/working_document.h"

#include <gtest/gtest.h>

#include "loader/document_loader.h"
#include "working_document/proposals.h"

namespace ehcp {
namespace {

const std::string kData = EHCP_SOURCE_DIR "/tests/working_document/data/";
const std::string kPlan = EHCP_SOURCE_DIR "/samples/annual-review/current-plan.xml";

// Spans as text: plain words as they are, styled ones as [u s b i:words], footnotes as
// {note}; paragraphs separated by " | ".
std::string Show(const std::vector<doc::Paragraph>& paragraphs) {
  std::string out;
  for (const auto& paragraph : paragraphs) {
    if (!out.empty()) out += " | ";
    for (const auto& span : paragraph.spans) {
      std::string style;
      if (span.underline) style += "u";
      if (span.strike) style += "s";
      if (span.bold) style += "b";
      if (span.italic) style += "i";
      out += style.empty() ? span.text : "[" + style + ":" + span.text + "]";
      if (!span.footnote.empty()) out += "{" + span.footnote + "}";
    }
  }
  return out;
}

Prose Paragraphs(std::initializer_list<const char*> texts) {
  Prose prose;
  for (const char* text : texts) prose.push_back(Text{text, {}, {}});
  return prose;
}

ProposedWording Wording(Party party, std::initializer_list<const char*> texts,
                        std::vector<std::string> evidence = {}) {
  ProposedWording wording;
  wording.party = party;
  wording.paragraphs = Paragraphs(texts);
  for (auto& id : evidence) wording.evidence.push_back(ItemRef{id, {}});
  return wording;
}

Proposals WithEvidence() {
  Proposals proposals;
  proposals.evidence.push_back(
      {"EP", "Educational psychology report", "Dr Anna Kowal", Date{2026, 7, 15}, "4", "12", {}});
  proposals.evidence.push_back({"SALT",
                                "Speech and language therapy report",
                                "Priya Natarajan",
                                Date{2026, 10, 5},
                                "",
                                "",
                                {}});
  return proposals;
}

std::string Compose(const Prose& original, std::vector<ProposedWording> wordings,
                    DiagnosticList* out = nullptr) {
  ItemProposal item;
  item.item_id = "F2";
  item.wordings = std::move(wordings);
  DiagnosticList diagnostics;
  std::string shown = Show(ComposeItem(original, item, WithEvidence(), diagnostics));
  if (out != nullptr) *out = diagnostics;
  return shown;
}

TEST(ComposeItem, ParentReplacementIsBoldStruckThenBold) {
  EXPECT_EQ(Compose(Paragraphs({"Yusuf has 15 hours a week."}),
                    {Wording(Party::kParent, {"Yusuf has 20 hours a week."}, {"EP"})}),
            "Yusuf has [sb:15] [b:20]{Parent's proposed change: Dr Anna Kowal, Educational "
            "psychology report, "
            "15/07/2026, p.4, para. 12.} hours a week.");
}

TEST(ComposeItem, CouncilChangesAreItalic) {
  EXPECT_EQ(Compose(Paragraphs({"Therapy once a fortnight for 45 minutes."}),
                    {Wording(Party::kCouncil,
                             {"Therapy once a fortnight for 45 minutes, reviewed each term."},
                             {"SALT"})}),
            "Therapy once a fortnight for 45 minutes[i:, reviewed each term]{Local authority's "
            "proposed change: "
            "Priya Natarajan, Speech and language therapy report, 05/10/2026.}.");
  EXPECT_EQ(Compose(Paragraphs({"Therapy once a fortnight for 45 minutes."}),
                    {Wording(Party::kCouncil, {"Therapy for 45 minutes."})}),
            "Therapy [si:once a fortnight]{Local authority's proposed change (no evidence cited).} "
            "for 45 minutes.");
}

TEST(ComposeItem, AgreedChangesAreUnderlinedAndPartiesCompareWithTheAgreedText) {
  // Agreed: "daily in the Hub" becomes "each school day" (the word diff shows a replaced
  // run as its deletion, then its insertion). The parent then adds to the agreed wording;
  // the council deletes a word of it, which stays underlined as agreed text.
  EXPECT_EQ(Compose(Paragraphs({"A check-in daily in the Hub with his assistant."}),
                    {Wording(Party::kAgreed, {"A check-in each school day with his assistant."}),
                     Wording(Party::kParent,
                             {"A 10-minute check-in each school day with his assistant."}),
                     Wording(Party::kCouncil, {"A check-in each day with his assistant."})}),
            "A [b:10-minute]{Parent's proposed change (no evidence cited).} check-in [us:daily in "
            "the Hub] [u:each] "
            "[usi:school]{Local authority's proposed change (no evidence cited).} [u:day]"
            "{Agreed change (no evidence cited).} with his assistant.");
}

TEST(ComposeItem, AWordBothPartiesDeleteIsBoldItalicStruck) {
  EXPECT_EQ(Compose(Paragraphs({"He has a laptop and a reader."}),
                    {Wording(Party::kParent, {"He has a laptop."}),
                     Wording(Party::kCouncil, {"He has a laptop."})}),
            "He has a laptop [sbi:and a reader]{Parent's proposed change (no evidence cited). "
            "Local authority's "
            "proposed change (no evidence cited).}.");
}

TEST(ComposeItem, ParagraphsStayParagraphs) {
  EXPECT_EQ(Compose(Paragraphs({"First paragraph here.", "Second one here."}),
                    {Wording(Party::kParent, {"First paragraph here.", "Second one there."})}),
            "First paragraph here. | Second one [sb:here] [b:there]{Parent's proposed change (no "
            "evidence cited).}.");
}

TEST(ComposeItem, AWordingThatChangesNothingIsAWarning) {
  DiagnosticList diagnostics;
  EXPECT_EQ(Compose(Paragraphs({"Nothing changes."}),
                    {Wording(Party::kCouncil, {"Nothing changes."})}, &diagnostics),
            "Nothing changes.");
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "wdoc.unchanged");
  EXPECT_FALSE(diagnostics.HasErrors());
}

std::unique_ptr<SchemaRegistry> Schemas() {
  auto schemas = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  RegisterProposalsSchema(*schemas);
  return schemas;
}

TEST(ReadProposals, ReadsTheSample) {
  DiagnosticList diagnostics;
  auto proposals = ReadProposals(EHCP_SOURCE_DIR "/samples/annual-review/proposals.xml", *Schemas(),
                                 diagnostics);
  ASSERT_TRUE(proposals) << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));
  EXPECT_EQ(proposals->plan_id, "NM998-2026-0233");
  EXPECT_EQ(proposals->tribunal_reference, "EH998/26/00042");
  ASSERT_EQ(proposals->items.size(), 3u);
  EXPECT_EQ(proposals->items[0].item_id, "B2");
  ASSERT_EQ(proposals->items[0].wordings.size(), 3u);
  EXPECT_EQ(proposals->items[0].wordings[0].party, Party::kAgreed);
  EXPECT_EQ(proposals->items[0].wordings[2].party, Party::kCouncil);
  EXPECT_EQ(proposals->items[1].wordings[0].evidence.size(), 2u);
  ASSERT_NE(proposals->FindEvidence("EP"), nullptr);
  EXPECT_EQ(EvidenceCitation(*proposals->FindEvidence("EP")),
            "Dr Anna Kowal, educational psychologist, Educational psychology report, 15/07/2026, "
            "p.4, para. 12");
}

TEST(ReadProposals, SchemaViolationsAreLocated) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(ReadProposals(kData + "schema-invalid.xml", *Schemas(), diagnostics));
  ASSERT_EQ(diagnostics.Size(), 2u);
  EXPECT_EQ(diagnostics.Items()[0].code, "schema.invalid");
  EXPECT_EQ(diagnostics.Items()[0].location.line, 4);
  EXPECT_EQ(diagnostics.Items()[1].location.line, 7);
}

TEST(ReadProposals, UnknownEvidenceIsLocated) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(ReadProposals(kData + "unknown-evidence.xml", *Schemas(), diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "wdoc.evidence");
  EXPECT_EQ(diagnostics.Items()[0].location.line, 6);
  EXPECT_NE(diagnostics.Items()[0].message.find("'SALT'"), std::string::npos);
}

struct Loaded {
  Plan plan;
  Proposals proposals;
};

Loaded Load(const std::string& proposals_file) {
  auto schemas = Schemas();
  LoadedDocument plan = LoadDocument(kPlan, *schemas);
  EXPECT_TRUE(plan.Ok());
  DiagnosticList diagnostics;
  auto proposals = ReadProposals(proposals_file, *schemas, diagnostics);
  EXPECT_TRUE(proposals);
  return {std::move(*plan.plan), std::move(*proposals)};
}

TEST(BuildWorkingDocument, UnknownItemIsALocatedError) {
  Loaded loaded = Load(kData + "unknown-item.xml");
  DiagnosticList diagnostics;
  EXPECT_FALSE(BuildWorkingDocument(loaded.plan, loaded.proposals, {}, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "wdoc.unknown-item");
  EXPECT_EQ(diagnostics.Items()[0].location.line, 7);
  EXPECT_NE(diagnostics.Items()[0].location.FileName().find("unknown-item.xml"), std::string::npos);
  EXPECT_NE(diagnostics.Items()[0].message.find("'F99'"), std::string::npos);
}

TEST(BuildWorkingDocument, ProposalsForAnotherPlanAreRefused) {
  Loaded loaded = Load(kData + "other-plan.xml");
  DiagnosticList diagnostics;
  EXPECT_FALSE(BuildWorkingDocument(loaded.plan, loaded.proposals, {}, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "wdoc.plan");
  EXPECT_EQ(diagnostics.Items()[0].location.line, 3);
}

TEST(BuildWorkingDocument, SampleHasTheKeyFirstThenSectionsBEF) {
  Loaded loaded = Load(EHCP_SOURCE_DIR "/samples/annual-review/proposals.xml");
  DiagnosticList diagnostics;
  auto built = BuildWorkingDocument(loaded.plan, loaded.proposals, {}, diagnostics);
  ASSERT_TRUE(built);
  EXPECT_TRUE(diagnostics.Empty());
  const auto& blocks = built->document.blocks;
  size_t key = 0, page_break = 0;
  std::vector<std::string> sections;
  size_t footnotes = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (const auto* table = std::get_if<doc::Table>(&blocks[i]); table && table->caption == "Key")
      key = i;
    if (std::holds_alternative<doc::PageBreak>(blocks[i]) && page_break == 0) page_break = i;
    if (const auto* heading = std::get_if<doc::Heading>(&blocks[i]);
        heading && heading->level == 1) {
      sections.push_back(heading->text);
    }
    if (const auto* paragraph = std::get_if<doc::Paragraph>(&blocks[i])) {
      for (const auto& span : paragraph->spans) footnotes += span.footnote.empty() ? 0 : 1;
    }
  }
  EXPECT_GT(key, 0u);
  EXPECT_LT(key, page_break);
  EXPECT_EQ(sections,
            (std::vector<std::string>{"Section B: Special educational needs", "Section E: Outcomes",
                                      "Section F: Special educational provision"}));
  EXPECT_GE(footnotes, 5u);  // B2 agreed, parent and council; F2 and F7 both parties
  EXPECT_GE(built->estimated_pages, 2);
  EXPECT_LE(built->estimated_pages, 25);
}

TEST(BuildWorkingDocument, OverThePageLimitIsAWarning) {
  Loaded loaded = Load(EHCP_SOURCE_DIR "/samples/annual-review/proposals.xml");
  DiagnosticList diagnostics;
  WorkingDocumentOptions options;
  options.page_limit = 1;
  auto built = BuildWorkingDocument(loaded.plan, loaded.proposals, options, diagnostics);
  ASSERT_TRUE(built);
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "wdoc.pages");
  EXPECT_EQ(diagnostics.Items()[0].severity, Severity::kWarning);
}

TEST(EstimatePages, CountsAPageForTheKeyAndWordsAfterIt) {
  doc::Document document;
  document.blocks.push_back(doc::PageBreak{});
  EXPECT_EQ(EstimatePages(document), 1);
  doc::Paragraph paragraph;
  std::string words;
  for (int i = 0; i < 538; ++i) words += "word ";
  paragraph.spans.emplace_back();
  paragraph.spans.back().text = words;
  document.blocks.push_back(paragraph);  // 538 + 12 = 550 words: one page
  EXPECT_EQ(EstimatePages(document), 2);
  document.blocks.push_back(paragraph);
  EXPECT_EQ(EstimatePages(document), 3);
}

}  // namespace
}  // namespace ehcp
