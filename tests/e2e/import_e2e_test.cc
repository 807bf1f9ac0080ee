// End-to-end tests of `ehcp import`: render -> (edit) -> import gives exactly the expected
// plan and change report; every kind of bad Word input is refused with exit 2, the file
// named, nothing written. Built twice: the fast tests, and (EHCP_IMPORT_CLIENTS, labelled
// slow) the round trips through LibreOffice and python-docx.

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "assemble/plan_xml_writer.h"
#include "loader/document_loader.h"
#include "run_command.h"
#include "support/file_text.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;

const std::string kPlan = EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml";

Plan LoadPlan(const std::string& path) {
  auto schemas = SchemaRegistry::WithDocumentSchemas(EHCP_SOURCE_DIR "/schemas");
  LoadedDocument loaded = LoadDocument(path, *schemas);
  EXPECT_TRUE(loaded.Ok() && loaded.plan) << path;
  return loaded.plan ? *loaded.plan : Plan{};
}

class ImportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ehcp-import-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }

  std::string Render() {
    auto r = RunEhcp({"render", kPlan, "--docx", Out("draft.docx")});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return Out("draft.docx");
  }

  // A bad Word file: exit 2, one error naming it, nothing written.
  void ExpectRefused(const std::string& docx, const std::string& words) {
    auto r = RunEhcp({"import", docx, "--base", kPlan, "-o", Out("out.xml")});
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(docx + ": error: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(words), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(Out("out.xml")));
  }

  fs::path dir_;
};

#ifndef EHCP_IMPORT_CLIENTS  // the fast tests; the slow binary runs only the client round trips

