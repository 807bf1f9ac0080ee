#pragma once

// The few ways a command can fail, and the one table that maps each to the process exit
// code and the service's HTTP status. Diagnostics keep their own codes ([bundle.path],
// [schema.invalid], ...); a command asks KindOf/WorstKind what those add up to instead of
// searching for "io.read" itself.

#include <string_view>

#include "diagnostics/diagnostic.h"

namespace ehcp {

enum class ErrorKind {
  kNone,        // everything valid / written
  kInvalid,     // an input is invalid, a check failed, or findings reach the fail-on level
  kUsage,       // bad options or arguments, a bad template set, an output that would clobber
  kUnreadable,  // an input is missing or cannot be read at all
  kNotWritten,  // an output could not be written
};

// The codes of the diagnostics that say a file could not be read or written; every
// reader and writer reports with these, and KindOf knows them. Character arrays, so that
// `diagnostics.Error(kReadFailedCode, ...)` takes them as it takes any other code.
inline constexpr char kReadFailedCode[] = "io.read";
inline constexpr char kWriteFailedCode[] = "io.write";
// An output whose name is of another kind than what is written there (a DOCX to
// plan.xml): a usage error, refused before anything is written (output/output_guard.h).
inline constexpr char kOutputKindCode[] = "io.output-kind";

struct ErrorKindRow {
  ErrorKind kind;
  std::string_view name;  // "invalid", ... (JSON reports, tests)
  int exit_code;          // README "Commands": 0 / 1 / 2
  int http_status;        // ehcp serve, also given as Ehcp-Exit-Code
};

// Every kind, in order of how much it says about the run (kNone first).
inline constexpr ErrorKindRow kErrorKinds[] = {
    {ErrorKind::kNone, "none", 0, 200},
    {ErrorKind::kInvalid, "invalid", 1, 422},
    {ErrorKind::kUsage, "usage", 2, 400},
    {ErrorKind::kUnreadable, "unreadable", 2, 400},
    {ErrorKind::kNotWritten, "not-written", 2, 400},
};

constexpr const ErrorKindRow& ErrorKindInfo(ErrorKind kind) {
  for (const auto& row : kErrorKinds)
    if (row.kind == kind) return row;
  return kErrorKinds[0];
}
constexpr int ExitCode(ErrorKind kind) {
  return ErrorKindInfo(kind).exit_code;
}
constexpr int HttpStatus(ErrorKind kind) {
  return ErrorKindInfo(kind).http_status;
}
constexpr std::string_view ErrorKindName(ErrorKind kind) {
  return ErrorKindInfo(kind).name;
}
// The HTTP status of a command's exit code (the first kind with that code).
int HttpStatusForExit(int exit_code);

// What one diagnostic says about the run: an error saying an input cannot be read at all
// (`io.read`, and the readers' `docx.unreadable`, `pdf.unreadable`, `pdf.encrypted`,
// `pdf.scan`) kUnreadable, an `io.write` error kNotWritten, an `io.output-kind` error
// kUsage, any other error kInvalid, a
// warning or note kNone.
ErrorKind KindOf(const Diagnostic& diagnostic);
// The most serious kind among `diagnostics` (usage-like kinds above kInvalid above kNone;
// among those, the first found).
ErrorKind WorstKind(const DiagnosticList& diagnostics);
// Whether any diagnostic is of `kind`.
bool HasKind(const DiagnosticList& diagnostics, ErrorKind kind);

}  // namespace ehcp
