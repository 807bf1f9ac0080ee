#include "output/atomic_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace ehcp {
namespace {

std::string TempNameFor(const std::string& target) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path p(target);
  std::string name = "." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                     std::to_string(counter++);
  return (p.parent_path() / name).string();
}

bool SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

AtomicOutput::AtomicOutput(std::string target, Durability durability)
    : target_(std::move(target)), temp_(TempNameFor(target_)), durability_(durability) {}

AtomicOutput::~AtomicOutput() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

bool AtomicOutput::Commit(DiagnosticList& diagnostics) {
  std::error_code ec;
  if (!std::filesystem::exists(temp_, ec)) {
    diagnostics.Error("io.write", "nothing was written", FileLocation(target_));
    return false;
  }
  if (durability_ == Durability::kDurable && !SyncFile(temp_)) {
    diagnostics.Error("io.write", std::string("cannot flush output: ") + std::strerror(errno),
                      FileLocation(target_));
    return false;
  }
  std::filesystem::rename(temp_, target_, ec);
  if (ec) {
    diagnostics.Error("io.write", "cannot write output: " + ec.message(), FileLocation(target_));
    return false;
  }
  committed_ = true;
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view bytes,
                         DiagnosticList& diagnostics, Durability durability) {
  AtomicOutput output(path, durability);
  int fd = ::open(output.TempPath().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    diagnostics.Error("io.write", std::string("cannot create output: ") + std::strerror(errno),
                      FileLocation(path));
    return false;
  }
  const char* data = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      diagnostics.Error("io.write", std::string("cannot write output: ") + std::strerror(errno),
                        FileLocation(path));
      ::close(fd);
      return false;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    diagnostics.Error("io.write", std::string("cannot write output: ") + std::strerror(errno),
                      FileLocation(path));
    return false;
  }
  return output.Commit(diagnostics);
}

bool OutputOverwritesInput(const std::string& output, const std::vector<std::string>& inputs) {
  return InputFiles(inputs).WouldBeOverwrittenBy(output);
}

InputFiles::InputFiles(const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) {
    std::error_code ec;
    auto resolved = std::filesystem::weakly_canonical(input, ec);
    if (!ec) resolved_.insert(resolved.string());
  }
}

bool InputFiles::WouldBeOverwrittenBy(const std::string& output) const {
  std::error_code ec;
  auto resolved = std::filesystem::weakly_canonical(output, ec);
  return !ec && resolved_.count(resolved.string()) > 0;
}

}  // namespace ehcp
