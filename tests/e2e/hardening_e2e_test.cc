// End-to-end tests of issue #21 ("never lose a council's file, never crash"): no command
// overwrites a file it reads or writes two outputs to one file, FIFOs, devices and huge
// files are refused before they are read, outputs through links, FIFOs and devices go
// where they point, JSON output is valid JSON whatever the bytes, and the smaller
// defects found with them. Every case here once lost a file, hung or aborted.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.h"
#include "support/file_text.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;
using testing::RunShell;
using testing::ShellQuote;

const std::string kSamples = EHCP_SAMPLES;
const std::string kPlan = kSamples + "/ks3-autism-anxiety/plan.xml";
const std::string kSourceDir = EHCP_SOURCE_DIR;

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string Hidden(const fs::path& dir) {
  std::string found;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it)
    if (it->path().filename().string().find(".tmp-") != std::string::npos)
      found += it->path().string() + " ";
  return found;
}

// Runs build/ehcp with only its standard output captured (for JSON).
testing::CommandResult RunEhcpStdout(const std::vector<std::string>& args,
                                     const std::string& env = "") {
  std::string command = env + " " + ShellQuote(EHCP_BINARY);
  for (const auto& arg : args) command += " " + ShellQuote(arg);
  return RunShell("{ " + command + " 2>/dev/null; }");
}

// Whether `text` parses as JSON (nlohmann rejects invalid UTF-8 in strings).
bool IsValidJson(const std::string& text) {
  return nlohmann::json::accept(text);
}

class Hardening : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ehcp-hardening-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A copy of a sample case folder (case.xml and contributions/).
  fs::path CopyCase(const std::string& name) {
    fs::path copy = dir_ / name;
    fs::copy(fs::path(kSamples) / name, copy, fs::copy_options::recursive);
    fs::remove(copy / "plan.xml");
    return copy;
  }
  // A copy of the sample bundle and the case whose plan it renders; evidence root: dir_.
  fs::path CopyBundle() {
    fs::copy(fs::path(kSamples) / "bundle", dir_ / "bundle", fs::copy_options::recursive);
    fs::copy(fs::path(kSamples) / "ks3-autism-anxiety", dir_ / "ks3-autism-anxiety",
             fs::copy_options::recursive);
    return dir_ / "bundle" / "manifest.xml";
  }
  // A private copy of the data folders, used through EHCP_HOME.
  fs::path CopyHome() {
    fs::path home = dir_ / "home";
    fs::create_directories(home);
    for (const char* folder : {"schemas", "quality", "templates"})
      fs::copy(fs::path(kSourceDir) / folder, home / folder, fs::copy_options::recursive);
    return home;
  }
  testing::CommandResult RunWithHome(const fs::path& home, const std::vector<std::string>& args) {
    std::string command = "EHCP_HOME=" + ShellQuote(home.string()) + " " + ShellQuote(EHCP_BINARY);
    for (const auto& arg : args) command += " " + ShellQuote(arg);
    return RunShell(command);
  }

  fs::path dir_;
};

// ---------- Outputs never replace inputs, nor each other ----------

