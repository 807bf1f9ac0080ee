// `ehcp issue` end to end on a draft made from the ks3 sample: refused with each error
// while none is accepted (nothing written), issued once they are accepted; the final
// plan validates, every page of its PDF and the DOCX footer carry the reference, version
// and issue date, the signature block is there, the letter has the family's rights, and
// the PDFs pass qpdf and the PDF/UA checks. Also: a final plan never issued renders as
// a draft.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "run_command.h"
#include "support/file_text.h"

namespace ehcp::testing {
namespace {

namespace fs = std::filesystem;

const std::string kReference = "Plan NM998-2026-0233, version 1, issued 11 September 2026";

class IssueE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ehcp-issue-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // The sample as the draft it was: status draft, no final date, not signed; and with
    // one error planted (F1 without its frequency), as the sample itself lints clean.
    std::string xml = ReadFileText(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml");
    Replace(xml, "status=\"final\"", "status=\"draft\"");
    Replace(xml, "<frequency count=\"2\" per=\"day\"/>", "");
    Replace(xml, " finalIssued=\"2026-09-11\"", "");
    Replace(xml,
            "<signOff name=\"Linda Carver\" role=\"Special Educational Needs Team Manager\" "
            "date=\"2026-09-11\"/>",
            "");
    std::ofstream(Path("draft.xml"), std::ios::binary) << xml;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void Replace(std::string& text, const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::vector<std::string> IssueArgs() const {
    return {"issue",       Path("draft.xml"),
            "--placement", "Northmoor Park Academy",
            "--issued",    "2026-09-11",
            "--signatory", "Linda Carver",
            "--role",      "Special Educational Needs Team Manager",
            "-o",          Path("final.xml")};
  }

  // The rule ids of the errors a refused issue listed ("... [rule-id]").
  static std::vector<std::string> RefusedRules(const std::string& output) {
    std::set<std::string> rules;
    std::regex line(": error: .*\\[([a-z0-9.-]+)\\]");
    for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
      rules.insert((*it)[1]);
    return {rules.begin(), rules.end()};
  }

  CommandResult IssueAccepting(std::vector<std::string> extra) {
    CommandResult refused = RunEhcp(IssueArgs());
    std::vector<std::string> args = IssueArgs();
    for (const auto& rule : RefusedRules(refused.output)) {
      args.push_back("--accept");
      args.push_back(rule);
    }
    args.push_back("--accept-reason");
    args.push_back("Agreed with the family at the draft meeting.");
    args.insert(args.end(), extra.begin(), extra.end());
    return RunEhcp(args);
  }

  fs::path dir_;
};

TEST_F(IssueE2e, RefusedWhileErrorsAreNotAcceptedAndNothingIsWritten) {
  CommandResult r = RunEhcp(IssueArgs());
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("not issued: "), std::string::npos) << r.output;
  EXPECT_FALSE(RefusedRules(r.output).empty()) << r.output;
  EXPECT_FALSE(fs::exists(Path("final.xml")));
}

TEST_F(IssueE2e, IssuesTheSampleWithItsDocuments) {
  CommandResult r = IssueAccepting(
      {"--pdf", Path("final.pdf"), "--docx", Path("final.docx"), "--letter", Path("letter.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("issued NM998-2026-0233 version 1 on 11 September 2026"),
            std::string::npos)
      << r.output;

  CommandResult valid = RunEhcp({"validate", Path("final.xml")});
  EXPECT_EQ(valid.exit_code, 0) << valid.output;
  std::string xml = ReadFileText(Path("final.xml"));
  EXPECT_NE(xml.find("status=\"final\""), std::string::npos);
  EXPECT_NE(xml.find("finalIssued=\"2026-09-11\""), std::string::npos);
  EXPECT_NE(xml.find("<issue kind=\"final\" version=\"1\" issued=\"2026-09-11\" />"),
            std::string::npos)
      << xml;
  EXPECT_NE(
      xml.find(
          "by=\"Linda Carver\" date=\"2026-09-11\">Agreed with the family at the draft meeting."),
      std::string::npos);

  // Every page's footer has the reference, version and date.
  CommandResult info = RunShell("pdfinfo " + ShellQuote(Path("final.pdf")));
  std::smatch pages;
  ASSERT_TRUE(std::regex_search(info.output, pages, std::regex("Pages:\\s+(\\d+)"))) << info.output;
  int page_count = std::stoi(pages[1]);
  CommandResult text = RunShell("pdftotext " + ShellQuote(Path("final.pdf")) + " -");
  ASSERT_EQ(text.exit_code, 0);
  size_t footers = 0;
  for (size_t at = text.output.find(kReference); at != std::string::npos;
       at = text.output.find(kReference, at + 1))
    ++footers;
  EXPECT_EQ(footers, static_cast<size_t>(page_count)) << page_count << " pages";
  for (const char* words :
       {"Signed for", "Linda Carver", "Special Educational Needs Team Manager", "Final plan"})
    EXPECT_NE(text.output.find(words), std::string::npos) << words;
  EXPECT_EQ(text.output.find("DRAFT"), std::string::npos);

  CommandResult footer = RunShell(
      "python3 -c \"import zipfile,sys; "
      "print(zipfile.ZipFile(sys.argv[1]).read('word/footer1.xml').decode())\" " +
      ShellQuote(Path("final.docx")));
  EXPECT_NE(footer.output.find(kReference), std::string::npos) << footer.output;

  CommandResult letter =
      RunShell("pdftotext " + ShellQuote(Path("letter.pdf")) + " - | tr -s ' \\n' ' '");
  for (const char* words :
       {"mediation adviser", "First-tier Tribunal", "within 2 months of the date of this letter",
        "(by 11 November 2026)", "within 1 month of the date of the mediation certificate",
        "whichever is later", "Northmoor Park Academy", "Dear Mariam Haddad"})
    EXPECT_NE(letter.output.find(words), std::string::npos) << words << "\n" << letter.output;

  for (const char* pdf : {"final.pdf", "letter.pdf"}) {
    CommandResult check = RunShell("qpdf --check " + ShellQuote(Path(pdf)));
    EXPECT_EQ(check.exit_code, 0) << pdf << check.output;
    CommandResult ua =
        RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SAMPLES "/../tests/pdf/check_pdfua.py") +
                 " " + ShellQuote(Path(pdf)));
    EXPECT_EQ(ua.exit_code, 0) << pdf << ua.output;
  }
}

// `issue --appendices`: the final PDF carries the advice K marks appended (the ks3
// sample's, one page each), K's entries linking to it; without one of the PDFs, nothing
// at all is written and the exit is 2.
TEST_F(IssueE2e, TheFinalPdfCarriesTheAppendedAdvice) {
  const std::string advice = EHCP_SAMPLES "/ks3-autism-anxiety/advice";
  CommandResult plain = IssueAccepting({"--pdf", Path("plain.pdf")});
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  fs::remove(Path("final.xml"));
  CommandResult r = IssueAccepting({"--pdf", Path("final.pdf"), "--appendices", advice});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto pages = [](const std::string& pdf) {
    CommandResult info = RunShell("pdfinfo " + ShellQuote(pdf));
    std::smatch m;
    return std::regex_search(info.output, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : -1;
  };
  EXPECT_EQ(pages(Path("final.pdf")), pages(Path("plain.pdf")) + 8);
  CommandResult ua =
      RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SAMPLES "/../tests/pdf/check_pdfua.py") + " " +
               ShellQuote(Path("final.pdf")));
  EXPECT_EQ(ua.exit_code, 0) << ua.output;
  // The words of K's cell and of an appendix, as one line (a narrow cell wraps them).
  CommandResult text =
      RunShell("pdftotext " + ShellQuote(Path("final.pdf")) + " - | tr -s ' \\n' ' '");
  EXPECT_NE(text.output.find("Yes: Appendix K4"), std::string::npos);
  EXPECT_NE(text.output.find("Occupational therapy advice (sensory assessment)"),
            std::string::npos);

