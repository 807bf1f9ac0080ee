// The safe ZIP reader as a folder upload uses it: every file read into memory, and the
// whole upload refused for a ZIP bomb, too many entries, an absolute or ".." path, or a
// symbolic link, with one error naming the upload. ZIPs are written with libzip.

#include "docx_reader/zip_archive.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace ehcp {
namespace {

struct Entry {
  std::string name;
  std::string data;
  bool symlink = false;
};

std::string Zip(const std::vector<Entry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& e : entries) {
    zip_source_t* s = zip_source_buffer(archive, e.data.data(), e.data.size(), 0);
    zip_int64_t index = zip_file_add(archive, e.name.c_str(), s, ZIP_FL_OVERWRITE);
    if (e.symlink)
      zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                       (S_IFLNK | 0777u) << 16);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

struct Result {
  std::optional<std::vector<UploadedFile>> files;
  DiagnosticList diagnostics;
};

Result ReadFolder(const std::string& bytes, const ZipLimits& limits = {}) {
  Result r;
  r.files = ParseZipFolder(bytes, "caseload.zip", r.diagnostics, limits);
  return r;
}

void ExpectRefused(const Result& r, const std::string& code, const std::string& words) {
  EXPECT_FALSE(r.files);
  ASSERT_EQ(r.diagnostics.Items().size(), 1u);
  const Diagnostic& d = r.diagnostics.Items()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.code, code);
  EXPECT_EQ(d.location.FileName(), "caseload.zip");
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

TEST(ZipFolder, ReadsEveryFileInPathOrderAndLeavesOutFoldersAndMacForks) {
  Result r = ReadFolder(Zip({{"case/contributions/b.xml", "<b/>"},
                             {"case/case.xml", "<case/>"},
                             {"case/contributions/", ""},
                             {"__MACOSX/case/._case.xml", "fork"}}));
  ASSERT_TRUE(r.files) << (r.diagnostics.Empty() ? "" : r.diagnostics.Items()[0].message);
  ASSERT_EQ(r.files->size(), 2u);
  EXPECT_EQ((*r.files)[0].path, "case/case.xml");
  EXPECT_EQ((*r.files)[0].bytes, "<case/>");
  EXPECT_EQ((*r.files)[1].path, "case/contributions/b.xml");
  EXPECT_TRUE(r.diagnostics.Empty());
}

TEST(ZipFolder, DotDotAndAbsolutePathsAreRefused) {
  ExpectRefused(ReadFolder(Zip({{"plan.xml", "<plan/>"}, {"../escape.xml", "<plan/>"}})),
                "zip.path", "../escape.xml");
  ExpectRefused(ReadFolder(Zip({{"a/../../escape.xml", "x"}})), "zip.path", "leaves the folder");
  ExpectRefused(ReadFolder(Zip({{"/etc/cron.d/x", "x"}})), "zip.path", "absolute");
  ExpectRefused(ReadFolder(Zip({{"C:/Windows/x", "x"}})), "zip.path", "absolute");
  ExpectRefused(ReadFolder(Zip({{"a\\..\\b.xml", "x"}})), "zip.path", "a\\..\\b.xml");
}

TEST(ZipFolder, SymbolicLinksAreRefused) {
  ExpectRefused(ReadFolder(Zip({{"plan.xml", "<plan/>"}, {"link.xml", "/etc/passwd", true}})),
                "zip.path", "symbolic link");
}

TEST(ZipFolder, BombsAreRefusedBeforeAnythingIsInflated) {
  // 16 MB of one letter deflates to a few kilobytes: over the ratio.
  ExpectRefused(ReadFolder(Zip({{"plan.xml", std::string(16u << 20, 'a')}})), "zip.limit",
                "ZIP bomb");
  ZipLimits small;
  small.max_entry_bytes = 1000;
  ExpectRefused(ReadFolder(Zip({{"plan.xml", std::string(2000, 'a')}}), small), "zip.limit",
                "ZIP bomb");
  ZipLimits total;
  total.max_total_bytes = 3000;
  ExpectRefused(
      ReadFolder(Zip({{"a.xml", std::string(2000, 'a')}, {"b.xml", std::string(2000, 'b')}}),
                 total),
      "zip.limit", "ZIP bomb");
}

TEST(ZipFolder, TooManyEntriesAreRefused) {
  ZipLimits limits;
  limits.max_entries = 5;
  std::vector<Entry> entries;
  for (int i = 0; i < 6; ++i) entries.push_back({"p" + std::to_string(i) + ".xml", "<plan/>"});
  ExpectRefused(ReadFolder(Zip(entries), limits), "zip.limit", "parts");
}

// Found by review after the fuzzers: a name of 512 bytes or more filled minizip's buffer
// without a terminating NUL and was read past its end, and minizip's search by name
// refuses names of 256 bytes or more. A long path is read whole.
TEST(ZipFolder, LongNamesAreReadWhole) {
  const std::string name = "evidence/" + std::string(700, 'a') + ".pdf";
  Result r = ReadFolder(Zip({{name, "%PDF-"}, {"manifest.xml", "<bundle/>"}}));
  ASSERT_TRUE(r.files) << (r.diagnostics.Empty() ? "" : r.diagnostics.Items()[0].message);
  ASSERT_EQ(r.files->size(), 2u);
  EXPECT_EQ((*r.files)[0].path, name);
  EXPECT_EQ((*r.files)[0].bytes, "%PDF-");
}

TEST(ZipFolder, NotAZipOrDamagedIsRefused) {
  ExpectRefused(ReadFolder("<plan/>"), "zip.unreadable", "not a ZIP");
  std::string zip = Zip({{"plan.xml", std::string(5000, 'x')}});
  ExpectRefused(ReadFolder(zip.substr(0, zip.size() / 2)), "zip.unreadable", "damaged");
}

TEST(ZipFolder, SafeRelativePaths) {
  EXPECT_TRUE(IsSafeRelativePath("evidence/01-letter.pdf"));
  for (const char* path : {"", "/x", "a//b", "./a", "a/./b", "a/..", "..", "a\\b", "C:x", "a\x01"})
    EXPECT_FALSE(IsSafeRelativePath(path)) << path;
}

}  // namespace
}  // namespace ehcp
