// End-to-end tests of `ehcp assemble`: the real binary over the sample cases and over
// copies of them with one thing broken.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

using testing::RunEhcp;
namespace fs = std::filesystem;

const std::vector<std::string> kCases = {"early-years-hearing", "ks3-autism-anxiety", "year10-pfa"};

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A scratch folder per test, removed afterwards.
class AssembleCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("ehcp-assemble-" + std::string(info->name()) + "-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A copy of a sample case that a test can break.
  fs::path CopyCase(const std::string& name) {
    fs::path copy = dir_ / name;
    fs::copy(fs::path(EHCP_SAMPLES) / name, copy, fs::copy_options::recursive);
    fs::remove(copy / "plan.xml");
    return copy;
  }

  fs::path dir_;
};

TEST_F(AssembleCommand, EverySampleCaseGivesAValidDraft) {
  for (const auto& name : kCases) {
    fs::path draft = dir_ / (name + ".xml");
    auto result =
        RunEhcp({"assemble", std::string(EHCP_SAMPLES) + "/" + name, "-o", draft.string()});
    EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.output;
    EXPECT_NE(result.output.find("Draft written to " + draft.string()), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("Conflicts the officer must resolve"), std::string::npos)
        << result.output;
    auto validate = RunEhcp({"validate", draft.string()});
    EXPECT_EQ(validate.exit_code, 0) << validate.output;
    EXPECT_NE(validate.output.find("valid plan"), std::string::npos) << validate.output;
  }
}

