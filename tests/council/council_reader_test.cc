// A council's own Word plans (issue #16): each fixture layout (tests/council/, written by
// make_fixtures.py) gives the same lint findings as the equivalent XML plan, with places a
// reviewer can follow; headings in their many forms find their sections.

#include "council_reader/council_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "lint/lint_test_support.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

const std::string kDir = EHCP_SOURCE_DIR "/tests/council";

const CouncilPlanReader& Reader() {
  static auto reader = [] {
    RegisterCouncilSchema(testing::LintSchemas());
    DiagnosticList diagnostics;
    auto r = CouncilPlanReader::Load(std::filesystem::path(EHCP_SOURCE_DIR) / "quality",
                                     testing::LintSchemas(), diagnostics);
    for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
    return r;
  }();
  return *reader;
}

std::vector<Diagnostic> LintWord(const std::string& path) {
  LoadedDocument doc = LoadWordPlanToLint(path, Reader());
  for (const auto& d : doc.diagnostics)
    if (d.severity == Severity::kError) ADD_FAILURE() << FormatDiagnostic(d);
  if (!doc.plan) return {};
  return Linter(testing::DefaultRules()).Lint(*doc.plan, doc.structure);
}

// What a finding says, leaving out where: the same in every format of the same plan.
std::multiset<std::string> Said(const std::vector<Diagnostic>& findings) {
  std::multiset<std::string> out;
  for (const auto& d : findings)
    out.insert(d.code + " | " + d.section + " | " + d.item_id + " | " + d.message + " | " +
               d.quote);
  return out;
}

std::string Difference(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  std::string out;
  for (const auto& s : a)
    if (a.count(s) > b.count(s)) out += "  only in the Word plan: " + s + "\n";
  for (const auto& s : b)
    if (b.count(s) > a.count(s)) out += "  only in the XML plan:  " + s + "\n";
  return out;
}

[[maybe_unused]] const Diagnostic* Find(const std::vector<Diagnostic>& findings,
                                        const std::string& code, const std::string& item) {
  for (const auto& d : findings)
    if (d.code == code && d.item_id == item) return &d;
  return nullptr;
}

class Layout : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(CouncilPlans, Layout, ::testing::Values("tables", "prose", "golden"));

#ifndef EHCP_COUNCIL_LIBREOFFICE

TEST_P(Layout, FindsWhatTheXmlPlanGives) {
  auto xml = testing::LintFile(kDir + "/plan.xml");
  auto word = LintWord(kDir + "/" + GetParam() + ".docx");
  ASSERT_FALSE(xml.empty());
  EXPECT_EQ(Said(word), Said(xml)) << Difference(Said(word), Said(xml));
  // The planted problems are among them.
  EXPECT_TRUE(Find(word, "section-missing", "")) << "Section J";
  EXPECT_TRUE(Find(word, "required-field-missing", "A1")) << "a view with no attribution";
  EXPECT_TRUE(Find(word, "provision-vague-wording", "F2"));
  // Every finding points into the Word document, never at an XML line; only findings
  // about the plan as a whole (no sign-off) name just the file.
  for (const auto& d : word) {
    EXPECT_EQ(d.location.line, 0) << FormatDiagnostic(d);
    if (d.section != "meta") {
      EXPECT_FALSE(d.location.place.empty()) << FormatDiagnostic(d);
    }
    EXPECT_EQ(d.location.FileName(), kDir + "/" + GetParam() + ".docx");
  }
}

