#include "output/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ehcp {
namespace {

namespace fs = std::filesystem;

class InputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ehcp-input-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(InputFileTest, ReadsARegularFile) {
  std::ofstream(dir_ / "plan.xml") << "<plan/>";
  InputFile file = ReadInputFile((dir_ / "plan.xml").string(), 100);
  ASSERT_TRUE(file.Ok()) << file.problem;
  EXPECT_EQ(file.bytes, "<plan/>");
}

TEST_F(InputFileTest, AFifoIsRefusedWithoutWaitingForAWriter) {
  auto fifo = dir_ / "plan.xml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  InputFile file = ReadInputFile(fifo.string(), 100);
  EXPECT_EQ(file.status, InputFileStatus::kNotRegular);
  EXPECT_NE(file.problem.find("FIFO"), std::string::npos) << file.problem;
}

TEST_F(InputFileTest, ADeviceIsRefusedBeforeAnythingIsRead) {
  InputFile file = ReadInputFile("/dev/zero", 100);
  EXPECT_EQ(file.status, InputFileStatus::kNotRegular);
  EXPECT_NE(file.problem.find("character device"), std::string::npos) << file.problem;
}

TEST_F(InputFileTest, AStreamAllowedExplicitlyIsReadUpToTheLimit) {
  InputFile file = ReadInputFile("/dev/zero", 1000, InputFileKinds::kRegularOrStream);
  EXPECT_EQ(file.status, InputFileStatus::kTooLarge);
  EXPECT_TRUE(file.bytes.empty());
}

TEST_F(InputFileTest, AFolderIsRefused) {
  InputFile file = ReadInputFile(dir_.string(), 100);
  EXPECT_EQ(file.status, InputFileStatus::kNotRegular);
  EXPECT_NE(file.problem.find("folder"), std::string::npos);
}

TEST_F(InputFileTest, ALargeFileIsRefusedUnread) {
  auto big = dir_ / "big.xml";
  { std::ofstream(big) << "x"; }
  fs::resize_file(big, 1u << 30);  // sparse: 1 GiB that costs nothing on disk
  InputFile file = ReadInputFile(big.string(), 16u << 20);
  EXPECT_EQ(file.status, InputFileStatus::kTooLarge);
  EXPECT_TRUE(file.bytes.empty());
  EXPECT_NE(file.problem.find("1073741824 bytes"), std::string::npos) << file.problem;
}

TEST_F(InputFileTest, AMissingFileIsUnreadable) {
  InputFile file = ReadInputFile((dir_ / "none.xml").string(), 100);
  EXPECT_EQ(file.status, InputFileStatus::kUnreadable);
  EXPECT_NE(file.problem.find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace ehcp