TEST_F(ImportCommand, NoEditsGiveTheBasePlan) {
  std::string docx = Render();
  auto r = RunEhcp({"import", docx, "--base", kPlan, "-o", Out("draft2.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("0 changed, 0 added, 0 deleted, 0 links removed, 0 not mapped; wrote"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(testing::ReadFileText(Out("draft2.xml")), RenderPlanXml(LoadPlan(kPlan)));
}

TEST_F(ImportCommand, JsonReportListsNoChanges) {
  std::string docx = Render();
  auto r = RunEhcp({"import", docx, "--base", kPlan, "-o", Out("draft2.xml"), "--format", "json",
                    "--report", Out("report.json")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto report = nlohmann::json::parse(testing::ReadFileText(Out("report.json")));
  EXPECT_TRUE(report["written"].get<bool>());
  EXPECT_TRUE(report["changes"].empty()) << report.dump(2);
}

TEST_F(ImportCommand, RefusesToOverwriteItsInput) {
  std::string docx = Render();
  auto r = RunEhcp({"import", docx, "--base", kPlan, "-o", kPlan});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("overwrite"), std::string::npos) << r.output;
}

TEST_F(ImportCommand, EncryptedWordFileIsRefused) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  std::ofstream(Out("locked.docx"), std::ios::binary) << ole << std::string(8192, '\0');
  ExpectRefused(Out("locked.docx"), "password-protected");
}

TEST_F(ImportCommand, CorruptZipIsRefused) {
  std::string bytes = testing::ReadFileText(Render());
  std::ofstream(Out("cut.docx"), std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  ExpectRefused(Out("cut.docx"), "damaged");
}

TEST_F(ImportCommand, MacroEnabledFileIsRefused) {
  fs::copy_file(Render(), Out("macro.docm"));
  auto add = testing::RunShell(
      "/usr/bin/python3 -c \"import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'a'); "
      "z.writestr('word/vbaProject.bin', b'attribute vb_name'); z.close()\" " +
      testing::ShellQuote(Out("macro.docm")));
  ASSERT_EQ(add.exit_code, 0) << add.output;
  ExpectRefused(Out("macro.docm"), "macros");
}

TEST_F(ImportCommand, ZipBombIsRefused) {
  auto make = testing::RunShell(
      "/usr/bin/python3 -c \"import zipfile,sys; "
      "z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); "
      "z.writestr('[Content_Types].xml','<Types/>'); z.writestr('word/document.xml', b' ' * "
      "(100*1024*1024)); "
      "z.close()\" " +
      testing::ShellQuote(Out("bomb.docx")));
  ASSERT_EQ(make.exit_code, 0) << make.output;
  ASSERT_LT(fs::file_size(Out("bomb.docx")), 1024u * 1024);
  ExpectRefused(Out("bomb.docx"), "ZIP bomb");
}

TEST_F(ImportCommand, VeryLargeFileIsRefused) {
  {
    std::ofstream big(Out("huge.docx"), std::ios::binary);
    big << "PK\x03\x04";
    big.seekp(40 * 1024 * 1024);
    big << '\0';
  }
  ExpectRefused(Out("huge.docx"), "over the limit");
}

TEST_F(ImportCommand, MissingWordFileIsUnreadable) {
  auto r = RunEhcp({"import", Out("absent.docx"), "--base", kPlan, "-o", Out("out.xml")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_FALSE(fs::exists(Out("out.xml")));
}

#else  // EHCP_IMPORT_CLIENTS

// LibreOffice opens the DOCX and saves it again as DOCX, with no edits.
TEST_F(ImportCommand, LibreOfficeSaveWithoutEditsGivesTheBasePlan) {
  std::string docx = Render();
  fs::create_directories(Out("lo"));
  auto save =
      testing::RunShell("soffice --headless --norestore -env:UserInstallation=file://" +
                        Out("profile") + " --convert-to docx:\"MS Word 2007 XML\" --outdir " +
                        testing::ShellQuote(Out("lo")) + " " + testing::ShellQuote(docx));
  ASSERT_EQ(save.exit_code, 0) << save.output;
  ASSERT_TRUE(fs::exists(Out("lo/draft.docx"))) << save.output;
  ASSERT_NE(testing::ReadFileText(Out("lo/draft.docx")),
            testing::ReadFileText(docx));  // really rewritten
  auto r = RunEhcp({"import", Out("lo/draft.docx"), "--base", kPlan, "-o", Out("draft2.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("0 changed, 0 added, 0 deleted, 0 links removed, 0 not mapped"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(testing::ReadFileText(Out("draft2.xml")), RenderPlanXml(LoadPlan(kPlan)));
}

// python-docx edits as an officer would: a sentence changed, a provision row typed in
// words, an outcome deleted.
TEST_F(ImportCommand, ScriptedWordEditsGiveTheExpectedPlan) {
  std::string docx = Render();
  auto edit = testing::RunShell(
      "/usr/bin/python3 " + testing::ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/import_edit_docx.py") +
      " " + testing::ShellQuote(docx) + " " + testing::ShellQuote(Out("edited.docx")));
  ASSERT_EQ(edit.exit_code, 0) << edit.output;
  auto r = RunEhcp({"import", Out("edited.docx"), "--base", kPlan, "-o", Out("draft2.xml"),
                    "--format", "json", "--report", Out("report.json")});
  ASSERT_EQ(r.exit_code, 0) << r.output << testing::ReadFileText(Out("report.json"));

  Plan expected = LoadPlan(kPlan);
  expected.e.outcomes[0].text.value =
      "By the end of Year 8, Yusuf will ask an adult for help in class at least once a lesson.";
  std::erase_if(expected.e.outcomes, [](const Outcome& o) { return o.id == "E2"; });
  for (auto* section : {&expected.f, &expected.g, &expected.h1, &expected.h2})
    for (auto& p : section->items)
      std::erase_if(p.outcomes, [](const ItemRef& r) { return r.id == "E2"; });
  if (expected.j.budget)
    std::erase_if(expected.j.budget->outcomes, [](const ItemRef& r) { return r.id == "E2"; });
  ProvisionItem row;
  row.id = "F20";
  row.description.value = "Social communication group to practise turn-taking";
  row.deliverer_role = "teaching assistant";
  row.deliverer_qualification = "trained in ELSA";
  row.frequency = Frequency{2, Period::kWeek};
  row.duration_minutes = 45;
  row.staffing.group_size = 4;
  row.needs.push_back(ItemRef{"B1", {}});
  row.outcomes.push_back(ItemRef{"E1", {}});
  expected.f.items.push_back(row);
  EXPECT_EQ(testing::ReadFileText(Out("draft2.xml")), RenderPlanXml(expected));

  auto report = nlohmann::json::parse(testing::ReadFileText(Out("report.json")));
  std::map<std::string, std::vector<std::string> > by_kind;
  for (const auto& c : report["changes"])
    by_kind[c["kind"]].push_back(c.value("item", "") + " " + c.value("field", ""));
  EXPECT_EQ(by_kind["changed"], std::vector<std::string>{"E1 text"}) << report.dump(2);
  EXPECT_EQ(by_kind["added"], std::vector<std::string>{"F20 "}) << report.dump(2);
  EXPECT_EQ(by_kind["deleted"], std::vector<std::string>{"E2 "}) << report.dump(2);
  EXPECT_FALSE(by_kind["link-removed"].empty()) << report.dump(2);
  EXPECT_TRUE(by_kind["not-mapped"].empty()) << report.dump(2);
}

#endif  // EHCP_IMPORT_CLIENTS

}  // namespace
}  // namespace ehcp
