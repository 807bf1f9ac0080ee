#include "output/output_guard.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "diagnostics/error_kind.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

class OutputGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ehcp-guard-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    input_ = dir_ / "case.xml";
    std::ofstream(input_) << "<case/>";
    guard_.AddInput(input_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_, input_;
  OutputGuard guard_;
};

TEST_F(OutputGuardTest, AnInputIsRecognisedThroughAnotherSpelling) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "." / "case.xml", OutputKind::kXml, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "io.write");
  EXPECT_NE(diagnostics.Items()[0].message.find("refusing to overwrite an input file"),
            std::string::npos);
}

TEST_F(OutputGuardTest, AnInputIsRecognisedThroughALinkOrAHardLink) {
  fs::create_symlink(input_, dir_ / "soft.xml");
  fs::create_hard_link(input_, dir_ / "hard.xml");
  DiagnosticList diagnostics;
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "soft.xml", OutputKind::kXml, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "hard.xml", OutputKind::kXml, diagnostics));
  EXPECT_EQ(diagnostics.Size(), 2u);
}

TEST_F(OutputGuardTest, TwoOutputsMayNotShareAFile) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "draft.xml", OutputKind::kXml, diagnostics));
  EXPECT_FALSE(
      guard_.ClaimOutput(dir_ / "sub" / ".." / "draft.xml", OutputKind::kXml, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_NE(diagnostics.Items()[0].message.find("two outputs"), std::string::npos);
}

TEST_F(OutputGuardTest, TwoOutputsOnOneDeviceAreRefused) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput("/dev/null", OutputKind::kPdf, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput("/dev/null", OutputKind::kPdf, diagnostics));
}

TEST_F(OutputGuardTest, OtherFilesAreFine) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "draft.xml", OutputKind::kXml, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "report.json", OutputKind::kJson, diagnostics));
  EXPECT_TRUE(diagnostics.Empty());
}

// `ehcp form plan-a.xml -o plan-b.xml` wrote a DOCX over a council's plan: an output's
// name must say what is written there, whether the file exists or not.
TEST_F(OutputGuardTest, AnOutputNamedForAnotherKindIsRefused) {
  const fs::path plan_b = dir_ / "plan-b.xml";
  std::ofstream(plan_b) << "<plan/>";
  DiagnosticList diagnostics;
  EXPECT_FALSE(guard_.ClaimOutput(plan_b, OutputKind::kDocx, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.code, "io.output-kind");
  EXPECT_EQ(KindOf(d), ErrorKind::kUsage);
  EXPECT_EQ(d.message,
            "this output is a Word document, but its name ends \".xml\": refusing to write it, "
            "so that no file of another kind is replaced; name it \"plan-b.docx\"");
  ASSERT_TRUE(d.location.file);
  EXPECT_EQ(*d.location.file, plan_b.string());
  std::ifstream in(plan_b);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "<plan/>");

  // Not yet existing, each kind against another's name, and no extension at all.
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "new.docx", OutputKind::kPdf, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "new.pdf", OutputKind::kXml, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "new.html", OutputKind::kJson, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "new.json", OutputKind::kHtml, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "new.xml", OutputKind::kText, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "plan", OutputKind::kPdf, diagnostics));
  EXPECT_EQ(diagnostics.Size(), 7u);
  EXPECT_NE(diagnostics.Items().back().message.find("has no extension"), std::string::npos);
}

TEST_F(OutputGuardTest, AnOutputNamedForItsKindIsAccepted) {
  DiagnosticList diagnostics;
  std::ofstream(dir_ / "old.pdf") << "%PDF-1.7";  // replaced atomically, as before
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "old.pdf", OutputKind::kPdf, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "PLAN.DOCX", OutputKind::kDocx, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "page.htm", OutputKind::kHtml, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "lint.sarif", OutputKind::kSarif, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "lint.sarif.json", OutputKind::kSarif, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "report.txt", OutputKind::kText, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "report", OutputKind::kText, diagnostics));
  EXPECT_TRUE(diagnostics.Empty()) << FormatDiagnostic(diagnostics.Items()[0]);
}

// `out=$(mktemp); ehcp render plan.xml --pdf "$out"`: an empty file made to be written
// into has nothing to lose, whatever its random name; one named for another kind, or one
// with something in it, is still refused.
TEST_F(OutputGuardTest, AnEmptyFileOfNoKindIsFilledAsAsked) {
  std::ofstream(dir_ / "tmp.Xq3bT0aLzc").flush();
  std::ofstream(dir_ / "ehcpA1b2C3").flush();
  std::ofstream(dir_ / "empty.docx").flush();
  std::ofstream(dir_ / "notes.Xq3bT0aLzc") << "an officer's notes";
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "tmp.Xq3bT0aLzc", OutputKind::kPdf, diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "ehcpA1b2C3", OutputKind::kDocx, diagnostics));
  EXPECT_TRUE(diagnostics.Empty()) << FormatDiagnostic(diagnostics.Items()[0]);
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "empty.docx", OutputKind::kPdf, diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "notes.Xq3bT0aLzc", OutputKind::kPdf, diagnostics));
  EXPECT_EQ(diagnostics.Size(), 2u);
}

// The name that counts is the file a symbolic link leads to, which is what is replaced.
TEST_F(OutputGuardTest, ALinkIsJudgedByTheFileItLeadsTo) {
  std::ofstream(dir_ / "plan-b.xml") << "<plan/>";
  fs::create_symlink(dir_ / "plan-b.xml", dir_ / "out.pdf");
  DiagnosticList diagnostics;
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "out.pdf", OutputKind::kPdf, diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_NE(diagnostics.Items()[0].message.find("leads to"), std::string::npos)
      << diagnostics.Items()[0].message;
}

// /dev/stdout sent to a file by the shell is written whatever the file is called.
TEST_F(OutputGuardTest, ANameUnderDevHasNoKind) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(CheckOutputKind("/dev/stdout", OutputKind::kPdf, diagnostics));
  EXPECT_TRUE(CheckOutputKind("/dev/null", OutputKind::kDocx, diagnostics));
  EXPECT_TRUE(diagnostics.Empty());
}

TEST_F(OutputGuardTest, ReportKindFollowsTheFormat) {
  EXPECT_EQ(ReportKind("json"), OutputKind::kJson);
  EXPECT_EQ(ReportKind("sarif"), OutputKind::kSarif);
  EXPECT_EQ(ReportKind("html"), OutputKind::kHtml);
  EXPECT_EQ(ReportKind("text"), OutputKind::kText);
}

}  // namespace
}  // namespace ehcp
