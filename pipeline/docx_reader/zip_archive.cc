#include "docx_reader/zip_archive.h"

#include <minizip/unzip.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace ehcp {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kEmptyZipMagic = "PK\x05\x06";

// minizip reads through these callbacks from memory: the bytes are read once, and the
// fuzzers drive the same code.
struct MemoryStream {
  std::string_view bytes;
  size_t position = 0;
};

voidpf MemOpen(voidpf opaque, const void*, int) {
  return opaque;
}
uLong MemRead(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  size_t n = std::min<size_t>(size, s->bytes.size() - s->position);
  std::memcpy(buffer, s->bytes.data() + s->position, n);
  s->position += n;
  return static_cast<uLong>(n);
}
uLong MemWrite(voidpf, voidpf, const void*, uLong) {
  return 0;
}
ZPOS64_T MemTell(voidpf, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->position;
}
long MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<MemoryStream*>(stream);
  ZPOS64_T base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET: base = 0; break;
    case ZLIB_FILEFUNC_SEEK_CUR: base = s->position; break;
    case ZLIB_FILEFUNC_SEEK_END: base = s->bytes.size(); break;
    default: return -1;
  }
  if (offset > s->bytes.size() - std::min<ZPOS64_T>(base, s->bytes.size())) return -1;
  s->position = static_cast<size_t>(base + offset);
  return 0;
}
int MemClose(voidpf, voidpf) {
  return 0;
}
int MemError(voidpf, voidpf) {
  return 0;
}

std::string Megabytes(uint64_t bytes) {
  return std::to_string(bytes / (1024 * 1024)) + " MB";
}

// The size checks for one entry, before it is inflated; empty when it passes.
std::string Oversized(const std::string& name, const ZipEntryInfo& e, const ZipLimits& limits) {
  if (e.uncompressed > limits.max_entry_bytes)
    return name + " would inflate to " + Megabytes(e.uncompressed) + ", over the limit of " +
           Megabytes(limits.max_entry_bytes) + "; the file looks like a ZIP bomb";
  // Small entries may compress well (a page of one letter); only large ones are judged.
  if (e.uncompressed > 1024 * 1024 && static_cast<double>(e.uncompressed) >
                                          limits.max_ratio * static_cast<double>(e.compressed + 1))
    return name + " is compressed more than " + std::to_string(static_cast<int>(limits.max_ratio)) +
           " to 1; the file looks like a ZIP bomb";
  return {};
}

}  // namespace

