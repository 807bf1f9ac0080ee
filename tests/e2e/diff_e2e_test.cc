// `ehcp diff` end to end: the annual-review sample in each format (text and JSON against
// golden files; regenerate with EHCP_UPDATE_GOLDEN=1), exit codes, invalid input and -o.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_command.h"
#include "support/file_text.h"
#include "support/golden_file.h"

namespace ehcp::testing {
namespace {

namespace fs = std::filesystem;
const std::string kSample = EHCP_SAMPLES "/annual-review";
const std::string kCurrent = kSample + "/current-plan.xml";
const std::string kAmended = kSample + "/amended-plan.xml";

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("ehcp-diff-e2e-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

// Runs in the sample's folder with relative names, so the golden files hold no machine's paths.
CommandResult DiffSample(const std::string& format, const std::string& out) {
  return RunShell("cd " + ShellQuote(kSample) + " && " + ShellQuote(EHCP_BINARY) +
                  " diff current-plan.xml amended-plan.xml --format " + format + " -o " +
                  ShellQuote(out));
}

void CompareGolden(const std::string& actual, const std::string& name) {
  ExpectMatchesGolden(actual, fs::path(EHCP_SOURCE_DIR) / "tests/e2e/golden" / name);
}

TEST(DiffE2e, SampleTextMatchesGolden) {
  std::string out = TempPath("diff.txt");
  CommandResult r = DiffSample("text", out);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string text = ReadFileText(out);
  fs::remove(out);
  EXPECT_NE(
      text.find(
          "Section F, F4 (Adult support): changed\n  description: [-Three times-]{+Twice+} a week"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("  frequency: three times a week → twice a week"), std::string::npos) << text;
  EXPECT_NE(text.find("  provider: Northmoor Children's Speech and Language Therapy Service → "
                      "Brightwater Therapy Partnership"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Section B, B9 (Break and lunch times): added"), std::string::npos) << text;
  EXPECT_NE(text.find("Section E, E8 "), std::string::npos) << text;
  EXPECT_NE(text.find("E9 → E8"), std::string::npos) << text;
  CompareGolden(text, "annual-review-diff.txt");
}

TEST(DiffE2e, SampleJsonMatchesGolden) {
  std::string out = TempPath("diff.json");
  CommandResult r = DiffSample("json", out);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  std::string text = ReadFileText(out);
  fs::remove(out);
  nlohmann::json json = nlohmann::json::parse(text);
  EXPECT_EQ(json["identical"], false);
  EXPECT_EQ(json["summary"]["added"], 1);
  EXPECT_EQ(json["summary"]["removed"], 1);
  EXPECT_EQ(json["summary"]["renumbered"], 2);
  CompareGolden(text, "annual-review-diff.json");
}

TEST(DiffE2e, HtmlHasLabelledInsAndDel) {
  std::string out = TempPath("diff.html");
  CommandResult r = DiffSample("html", out);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  CommandResult check =
      RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SOURCE_DIR "/tests/e2e/check_diff_html.py") +
               " " + ShellQuote(out));
  fs::remove(out);
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("lang=en-GB"), std::string::npos) << check.output;
}

TEST(DiffE2e, IdenticalPlansExitZero) {
  CommandResult r = RunEhcp({"diff", kCurrent, kCurrent});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("No differences."), std::string::npos) << r.output;
  CommandResult json = RunEhcp({"diff", kCurrent, kCurrent, "--format", "json"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(json.output)["identical"], true);
}

TEST(DiffE2e, StdoutByDefault) {
  CommandResult r = RunEhcp({"diff", kCurrent, kAmended});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("frequency: three times a week → twice a week"), std::string::npos)
      << r.output;
}

TEST(DiffE2e, InvalidPlanGivesTheLoadersLocatedErrorAndExitsTwo) {
  std::string bad = EHCP_SAMPLES "/invalid/schema-violation.xml";
  CommandResult validate = RunEhcp({"validate", bad});
  CommandResult r = RunEhcp({"diff", kCurrent, bad});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("schema.invalid"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("schema-violation.xml:"), std::string::npos) << r.output;
  // The same located error as validate gives.
  std::string first_line = validate.output.substr(0, validate.output.find('\n'));
  EXPECT_NE(r.output.find(first_line), std::string::npos) << first_line << "\n" << r.output;
}

TEST(DiffE2e, MissingFileExitsTwo) {
  CommandResult r = RunEhcp({"diff", kCurrent, kSample + "/no-such-plan.xml"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("io.read"), std::string::npos) << r.output;
}

TEST(DiffE2e, OutputMayNotOverwriteAnInput) {
  std::string copy = TempPath("current.xml");
  fs::copy_file(kCurrent, copy, fs::copy_options::overwrite_existing);
  std::string before = ReadFileText(copy);
  CommandResult r = RunEhcp({"diff", copy, kAmended, "-o", copy});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("io.write"), std::string::npos) << r.output;
  EXPECT_EQ(ReadFileText(copy), before);
  fs::remove(copy);
}

TEST(DiffE2e, UnknownFormatIsAUsageError) {
  CommandResult r = RunEhcp({"diff", kCurrent, kAmended, "--format", "pdf"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

}  // namespace
}  // namespace ehcp::testing
