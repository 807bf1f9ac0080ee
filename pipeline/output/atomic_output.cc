#include "output/atomic_output.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

#include "diagnostics/error_kind.h"
#include "output/input_file.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

// Follows symbolic links at `path` itself (not only in its folders) to the file they
// name, which may not exist yet: writing through a link replaces what it points to.
bool FollowLinks(const std::string& path, std::string& resolved, int& error) {
  resolved = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(resolved.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return true;
    char buffer[PATH_MAX];
    ssize_t n = ::readlink(resolved.c_str(), buffer, sizeof buffer - 1);
    if (n < 0) {
      error = errno;
      return false;
    }
    fs::path link(std::string(buffer, static_cast<size_t>(n)));
    resolved =
        link.is_absolute() ? link.string() : (fs::path(resolved).parent_path() / link).string();
  }
  error = ELOOP;
  return false;
}

std::string FolderOf(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  return folder.empty() ? std::string(".") : folder.string();
}

// A hidden name beside the target, unique within this process and across processes.
std::string HiddenNameFor(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  fs::path p(target);
  return (p.parent_path() / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                             "-" + std::to_string(counter++)))
      .string();
}

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

void SyncFolder(const std::string& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicOutput::AtomicOutput(std::string target, Durability durability)
    : target_(std::move(target)), durability_(durability) {}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (mode_ == Mode::kNamed && !committed_) ::unlink(named_temp_.c_str());
}

void AtomicOutput::Fail(DiagnosticList& diagnostics, const std::string& what, int error) const {
  diagnostics.Error(kWriteFailedCode,
                    what + (error != 0 ? std::string(": ") + std::strerror(error) : ""),
                    FileLocation(target_));
}

bool AtomicOutput::Open(DiagnosticList& diagnostics) {
  if (mode_ != Mode::kNone) return true;
  // What the path leads to, as the kernel follows it (this also resolves /dev/stdout
  // and /proc/self/fd/N, whose link text names no file).
  struct stat st {};
  if (::stat(target_.c_str(), &st) == 0) {
    if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
      // Written to as it is on Commit(); staged in memory, never in a named file.
      fd_ = ::memfd_create("ehcp-output", MFD_CLOEXEC);
      if (fd_ < 0) {
        Fail(diagnostics, "cannot stage the output", errno);
        return false;
      }
      resolved_ = target_;
      mode_ = Mode::kStream;
      temp_path_ = "/proc/self/fd/" + std::to_string(fd_);
      return true;
    }
    if (!S_ISREG(st.st_mode)) {
      Fail(diagnostics,
           "the output path is " + DescribeFileType(st.st_mode) + "; refusing to write to it", 0);
      return false;
    }
    mode_bits_ = static_cast<int>(st.st_mode & 07777);
    keep_mode_ = true;
  }
  // A regular file, or none yet: the file a link at the path names is the one replaced.
  int error = 0;
  if (!FollowLinks(target_, resolved_, error)) {
    Fail(diagnostics, "cannot follow the link at the output path", error);
    return false;
  }
  const std::string folder = FolderOf(resolved_);
  if (OpenAnonymous(folder)) return true;
  if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOTSUP &&
      errno != ENOENT) {
    Fail(diagnostics, "cannot create output", errno);
    return false;
  }
  if (errno == ENOENT && ::access(folder.c_str(), F_OK) != 0) {
    Fail(diagnostics, "cannot create output", ENOENT);
    return false;
  }
  return OpenNamed(folder, diagnostics);
}

bool AtomicOutput::OpenAnonymous(const std::string& folder) {
  // The file is linked in through /proc/self/fd; without /proc, a named file is used.
  if (::access("/proc/self/fd", X_OK) != 0) {
    errno = EOPNOTSUPP;
    return false;
  }
  fd_ = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (fd_ < 0) return false;
  if (keep_mode_) ::fchmod(fd_, static_cast<mode_t>(mode_bits_));
  mode_ = Mode::kAnonymous;
  temp_path_ = "/proc/self/fd/" + std::to_string(fd_);
  return true;
}

bool AtomicOutput::OpenNamed(const std::string& folder, DiagnosticList& diagnostics) {
  named_temp_ = HiddenNameFor((fs::path(folder) / fs::path(resolved_).filename()).string());
  fd_ = ::open(named_temp_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
               static_cast<mode_t>(mode_bits_));
  if (fd_ < 0) {
    Fail(diagnostics, "cannot create output", errno);
    return false;
  }
  if (keep_mode_) ::fchmod(fd_, static_cast<mode_t>(mode_bits_));
  mode_ = Mode::kNamed;
  temp_path_ = named_temp_;
  return true;
}

bool AtomicOutput::Write(std::string_view bytes, DiagnosticList& diagnostics) {
  if (fd_ < 0 && !Open(diagnostics)) return false;
  if (!WriteAll(fd_, bytes.data(), bytes.size())) {
    Fail(diagnostics, "cannot write output", errno);
    return false;
  }
  return true;
}

bool AtomicOutput::CommitToStream(DiagnosticList& diagnostics) {
  int out = ::open(resolved_.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (out < 0) {
    Fail(diagnostics, "cannot open output", errno);
    return false;
  }
  bool ok = ::lseek(fd_, 0, SEEK_SET) == 0;
  char buffer[1 << 16];
  while (ok) {
    ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    ok = WriteAll(out, buffer, static_cast<size_t>(n));
  }
  int error = errno;
  if (::close(out) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) Fail(diagnostics, "cannot write output", error);
  return ok;
}

bool AtomicOutput::Commit(DiagnosticList& diagnostics) {
  if (committed_) return true;
  if (fd_ < 0) {
    diagnostics.Error(kWriteFailedCode, "nothing was written", FileLocation(target_));
    return false;
  }
  if (mode_ == Mode::kStream) {
    if (!CommitToStream(diagnostics)) return false;
    committed_ = true;
    return true;
  }
  if (durability_ == Durability::kDurable && ::fsync(fd_) != 0) {
    Fail(diagnostics, "cannot flush output", errno);
    return false;
  }
  if (mode_ == Mode::kAnonymous) {
    // A new file gets its name in one step; an existing one is replaced by renaming a
    // hidden link over it (linkat cannot replace).
    if (::linkat(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, resolved_.c_str(), AT_SYMLINK_FOLLOW) !=
        0) {
      if (errno != EEXIST) {
        Fail(diagnostics, "cannot write output", errno);
        return false;
      }
      std::string hidden = HiddenNameFor(resolved_);
      if (::linkat(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, hidden.c_str(), AT_SYMLINK_FOLLOW) !=
          0) {
        Fail(diagnostics, "cannot write output", errno);
        return false;
      }
      if (::rename(hidden.c_str(), resolved_.c_str()) != 0) {
        int error = errno;
        ::unlink(hidden.c_str());
        Fail(diagnostics, "cannot write output", error);
        return false;
      }
    }
  } else if (::rename(named_temp_.c_str(), resolved_.c_str()) != 0) {
    Fail(diagnostics, "cannot write output", errno);
    return false;
  }
  committed_ = true;
  if (durability_ == Durability::kDurable) SyncFolder(FolderOf(resolved_));
  ::close(fd_);
  fd_ = -1;
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view bytes,
                         DiagnosticList& diagnostics, Durability durability) {
  AtomicOutput output(path, durability);
  return output.Open(diagnostics) && output.Write(bytes, diagnostics) && output.Commit(diagnostics);
}

}  // namespace ehcp
