#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// Writes an output file so that readers only ever see the old file or the complete new
// one: the bytes go to a temporary file in the same folder, which is renamed over the
// target on Commit(). If Commit() is never called (an error, an exception, an early
// return) the temporary file is removed and the target is untouched.
class AtomicOutput {
 public:
  explicit AtomicOutput(std::string target);
  ~AtomicOutput();
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;

  // Where to write (for libraries that want a path, such as PoDoFo or libzip).
  const std::string& TempPath() const { return temp_; }
  const std::string& Target() const { return target_; }

  // Flushes the temporary file to disk and renames it over the target.
  bool Commit(DiagnosticList& diagnostics);

 private:
  std::string target_;
  std::string temp_;
  bool committed_ = false;
};

// Writes `bytes` to `path` atomically. Returns false (with a diagnostic) on failure.
bool WriteFileAtomically(const std::string& path, std::string_view bytes, DiagnosticList& diagnostics);

// True when `output` names the same file as one of `inputs` (after resolving links and
// relative paths); commands refuse such an output instead of overwriting their input.
bool OutputOverwritesInput(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace ehcp
