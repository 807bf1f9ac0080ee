#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "run_command.h"

namespace ehcp {
namespace {

using testing::RunEhcp;

const std::string kInvalid = EHCP_SAMPLES "/invalid/";

TEST(ValidateCommand, EveryGoodSamplePlanIsValid) {
  auto plans = testing::SamplePlans();
  ASSERT_GE(plans.size(), 3u);
  for (const auto& plan : plans) {
    auto result = RunEhcp({"validate", plan});
    EXPECT_EQ(result.exit_code, 0) << plan << "\n" << result.output;
    EXPECT_NE(result.output.find("valid plan"), std::string::npos) << result.output;
  }
}

TEST(ValidateCommand, EverySampleContributionIsValid) {
  auto files = testing::SampleContributions();
  ASSERT_GE(files.size(), 9u);
  std::vector<std::string> args{"validate"};
  args.insert(args.end(), files.begin(), files.end());
  auto result = RunEhcp(args);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(std::to_string(files.size()) +
                               " files: " + std::to_string(files.size()) + " valid"),
            std::string::npos)
      << result.output;
}

struct InvalidCase {
  std::string file;
  std::string code;     // diagnostic code expected in the output
  std::string snippet;  // and a piece of the message
};

void PrintTo(const InvalidCase& c, std::ostream* os) {
  *os << c.file;
}

class InvalidSample : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidSample, IsRejectedWithAPreciseMessage) {
  const InvalidCase& c = GetParam();
  auto result = RunEhcp({"validate", kInvalid + c.file});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("[" + c.code + "]"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(c.snippet), std::string::npos) << result.output;
  // file:line:col: error: ...
  EXPECT_NE(result.output.find(c.file + ":"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(": error: "), std::string::npos) << result.output;
}

INSTANTIATE_TEST_SUITE_P(
    Samples, InvalidSample,
    ::testing::Values(InvalidCase{"malformed.xml", "xml.malformed", "mismatch"},
                      InvalidCase{"schema-violation.xml", "schema.invalid", "sometimes"},
                      InvalidCase{"dangling-reference.xml", "schema.invalid", "B9"},
                      InvalidCase{"imperfect-plan.xml", "schema.invalid", "sectionJ"},
                      InvalidCase{"doctype-external-entity.xml", "xml.doctype", "DOCTYPE"},
                      InvalidCase{"entity-bomb.xml", "xml.doctype", "DOCTYPE"},
                      InvalidCase{"invalid-utf8.xml", "xml.encoding", "UTF-8"},
                      InvalidCase{"duplicate-id.xml", "schema.invalid", "F1"},
                      InvalidCase{"wrong-root.xml", "xml.unknown-root", "not an ehcp document"}),
    [](const auto& info) {
      std::string name = info.param.file.substr(0, info.param.file.find('.'));
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(ValidateCommand, ExternalEntityFileIsNeverRead) {
  // The sample names /etc/hostname; its contents must not appear anywhere in the output.
  std::ifstream in("/etc/hostname");
  std::string hostname;
  std::getline(in, hostname);
  auto result = RunEhcp({"validate", kInvalid + "doctype-external-entity.xml"});
  EXPECT_EQ(result.exit_code, 1);
  if (!hostname.empty()) {
    EXPECT_EQ(result.output.find(hostname), std::string::npos) << result.output;
  }
}

TEST(ValidateCommand, OversizedFileIsRefused) {
  auto path = std::filesystem::temp_directory_path() / "ehcp-oversized-test.xml";
  {
    std::ofstream out(path, std::ios::binary);
    out << "<plan xmlns=\"urn:ehcp:schema:1\">";
    std::string filler(1 << 20, ' ');
    for (int i = 0; i < 17; ++i) out << filler;
    out << "</plan>";
  }
  auto result = RunEhcp({"validate", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("[xml.limit]"), std::string::npos) << result.output;
}

TEST(ValidateCommand, MixedInputsReportEveryFileAndExitOne) {
  auto plans = testing::SamplePlans();
  auto result = RunEhcp(
      {"validate", plans[0], kInvalid + "malformed.xml", kInvalid + "dangling-reference.xml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("3 files: 1 valid, 2 invalid"), std::string::npos) << result.output;
}

TEST(ValidateCommand, MissingFileIsAUsageError) {
  auto result = RunEhcp({"validate", "/no/such/plan.xml"});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("/no/such/plan.xml: error: no such file"), std::string::npos)
      << result.output;
}

TEST(ValidateCommand, NoArgumentsIsAUsageError) {
  EXPECT_EQ(RunEhcp({"validate"}).exit_code, 2);
  EXPECT_EQ(RunEhcp({}).exit_code, 2);
  EXPECT_EQ(RunEhcp({"validate", "--format", "yaml", "x.xml"}).exit_code, 2);
}

TEST(ValidateCommand, JsonOutputIsParseableAndComplete) {
  auto plans = testing::SamplePlans();
  auto result =
      RunEhcp({"validate", "--format", "json", plans[0], kInvalid + "schema-violation.xml"});
  EXPECT_EQ(result.exit_code, 1);
  auto json = nlohmann::json::parse(result.output);
  ASSERT_EQ(json["files"].size(), 2u);
  EXPECT_EQ(json["files"][0]["valid"], true);
  EXPECT_EQ(json["files"][0]["kind"], "plan");
  EXPECT_EQ(json["files"][1]["valid"], false);
  ASSERT_GE(json["files"][1]["diagnostics"].size(), 1u);
  const auto& d = json["files"][1]["diagnostics"][0];
  EXPECT_EQ(d["severity"], "error");
  EXPECT_GT(d["line"].get<int>(), 0);
  EXPECT_EQ(json["summary"]["invalid"], 1);
}

}  // namespace
}  // namespace ehcp
