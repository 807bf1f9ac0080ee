#include "bundle/evidence_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ehcp {
namespace {

namespace fs = std::filesystem;

class EvidencePathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ehcp-evidence-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / "case" / "evidence");
    fs::create_directories(dir_ / "other");
    std::ofstream(dir_ / "case" / "evidence" / "report.pdf") << "%PDF-1.7";
    std::ofstream(dir_ / "other" / "secret.pdf") << "%PDF-1.7";
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Case() const { return dir_ / "case"; }
  fs::path dir_;
};

TEST_F(EvidencePathTest, AcceptsAFileInsideTheRoot) {
  std::string problem;
  auto path = ResolveEvidencePath(Case(), "evidence/report.pdf", Case(), problem);
  ASSERT_TRUE(path) << problem;
  EXPECT_EQ(*path, fs::canonical(Case() / "evidence" / "report.pdf"));
  auto via_dots = ResolveEvidencePath(Case(), "evidence/../evidence/report.pdf", Case(), problem);
  EXPECT_TRUE(via_dots) << problem;
}

TEST_F(EvidencePathTest, RefusesDotDotOutOfTheRoot) {
  std::string problem;
  EXPECT_FALSE(ResolveEvidencePath(Case(), "../other/secret.pdf", Case(), problem));
  EXPECT_NE(problem.find("leaves the evidence folder"), std::string::npos) << problem;
  // Even when the target does not exist, the path is judged first.
  EXPECT_FALSE(ResolveEvidencePath(Case(), "../../nowhere.pdf", Case(), problem));
  EXPECT_NE(problem.find("leaves the evidence folder"), std::string::npos) << problem;
}

TEST_F(EvidencePathTest, RefusesAnAbsolutePathOutsideButAcceptsOneInside) {
  std::string problem;
  EXPECT_FALSE(
      ResolveEvidencePath(Case(), (dir_ / "other" / "secret.pdf").string(), Case(), problem));
  EXPECT_FALSE(ResolveEvidencePath(Case(), "/etc/passwd", Case(), problem));
  EXPECT_TRUE(
      ResolveEvidencePath(Case(), (Case() / "evidence" / "report.pdf").string(), Case(), problem))
      << problem;
}

TEST_F(EvidencePathTest, RefusesASymbolicLinkThatPointsOutside) {
  fs::create_symlink(dir_ / "other" / "secret.pdf", Case() / "evidence" / "link.pdf");
  fs::create_directory_symlink(dir_ / "other", Case() / "evidence" / "folder");
  std::string problem;
  EXPECT_FALSE(ResolveEvidencePath(Case(), "evidence/link.pdf", Case(), problem));
  EXPECT_NE(problem.find("is a link to"), std::string::npos) << problem;
  EXPECT_FALSE(ResolveEvidencePath(Case(), "evidence/folder/secret.pdf", Case(), problem));
}

TEST_F(EvidencePathTest, AWiderRootAllowsSiblingFolders) {
  std::string problem;
  EXPECT_TRUE(ResolveEvidencePath(Case(), "../other/secret.pdf", dir_, problem)) << problem;
}

TEST_F(EvidencePathTest, ReportsMissingFilesAndFolders) {
  std::string problem;
  EXPECT_FALSE(ResolveEvidencePath(Case(), "evidence/missing.pdf", Case(), problem));
  EXPECT_NE(problem.find("does not exist"), std::string::npos) << problem;
  EXPECT_FALSE(ResolveEvidencePath(Case(), "evidence", Case(), problem));
  EXPECT_NE(problem.find("not a regular file"), std::string::npos) << problem;
}

}  // namespace
}  // namespace ehcp