struct ZipArchive::Impl {
  MemoryStream stream;
  unzFile zip = nullptr;
  // Where each entry's header is: minizip's search by name refuses names of 256 bytes or
  // more, and would find the first of two entries with one name, not the one listed.
  std::map<std::string, unz64_file_pos> positions;
  ~Impl() {
    if (zip != nullptr) unzClose(zip);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::~ZipArchive() = default;

std::unique_ptr<ZipArchive> ZipArchive::Open(std::string_view bytes, const ZipLimits& limits,
                                             std::string& problem) {
  if (bytes.substr(0, kZipMagic.size()) != kZipMagic &&
      bytes.substr(0, kEmptyZipMagic.size()) != kEmptyZipMagic) {
    problem = "the file is not a ZIP archive";
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->stream = MemoryStream{bytes, 0};
  zlib_filefunc64_def functions{};
  functions.zopen64_file = MemOpen;
  functions.zread_file = MemRead;
  functions.zwrite_file = MemWrite;
  functions.ztell64_file = MemTell;
  functions.zseek64_file = MemSeek;
  functions.zclose_file = MemClose;
  functions.zerror_file = MemError;
  functions.opaque = &impl->stream;
  impl->zip = unzOpen2_64("memory", &functions);
  if (impl->zip == nullptr) {
    problem = "the ZIP package is damaged (no readable directory)";
    return nullptr;
  }
  unz_global_info64 global{};
  if (unzGetGlobalInfo64(impl->zip, &global) != UNZ_OK) {
    problem = "the ZIP package is damaged";
    return nullptr;
  }
  if (global.number_entry > limits.max_entries) {
    problem = "the ZIP package has " + std::to_string(global.number_entry) +
              " parts, more than the limit of " + std::to_string(limits.max_entries);
    return nullptr;
  }
  std::unique_ptr<ZipArchive> archive(new ZipArchive(std::move(impl)));
  archive->limits_ = limits;
  unzFile zip = archive->impl_->zip;
  int status = unzGoToFirstFile(zip);
  while (status == UNZ_OK) {
    unz_file_info64 info{};
    // The name's length first: minizip leaves a name that fills the buffer without its
    // terminating NUL, so a fixed buffer read past its end for a long name.
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      problem = "the ZIP package is damaged (an unreadable entry)";
      return nullptr;
    }
    std::vector<char> buffer(static_cast<size_t>(info.size_filename) + 1, '\0');
    if (unzGetCurrentFileInfo64(zip, &info, buffer.data(), static_cast<uLong>(buffer.size()),
                                nullptr, 0, nullptr, 0) != UNZ_OK) {
      problem = "the ZIP package is damaged (an unreadable entry)";
      return nullptr;
    }
    const char* name = buffer.data();  // up to a NUL in the name, as minizip compares
    // Made on Unix (host 3): the mode is in the high half of the external attributes.
    bool unix_made = (info.version >> 8) == 3;
    bool symlink = unix_made && ((info.external_fa >> 16) & S_IFMT) == S_IFLNK;
    unz64_file_pos position{};
    if (unzGetFilePos64(zip, &position) != UNZ_OK) {
      problem = "the ZIP package is damaged (an unreadable entry)";
      return nullptr;
    }
    archive->entries_[name] = ZipEntryInfo{info.compressed_size, info.uncompressed_size, symlink};
    archive->impl_->positions[name] = position;
    status = unzGoToNextFile(zip);
  }
  if (status != UNZ_END_OF_LIST_OF_FILE) {
    problem = "the ZIP package is damaged";
    return nullptr;
  }
  return archive;
}

std::optional<std::string> ZipArchive::Read(const std::string& name, std::string& problem) {
  auto found = entries_.find(name);
  if (found == entries_.end()) {
    problem = "the package has no " + name;
    return std::nullopt;
  }
  const ZipEntryInfo& e = found->second;
  problem = Oversized(name, e, limits_);
  if (!problem.empty()) return std::nullopt;
  if (total_ + e.uncompressed > limits_.max_total_bytes) {
    problem = "the package inflates to more than " + Megabytes(limits_.max_total_bytes) +
              "; the file looks like a ZIP bomb";
    return std::nullopt;
  }
  total_ += e.uncompressed;
  unzFile zip = impl_->zip;
  if (unzGoToFilePos64(zip, &impl_->positions.at(name)) != UNZ_OK ||
      unzOpenCurrentFile(zip) != UNZ_OK) {
    problem = "the ZIP package is damaged (cannot open " + name + ")";
    return std::nullopt;
  }
  std::string out(static_cast<size_t>(e.uncompressed), '\0');
  size_t got = 0;
  bool ok = true;
  while (got < out.size()) {
    unsigned chunk = static_cast<unsigned>(std::min<size_t>(out.size() - got, 1u << 20));
    int n = unzReadCurrentFile(zip, out.data() + got, chunk);
    if (n <= 0) {
      ok = n == 0 && got == out.size();
      break;
    }
    got += static_cast<size_t>(n);
  }
  char extra;
  if (ok && unzReadCurrentFile(zip, &extra, 1) != 0) ok = false;  // more than stated
  if (unzCloseCurrentFile(zip) != UNZ_OK) ok = false;             // CRC mismatch
  if (!ok || got != out.size()) {
    problem = "the ZIP package is damaged (" + name + " is corrupt)";
    return std::nullopt;
  }
  return out;
}

bool IsSafeRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.size() >= 2 && path[1] == ':') return false;  // C:, a drive on Windows
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

std::optional<std::vector<UploadedFile>> ParseZipFolder(std::string_view bytes,
                                                        const std::string& display_name,
                                                        DiagnosticList& diagnostics,
                                                        const ZipLimits& limits) {
  SourceLocation where{std::make_shared<const std::string>(display_name), 0, 0};
  auto refuse = [&](std::string_view code, const std::string& message) {
    diagnostics.Error(std::string(code), message, where);
    return std::nullopt;
  };
  std::string problem;
  std::unique_ptr<ZipArchive> archive = ZipArchive::Open(bytes, limits, problem);
  if (!archive)
    return refuse(problem.find("parts") != std::string::npos ? "zip.limit" : "zip.unreadable",
                  problem);
  // Every path and size is judged before one byte is inflated.
  std::vector<std::string> names;
  uint64_t total = 0;
  for (const auto& [name, info] : archive->Entries()) {
    if (name.rfind("__MACOSX/", 0) == 0) continue;
    if (info.symlink)
      return refuse("zip.path", "\"" + name + "\" is a symbolic link; links are not accepted");
    bool folder = !name.empty() && name.back() == '/';
    std::string_view path = folder ? std::string_view(name).substr(0, name.size() - 1) : name;
    if (!IsSafeRelativePath(path))
      return refuse("zip.path", "the path \"" + name +
                                    "\" is absolute or leaves the folder (\"..\"); the "
                                    "upload is refused");
    if (folder) continue;
    std::string oversized = Oversized(name, info, limits);
    if (!oversized.empty()) return refuse("zip.limit", oversized);
    total += info.uncompressed;
    if (total > limits.max_total_bytes)
      return refuse("zip.limit", "the upload inflates to more than " +
                                     Megabytes(limits.max_total_bytes) +
                                     "; the file looks like a ZIP bomb");
    names.push_back(name);
  }
  std::vector<UploadedFile> files;
  for (const std::string& name : names) {
    std::optional<std::string> content = archive->Read(name, problem);
    if (!content)
      return refuse(problem.find("ZIP bomb") != std::string::npos ? "zip.limit" : "zip.unreadable",
                    problem);
    files.push_back(UploadedFile{name, std::move(*content)});
  }
  return files;
}

}  // namespace ehcp
