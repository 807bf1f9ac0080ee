#pragma once

#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// How far Commit() goes to keep an output across a crash of the whole machine.
enum class Durability {
  // fsync before the file is linked in: it survives a power cut once Commit() returns.
  // For what cannot be made again from the inputs (an assembled draft plan).
  kDurable,
  // No fsync: readers, and an interrupted or failed run, still only ever see the old
  // file or the complete new one, but a power cut within seconds of the write may lose
  // it. For outputs made again from their inputs by running the command once more
  // (rendered PDF and DOCX, bundles, reports), where fsync cost ~3.5 ms per file here,
  // a third of a whole DOCX render.
  kReproducible,
};

// Writes an output file so that readers only ever see the old file or the complete new
// one, and a killed process leaves nothing behind:
// - a regular file (or none yet): the bytes go to an anonymous file in the target's
//   folder (O_TMPFILE), which gets a name only on Commit(), replacing the target; where
//   the file system refuses O_TMPFILE, to a hidden named file removed if never committed;
// - a symbolic link: the file it points to is replaced, and the link stays;
// - a FIFO or character device (/dev/null, /dev/stdout): the bytes are staged in memory
//   and written to it on Commit(); it is never replaced by a regular file;
// - a folder, block device or socket: refused.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string target, Durability durability = Durability::kDurable);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Prepares the staging file. False, with an `io.write` error at the target, when the
  // target's folder cannot be written or the target is of a kind that is refused.
  bool Open(DiagnosticList& diagnostics);

  // Appends bytes to the staging file.
  bool Write(std::string_view bytes, DiagnosticList& diagnostics);

  // A path that opens the staging file, for libraries that want a path (minizip, an
  // ofstream): /proc/self/fd/N for an anonymous file. Valid after Open().
  const std::string& TempPath() const { return temp_path_; }
  const std::string& Target() const { return target_; }

  // Flushes (when durable) and links the staging file in place of the target, or copies
  // it to the FIFO or device.
  bool Commit(DiagnosticList& diagnostics);

 private:
  enum class Mode { kNone, kAnonymous, kNamed, kStream };
  bool OpenAnonymous(const std::string& folder);
  bool OpenNamed(const std::string& folder, DiagnosticList& diagnostics);
  bool CommitToStream(DiagnosticList& diagnostics);
  void Fail(DiagnosticList& diagnostics, const std::string& what, int error) const;

  std::string target_;      // as given, for messages
  std::string resolved_;    // after following a symbolic link at the target
  std::string temp_path_;   // opens the staging file
  std::string named_temp_;  // kNamed: the hidden file to remove if never committed
  int fd_ = -1;
  int mode_bits_ = 0644;  // an existing target's permissions are kept
  bool keep_mode_ = false;
  Mode mode_ = Mode::kNone;
  Durability durability_;
  bool committed_ = false;
};

// Writes `bytes` to `path` as AtomicOutput does. Returns false (with a diagnostic) on failure.
bool WriteFileAtomically(const std::string& path, std::string_view bytes,
                         DiagnosticList& diagnostics, Durability durability = Durability::kDurable);

}  // namespace ehcp
