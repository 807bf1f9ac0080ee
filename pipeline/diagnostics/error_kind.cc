#include "diagnostics/error_kind.h"

namespace ehcp {
namespace {

// Readers' own codes for a file they cannot read at all (the README: exit 2), and an
// appendix PDF that is missing or cannot be read.
constexpr std::string_view kUnreadableCodes[] = {kReadFailedCode,  "docx.unreadable",
                                                 "pdf.unreadable", "pdf.encrypted",
                                                 "pdf.scan",       "render.appendix"};

}  // namespace

int HttpStatusForExit(int exit_code) {
  for (const auto& row : kErrorKinds)
    if (row.exit_code == exit_code) return row.http_status;
  return HttpStatus(ErrorKind::kUsage);  // an exit code no kind has: a failure of the request
}

ErrorKind KindOf(const Diagnostic& diagnostic) {
  if (diagnostic.severity != Severity::kError) return ErrorKind::kNone;
  for (std::string_view code : kUnreadableCodes)
    if (diagnostic.code == code) return ErrorKind::kUnreadable;
  if (diagnostic.code == kWriteFailedCode) return ErrorKind::kNotWritten;
  if (diagnostic.code == kOutputKindCode) return ErrorKind::kUsage;
  return ErrorKind::kInvalid;
}

ErrorKind WorstKind(const DiagnosticList& diagnostics) {
  ErrorKind worst = ErrorKind::kNone;
  for (const auto& d : diagnostics) {
    ErrorKind kind = KindOf(d);
    if (ExitCode(kind) > ExitCode(worst)) worst = kind;
  }
  return worst;
}

bool HasKind(const DiagnosticList& diagnostics, ErrorKind kind) {
  for (const auto& d : diagnostics)
    if (KindOf(d) == kind) return true;
  return false;
}

}  // namespace ehcp
