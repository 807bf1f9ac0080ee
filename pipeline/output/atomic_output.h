#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// How far Commit() goes to keep an output across a crash of the whole machine.
enum class Durability {
  // fsync before the rename: the file survives a power cut once Commit() returns. For
  // what cannot be made again from the inputs (an assembled draft plan).
  kDurable,
  // Rename only: readers, and an interrupted or failed run, still only ever see the old
  // file or the complete new one, but a power cut within seconds of the write may lose
  // it. For outputs made again from their inputs by running the command once more
  // (rendered PDF and DOCX, bundles, reports), where fsync cost ~3.5 ms per file here,
  // a third of a whole DOCX render.
  kReproducible,
};

// Writes an output file so that readers only ever see the old file or the complete new
// one: the bytes go to a temporary file in the same folder, which is renamed over the
// target on Commit(). If Commit() is never called (an error, an exception, an early
// return) the temporary file is removed and the target is untouched.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string target, Durability durability = Durability::kDurable);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Where to write (for libraries that want a path, such as PoDoFo or libzip).
  const std::string& TempPath() const { return temp_; }
  const std::string& Target() const { return target_; }

  // Flushes the temporary file to disk (when durable) and renames it over the target.
  bool Commit(DiagnosticList& diagnostics);

 private:
  std::string target_;
  std::string temp_;
  Durability durability_;
  bool committed_ = false;
};

// Writes `bytes` to `path` atomically. Returns false (with a diagnostic) on failure.
bool WriteFileAtomically(const std::string& path, std::string_view bytes,
                         DiagnosticList& diagnostics, Durability durability = Durability::kDurable);

// True when `output` names the same file as one of `inputs` (after resolving links and
// relative paths); commands refuse such an output instead of overwriting their input.
bool OutputOverwritesInput(const std::string& output, const std::vector<std::string>& inputs);

// The same check for many outputs against many inputs: each input is resolved once
// (checking 2,000 outputs of a caseload against 1,000 inputs pair by pair took 15 s).
class InputFiles {
 public:
  explicit InputFiles(const std::vector<std::string>& inputs);
  bool WouldBeOverwrittenBy(const std::string& output) const;

 private:
  std::set<std::string> resolved_;
};

}  // namespace ehcp
