#include "output/atomic_output.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ehcp {
namespace {

namespace fs = std::filesystem;

class AtomicOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ehcp-atomic-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string Read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t FileCount() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(AtomicOutputTest, WritesTheWholeFile) {
  DiagnosticList diagnostics;
  auto path = (dir_ / "out.txt").string();
  ASSERT_TRUE(WriteFileAtomically(path, "hello", diagnostics));
  EXPECT_EQ(Read(path), "hello");
  EXPECT_EQ(FileCount(), 1u);  // no temporary file left behind
}

TEST_F(AtomicOutputTest, AReproducibleOutputIsStillReplacedWhole) {
  DiagnosticList diagnostics;
  auto path = (dir_ / "out.pdf").string();
  ASSERT_TRUE(WriteFileAtomically(path, "old", diagnostics, Durability::kReproducible));
  ASSERT_TRUE(WriteFileAtomically(path, "new contents", diagnostics, Durability::kReproducible));
  EXPECT_EQ(Read(path), "new contents");
  EXPECT_EQ(FileCount(), 1u);
  {
    AtomicOutput abandoned(path, Durability::kReproducible);
    std::ofstream(abandoned.TempPath()) << "partial";
  }
  EXPECT_EQ(Read(path), "new contents");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicOutputTest, AnUncommittedOutputLeavesTheOldFileAndNoTemporary) {
  auto path = (dir_ / "plan.pdf").string();
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(path, "old", diagnostics));
  {
    AtomicOutput output(path);
    std::ofstream(output.TempPath()) << "half a new fi";
    // no Commit(): as if rendering failed part way
  }
  EXPECT_EQ(Read(path), "old");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicOutputTest, UnwritableFolderIsADiagnostic) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(WriteFileAtomically((dir_ / "missing" / "out.txt").string(), "x", diagnostics));
  ASSERT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.Items()[0].code, "io.write");
}

TEST_F(AtomicOutputTest, RecognisesAnOutputThatIsAnInput) {
  auto input = (dir_ / "plan.xml").string();
  std::ofstream(input) << "<plan/>";
  EXPECT_TRUE(OutputOverwritesInput((dir_ / "." / "plan.xml").string(), {"other.xml", input}));
  EXPECT_FALSE(OutputOverwritesInput((dir_ / "plan.pdf").string(), {input}));
}

}  // namespace
}  // namespace ehcp
