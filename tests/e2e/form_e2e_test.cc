// End-to-end tests of the advice forms: `ehcp form contribution` writes each kind; an
// unfilled form, a plan and a Word file that is not a form are refused with located
// errors. Built twice: the fast tests, and (EHCP_FORM_CLIENTS, labelled slow) forms filled
// by python-docx as Word would and saved again by LibreOffice, imported, validated and
// assembled with a sample case into a draft that holds what was typed.

#include <gtest/gtest.h>
#include <unistd.h>

#include "run_command.h"
#include "support/file_text.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;
using testing::ShellQuote;

class FormCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ehcp-form-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }

  std::string WriteForm(const std::string& kind) {
    std::string path = Out(kind + "-form.docx");
    auto r = RunEhcp({"form", "contribution", "--from", kind, "-o", path});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::exists(path)) << kind;
    return path;
  }

  // python-docx types the answers (tests/e2e/fill_form.py) with `extra` options.
  std::string Fill(const std::string& form, const std::string& kind,
                   const std::string& extra = "") {
    std::string filled = Out(kind + "-filled.docx");
    auto r = testing::RunShell("/usr/bin/python3 " +
                               ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/fill_form.py") + " " +
                               ShellQuote(form) + " " + ShellQuote(filled) + " " + extra);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return filled;
  }

  fs::path dir_;
};

#ifndef EHCP_FORM_CLIENTS  // the fast tests; the slow binary runs only the client round trips

TEST_F(FormCommand, WritesEveryKindAndTheSameBytesTwice) {
  for (std::string kind : {"education", "health", "social-care", "parent", "child"}) {
    std::string path = WriteForm(kind);
    std::string again = Out(kind + "-again.docx");
    auto r = testing::RunShell("SOURCE_DATE_EPOCH=1700000000 " + ShellQuote(EHCP_BINARY) +
                               " form contribution --from " + kind + " -o " + ShellQuote(again) +
                               " && SOURCE_DATE_EPOCH=1700000000 " + ShellQuote(EHCP_BINARY) +
                               " form contribution --from " + kind + " -o " + ShellQuote(path));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(testing::ReadFileText(path), testing::ReadFileText(again)) << kind;
  }
}

TEST_F(FormCommand, UnknownKindIsAUsageError) {
  auto r = RunEhcp({"form", "contribution", "--from", "dentist", "-o", Out("f.docx")});
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("dentist"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("f.docx")));
}

