// Mapping Word edits back onto the plan, in process: the Word side is the base plan's own
// rendering, read as the DOCX reader would see it, then edited.

#include "import/plan_import.h"

#include <gtest/gtest.h>

#include <set>

#include "document/plan_document.h"
#include "document/template_set.h"
#include "loader/document_loader.h"

namespace ehcp {
namespace {

struct Fixture {
  Plan plan;
  doc::Document document;
  ProvisionGrammar grammar;
};

const Fixture& Base() {
  static const Fixture* fixture = [] {
    auto schemas = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterGrammarSchema(*schemas);
    LoadedDocument loaded = LoadDocument(EHCP_TEST_DATA "/minimal-plan.xml", *schemas);
    DiagnosticList diagnostics;
    auto templates = LoadTemplateSet(EHCP_SOURCE_DIR "/templates/default", diagnostics);
    auto grammar = ProvisionGrammar::Load(EHCP_SOURCE_DIR "/quality/provision-grammar.xml",
                                          *schemas, diagnostics);
    if (!loaded.plan || !templates || !grammar) std::abort();
    doc::Document document = BuildPlanDocument(*loaded.plan, *templates, diagnostics);
    return new Fixture{*loaded.plan, std::move(document), std::move(*grammar)};
  }();
  return *fixture;
}

// The document as the DOCX reader returns it for an unedited file.
WordDocument AsWord(const doc::Document& document) {
  WordDocument word;
  int paragraph = 0, table = 0;
  auto add = [&](const doc::Paragraph& p, WordPlace place) {
    std::string text;
    for (const auto& s : p.spans) text += s.text;
    if (text.empty()) return;
    place.paragraph = ++paragraph;
    WordParagraph wp{text, {}, place};
    if (!p.mark.Empty()) wp.marks.push_back(p.mark);
    word.paragraphs.push_back(std::move(wp));
  };
  for (const auto& block : document.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block)) add(*p, {});
    if (const auto* h = std::get_if<doc::Heading>(&block)) {
      word.paragraphs.push_back({h->text, {}, {++paragraph}});
      if (!h->mark.Empty()) word.paragraphs.back().marks.push_back(h->mark);
    }
    if (const auto* list = std::get_if<doc::ListBlock>(&block))
      for (const auto& item : list->items) add(item, {});
    if (const auto* t = std::get_if<doc::Table>(&block)) {
      ++table;
      int row = 0;
      for (const auto& r : t->rows) {
        ++row;
        int column = 0;
        for (const auto& cell : r) {
          ++column;
          for (const auto& p : cell.paragraphs) add(p, WordPlace{0, table, row, column});
        }
      }
    }
  }
  return word;
}

ImportResult Import(const WordDocument& word) {
  return ImportWordEdits(word, "edited.docx", Base().plan, Base().document, Base().grammar);
}

WordParagraph* Marked(WordDocument& word, const std::string& id, const std::string& field) {
  for (auto& p : word.paragraphs)
    for (const auto& m : p.marks)
      if (m.item_id == id && m.field == field) return &p;
  return nullptr;
}

TEST(PlanImport, UneditedDocumentChangesNothing) {
  ImportResult r = Import(AsWord(Base().document));
  EXPECT_TRUE(r.changes.empty());
  EXPECT_EQ(r.plan.e.outcomes.size(), Base().plan.e.outcomes.size());
  EXPECT_EQ(r.plan.f.items.at(0).description.value, Base().plan.f.items.at(0).description.value);
}

TEST(PlanImport, ChangedSentenceIsOneChange) {
  WordDocument word = AsWord(Base().document);
  ASSERT_NE(Marked(word, "E1", "text"), nullptr);
  Marked(word, "E1", "text")->text = "By July, Alex will follow  three-step instructions. ";
  ImportResult r = Import(word);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kChanged);
  EXPECT_EQ(r.changes[0].item_id, "E1");
  EXPECT_EQ(r.plan.e.outcomes[0].text.value, "By July, Alex will follow three-step instructions.");
}

TEST(PlanImport, HowOftenLineIsReadThroughTheGrammar) {
  WordDocument word = AsWord(Base().document);
  ASSERT_NE(Marked(word, "F1", "often"), nullptr);
  Marked(word, "F1", "often")->text = "How often: three times a fortnight";
  ImportResult r = Import(word);
  ASSERT_TRUE(r.plan.f.items[0].frequency);
  EXPECT_EQ(r.plan.f.items[0].frequency->count, 3);
  EXPECT_EQ(r.plan.f.items[0].frequency->per, Period::kFortnight);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].field, "frequency");
}

TEST(PlanImport, UnreadableHowOftenIsReportedAndKept) {
  WordDocument word = AsWord(Base().document);
  Marked(word, "F1", "often")->text = "How often: when needed";
  ImportResult r = Import(word);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kNotMapped);
  EXPECT_EQ(r.plan.f.items[0].frequency->count, Base().plan.f.items[0].frequency->count);
}

TEST(PlanImport, DeletedOutcomeTakesItsLinksWithIt) {
  WordDocument word = AsWord(Base().document);
  std::erase_if(word.paragraphs, [](const WordParagraph& p) {
    return std::any_of(p.marks.begin(), p.marks.end(),
                       [](const doc::FieldMark& m) { return m.item_id == "E1"; });
  });
  ImportResult r = Import(word);
  EXPECT_TRUE(r.plan.e.outcomes.empty());
  for (const auto& p : r.plan.f.items) EXPECT_TRUE(p.outcomes.empty());
  ASSERT_FALSE(r.changes.empty());
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kDeleted);
  EXPECT_EQ(r.changes[0].item_id, "E1");
}