TEST(CouncilPlaces, NameTheSectionTableRowAndColumnOrTheParagraph) {
  auto tables = LintWord(kDir + "/tables.docx");
  const Diagnostic* vague = Find(tables, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(vague->location.place, "Section F, table 5, row 3, column 'Provision'")
      << vague->location.place;
  EXPECT_EQ(vague->location.ToString(),
            kDir + "/tables.docx (Section F, table 5, row 3, column 'Provision')");
  const Diagnostic* unattributed = Find(tables, "required-field-missing", "A1");
  ASSERT_TRUE(unattributed);
  EXPECT_EQ(unattributed->location.place, "Section A, paragraph 2");

  auto prose = LintWord(kDir + "/prose.docx");
  vague = Find(prose, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(vague->location.place, "Section F, paragraph 2");

  auto golden = LintWord(kDir + "/golden.docx");
  vague = Find(golden, "provision-vague-wording", "F2");
  ASSERT_TRUE(vague);
  EXPECT_EQ(
      vague->location.place,
      "Sections B, E and F, table 2, row 2, column 'Special educational provision (Section F)'");
  const Diagnostic* missing = Find(golden, "section-missing", "");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->location.place, "no Section J heading in the document");
  // Findings come in the order the document reads.
  for (size_t i = 1; i < golden.size(); ++i)
    EXPECT_LE(golden[i - 1].location.order, golden[i].location.order)
        << FormatDiagnostic(golden[i]);
}

// A document built paragraph by paragraph, as the DOCX reader hands it over.
WordDocument Document(const std::vector<std::string>& paragraphs) {
  WordDocument document;
  int n = 0;
  for (const auto& text : paragraphs) {
    WordParagraph p;
    p.text = text;
    p.place.paragraph = ++n;
    document.paragraphs.push_back(p);
  }
  return document;
}

TEST(CouncilHeadings, AreFoundInTheirManyForms) {
  for (const char* heading :
       {"Section F: Special educational provision", "Part F", "F.", "SECTION F \u2013",
        "SECTION F - PROVISION", "F. Special educational provision",
        "Special educational provision", "Section F"}) {
    auto reading = Reader().Read(
        Document({heading, "Ellis has 30 minutes of reading support twice a week."}), "p.docx");
    ASSERT_EQ(reading.plan.f.items.size(), 1u) << heading;
    EXPECT_EQ(reading.plan.f.items[0].id, "F1");
    ASSERT_TRUE(reading.plan.f.items[0].frequency) << heading;
    EXPECT_EQ(reading.plan.f.items[0].frequency->count, 2);
    EXPECT_EQ(reading.plan.f.items[0].duration_minutes, 30);
  }
}

TEST(CouncilHeadings, SentencesThatStartLikeHeadingsAreNotHeadings) {
  auto reading = Reader().Read(
      Document({"Section B: Special educational needs", "Part of the day Ellis is tired.",
                "A. Smith wrote the report in March.", "Section 2 of the Act applies."}),
      "p.docx");
  EXPECT_EQ(reading.plan.b.needs.size(), 3u);
  EXPECT_TRUE(reading.plan.f.items.empty());
}

TEST(CouncilHeadings, SeveralSectionsInOneHeadingAreAllPresent) {
  auto reading = Reader().Read(Document({"Sections B, E and F: Cognition and learning"}), "p.docx");
  std::set<std::string> blank, missing;
  for (const auto& p : reading.structure) {
    if (p.kind == StructureProblemKind::kSectionBlank) blank.insert(p.section);
    if (p.kind == StructureProblemKind::kSectionMissing) missing.insert(p.section);
  }
  EXPECT_EQ(blank, (std::set<std::string>{"B", "E", "F"}));
  EXPECT_EQ(missing.count("B"), 0u);
  EXPECT_EQ(missing.count("A"), 1u);
}

TEST(CouncilItems, KeepTheirReferenceNumbersAndNumberTheRestInOrder) {
  auto reading = Reader().Read(
      Document({"Section B", "B3. Reading: Ellis reads slowly.", "Ellis spells phonetically.",
                "Section H1", "H1.2 Short breaks one weekend a month with a carer.",
                "A personal assistant for 3 hours a week."}),
      "p.docx");
  ASSERT_EQ(reading.plan.b.needs.size(), 2u);
  EXPECT_EQ(reading.plan.b.needs[0].id, "B3");
  EXPECT_EQ(reading.plan.b.needs[0].title, "Reading");
  EXPECT_EQ(reading.plan.b.needs[0].description.at(0).value, "Ellis reads slowly.");
  EXPECT_EQ(reading.plan.b.needs[1].id, "B4");
  ASSERT_EQ(reading.plan.h1.items.size(), 2u);
  EXPECT_EQ(reading.plan.h1.items[0].id, "H1.2");
  EXPECT_EQ(reading.plan.h1.items[1].id, "H1.3");
  EXPECT_EQ(reading.plan.h1.items[1].deliverer_role, "personal assistant");  // read by the grammar
}

TEST(CouncilWords, AreDataValidatedByTheirSchema) {
  auto dir =
      std::filesystem::temp_directory_path() / ("ehcp-council-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(
      std::filesystem::path(EHCP_SOURCE_DIR) / "quality/provision-grammar.xml",
      dir / "provision-grammar.xml");
  std::ofstream(dir / "council-plans.xml")
      << "<councilPlanReading xmlns=\"urn:ehcp:schema:1\"><headings/></councilPlanReading>";
  DiagnosticList diagnostics;
  EXPECT_FALSE(CouncilPlanReader::Load(dir, testing::LintSchemas(), diagnostics));
  EXPECT_TRUE(diagnostics.HasErrors());
  std::filesystem::remove_all(dir);
}

#else
// The layouts opened and saved again by LibreOffice, as a reviewer's copy may have been,
// give the same findings.
TEST_P(Layout, ResavedByLibreOfficeFindsTheSame) {
  auto dir =
      std::filesystem::temp_directory_path() / ("ehcp-council-lo-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "in");
  std::filesystem::copy_file(kDir + "/" + GetParam() + ".docx",
                             dir / "in" / (GetParam() + ".docx"));
  auto result = testing::RunShell(
      "cd " + testing::ShellQuote(dir.string()) + " && HOME=" + testing::ShellQuote(dir.string()) +
      " soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir out in/" + GetParam() +
      ".docx");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::string resaved = (dir / "out" / (GetParam() + ".docx")).string();
  ASSERT_TRUE(std::filesystem::exists(resaved)) << result.output;
  auto xml = testing::LintFile(kDir + "/plan.xml");
  auto word = LintWord(resaved);
  EXPECT_EQ(Said(word), Said(xml)) << Difference(Said(word), Said(xml));
  std::filesystem::remove_all(dir);
}
#endif

}  // namespace
}  // namespace ehcp
