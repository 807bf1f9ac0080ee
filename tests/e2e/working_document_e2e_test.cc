// `ehcp working-document` end to end: the annual-review sample written, the same bytes
// every time, located errors for bad proposals, and outputs written whole or not at all.
// Built a second time as working_document_clients_e2e_test (slow): python-docx checks the
// runs against the tribunal's key, the footnotes and the absence of tracked changes;
// LibreOffice converts it to PDF (pages counted against the estimate, rendered as PNGs)
// and the bundle files that PDF in its working-document section.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "run_command.h"
#include "support/file_text.h"

namespace ehcp::testing {
namespace {

namespace fs = std::filesystem;
const std::string kSample = EHCP_SAMPLES "/annual-review";
const std::string kPlan = kSample + "/current-plan.xml";
const std::string kProposals = kSample + "/proposals.xml";
const std::string kData = EHCP_SOURCE_DIR "/tests/working_document/data/";

// Outputs go beside the build, not to /tmp.
class WorkingDocument : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(EHCP_BINARY).parent_path() / "test-output" /
           ("working-document-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }
  std::string Out(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

#ifndef EHCP_WORKING_DOCUMENT_CLIENTS

TEST_F(WorkingDocument, WritesTheSample) {
  auto r = RunEhcp({"working-document", kPlan, kProposals, "-o", Out("wd.docx")});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(Out("wd.docx")));
  EXPECT_NE(r.output.find("3 item(s) with proposals, about "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(the tribunal's limit is 25)"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("warning"), std::string::npos) << r.output;
}

TEST_F(WorkingDocument, SameInputsGiveTheSameBytes) {
  ASSERT_EQ(RunEhcp({"working-document", kPlan, kProposals, "-o", Out("a.docx")}).exit_code, 0);
  ASSERT_EQ(RunShell("sleep 1").exit_code, 0);  // a clock in the output would now differ
  ASSERT_EQ(RunEhcp({"working-document", kPlan, kProposals, "-o", Out("b.docx")}).exit_code, 0);
  std::string a = ReadFileText(Out("a.docx"));
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, ReadFileText(Out("b.docx")));
}

TEST_F(WorkingDocument, UnknownItemIsALocatedErrorAndNothingIsWritten) {
  auto r = RunEhcp({"working-document", kPlan, kData + "unknown-item.xml", "-o", Out("wd.docx")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("unknown-item.xml:7:3: error: the plan has no item 'F99'"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("[wdoc.unknown-item]"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("wd.docx")));
}

TEST_F(WorkingDocument, SchemaInvalidProposalsAreLocated) {
  auto r = RunEhcp({"working-document", kPlan, kData + "schema-invalid.xml", "-o", Out("wd.docx")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("schema-invalid.xml:4:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("schema-invalid.xml:7:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("[schema.invalid]"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Out("wd.docx")));
}

TEST_F(WorkingDocument, UnknownEvidenceAndAnotherPlanAreRefused) {
  auto evidence =
      RunEhcp({"working-document", kPlan, kData + "unknown-evidence.xml", "-o", Out("wd.docx")});
  EXPECT_EQ(evidence.exit_code, 1) << evidence.output;
  EXPECT_NE(evidence.output.find("unknown-evidence.xml:6:5: error: item B2 cites evidence 'SALT'"),
            std::string::npos)
      << evidence.output;
  auto other = RunEhcp({"working-document", kPlan, kData + "other-plan.xml", "-o", Out("wd.docx")});
  EXPECT_EQ(other.exit_code, 1) << other.output;
  EXPECT_NE(other.output.find(
                "other-plan.xml:3:1: error: these proposals are for plan 'NM998-2025-0001'"),
            std::string::npos)
      << other.output;
  EXPECT_FALSE(fs::exists(Out("wd.docx")));
}

TEST_F(WorkingDocument, AFailedRunLeavesTheOldFileAsItWas) {
  { std::ofstream(Out("wd.docx")) << "previous version"; }
  auto r = RunEhcp({"working-document", kPlan, kData + "unknown-item.xml", "-o", Out("wd.docx")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(ReadFileText(Out("wd.docx")), "previous version");
  // Into a folder that does not exist: nothing written, exit 2.
  auto missing =
      RunEhcp({"working-document", kPlan, kProposals, "-o", Out("no/such/folder/wd.docx")});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("[io.write]"), std::string::npos) << missing.output;
  // No staging file is left beside the output.
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 1u);
}

TEST_F(WorkingDocument, RefusesToOverwriteAnInput) {
  fs::copy_file(kProposals, Out("proposals.xml"));
  std::string before = ReadFileText(Out("proposals.xml"));
  auto r = RunEhcp({"working-document", kPlan, Out("proposals.xml"), "-o", Out("proposals.xml")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("refusing to overwrite an input file"), std::string::npos) << r.output;
  EXPECT_EQ(ReadFileText(Out("proposals.xml")), before);
}

TEST_F(WorkingDocument, AContributionIsNotAPlan) {
  auto r =
      RunEhcp({"working-document", EHCP_SAMPLES "/ks3-autism-anxiety/contributions/03-senco.xml",
               kProposals, "-o", Out("wd.docx")});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("[wdoc.not-a-plan]"), std::string::npos) << r.output;
}

#else  // EHCP_WORKING_DOCUMENT_CLIENTS

TEST_F(WorkingDocument, PythonDocxSeesTheKeyFootnotesAndNoTrackedChanges) {
  auto r = RunEhcp({"working-document", kPlan, kProposals, "-o", Out("wd.docx")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto check = RunShell("/usr/bin/python3 " +
                        ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/check_working_document.py") + " " +
                        ShellQuote(Out("wd.docx")));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("\"problems\": []"), std::string::npos) << check.output;
}

int Pages(const std::string& pdf) {
  auto info = RunShell("pdfinfo " + ShellQuote(pdf));
  std::smatch match;
  std::regex pages("Pages: +([0-9]+)");
  return std::regex_search(info.output, match, pages) ? std::stoi(match[1]) : -1;
}

// LibreOffice lays it out: the real page count is within the tool's estimate (which
// errs long, by at most two pages), the key is on page 1, and every page renders.
TEST_F(WorkingDocument, LibreOfficeConvertsItWithinTheEstimateAndTheBundleFilesIt) {
  auto r = RunEhcp({"working-document", kPlan, kProposals, "-o", Out("working-document.docx")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(r.output, match, std::regex("about ([0-9]+) page")));
  int estimate = std::stoi(match[1]);

  auto convert = RunShell("cd " + ShellQuote(dir_.string()) +
                          " && soffice --headless --norestore -env:UserInstallation=file://" +
                          Out("profile") + " --convert-to pdf working-document.docx");
  ASSERT_EQ(convert.exit_code, 0) << convert.output;
  int pages = Pages(Out("working-document.pdf"));
  ASSERT_GT(pages, 1);
  EXPECT_LE(pages, 25);
  EXPECT_GE(estimate, pages) << "the estimate must not under-count";
  EXPECT_LE(estimate, pages + 2) << "the estimate is too cautious";

  auto first = RunShell("pdftotext -f 1 -l 1 " + ShellQuote(Out("working-document.pdf")) + " -");
  EXPECT_NE(first.output.find("Key"), std::string::npos) << first.output;
  EXPECT_NE(first.output.find("Local authority's deletion"), std::string::npos) << first.output;
  auto all = RunShell("pdftotext " + ShellQuote(Out("working-document.pdf")) + " -");
  EXPECT_NE(all.output.find("Dr Anna Kowal, educational psychologist"),
            std::string::npos);  // a footnote

  auto png = RunShell("pdftoppm -r 50 -png " + ShellQuote(Out("working-document.pdf")) + " " +
                      ShellQuote(Out("page")));
  ASSERT_EQ(png.exit_code, 0) << png.output;
  int images = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() == ".png" && fs::file_size(entry.path()) > 1000) ++images;
  }
  EXPECT_EQ(images, pages);

  // The bundle takes the PDF as its working-document section, between the plan and the
  // parties' evidence (quality/bundle-rules.xml).
  std::string manifest = R"(<?xml version="1.0" encoding="UTF-8"?>
<bundle xmlns="urn:ehcp:schema:1" xml:lang="en-GB">
  <tribunalReference>EH998/26/00042</tribunalReference>
  <appealType>section-b-f</appealType>
  <child><name>Yusuf Haddad</name><dateOfBirth>2014-01-17</dateOfBirth></child>
  <localAuthority>Northmoor Borough Council</localAuthority>
  <hearingDate>2027-01-19</hearingDate>
  <issue number="1" date="2026-12-01"/>
  <preparedBy>Sarah Whitcombe, EHC Plan Coordinator, Northmoor Borough Council</preparedBy>
  <section ref="la-evidence">
    <document party="local-authority"><title>Educational psychology report</title><date>2026-07-15</date>
      <author>Dr Anna Kowal</author><pdf href="ep-report.pdf"/></document>
  </section>
  <section ref="working-document">
    <document party="joint"><title>Working document</title><date>2026-12-01</date>
      <author>Northmoor Borough Council and Mariam Haddad</author><pdf href="working-document.pdf"/></document>
  </section>
  <section ref="ehc-plan">
    <document party="local-authority"><title>Final EHC plan</title><date>2026-09-11</date>
      <author>Northmoor Borough Council</author><pdf href="ep-report.pdf"/></document>
  </section>
</bundle>
)";
  fs::copy_file(EHCP_SAMPLES "/bundle/evidence/05-ep-report.pdf", Out("ep-report.pdf"));
  { std::ofstream(Out("manifest.xml")) << manifest; }
  auto bundle = RunEhcp(
      {"bundle", Out("manifest.xml"), "-o", Out("bundle.pdf"), "--page-map", Out("map.json")});
  ASSERT_EQ(bundle.exit_code, 0) << bundle.output;
  std::string map = ReadFileText(Out("map.json"));
  // Documents in section order: the plan, then the working document, then the evidence.
  size_t plan = map.find("\"title\": \"Final EHC plan\"");
  size_t working = map.find("\"title\": \"Working document\"");
  size_t evidence = map.find("\"title\": \"Educational psychology report\"");
  ASSERT_NE(working, std::string::npos) << map;
  EXPECT_LT(plan, working);
  EXPECT_LT(working, evidence);
  EXPECT_NE(map.find("\"section_title\": \"Working document\""), std::string::npos) << map;
}

#endif

}  // namespace
}  // namespace ehcp::testing