TEST_F(AssembleCommand, ReportNamesConflictsAndMissingAdvice) {
  fs::path draft = dir_ / "draft.xml";
  auto result = RunEhcp(
      {"assemble", std::string(EHCP_SAMPLES) + "/early-years-hearing", "-o", draft.string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("Specialist teaching: F2 (once a week, 60 minutes"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("no educational psychology advice"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("[assemble.placement-note]"), std::string::npos) << result.output;
}

TEST_F(AssembleCommand, JsonReportToAFile) {
  fs::path draft = dir_ / "draft.xml";
  fs::path report = dir_ / "report.json";
  auto result = RunEhcp({"assemble", std::string(EHCP_SAMPLES) + "/ks3-autism-anxiety", "-o",
                         draft.string(), "--report", report.string(), "--format", "json"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("report in " + report.string()), std::string::npos) << result.output;
  auto json = nlohmann::json::parse(testing::ReadFileText(report));
  EXPECT_EQ(json["written"], true);
  EXPECT_EQ(json["draft"], draft.string());
  EXPECT_EQ(json["summary"]["contributions"], 7);
  ASSERT_EQ(json["conflicts"].size(), 1u);
  EXPECT_EQ(json["conflicts"][0]["what"], "Speech and language therapy");
  EXPECT_GE(json["merged"].size(), 1u);
  EXPECT_GT(json["placements"].size(), 40u);
}

TEST_F(AssembleCommand, ExplicitFilesInAnyOrderGiveTheSameBytes) {
  fs::path sample = fs::path(EHCP_SAMPLES) / "ks3-autism-anxiety";
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(sample / "contributions"))
    files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> forward{"assemble", (sample / "case.xml").string()};
  forward.insert(forward.end(), files.begin(), files.end());
  std::vector<std::string> backward{"assemble"};
  backward.insert(backward.end(), files.rbegin(), files.rend());
  backward.push_back((sample / "case.xml").string());
  forward.insert(forward.end(), {"-o", (dir_ / "a.xml").string()});
  backward.insert(backward.end(), {"-o", (dir_ / "b.xml").string()});
  ASSERT_EQ(RunEhcp(forward).exit_code, 0);
  ASSERT_EQ(RunEhcp(backward).exit_code, 0);
  EXPECT_EQ(testing::ReadFileText(dir_ / "a.xml"), testing::ReadFileText(dir_ / "b.xml"));
}

TEST_F(AssembleCommand, InvalidContributionGetsPreciseDiagnosticsAndNothingIsWritten) {
  fs::path copy = CopyCase("ks3-autism-anxiety");
  fs::path broken = copy / "contributions" / "03-senco.xml";
  std::string xml = testing::ReadFileText(broken);
  xml.replace(xml.find("per=\"day\""), 9, "per=\"sometimes\"");
  WriteText(broken, xml);
  fs::path draft = dir_ / "draft.xml";
  auto result = RunEhcp({"assemble", copy.string(), "-o", draft.string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(broken.string() + ":"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(": error: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("sometimes"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("No draft written."), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(draft));
}

TEST_F(AssembleCommand, AdviceAboutAnotherChildStopsAssembly) {
  fs::path copy = CopyCase("early-years-hearing");
  fs::path other = copy / "contributions" / "05-speech-language-therapy.xml";
  std::string xml = testing::ReadFileText(other);
  xml.replace(xml.find("dateOfBirth=\"2022-12-14\""), 24, "dateOfBirth=\"2021-12-14\"");
  WriteText(other, xml);
  fs::path draft = dir_ / "draft.xml";
  WriteText(draft, "previous draft");
  auto result = RunEhcp({"assemble", copy.string(), "-o", draft.string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("[assemble.wrong-child]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(other.string() + ":"), std::string::npos) << result.output;
  EXPECT_EQ(testing::ReadFileText(draft), "previous draft");  // untouched
}

TEST_F(AssembleCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(RunEhcp({"assemble"}).exit_code, 2);
  EXPECT_EQ(RunEhcp({"assemble", std::string(EHCP_SAMPLES) + "/ks3-autism-anxiety"}).exit_code,
            2);  // no -o
  auto missing = RunEhcp({"assemble", "/no/such/case", "-o", (dir_ / "d.xml").string()});
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("/no/such/case: error: no such file"), std::string::npos)
      << missing.output;
  auto no_case = RunEhcp({"assemble", dir_.string(), "-o", (dir_ / "d.xml").string()});
  EXPECT_EQ(no_case.exit_code, 2) << no_case.output;
  EXPECT_NE(no_case.output.find("no case.xml"), std::string::npos) << no_case.output;
  auto format = RunEhcp({"assemble", std::string(EHCP_SAMPLES) + "/ks3-autism-anxiety", "-o",
                         (dir_ / "d.xml").string(), "--format", "yaml"});
  EXPECT_EQ(format.exit_code, 2);
}

TEST_F(AssembleCommand, RefusesToOverwriteAnInput) {
  fs::path copy = CopyCase("ks3-autism-anxiety");
  std::string before = testing::ReadFileText(copy / "case.xml");
  auto result = RunEhcp({"assemble", copy.string(), "-o", (copy / "case.xml").string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("refusing to overwrite"), std::string::npos) << result.output;
  EXPECT_EQ(testing::ReadFileText(copy / "case.xml"), before);
}

// A council's mistake in the policy files (here the timescales every stage shares) is
// reported at its file:line:col before anything is assembled or linted, and nothing is
// written. The resources are a copy, found through $EHCP_HOME as an installation's are.
TEST_F(AssembleCommand, ABadPolicyFileIsLocatedAndNothingIsWritten) {
  fs::path home = dir_ / "home";
  fs::create_directories(home);
  for (const char* folder : {"schemas", "quality"})
    fs::copy(fs::path(EHCP_SOURCE_DIR) / folder, home / folder, fs::copy_options::recursive);
  fs::path timescales = home / "quality" / "timescales.xml";
  std::string text = testing::ReadFileText(timescales);
  text.replace(text.find("weeks=\"20\""), 10, "weeks=\"twenty\"");
  WriteText(timescales, text);
  auto run = [&](const std::vector<std::string>& args) {
    std::string command =
        "EHCP_HOME=" + testing::ShellQuote(home.string()) + " " + testing::ShellQuote(EHCP_BINARY);
    for (const auto& arg : args) command += " " + testing::ShellQuote(arg);
    return testing::RunShell(command);
  };
  fs::path draft = dir_ / "draft.xml";
  auto assembled =
      run({"assemble", std::string(EHCP_SAMPLES) + "/ks3-autism-anxiety", "-o", draft.string()});
  EXPECT_EQ(assembled.exit_code, 2) << assembled.output;
  EXPECT_NE(assembled.output.find(timescales.string() + ":9:3: error:"), std::string::npos)
      << assembled.output;
  EXPECT_NE(assembled.output.find("[schema.invalid]"), std::string::npos) << assembled.output;
  EXPECT_FALSE(fs::exists(draft));
  auto linted = run({"lint", std::string(EHCP_SAMPLES) + "/ks3-autism-anxiety/plan.xml"});
  EXPECT_EQ(linted.exit_code, 2) << linted.output;
  EXPECT_NE(linted.output.find(timescales.string() + ":9:3: error:"), std::string::npos)
      << linted.output;
}

}  // namespace
}  // namespace ehcp
