#pragma once

// Reading an input file, the one way every stage does it (plans, contributions, case
// files, rule files, profiles, templates, logos, manifests, evidence PDFs): the file is
// opened first, without blocking on a FIFO, and only then looked at with fstat, so a
// FIFO, a device or a folder is refused before a byte is read, and nothing larger than
// the caller's limit is ever allocated (a file that grows while it is read included).

#include <cstddef>
#include <string>

namespace ehcp {

enum class InputFileStatus {
  kRead,
  kUnreadable,  // missing, no permission, an I/O error
  kNotRegular,  // a folder, FIFO, socket or device, and the caller did not allow streams
  kTooLarge,    // more than the caller's limit
};

// What kinds of file a caller accepts.
enum class InputFileKinds {
  kRegularOnly,
  // Also FIFOs and character devices, read until end of file or the limit: only where a
  // caller explicitly wants to read a stream (nothing in ehcp does today).
  kRegularOrStream,
};

struct InputFile {
  InputFileStatus status = InputFileStatus::kUnreadable;
  std::string bytes;    // the whole file when kRead
  std::string problem;  // why not, for a diagnostic: "is a FIFO, not a regular file"
  bool Ok() const { return status == InputFileStatus::kRead; }
};

InputFile ReadInputFile(const std::string& path, size_t max_bytes,
                        InputFileKinds kinds = InputFileKinds::kRegularOnly);

// "a FIFO", "a folder", "a character device", ... for the file type in `st_mode`.
std::string DescribeFileType(unsigned st_mode);

}  // namespace ehcp
