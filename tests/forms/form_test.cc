// The advice forms in process: the wording file loads and every kind is written as a DOCX
// whose boxes and tables the DOCX reader finds by their marks; a form read back with text
// typed in becomes a contribution; required boxes, dates, stray text and reworded prompts.

#include <gtest/gtest.h>

#include "assemble/plan_xml_writer.h"
#include "document/field_mark.h"
#include "docx_reader/docx_reader.h"
#include "forms/form_import.h"
#include "forms/form_writer.h"
#include "loader/xml_tree.h"

namespace ehcp::forms {
namespace {

struct Fixture {
  std::unique_ptr<SchemaRegistry> schemas;
  FormWording wording;
  ProvisionGrammar grammar;
};

const Fixture& Shared() {
  static const Fixture* fixture = [] {
    auto schemas = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
    RegisterGrammarSchema(*schemas);
    RegisterFormSchema(*schemas);
    DiagnosticList diagnostics;
    auto wording =
        LoadFormWording(FormWordingFile(EHCP_SOURCE_DIR "/templates"), *schemas, diagnostics);
    auto grammar = ProvisionGrammar::Load(EHCP_SOURCE_DIR "/quality/provision-grammar.xml",
                                          *schemas, diagnostics);
    if (!wording || !grammar) {
      for (const auto& d : diagnostics) std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
      std::abort();
    }
    return new Fixture{std::move(schemas), std::move(*wording), std::move(*grammar)};
  }();
  return *fixture;
}

WordDocument WrittenForm(const FormSpec& spec) {
  std::string bytes;
  DiagnosticList diagnostics;
  EXPECT_TRUE(RenderFormDocx(spec, 0, bytes, diagnostics));
  auto word = ParseDocx(bytes, "form.docx", diagnostics);
  EXPECT_TRUE(word.has_value());
  return word ? *word : WordDocument{};
}

bool HasMark(const WordParagraph& p, const doc::FieldMark& mark) {
  for (const auto& m : p.marks)
    if (m.item_id == mark.item_id && m.field == mark.field) return true;
  return false;
}

// Types `text` into the box marked `mark` (its first paragraph), as Word would.
void Type(WordDocument& word, const doc::FieldMark& mark, const std::string& text) {
  for (auto& p : word.paragraphs)
    if (HasMark(p, mark) && p.place.table == 0) {
      p.text = text;
      return;
    }
  ADD_FAILURE() << "no box " << doc::FieldMarkName(mark);
}

// Adds a row to the table marked `name`, one paragraph per cell.
void AddRow(WordDocument& word, const std::string& name, const std::vector<std::string>& cells) {
  int table = 0, last_row = 0, last_paragraph = 0;
  for (const auto& p : word.paragraphs) {
    if (HasMark(p, {name, "formtable", 0})) table = p.place.table;
    if (table > 0 && p.place.table == table) {
      last_row = std::max(last_row, p.place.row);
      last_paragraph = p.place.paragraph;
    }
  }
  ASSERT_GT(table, 0) << name;
  auto at = word.paragraphs.begin();
  while (at != word.paragraphs.end() && at->place.paragraph <= last_paragraph) ++at;
  std::vector<WordParagraph> row;
  for (size_t i = 0; i < cells.size(); ++i)
    row.push_back({cells[i], {}, WordPlace{0, table, last_row + 1, static_cast<int>(i + 1)}});
  word.paragraphs.insert(at, row.begin(), row.end());
}

void FillAboutFields(WordDocument& word) {
  Type(word, {"childName", "formfield", 0}, "Maya Example");
  Type(word, {"dateOfBirth", "formfield", 0}, "03/02/2016");
  Type(word, {"contributorName", "formfield", 0}, "Sam Teacher");
  Type(word, {"role", "formfield", 0}, "SENCO");
  Type(word, {"written", "formfield", 0}, "2026-07-09");
}

TEST(FormWording, EveryKindIsInTheWordingFile) {
  for (std::string_view kind : kFormKinds) {
    const FormSpec* spec = Shared().wording.Find(kind);
    ASSERT_NE(spec, nullptr) << kind;
    EXPECT_NE(spec->Field("childName"), nullptr) << kind;
    EXPECT_NE(spec->Field("written"), nullptr) << kind;
  }
}

TEST(FormWriter, EveryBoxAndTableIsMarkedInTheDocx) {
  for (const auto& spec : Shared().wording.forms) {
    WordDocument word = WrittenForm(spec);
    EXPECT_EQ(FormKindOf(word), spec.kind);
    for (const auto& part : spec.parts)
      for (const auto& prompt : part.prompts) {
        doc::FieldMark mark = PromptMark(prompt);
        bool found = false;
        for (const auto& p : word.paragraphs) found = found || HasMark(p, mark);
        EXPECT_TRUE(found) << spec.kind << ": " << doc::FieldMarkName(mark);
      }
  }
}

TEST(FormWriter, SameWordingGivesSameBytes) {
  const FormSpec& spec = *Shared().wording.Find("education");
  std::string a, b;
  DiagnosticList diagnostics;
  ASSERT_TRUE(RenderFormDocx(spec, 1700000000, a, diagnostics));
  ASSERT_TRUE(RenderFormDocx(spec, 1700000000, b, diagnostics));
  EXPECT_EQ(a, b);
}

TEST(FormImport, FilledEducationFormIsAValidContribution) {
  const FormSpec& spec = *Shared().wording.Find("education");
  WordDocument word = WrittenForm(spec);
  FillAboutFields(word);
  Type(word, {"area1", "formneed", 0}, "Maya reads two years below her age.");
  Type(word, {"strengths", "formview", 0}, "Maya is a careful artist.");
  AddRow(word, "outcomes", {"Maya will read a Year 3 book aloud.", "Learning", "end of Year 4"});
  AddRow(word, "provision",
         {"Phonics group", "three times a week for 20 minutes in a group of 4", "learning"});
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  ASSERT_TRUE(result.contribution) << result.diagnostics.Size();
  const Contribution& c = *result.contribution;
  EXPECT_EQ(c.about_name, "Maya Example");
  EXPECT_EQ(c.about_date_of_birth.ToIso(), "2016-02-03");
  EXPECT_EQ(c.category, AdviceCategory::kEducational);
  ASSERT_EQ(c.needs.size(), 1u);
  EXPECT_EQ(c.needs[0].area, NeedArea::kCognitionLearning);
  ASSERT_EQ(c.outcomes.size(), 1u);
  ASSERT_EQ(c.outcomes[0].needs.size(), 1u);
  EXPECT_EQ(c.outcomes[0].needs[0].id, "N1");
  EXPECT_EQ(c.outcomes[0].timeframe.phase, "end of Year 4");
  ASSERT_EQ(c.provision.size(), 1u);
  const ProvisionItem& p = c.provision[0];
  ASSERT_TRUE(p.frequency);
  EXPECT_EQ(p.frequency->count, 3);
  EXPECT_EQ(p.frequency->per, Period::kWeek);
  EXPECT_EQ(p.duration_minutes, 20);
  EXPECT_EQ(p.staffing.group_size, 4);
  EXPECT_EQ(p.description.value,
            "Phonics group (three times a week for 20 minutes in a group of 4)");
  ASSERT_EQ(p.needs.size(), 1u);

  ParsedXml check = ParseXmlMemory(RenderContributionXml(c), "c.xml", *Shared().schemas);
  EXPECT_TRUE(check.root && !check.diagnostics.HasErrors())
      << (check.diagnostics.Empty() ? "" : FormatDiagnostic(check.diagnostics.Items()[0]));
}

TEST(FormImport, EmptyRequiredBoxIsALocatedError) {
  const FormSpec& spec = *Shared().wording.Find("education");
  WordDocument word = WrittenForm(spec);
  FillAboutFields(word);
  Type(word, {"written", "formfield", 0}, "");
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  EXPECT_FALSE(result.contribution);
  ASSERT_EQ(result.diagnostics.Count(Severity::kError), 1);
  const Diagnostic& d = result.diagnostics.Items()[0];
  EXPECT_EQ(d.code, "form.required");
  EXPECT_NE(d.message.find("Date you wrote this advice"), std::string::npos) << d.message;
  EXPECT_NE(d.location.place.find("paragraph "), std::string::npos) << d.location.place;
}

TEST(FormImport, ADateThatIsNotADateIsAnError) {
  const FormSpec& spec = *Shared().wording.Find("education");
  WordDocument word = WrittenForm(spec);
  FillAboutFields(word);
  Type(word, {"dateOfBirth", "formfield", 0}, "31/02/2016");
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  EXPECT_FALSE(result.contribution);
  ASSERT_FALSE(result.diagnostics.Empty());
  EXPECT_EQ(result.diagnostics.Items()[0].code, "form.date");
}

TEST(FormImport, TextOutsideTheBoxesIsReportedNotDropped) {
  const FormSpec& spec = *Shared().wording.Find("education");
  WordDocument word = WrittenForm(spec);
  FillAboutFields(word);
  word.paragraphs.push_back({"Please call me about the review.", {}, WordPlace{999, 0, 0, 0}});
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  ASSERT_TRUE(result.contribution);
  ASSERT_EQ(result.diagnostics.Size(), 1u);
  const Diagnostic& d = result.diagnostics.Items()[0];
  EXPECT_EQ(d.code, "form.not-mapped");
  EXPECT_EQ(d.location.place, "paragraph 999");
  EXPECT_NE(d.message.find("Please call me about the review."), std::string::npos);
}

TEST(FormImport, ANeedTheFormHasNoBoxForIsReported) {
  const FormSpec& spec = *Shared().wording.Find("education");
  WordDocument word = WrittenForm(spec);
  FillAboutFields(word);
  AddRow(word, "outcomes", {"Maya will swim 10 metres.", "Swimming", ""});
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  ASSERT_TRUE(result.contribution);
  ASSERT_EQ(result.contribution->outcomes.size(), 1u);
  EXPECT_TRUE(result.contribution->outcomes[0].needs.empty());
  ASSERT_EQ(result.diagnostics.Size(), 1u);
  EXPECT_NE(result.diagnostics.Items()[0].message.find("\"Swimming\""), std::string::npos);
}

// A council rewords the prompts after forms went out: the boxes are found by their marks.
TEST(FormImport, RewordedPromptsStillImport) {
  FormSpec old_spec = *Shared().wording.Find("parent");
  WordDocument word = WrittenForm(old_spec);
  Type(word, {"childName", "formfield", 0}, "Maya Example");
  Type(word, {"dateOfBirth", "formfield", 0}, "3 February 2016");
  Type(word, {"contributorName", "formfield", 0}, "Jo Example, mother");
  Type(word, {"written", "formfield", 0}, "9/7/2026");
  Type(word, {"aspirations", "formview", 0}, "We hope Maya will make friends.");
  FormSpec reworded = old_spec;
  for (auto& part : reworded.parts)
    for (auto& prompt : part.prompts) prompt.prompt = "Reworded: " + prompt.prompt;
  FormImport result = ImportForm(word, "form.docx", reworded, Shared().grammar);
  ASSERT_TRUE(result.contribution);
  ASSERT_EQ(result.contribution->views.size(), 1u);
  const ViewEntry& v = result.contribution->views[0];
  EXPECT_EQ(v.kind, ViewKind::kAspirations);
  EXPECT_EQ(v.attribution, Attribution::kParentCarer);
  EXPECT_EQ(v.speaker, "Jo Example, mother");
  EXPECT_EQ(result.contribution->category, AdviceCategory::kParentViews);
  EXPECT_EQ(result.contribution->written.ToIso(), "2026-07-09");
}

// The child's form asks the child's name once: it is also who wrote the advice.
TEST(FormImport, ChildFormAsksTheNameOnce) {
  const FormSpec& spec = *Shared().wording.Find("child");
  EXPECT_EQ(spec.Field("contributorName"), nullptr);
  WordDocument word = WrittenForm(spec);
  Type(word, {"childName", "formfield", 0}, "Maya Example");
  Type(word, {"dateOfBirth", "formfield", 0}, "03/02/2016");
  Type(word, {"written", "formfield", 0}, "09/07/2026");
  Type(word, {"interests", "formview", 0}, "I like drawing horses.");
  FormImport result = ImportForm(word, "form.docx", spec, Shared().grammar);
  ASSERT_TRUE(result.contribution);
  EXPECT_EQ(result.contribution->contributor.name, "Maya Example");
  EXPECT_EQ(result.contribution->contributor.kind, ContributorKind::kChildYoungPerson);
  ASSERT_EQ(result.contribution->views.size(), 1u);
  EXPECT_EQ(result.contribution->views[0].attribution, Attribution::kChildOwnWords);
}

}  // namespace
}  // namespace ehcp::forms
