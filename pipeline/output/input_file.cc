#include "output/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ehcp {
namespace {

// Closes the descriptor however the read ends.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string SizeProblem(unsigned long long size, size_t max_bytes) {
  return "file is " + std::to_string(size) + " bytes; the limit is " + std::to_string(max_bytes) +
         " bytes";
}

}  // namespace

std::string DescribeFileType(unsigned st_mode) {
  switch (st_mode & S_IFMT) {
    case S_IFREG: return "a regular file";
    case S_IFDIR: return "a folder";
    case S_IFIFO: return "a FIFO (named pipe)";
    case S_IFCHR: return "a character device";
    case S_IFBLK: return "a block device";
    case S_IFSOCK: return "a socket";
    case S_IFLNK: return "a symbolic link";
  }
  return "not a regular file";
}

InputFile ReadInputFile(const std::string& path, size_t max_bytes, InputFileKinds kinds) {
  InputFile result;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0) {
    result.problem = std::string("cannot read file: ") + std::strerror(errno);
    return result;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    result.problem = std::string("cannot read file: ") + std::strerror(errno);
    return result;
  }
  const bool regular = S_ISREG(st.st_mode);
  const bool stream = S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode);
  if (!regular && !(stream && kinds == InputFileKinds::kRegularOrStream)) {
    result.status = InputFileStatus::kNotRegular;
    result.problem = "is " + DescribeFileType(st.st_mode) + ", not a regular file";
    return result;
  }
  if (regular && static_cast<unsigned long long>(st.st_size) > max_bytes) {
    result.status = InputFileStatus::kTooLarge;
    result.problem = SizeProblem(static_cast<unsigned long long>(st.st_size), max_bytes);
    return result;
  }
  if (stream) {
    int flags = ::fcntl(file.fd, F_GETFL);
    if (flags >= 0) ::fcntl(file.fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  // One byte more than the limit is asked for, so a file that grew since fstat (or a
  // stream) is caught without reading the rest of it.
  const size_t expected = regular ? static_cast<size_t>(st.st_size) : size_t{64} * 1024;
  std::string bytes;
  bytes.resize(std::min(expected, max_bytes) + 1);
  size_t used = 0;
  for (;;) {
    if (used == bytes.size()) {
      if (used > max_bytes) break;
      bytes.resize(std::min(bytes.size() * 2, max_bytes + 1));
    }
    ssize_t n = ::read(file.fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.problem = std::string("cannot read file: ") + std::strerror(errno);
      return result;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  if (used > max_bytes) {
    result.status = InputFileStatus::kTooLarge;
    result.problem = "file is more than " + std::to_string(max_bytes) + " bytes (the limit)";
    return result;
  }
  bytes.resize(used);
  result.bytes = std::move(bytes);
  result.status = InputFileStatus::kRead;
  return result;
}

}  // namespace ehcp
