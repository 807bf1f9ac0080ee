#include "output/atomic_output.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

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
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
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
    ASSERT_TRUE(abandoned.Open(diagnostics));
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
    ASSERT_TRUE(output.Open(diagnostics));
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

// What a kill -9 part way through leaves: the staging file has no name until Commit(),
// so the folder holds only the old file however far the write got.
TEST_F(AtomicOutputTest, AFileBeingWrittenHasNoNameUntilCommitted) {
  auto path = (dir_ / "plan.pdf").string();
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(path, "old", diagnostics));
  AtomicOutput output(path, Durability::kReproducible);
  ASSERT_TRUE(output.Open(diagnostics));
  ASSERT_TRUE(output.Write("new, not yet complete", diagnostics));
  EXPECT_EQ(FileCount(), 1u);  // no hidden .tmp- file beside the target
  EXPECT_EQ(Read(path), "old");
  ASSERT_TRUE(output.Commit(diagnostics));
  EXPECT_EQ(Read(path), "new, not yet complete");
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicOutputTest, ADurableOutputKeepsTheTargetsPermissions) {
  auto path = dir_ / "draft.xml";
  std::ofstream(path) << "old";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(path.string(), "new", diagnostics));
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(AtomicOutputTest, ASymbolicLinkStaysAndItsTargetIsReplaced) {
  auto real = dir_ / "real.pdf";
  auto link = dir_ / "link.pdf";
  std::ofstream(real) << "old";
  fs::create_symlink("real.pdf", link);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(link.string(), "new", diagnostics))
      << diagnostics.Items()[0].message;
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(real), "new");
  EXPECT_EQ(FileCount(), 2u);
}

TEST_F(AtomicOutputTest, ADanglingSymbolicLinkCreatesItsTarget) {
  auto link = dir_ / "link.pdf";
  fs::create_symlink("made.pdf", link);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(link.string(), "new", diagnostics));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(dir_ / "made.pdf"), "new");
}

TEST_F(AtomicOutputTest, AFifoIsWrittenToAndNotReplaced) {
  auto fifo = dir_ / "out.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // A reader that is already waiting, so opening the FIFO for writing does not block.
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically(fifo.string(), "through the pipe", diagnostics));
  char buffer[64] = {};
  ssize_t n = ::read(reader, buffer, sizeof buffer);
  ::close(reader);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(FileCount(), 1u);
}

TEST_F(AtomicOutputTest, ACharacterDeviceIsWrittenToAndNotReplaced) {
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteFileAtomically("/dev/null", "discarded", diagnostics));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(AtomicOutputTest, APipeNamedThroughProcIsWrittenTo) {
  // /dev/stdout and /proc/self/fd/N are links whose text ("pipe:[123]") names no file.
  int ends[2];
  ASSERT_EQ(::pipe(ends), 0);
  DiagnosticList diagnostics;
  bool written =
      WriteFileAtomically("/proc/self/fd/" + std::to_string(ends[1]), "piped", diagnostics);
  ::close(ends[1]);
  char buffer[16] = {};
  ssize_t n = ::read(ends[0], buffer, sizeof buffer);
  ::close(ends[0]);
  ASSERT_TRUE(written) << (diagnostics.Empty() ? "" : diagnostics.Items()[0].message);
  EXPECT_EQ(std::string(buffer, n > 0 ? static_cast<size_t>(n) : 0), "piped");
}

TEST_F(AtomicOutputTest, AFolderIsRefused) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(WriteFileAtomically(dir_.string(), "x", diagnostics));
  ASSERT_TRUE(diagnostics.HasErrors());
  EXPECT_EQ(diagnostics.Items()[0].code, "io.write");
  EXPECT_NE(diagnostics.Items()[0].message.find("a folder"), std::string::npos);
}

TEST_F(AtomicOutputTest, TheStagingPathWorksForLibrariesThatOpenByName) {
  auto path = (dir_ / "report.json").string();
  DiagnosticList diagnostics;
  AtomicOutput output(path, Durability::kReproducible);
  ASSERT_TRUE(output.Open(diagnostics));
  {
    std::ofstream out(output.TempPath(), std::ios::binary);
    out << "{}";
  }
  ASSERT_TRUE(output.Commit(diagnostics));
  EXPECT_EQ(Read(path), "{}");
}

}  // namespace
}  // namespace ehcp