  fs::create_directories(Path("advice"));
  fs::copy_file(advice + "/K7.pdf", Path("advice/K7.pdf"));
  for (const char* name : {"final.xml", "final.pdf"}) fs::remove(Path(name));
  CommandResult missing =
      IssueAccepting({"--pdf", Path("final.pdf"), "--appendices", Path("advice")});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("K1 is marked appended, but its PDF " + Path("advice") +
                                "/01-parent-carer.pdf cannot be used"),
            std::string::npos)
      << missing.output;
  EXPECT_FALSE(fs::exists(Path("final.xml")));
  EXPECT_FALSE(fs::exists(Path("final.pdf")));
}

TEST_F(IssueE2e, SameIssueGivesTheSameBytes) {
  ASSERT_EQ(IssueAccepting({"--pdf", Path("a.pdf"), "--letter", Path("a.docx")}).exit_code, 0);
  std::string xml = ReadFileText(Path("final.xml"));
  ASSERT_EQ(IssueAccepting({"--pdf", Path("b.pdf"), "--letter", Path("b.docx")}).exit_code, 0);
  EXPECT_EQ(ReadFileText(Path("final.xml")), xml);
  EXPECT_EQ(ReadFileText(Path("a.pdf")), ReadFileText(Path("b.pdf")));
  EXPECT_EQ(ReadFileText(Path("a.docx")), ReadFileText(Path("b.docx")));
}

