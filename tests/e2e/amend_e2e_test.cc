// `ehcp amend` end to end on the annual-review sample: the notice as PDF and DOCX and the
// plan with the proposal recorded, exit codes, deterministic bytes, refusals with nothing
// written. With EHCP_AMEND_CLIENTS (slow): the notice read by poppler, pikepdf,
// python-docx and the PDF/UA checker, and the DOCX converted by LibreOffice and drawn.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "run_command.h"
#include "support/file_text.h"

namespace ehcp::testing {
namespace {

namespace fs = std::filesystem;
const std::string kSample = EHCP_SOURCE_DIR "/samples/annual-review";
const std::string kCurrent = kSample + "/current-plan.xml";
const std::string kAmended = kSample + "/amended-plan.xml";

// A scratch folder in the build tree (the sample is fictional, but notices stay out of /tmp).
class AmendE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(EHCP_SCRATCH) /
           (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }
  CommandResult Amend(const std::string& tag, const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args{"amend",           kCurrent, kAmended,           "--pdf",
                                  Out(tag + ".pdf"), "--docx", Out(tag + ".docx"), "--xml",
                                  Out(tag + ".xml"), "--date", "2027-07-26"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunEhcp(args);
  }

  fs::path dir_;
};

#ifndef EHCP_AMEND_CLIENTS

TEST_F(AmendE2e, SampleWritesTheNoticeAndRecordsTheProposal) {
  CommandResult r = Amend("notice");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(
      r.output.find("notice dated 26 July 2027; comments by 10 August 2027; final amended plan by "
                    "20 September 2027"),
      std::string::npos)
      << r.output;
  EXPECT_GT(fs::file_size(Out("notice.pdf")), 1000u);
  EXPECT_GT(fs::file_size(Out("notice.docx")), 1000u);
  std::string xml = ReadFileText(Out("notice.xml"));
  EXPECT_NE(xml.find("proposedAmendmentsIssued=\"2027-07-26\""), std::string::npos);
  EXPECT_NE(xml.find("<issue kind=\"proposed-amendments\""), std::string::npos)
      << xml.substr(0, 2000);
  // The first final plan is carried over into the history the amended plan starts.
  EXPECT_NE(xml.find("<issue kind=\"final\""), std::string::npos);
  CommandResult validate = RunEhcp({"validate", Out("notice.xml")});
  EXPECT_EQ(validate.exit_code, 0) << validate.output;
  // Run again on its own output: the proposal is recorded once.
  CommandResult again = RunEhcp(
      {"amend", kCurrent, Out("notice.xml"), "--xml", Out("again.xml"), "--date", "2027-07-26"});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  std::string twice = ReadFileText(Out("again.xml"));
  size_t first = twice.find("kind=\"proposed-amendments\"");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(twice.find("kind=\"proposed-amendments\"", first + 1), std::string::npos);
}

// The recorded plan passes the timeline rules; the same plan with the final amended plan
// issued 10 weeks after the proposals, and the review decision 5 weeks after the meeting,
// fails them at those entries.
TEST_F(AmendE2e, LintChecksTheReviewTimelineOfTheRecordedPlan) {
  ASSERT_EQ(Amend("notice").exit_code, 0);
  const char* timeline[] = {"review-decision-late", "amended-plan-late", "review-date-too-late"};
  CommandResult clean = RunEhcp({"lint", Out("notice.xml")});
  for (const char* rule : timeline)
    EXPECT_EQ(clean.output.find(rule), std::string::npos) << rule << clean.output;

  std::string xml = ReadFileText(Out("notice.xml"));
  const std::string decided = "decisionNotified=\"2027-07-13\"";
  size_t at = xml.find(decided);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, decided.size(), "decisionNotified=\"2027-08-03\"");
  // The amended-plan rule applies once the plan is issued as amended.
  const std::string status = "status=\"final\"";
  at = xml.find(status);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, status.size(), "status=\"amended\"");
  at = xml.find("<issue kind=\"proposed-amendments\"");
  ASSERT_NE(at, std::string::npos) << xml.substr(0, 3000);
  at = xml.find('>', at);
  xml.insert(at + 1, "<issue kind=\"amended-final\" version=\"2\" issued=\"2027-10-04\"/>");
  { std::ofstream(Out("late.xml"), std::ios::binary) << xml; }
  CommandResult late = RunEhcp({"lint", Out("late.xml")});
  EXPECT_EQ(late.exit_code, 1) << late.output;
  EXPECT_NE(late.output.find("review-decision-late"), std::string::npos) << late.output;
  EXPECT_NE(late.output.find("amended-plan-late"), std::string::npos) << late.output;
}

// The files are dated by the notice date, so two runs a second (or a day) apart agree.
TEST_F(AmendE2e, SameInputsGiveTheSameBytes) {
  ASSERT_EQ(Amend("a").exit_code, 0);
  ::sleep(1);
  ASSERT_EQ(Amend("b").exit_code, 0);
  for (const char* ext : {".pdf", ".docx", ".xml"})
    EXPECT_EQ(ReadFileText(Out(std::string("a") + ext)), ReadFileText(Out(std::string("b") + ext)))
        << ext;
}

