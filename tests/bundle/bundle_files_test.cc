// The in-memory file source of a bundle (an upload to ehcp serve): paths resolve inside
// the upload only, and the bundle built from memory is the one built from the folder.

#include "bundle/bundle_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "bundle/bundle_builder.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

const std::map<std::string, std::string> kUpload{
    {"bundle/manifest.xml", "<bundle/>"},
    {"bundle/evidence/report.pdf", "%PDF-1.7"},
    {"plans/plan.xml", "<plan/>"},
};

TEST(UploadBundleFiles, ResolvesInsideTheUploadFromTheManifestsFolder) {
  UploadBundleFiles files(kUpload, "bundle/manifest.xml");
  std::string problem;
  auto pdf = files.Resolve("evidence/report.pdf", problem);
  ASSERT_TRUE(pdf) << problem;
  EXPECT_EQ(pdf->generic_string(), "bundle/evidence/report.pdf");
  auto dotted = files.Resolve("./evidence/../evidence/report.pdf", problem);
  ASSERT_TRUE(dotted) << problem;
  EXPECT_EQ(dotted->generic_string(), "bundle/evidence/report.pdf");
  // ".." may reach a file beside the manifest's folder, still inside the upload.
  auto plan = files.Resolve("../plans/plan.xml", problem);
  ASSERT_TRUE(plan) << problem;
  EXPECT_EQ(plan->generic_string(), "plans/plan.xml");
}

TEST(UploadBundleFiles, RefusesPathsThatLeaveTheUploadOrNameNoFile) {
  UploadBundleFiles files(kUpload, "bundle/manifest.xml");
  for (const char* href : {"../../etc/passwd", "/etc/passwd", "..\\..\\x.pdf", "C:/x.pdf", ""}) {
    std::string problem;
    EXPECT_FALSE(files.Resolve(href, problem)) << href;
    EXPECT_NE(problem.find("leaves the upload"), std::string::npos) << href << ": " << problem;
  }
  std::string problem;
  EXPECT_FALSE(files.Resolve("evidence/missing.pdf", problem));
  EXPECT_NE(problem.find("is not in the upload"), std::string::npos) << problem;
  // A manifest at the top: "../" is above the upload at once.
  UploadBundleFiles top(kUpload, "manifest.xml");
  EXPECT_FALSE(top.Resolve("../bundle/evidence/report.pdf", problem));
  EXPECT_NE(problem.find("leaves the upload"), std::string::npos) << problem;
}

// The sample bundle from memory and from its folder: the same bytes, page map and SHA-256.
TEST(BuildBundleInMemory, MakesTheSameBundleAsTheFolder) {
  const fs::path samples = EHCP_SAMPLES;
  ResourcePaths resources{samples.parent_path()};
  std::map<std::string, std::string> upload;
  for (const auto& entry : fs::recursive_directory_iterator(samples / "bundle"))
    if (entry.is_regular_file())
      upload[fs::relative(entry.path(), samples).generic_string()] = ReadFile(entry.path());
  upload["ks3-autism-anxiety/plan.xml"] = ReadFile(samples / "ks3-autism-anxiety" / "plan.xml");

  UploadBundleFiles files(upload, "bundle/manifest.xml");
  std::string pdf;
  BundleResult memory = BuildBundleInMemory(upload.at("bundle/manifest.xml"), "bundle/manifest.xml",
                                            files, resources, pdf);
  ASSERT_EQ(memory.outcome, BundleOutcome::kWritten);
  ASSERT_TRUE(memory.page_map);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");

  std::string dir = (fs::temp_directory_path() / "ehcp-bundle-files-XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  BundleOptions options;
  options.manifest = samples / "bundle" / "manifest.xml";
  options.output = fs::path(dir) / "bundle.pdf";
  options.evidence_root = samples;
  BundleResult folder = BuildBundle(options, resources);
  ASSERT_EQ(folder.outcome, BundleOutcome::kWritten);
  EXPECT_EQ(memory.page_map->sha256, folder.page_map->sha256);
  EXPECT_EQ(memory.page_map->total_pages, folder.page_map->total_pages);
  EXPECT_TRUE(pdf == ReadFile(options.output));
  fs::remove_all(dir);
}

TEST(BuildBundleInMemory, EvidenceOutsideTheUploadIsRefusedAsTheCliRefusesIt) {
  const fs::path samples = EHCP_SAMPLES;
  std::map<std::string, std::string> upload{
      {"manifest.xml", ReadFile(samples / "bundle" / "manifest.xml")}};
  UploadBundleFiles files(upload, "manifest.xml");
  std::string pdf;
  BundleResult result = BuildBundleInMemory(upload.at("manifest.xml"), "manifest.xml", files,
                                            ResourcePaths{samples.parent_path()}, pdf);
  EXPECT_EQ(result.outcome, BundleOutcome::kRejected);
  ASSERT_FALSE(result.diagnostics.Empty());
  bool leaves = false;
  for (const auto& d : result.diagnostics) {
    EXPECT_EQ(d.code, "bundle.path");
    EXPECT_EQ(d.location.FileName(), "manifest.xml");
    EXPECT_GT(d.location.line, 0);
    leaves = leaves || d.message.find("leaves the upload") != std::string::npos;
  }
  EXPECT_TRUE(leaves);  // ../ks3-autism-anxiety/plan.xml
  EXPECT_TRUE(pdf.empty());
}

}  // namespace
}  // namespace ehcp