TEST(PlanImport, TypedProvisionRowBecomesAStructuredItem) {
  WordDocument word = AsWord(Base().document);
  const WordParagraph* row = Marked(word, "F1", "row");
  ASSERT_NE(row, nullptr);
  WordPlace place = row->place;
  place.row = 99;
  std::vector<std::string> cells{"Lego therapy for turn-taking", "a TA trained in Lego therapy",
                                 "once a week, 30 minutes, group of 3", "Needs: B1; outcomes: E1"};
  for (size_t i = 0; i < cells.size(); ++i) {
    place.column = static_cast<int>(i) + 1;
    word.paragraphs.push_back({cells[i], {}, place});
  }
  ImportResult r = Import(word);
  ASSERT_EQ(r.plan.f.items.size(), 2u);
  const ProvisionItem& added = r.plan.f.items[1];
  EXPECT_EQ(added.id, "F2");
  EXPECT_EQ(added.description.value, "Lego therapy for turn-taking");
  EXPECT_EQ(added.deliverer_role, "teaching assistant");
  EXPECT_EQ(added.deliverer_qualification, "trained in Lego therapy");
  ASSERT_TRUE(added.frequency);
  EXPECT_EQ(added.frequency->count, 1);
  EXPECT_EQ(added.duration_minutes, 30);
  EXPECT_EQ(added.staffing.group_size, 3);
  ASSERT_EQ(added.needs.size(), 1u);
  EXPECT_EQ(added.needs[0].id, "B1");
  ASSERT_EQ(added.outcomes.size(), 1u);
  EXPECT_EQ(added.outcomes[0].id, "E1");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kAdded);
  EXPECT_EQ(r.changes[0].place, "table " + std::to_string(place.table) + ", row 99, column 1");
}

TEST(PlanImport, OutcomeWhoseWordsLostTheirMarkIsKeptByItsHeading) {
  WordDocument word = AsWord(Base().document);
  WordParagraph* text = Marked(word, "E1", "text");
  ASSERT_NE(text, nullptr);
  text->marks.clear();  // Word dropped the bookmark when the whole sentence was retyped
  text->text = "By July, Alex will follow three-step instructions.";
  ImportResult r = Import(word);
  EXPECT_EQ(r.plan.e.outcomes.size(), 1u);
  // Reported twice, never dropped: the field's words gone, and words outside any field.
  ASSERT_EQ(r.changes.size(), 2u);
  for (const auto& c : r.changes) EXPECT_EQ(c.kind, ImportChangeKind::kNotMapped);
  EXPECT_EQ(r.changes[0].item_id + " " + r.changes[0].field, "E1 text");
  EXPECT_EQ(r.changes[1].after, "By July, Alex will follow three-step instructions.");
}

TEST(PlanImport, RemovedFieldIsReportedAndKept) {
  WordDocument word = AsWord(Base().document);
  std::erase_if(word.paragraphs, [](const WordParagraph& p) {
    return !p.marks.empty() && p.marks[0].item_id == "F1" && p.marks[0].field == "description";
  });
  Marked(word, "F1", "role")->text.clear();
  ImportResult r = Import(word);
  EXPECT_EQ(r.plan.f.items.at(0).description.value, Base().plan.f.items.at(0).description.value);
  EXPECT_EQ(r.plan.f.items.at(0).deliverer_role, Base().plan.f.items.at(0).deliverer_role);
  std::set<std::string> reported;
  for (const auto& c : r.changes) {
    EXPECT_EQ(c.kind, ImportChangeKind::kNotMapped);
    reported.insert(c.item_id + " " + c.field);
  }
  EXPECT_EQ(reported, (std::set<std::string>{"F1 description", "F1 role"}));
}

TEST(PlanImport, EditedHeadingIsReported) {
  WordDocument word = AsWord(Base().document);
  WordParagraph* heading = Marked(word, "B1", "heading");
  ASSERT_NE(heading, nullptr);
  heading->text += " (updated)";
  ImportResult r = Import(word);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kNotMapped);
  EXPECT_EQ(r.changes[0].field, "heading");
}

TEST(PlanImport, TextOutsideAnyFieldIsReportedNotDropped) {
  WordDocument word = AsWord(Base().document);
  word.paragraphs.push_back({"Mum says Alex sleeps badly.", {}, {9999}});
  ImportResult r = Import(word);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, ImportChangeKind::kNotMapped);
  EXPECT_EQ(r.changes[0].after, "Mum says Alex sleeps badly.");
  EXPECT_EQ(r.changes[0].place, "paragraph 9999");
}

TEST(PlanImport, SplitParagraphBecomesTwoParagraphsOfTheNeed) {
  WordDocument word = AsWord(Base().document);
  WordParagraph* need = Marked(word, "B1", "description");
  ASSERT_NE(need, nullptr);
  need->text = "First half.";
  WordParagraph second = *need;
  second.text = "Second half.";
  word.paragraphs.insert(word.paragraphs.begin() + (need - word.paragraphs.data()) + 1, second);
  ImportResult r = Import(word);
  ASSERT_EQ(r.plan.b.needs[0].description.size(), 2u);
  EXPECT_EQ(r.plan.b.needs[0].description[1].value, "Second half.");
}

}  // namespace
}  // namespace ehcp