TEST_F(AmendE2e, IdenticalPlansExitOneAndWriteNothing) {
  CommandResult r =
      RunEhcp({"amend", kCurrent, kCurrent, "--pdf", Out("n.pdf"), "--date", "2027-07-26"});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("amend.no-changes"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("n.pdf")));
}

TEST_F(AmendE2e, BadDateIsAUsageErrorAndWritesNothing) {
  CommandResult r =
      RunEhcp({"amend", kCurrent, kAmended, "--pdf", Out("n.pdf"), "--date", "26/07/2027"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("amend.date"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("n.pdf")));
}

TEST_F(AmendE2e, NothingToWriteIsAUsageError) {
  CommandResult r = RunEhcp({"amend", kCurrent, kAmended});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("amend.usage"), std::string::npos) << r.output;
}

TEST_F(AmendE2e, InvalidPlanGivesTheLoadersLocatedErrorAndWritesNothing) {
  CommandResult r =
      RunEhcp({"amend", kCurrent, EHCP_SOURCE_DIR "/samples/invalid/schema-violation.xml", "--pdf",
               Out("n.pdf"), "--date", "2027-07-26"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("schema-violation.xml:"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("n.pdf")));
}

TEST_F(AmendE2e, OutputMayNotOverwriteAnInput) {
  fs::copy_file(kAmended, Out("proposed.xml"));
  std::string before = ReadFileText(Out("proposed.xml"));
  CommandResult r = RunEhcp({"amend", kCurrent, Out("proposed.xml"), "--xml", Out("proposed.xml"),
                             "--date", "2027-07-26"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("io.write"), std::string::npos) << r.output;
  EXPECT_EQ(ReadFileText(Out("proposed.xml")), before);
}

#else  // EHCP_AMEND_CLIENTS

// The labels are printed and tagged (pikepdf), the DOCX has real underline and
// strike-through after bold labels (python-docx), and the notice passes the PDF/UA
// checks the plan PDFs pass.
TEST_F(AmendE2e, ReadersFindTheMarkedWords) {
  ASSERT_EQ(Amend("notice").exit_code, 0);
  CommandResult check = RunShell(
      "/usr/bin/python3 " + ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/check_amend_notice.py") + " " +
      ShellQuote(Out("notice.pdf")) + " " + ShellQuote(Out("notice.docx")) + " 2>&1");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("OK pdf spans"), std::string::npos) << check.output;
  CommandResult text = RunShell("pdftotext -enc UTF-8 " + ShellQuote(Out("notice.pdf")) + " -");
  for (const char* words : {"deleted:", "inserted:", "10 August 2027", "20 September 2027",
                            "First-tier Tribunal", "Evidence:"})
    EXPECT_NE(text.output.find(words), std::string::npos) << words;
  CommandResult pdfua =
      RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SOURCE_DIR "/tests/pdf/check_pdfua.py") + " " +
               ShellQuote(Out("notice.pdf")) + " 2>&1");
  EXPECT_EQ(pdfua.exit_code, 0) << pdfua.output;
  CommandResult qpdf = RunShell("qpdf --check " + ShellQuote(Out("notice.pdf")));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.output;
}

// LibreOffice opens the DOCX and prints it to PDF; its pages draw (PNG at 50 dpi) and its
// text still has the labels.
TEST_F(AmendE2e, LibreOfficeConvertsTheDocx) {
  ASSERT_EQ(Amend("notice").exit_code, 0);
  CommandResult convert =
      RunShell("soffice --headless --norestore -env:UserInstallation=file://" + Out("profile") +
               " --convert-to pdf --outdir " + ShellQuote(Out("lo")) + " " +
               ShellQuote(Out("notice.docx")) + " 2>&1");
  ASSERT_EQ(convert.exit_code, 0) << convert.output;
  ASSERT_TRUE(fs::exists(Out("lo/notice.pdf"))) << convert.output;
  CommandResult text = RunShell("pdftotext -enc UTF-8 " + ShellQuote(Out("lo/notice.pdf")) + " -");
  EXPECT_NE(text.output.find("deleted:"), std::string::npos);
  EXPECT_NE(text.output.find("inserted:"), std::string::npos);
  CommandResult png = RunShell("pdftoppm -r 50 -png " + ShellQuote(Out("lo/notice.pdf")) + " " +
                               ShellQuote(Out("lo/page")));
  ASSERT_EQ(png.exit_code, 0) << png.output;
  int pages = 0;
  for (const auto& entry : fs::directory_iterator(Out("lo")))
    if (entry.path().extension() == ".png" && fs::file_size(entry.path()) > 500) ++pages;
  EXPECT_GE(pages, 2);
}

#endif

}  // namespace
}  // namespace ehcp::testing