TEST_F(IssueE2e, RenumbersGapsAndReportsTheMapping) {
  std::string xml = ReadFileText(Path("draft.xml"));
  // Outcome E1 renamed E11 (as if E1 had been deleted and a new outcome added), with every
  // reference to it: E2..E11 close the gap.
  xml = std::regex_replace(xml, std::regex("\"E1\""), "\"E11\"");
  std::ofstream(Path("draft.xml"), std::ios::binary) << xml;
  CommandResult r = IssueAccepting({});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("renumbered E2 -> E1\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("renumbered E11 -> E10\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("10 ids renumbered"), std::string::npos) << r.output;
  std::string final_xml = ReadFileText(Path("final.xml"));
  EXPECT_EQ(final_xml.find("\"E11\""), std::string::npos);
  EXPECT_EQ(RunEhcp({"validate", Path("final.xml")}).exit_code, 0);
}

TEST_F(IssueE2e, RefusesAFinalPlanAndBadArguments) {
  std::vector<std::string> args = IssueArgs();
  args[1] = EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml";
  CommandResult final_plan = RunEhcp(args);
  EXPECT_EQ(final_plan.exit_code, 1) << final_plan.output;
  EXPECT_NE(final_plan.output.find("[issue.not-draft]"), std::string::npos) << final_plan.output;

  args = IssueArgs();
  args[5] = "11/09/2026";
  EXPECT_EQ(RunEhcp(args).exit_code, 2);

  args = IssueArgs();
  args.insert(args.end(), {"--letter", Path("letter.txt")});
  CommandResult letter = RunEhcp(args);
  EXPECT_EQ(letter.exit_code, 2) << letter.output;
  EXPECT_NE(letter.output.find("[issue.letter]"), std::string::npos) << letter.output;

  args = IssueArgs();
  args.back() = Path("draft.xml");  // the output would overwrite the draft
  CommandResult overwrite = RunEhcp(args);
  EXPECT_EQ(overwrite.exit_code, 2) << overwrite.output;
  EXPECT_NE(overwrite.output.find("[io.write]"), std::string::npos) << overwrite.output;
  EXPECT_FALSE(fs::exists(Path("final.xml")));
}

TEST_F(IssueE2e, AFinalPlanNeverIssuedRendersAsADraft) {
  std::string xml = ReadFileText(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml");
  Replace(xml, " finalIssued=\"2026-09-11\"", "");
  std::ofstream(Path("unissued.xml"), std::ios::binary) << xml;
  CommandResult r = RunEhcp({"render", Path("unissued.xml"), "--pdf", Path("unissued.pdf")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  CommandResult text =
      RunShell("pdftotext " + ShellQuote(Path("unissued.pdf")) + " - | tr -s ' \\n' ' '");
  EXPECT_NE(text.output.find("Draft (not issued) plan, version 1"), std::string::npos)
      << text.output.substr(0, 2000);
  EXPECT_NE(text.output.find("This plan has not been issued"), std::string::npos);
  EXPECT_EQ(text.output.find("Final plan"), std::string::npos);
  EXPECT_EQ(text.output.find("version 1, issued"), std::string::npos);
}

}  // namespace
}  // namespace ehcp::testing
