#include "output/output_guard.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "." / "case.xml", diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "io.write");
  EXPECT_NE(diagnostics.Items()[0].message.find("refusing to overwrite an input file"),
            std::string::npos);
}

TEST_F(OutputGuardTest, AnInputIsRecognisedThroughALinkOrAHardLink) {
  fs::create_symlink(input_, dir_ / "soft.xml");
  fs::create_hard_link(input_, dir_ / "hard.xml");
  DiagnosticList diagnostics;
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "soft.xml", diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "hard.xml", diagnostics));
  EXPECT_EQ(diagnostics.Size(), 2u);
}

TEST_F(OutputGuardTest, TwoOutputsMayNotShareAFile) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "draft.xml", diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput(dir_ / "sub" / ".." / "draft.xml", diagnostics));
  ASSERT_EQ(diagnostics.Size(), 1u);
  EXPECT_NE(diagnostics.Items()[0].message.find("two outputs"), std::string::npos);
}

TEST_F(OutputGuardTest, TwoOutputsOnOneDeviceAreRefused) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput("/dev/null", diagnostics));
  EXPECT_FALSE(guard_.ClaimOutput("/dev/null", diagnostics));
}

TEST_F(OutputGuardTest, OtherFilesAreFine) {
  DiagnosticList diagnostics;
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "draft.xml", diagnostics));
  EXPECT_TRUE(guard_.ClaimOutput(dir_ / "report.json", diagnostics));
  EXPECT_TRUE(diagnostics.Empty());
}

}  // namespace
}  // namespace ehcp