TEST_F(FormCommand, AnUnfilledFormNamesEveryEmptyRequiredBox) {
  std::string form = WriteForm("education");
  auto r = RunEhcp({"import", form, "-o", Out("c.xml")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("[form.required]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"Your name\" is empty"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(form + " (paragraph "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("not written: " + Out("c.xml")), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("c.xml")));
}

TEST_F(FormCommand, APlanIsNotAForm) {
  std::string plan_docx = Out("plan.docx");
  auto render =
      RunEhcp({"render", EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml", "--docx", plan_docx});
  ASSERT_EQ(render.exit_code, 0) << render.output;
  auto r = RunEhcp({"import", plan_docx, "-o", Out("c.xml")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("[form.not-a-form]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--base"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("c.xml")));
}

TEST_F(FormCommand, AnyOtherWordFileIsNotAForm) {
  auto r = RunEhcp({"import", EHCP_SOURCE_DIR "/tests/council/tables.docx", "-o", Out("c.xml")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("tables.docx: error: not an advice form"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("c.xml")));
}

#else  // EHCP_FORM_CLIENTS

// Every kind filled as Word would, then opened and saved by LibreOffice, imports to a
// valid contribution that holds what was typed, with no text dropped.
TEST_F(FormCommand, FilledAndResavedFormsImportForEveryKind) {
  for (std::string kind : {"education", "health", "social-care", "parent", "child"}) {
    std::string filled = Fill(WriteForm(kind), kind);
    fs::create_directories(Out("lo"));
    auto save =
        testing::RunShell("soffice --headless --norestore -env:UserInstallation=file://" +
                          Out("profile") + " --convert-to docx:\"MS Word 2007 XML\" --outdir " +
                          ShellQuote(Out("lo")) + " " + ShellQuote(filled));
    ASSERT_EQ(save.exit_code, 0) << save.output;
    std::string resaved = Out("lo/" + kind + "-filled.docx");
    ASSERT_TRUE(fs::exists(resaved)) << save.output;
    std::string xml = Out(kind + ".xml");
    auto r = RunEhcp({"import", resaved, "-o", xml});
    ASSERT_EQ(r.exit_code, 0) << kind << "\n" << r.output;
    // Nothing typed in a box is lost in LibreOffice's copy (a box of two paragraphs
    // comes back as one in the control and the whole text after it).
    EXPECT_EQ(r.output.find("outside the boxes"), std::string::npos) << r.output;
    if (kind == "education") {
      EXPECT_NE(r.output.find(" 0 not mapped; wrote"), std::string::npos) << r.output;
    }
    auto valid = RunEhcp({"validate", xml});
    EXPECT_EQ(valid.exit_code, 0) << valid.output;
    std::string contribution = testing::ReadFileText(xml);
    EXPECT_NE(contribution.find("<about name=\"Yusuf Haddad\" dateOfBirth=\"2014-01-17\""),
              std::string::npos)
        << contribution;
    EXPECT_NE(contribution.find("written=\"2026-07-10\""), std::string::npos) << contribution;
    if (kind != "social-care") {  // whose form has no box for learning
      EXPECT_NE(contribution.find("He loses track of homework set verbally"), std::string::npos)
          << contribution;
    }
  }
}

// The educational form through to a draft: the filled form's needs, both table rows and
// the provision read from words are in the plan `ehcp assemble` builds from a copy of the
// ks3 case with the imported contribution added to its list.
TEST_F(FormCommand, AnImportedFormIsAssembledIntoTheDraft) {
  std::string filled = Fill(WriteForm("education"), "education");
  fs::copy(EHCP_SAMPLES "/ks3-autism-anxiety", Out("case"), fs::copy_options::recursive);
  auto r = RunEhcp({"import", filled, "-o", Out("case/contributions/08-form.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("read provision P1: \"Touch-typing programme in tutor time\" (read: "
                          "frequency 3 per week; duration 15 minutes; meets N1)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("2 needs, 2 outcomes, 2 provision, 0 not mapped"), std::string::npos)
      << r.output;

  std::string case_xml = testing::ReadFileText(Out("case/case.xml"));
  const std::string end = "  </contributions>";
  ASSERT_NE(case_xml.find(end), std::string::npos);
  case_xml.insert(
      case_xml.find(end),
      "    <contribution file=\"contributions/08-form.xml\" received=\"2026-07-11\"/>\n");
  std::ofstream(Out("case/case.xml"), std::ios::trunc) << case_xml;

  auto assemble = RunEhcp({"assemble", Out("case"), "-o", Out("draft.xml")});
  ASSERT_EQ(assemble.exit_code, 0) << assemble.output;
  std::string draft = testing::ReadFileText(Out("draft.xml"));
  for (std::string typed :
       {"his typing is faster than his handwriting", "very anxious in crowded corridors",
        "type a one-page piece of writing independently", "Touch-typing programme in tutor time",
        "Check-in with the link teaching assistant"})
    EXPECT_NE(draft.find(typed), std::string::npos) << typed;
  EXPECT_EQ(RunEhcp({"validate", Out("draft.xml")}).exit_code, 0);
}

// The family's forms speak plainly and the child's speaks to the child; the child's
// answers are their own words, and their name is asked once.
TEST_F(FormCommand, TheChildsFormIsInChildFriendlyWords) {
  std::string form = WriteForm("child");
  auto text = testing::RunShell(
      "/usr/bin/python3 -c \"import docx,sys; "
      "print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))\" " +
      ShellQuote(form));
  ASSERT_EQ(text.exit_code, 0) << text.output;
  EXPECT_NE(text.output.find("All about me"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("My name is"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("Things I find hard in lessons"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("Your name"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("Cognition"), std::string::npos) << text.output;

  auto r = RunEhcp({"import", Fill(form, "child"), "-o", Out("child.xml")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string xml = testing::ReadFileText(Out("child.xml"));
  EXPECT_NE(xml.find("kind=\"child-young-person\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<name>Yusuf Haddad</name>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("attribution=\"child-own-words\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("I want to make video games."), std::string::npos) << xml;
}

// A box left empty and a note typed outside the boxes: the error names the box and its
// place; the note is reported, never dropped.
TEST_F(FormCommand, EmptyBoxesAndStrayTextAreReported) {
  std::string form = WriteForm("parent");
  auto r =
      RunEhcp({"import",
               Fill(form, "parent",
                    "--leave-empty ehcp_formfield_written --stray 'Please ring me after 3pm.'"),
               "-o", Out("p.xml")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("[form.required]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("[form.not-mapped]"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Please ring me after 3pm."), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("p.xml")));
}

#endif  // EHCP_FORM_CLIENTS

}  // namespace
}  // namespace ehcp
