#pragma once

// A ZIP archive read from memory, defensively: the DOCX reader's package and a folder
// uploaded to the service as one .zip both come through here. Sizes, counts and the
// compression ratio are checked from the central directory before anything is inflated,
// and inflating stops at the stated size, so a lying header gains nothing. No minizip
// type leaves this unit.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

struct ZipLimits {
  size_t max_entries = 2000;
  size_t max_entry_bytes = 64u * 1024 * 1024;   // uncompressed, one entry
  size_t max_total_bytes = 128u * 1024 * 1024;  // uncompressed, the entries read
  double max_ratio = 200;                       // uncompressed / compressed, one entry
};

struct ZipEntryInfo {
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
  bool symlink = false;  // a Unix symbolic link stored as an entry
};

class ZipArchive {
 public:
  // Opens `bytes` (which must outlive the archive). Nothing, with `problem` set to a
  // sentence, when it is not a ZIP, has no readable directory or too many entries.
  static std::unique_ptr<ZipArchive> Open(std::string_view bytes, const ZipLimits& limits,
                                          std::string& problem);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  const std::map<std::string, ZipEntryInfo>& Entries() const { return entries_; }
  bool Has(const std::string& name) const { return entries_.count(name) > 0; }
  // Inflates entry `name` after checking it against the limits (the total counts every
  // entry read so far). Nothing, with `problem`, when it is missing, over a limit ("looks
  // like a ZIP bomb") or corrupt.
  std::optional<std::string> Read(const std::string& name, std::string& problem);

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::map<std::string, ZipEntryInfo> entries_;
  uint64_t total_ = 0;
  ZipLimits limits_;
};

// One file of an uploaded folder: its path inside the upload ("evidence/01-letter.pdf").
struct UploadedFile {
  std::string path;
  std::string bytes;
};

// A folder sent as one ZIP (a case folder, a caseload, a bundle's manifest and PDFs), read
// whole into memory; nothing is written anywhere. Folders are implied by the paths; macOS
// resource forks (__MACOSX/) are left out. Refused as a whole, with one error naming
// `display_name`: not a ZIP or damaged [zip.unreadable]; more entries than the limit, an
// entry or the total over its size, or a ratio over the limit [zip.limit]; an absolute
// path, a drive letter, a backslash, a "." or ".." component, or a symbolic link
// [zip.path]. Every size is checked before the first entry is inflated.
std::optional<std::vector<UploadedFile>> ParseZipFolder(std::string_view bytes,
                                                        const std::string& display_name,
                                                        DiagnosticList& diagnostics,
                                                        const ZipLimits& limits = {});

// Whether `path` is a relative path that stays inside its folder: not empty, no leading
// "/", no drive letter, no backslash, no empty, "." or ".." component, no control bytes.
bool IsSafeRelativePath(std::string_view path);

}  // namespace ehcp