TEST_F(Hardening, AssembleNeverWritesTheReportOverTheCaseFile) {
  fs::path folder = CopyCase("ks3-autism-anxiety");
  std::string before = testing::ReadFileText((folder / "case.xml").string());
  auto result = RunEhcp({"assemble", folder.string(), "-o", Path("draft.xml"), "--report",
                         (folder / "case.xml").string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("refusing to overwrite an input file"), std::string::npos)
      << result.output;
  EXPECT_EQ(testing::ReadFileText((folder / "case.xml").string()), before);
  EXPECT_FALSE(fs::exists(Path("draft.xml")));
}

TEST_F(Hardening, AssembleNeverWritesTheReportOverAContribution) {
  fs::path folder = CopyCase("ks3-autism-anxiety");
  fs::path contribution = fs::directory_iterator(folder / "contributions")->path();
  std::string before = testing::ReadFileText(contribution.string());
  auto result = RunEhcp(
      {"assemble", folder.string(), "-o", Path("draft.xml"), "--report", contribution.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(contribution.string()), before);
}

TEST_F(Hardening, AssembleRefusesOneFileForTheDraftAndTheReport) {
  fs::path folder = CopyCase("ks3-autism-anxiety");
  auto result = RunEhcp(
      {"assemble", folder.string(), "-o", Path("draft.xml"), "--report", Path("draft.xml")});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("two outputs of this run are the same file"), std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(Path("draft.xml")));
}

TEST_F(Hardening, LintNeverWritesOverTheProfile) {
  fs::path profile = dir_ / "profile.xml";
  fs::copy(kSourceDir + "/quality/profiles/example-council.xml", profile);
  std::string before = testing::ReadFileText(profile.string());
  auto result = RunEhcp({"lint", kPlan, "--profile", profile.string(), "-o", profile.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(profile.string()), before);
}

TEST_F(Hardening, LintNeverWritesOverARuleFileOrAReportTemplate) {
  fs::path home = CopyHome();
  fs::path rules = home / "quality/rules/30-provision.xml";
  std::string before = testing::ReadFileText(rules.string());
  auto result = RunWithHome(home, {"lint", kPlan, "-o", rules.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(rules.string()), before);

  fs::path html = home / "templates/lint/report.html";
  before = testing::ReadFileText(html.string());
  result = RunWithHome(home, {"lint", kPlan, "--format", "html", "-o", html.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(html.string()), before);
}

TEST_F(Hardening, LintOfAWordPlanNeverWritesOverTheWordsItReadsItBy) {
  fs::path home = CopyHome();
  const std::string docx = kSourceDir + "/tests/council/tables.docx";
  for (const char* name : {"quality/council-plans.xml", "quality/provision-grammar.xml"}) {
    std::string target = (home / name).string();
    std::string before = testing::ReadFileText(target);
    auto result = RunWithHome(home, {"lint", docx, "-o", target});
    EXPECT_EQ(result.exit_code, 2) << name << "\n" << result.output;
    EXPECT_EQ(testing::ReadFileText(target), before) << name;
  }
}

TEST_F(Hardening, RenderNeverWritesOverTheTemplateOrItsLogo) {
  fs::path templates = dir_ / "exampleshire";
  fs::copy(kSourceDir + "/templates/exampleshire", templates, fs::copy_options::recursive);
  fs::copy(kSourceDir + "/templates/default", dir_ / "default", fs::copy_options::recursive);
  for (const char* name : {"template.json", "logo.png"}) {
    std::string target = (templates / name).string();
    std::string before = testing::ReadFileText(target);
    auto result = RunEhcp({"render", kPlan, "--template", templates.string(), "--pdf", target});
    EXPECT_EQ(result.exit_code, 2) << name << "\n" << result.output;
    EXPECT_EQ(testing::ReadFileText(target), before) << name;
  }
  // The template it extends is read too.
  std::string base = (dir_ / "default" / "template.json").string();
  std::string before = testing::ReadFileText(base);
  auto result = RunEhcp({"render", kPlan, "--template", templates.string(), "--docx", base});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(base), before);
  // And so is the HTML page's skeleton, which Exampleshire takes from the default set.
  std::string page = (dir_ / "default" / "plan.html").string();
  std::string page_before = testing::ReadFileText(page);
  result = RunEhcp({"render", kPlan, "--template", templates.string(), "--html", page});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(page), page_before);
}

TEST_F(Hardening, RenderRefusesOneFileForThePdfAndTheDocx) {
  auto result = RunEhcp({"render", kPlan, "--pdf", Path("x.pdf"), "--docx", Path("x.pdf")});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("two outputs of this run are the same file"), std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(Path("x.pdf")));
}

// ---------- Outputs named for another kind ----------

// `ehcp form … -o plan-b.xml` wrote a Word form over a council's plan: every writing
// command refuses an output whose name is of another kind, before anything is written.
TEST_F(Hardening, NoCommandWritesOverAFileOfAnotherKind) {
  const std::string plan_b = Path("plan-b.xml");
  fs::copy_file(kPlan, plan_b);
  const std::string plan_before = testing::ReadFileText(plan_b);
  const std::string docx = Path("old.docx");
  WriteText(docx, "not really a DOCX");
  auto result = RunEhcp({"form", "contribution", "--from", "education", "-o", plan_b});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("plan-b.xml: error: this output is a Word document, but its name "
                               "ends \".xml\": refusing to write it, so that no file of another "
                               "kind is replaced; name it \"plan-b.docx\" [io.output-kind]"),
            std::string::npos)
      << result.output;
  EXPECT_EQ(testing::ReadFileText(plan_b), plan_before);

  const std::vector<std::vector<std::string>> runs = {
      {"render", kPlan, "--pdf", docx},
      {"render", kPlan, "--docx", plan_b},
      {"render", kPlan, "--html", Path("page.pdf")},
      {"lint", kPlan, "--format", "json", "-o", plan_b},
      {"lint", kPlan, "-o", docx},
      {"validate", kPlan},  // reads only: the control
  };
  for (const auto& args : runs) {
    result = RunEhcp(args);
    if (args[0] == "validate") {
      EXPECT_EQ(result.exit_code, 0) << result.output;
      continue;
    }
    EXPECT_EQ(result.exit_code, 2) << args[0] << " " << args[2] << " " << args[3] << "\n"
                                   << result.output;
    EXPECT_NE(result.output.find("[io.output-kind]"), std::string::npos) << result.output;
  }
  EXPECT_EQ(testing::ReadFileText(plan_b), plan_before);
  EXPECT_EQ(testing::ReadFileText(docx), "not really a DOCX");
  EXPECT_FALSE(fs::exists(Path("page.pdf")));

  // The right kind is replaced, atomically, as before; a device is written into.
  result = RunEhcp({"render", kPlan, "--docx", docx, "--pdf", "/dev/null"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(testing::ReadFileText(docx), "not really a DOCX");
}

TEST_F(Hardening, BundleNeverWritesOverTheManifest) {
  fs::path manifest = CopyBundle();
  fs::path evidence = dir_ / "bundle" / "evidence" / "01-decision-letter.pdf";
  std::string before = testing::ReadFileText(manifest.string());
  std::string evidence_before = testing::ReadFileText(evidence.string());
  auto result = RunEhcp(
      {"bundle", manifest.string(), "--evidence-root", dir_.string(), "-o", manifest.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(manifest.string()), before);
  result = RunEhcp({"bundle", manifest.string(), "--evidence-root", dir_.string(), "-o",
                    Path("b.pdf"), "--page-map", evidence.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_EQ(testing::ReadFileText(evidence.string()), evidence_before);
  EXPECT_FALSE(fs::exists(Path("b.pdf")));
}

// ---------- Inputs: FIFOs, devices, huge files ----------

TEST_F(Hardening, RenderRefusesAFifoInsteadOfWaitingForever) {
  fs::path fifo = dir_ / "plan.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // `timeout` only stops a regression from hanging the suite; nothing here is timed.
  auto result = RunShell("timeout 120 " + ShellQuote(EHCP_BINARY) + " render " +
                         ShellQuote(fifo.string()) + " --pdf " + ShellQuote(Path("out.pdf")));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("FIFO"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(Path("out.pdf")));
}

TEST_F(Hardening, RenderRefusesADeviceAndAHugeFileUnread) {
  auto result = RunShell("timeout 120 " + ShellQuote(EHCP_BINARY) + " render /dev/zero --pdf " +
                         ShellQuote(Path("zero.pdf")));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("character device"), std::string::npos) << result.output;

  fs::path big = dir_ / "big.xml";
  WriteText(big, "<");
  fs::resize_file(big, 1u << 30);  // sparse
  result = RunEhcp({"render", big.string(), "--pdf", Path("big.pdf")});
  EXPECT_EQ(result.exit_code, 1) << result.output;  // an invalid plan, as every [xml.limit]
  EXPECT_NE(result.output.find("[xml.limit]"), std::string::npos) << result.output;
}

TEST_F(Hardening, ValidateRefusesAFolderNamedAsAFileAndAFifoClearly) {
  fs::path fifo = dir_ / "contribution.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto result =
      RunShell("timeout 120 " + ShellQuote(EHCP_BINARY) + " validate " + ShellQuote(fifo.string()));
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find(fifo.string() +
                               ": error: is a FIFO (named pipe), not a regular file [io.read]"),
            std::string::npos)
      << result.output;
}

// ---------- Outputs through links, FIFOs and devices ----------

TEST_F(Hardening, AnOutputThroughASymbolicLinkReplacesItsTarget) {
  fs::create_directories(dir_ / "real");
  fs::create_symlink(dir_ / "real" / "plan.pdf", dir_ / "plan.pdf");
  auto result = RunEhcp({"render", kPlan, "--pdf", Path("plan.pdf")});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::is_symlink(dir_ / "plan.pdf"));
  EXPECT_EQ(testing::ReadFileText((dir_ / "real" / "plan.pdf").string()).substr(0, 5), "%PDF-");
}

TEST_F(Hardening, AnOutputToAFifoIsWrittenIntoIt) {
  fs::path fifo = dir_ / "out.pdf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // `timeout` only keeps a failing run from leaving cat waiting for a writer.
  auto result = RunShell("timeout 120 cat " + ShellQuote(fifo.string()) + " > " +
                         ShellQuote(Path("copy.pdf")) + " & " + ShellQuote(EHCP_BINARY) +
                         " render " + ShellQuote(kPlan) + " --pdf " + ShellQuote(fifo.string()) +
                         "; status=$?; wait; exit $status");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(testing::ReadFileText(Path("copy.pdf")).substr(0, 5), "%PDF-");
}

TEST_F(Hardening, AnOutputToDevNullLeavesTheDevice) {
  auto result = RunEhcp({"render", kPlan, "--pdf", "/dev/null"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(Hardening, AnOutputToStandardOutputGoesDownThePipe) {
  auto result = RunShell(ShellQuote(EHCP_BINARY) + " render " + ShellQuote(kPlan) +
                         " --pdf /dev/stdout | cat > " + ShellQuote(Path("piped.pdf")));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(testing::ReadFileText(Path("piped.pdf")).substr(0, 5), "%PDF-");
}

TEST_F(Hardening, AnUnwritableOutputExitsTwo) {
  auto result = RunEhcp({"render", kPlan, "--pdf", Path("missing/plan.pdf")});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("[io.write]"), std::string::npos) << result.output;
}

TEST_F(Hardening, RenderingACaseloadLeavesNoHiddenFiles) {
  auto result = RunEhcp({"render", kSamples, "-o", Path("out")});
  EXPECT_EQ(Hidden(dir_), "");
  // Two case folders hold a case.xml each: they are skipped, as lint skips them.
  EXPECT_EQ(result.exit_code, 1) << result.output;  // samples/invalid has invalid plans
  EXPECT_EQ(result.output.find("would both be written"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("case.xml: skipped (not a plan)"), std::string::npos)
      << result.output;
  EXPECT_TRUE(fs::exists(Path("out/ks3-autism-anxiety.pdf")));
}

TEST_F(Hardening, RenderingTwoCaseFoldersSkipsTheirCaseFiles) {
  CopyCase("ks3-autism-anxiety");
  CopyCase("year10-pfa");
  fs::copy(kPlan, dir_ / "ks3-autism-anxiety" / "plan.xml");
  auto result = RunEhcp({"render", dir_.string(), "-o", Path("out")});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("1 plan: 1 rendered"), std::string::npos) << result.output;
}

// ---------- The bundle ----------

TEST_F(Hardening, ABundleRendersItsPlanWithoutAnyTemporaryFile) {
  fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  auto result =
      RunShell("TMPDIR=" + ShellQuote(tmp.string()) + " " + ShellQuote(EHCP_BINARY) + " bundle " +
               ShellQuote(kSamples + "/bundle/manifest.xml") + " --evidence-root " +
               ShellQuote(kSamples) + " -o " + ShellQuote(Path("bundle.pdf")));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(fs::is_empty(tmp));
  EXPECT_EQ(Hidden(dir_), "");
}

TEST_F(Hardening, AnUnwritablePageMapStopsTheBundleBeforeItIsWritten) {
  auto result = RunEhcp({"bundle", kSamples + "/bundle/manifest.xml", "--evidence-root", kSamples,
                         "-o", Path("bundle.pdf"), "--page-map", "/nonexistent/x.json"});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_FALSE(fs::exists(Path("bundle.pdf")));
  EXPECT_EQ(result.output.find("Wrote"), std::string::npos) << result.output;
}

TEST_F(Hardening, AnIssueNumberTooLargeIsAnErrorInTheManifest) {
  fs::path manifest = CopyBundle();
  std::string text = testing::ReadFileText(manifest.string());
  auto at = text.find("number=\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at + 8, text.find('"', at + 8) - at - 8, "99999999999999");
  WriteText(manifest, text);
  auto result =
      RunEhcp({"bundle", manifest.string(), "--evidence-root", dir_.string(), "-o", Path("b.pdf")});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(manifest.string() + ":"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("issue number"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("internal error"), std::string::npos) << result.output;
}

// ---------- JSON is always JSON ----------

TEST_F(Hardening, JsonAndSarifStayValidWithInvalidUtf8InATagName) {
  fs::path bad = dir_ / "bad.xml";
  // libxml2 repeats the broken name in "Opening and ending tag mismatch: na\xC3 ...".
  WriteText(bad,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plan xmlns=\"urn:ehcp:schema:1\">\n  "
            "<na\xc3>\n</plan>\n");
  for (const char* format : {"json", "sarif"}) {
    auto result = RunEhcp(
        {"lint", bad.string(), "--format", format, "-o", Path(std::string("out.") + format)});
    EXPECT_EQ(result.exit_code, 2) << format << "\n" << result.output;
    std::string json = testing::ReadFileText(Path(std::string("out.") + format));
    EXPECT_TRUE(IsValidJson(json)) << format;
    EXPECT_NE(json.find("na\xEF\xBF\xBD"), std::string::npos) << json;  // U+FFFD in the message
  }
  auto validate = RunEhcpStdout({"validate", bad.string(), "--format", "json"});
  EXPECT_EQ(validate.exit_code, 1) << validate.output;
  EXPECT_TRUE(IsValidJson(validate.output)) << validate.output;
  EXPECT_EQ(Hidden(dir_), "");
}

TEST_F(Hardening, JsonStaysValidWithAFileNameThatIsNotUtf8) {
  fs::path folder = dir_ / "plans";
  fs::create_directories(folder);
  WriteText(folder / "caf\xe9.xml", "<plan/>");
  auto lint = RunEhcp({"lint", folder.string(), "--format", "json", "-o", Path("out.json")});
  EXPECT_NE(lint.exit_code, 134) << lint.output;
  EXPECT_TRUE(IsValidJson(testing::ReadFileText(Path("out.json"))));
  auto validate = RunEhcpStdout({"validate", folder.string(), "--format", "json"});
  EXPECT_EQ(validate.exit_code, 1) << validate.output;
  EXPECT_TRUE(IsValidJson(validate.output)) << validate.output;
  EXPECT_EQ(validate.output.find("internal error"), std::string::npos);
}

// ---------- UTF-16 ----------

TEST_F(Hardening, AUtf16PlanWithAByteOrderMarkIsValid) {
  for (const char* encoding : {"UTF-16LE", "UTF-16BE"}) {
    fs::path out = dir_ / (std::string(encoding) + ".xml");
    // iconv writes no BOM for an explicit byte order: add U+FEFF first.
    auto result =
        RunShell("{ printf '\\357\\273\\277'; cat " + ShellQuote(kPlan) +
                 "; } | iconv -f UTF-8 -t " + encoding + " > " + ShellQuote(out.string()));
    ASSERT_EQ(result.exit_code, 0) << result.output;
    auto validate = RunEhcp({"validate", out.string()});
    EXPECT_EQ(validate.exit_code, 0) << encoding << "\n" << validate.output;
    EXPECT_NE(validate.output.find("valid plan"), std::string::npos) << validate.output;
  }
}

}  // namespace
}  // namespace ehcp
