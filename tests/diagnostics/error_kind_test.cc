// The one table of error kinds: the exit codes the README documents, the service's HTTP
// statuses, and what a diagnostic's code says about the run.

#include "diagnostics/error_kind.h"

#include <gtest/gtest.h>

namespace ehcp {
namespace {

Diagnostic Error(std::string code) {
  Diagnostic d;
  d.code = std::move(code);
  return d;
}

TEST(ErrorKind, ExitCodesAndHttpStatusesAreTheDocumentedOnes) {
  struct Row {
    ErrorKind kind;
    int exit_code;
    int http_status;
    std::string_view name;
  };
  const Row expected[] = {
      {ErrorKind::kNone, 0, 200, "none"},
      {ErrorKind::kInvalid, 1, 422, "invalid"},
      {ErrorKind::kUsage, 2, 400, "usage"},
      {ErrorKind::kUnreadable, 2, 400, "unreadable"},
      {ErrorKind::kNotWritten, 2, 400, "not-written"},
  };
  ASSERT_EQ(std::size(kErrorKinds), std::size(expected));
  for (const Row& row : expected) {
    EXPECT_EQ(ExitCode(row.kind), row.exit_code) << row.name;
    EXPECT_EQ(HttpStatus(row.kind), row.http_status) << row.name;
    EXPECT_EQ(ErrorKindName(row.kind), row.name);
  }
  // The service answers a command's exit code with these statuses.
  EXPECT_EQ(HttpStatusForExit(0), 200);
  EXPECT_EQ(HttpStatusForExit(1), 422);
  EXPECT_EQ(HttpStatusForExit(2), 400);
  EXPECT_EQ(HttpStatusForExit(7), 400);
}

TEST(ErrorKind, KindOfADiagnostic) {
  EXPECT_EQ(KindOf(Error("io.read")), ErrorKind::kUnreadable);
  EXPECT_EQ(KindOf(Error("docx.unreadable")), ErrorKind::kUnreadable);
  EXPECT_EQ(KindOf(Error("pdf.scan")), ErrorKind::kUnreadable);
  EXPECT_EQ(KindOf(Error("pdf.encrypted")), ErrorKind::kUnreadable);
  EXPECT_EQ(KindOf(Error("io.write")), ErrorKind::kNotWritten);
  EXPECT_EQ(KindOf(Error("schema.invalid")), ErrorKind::kInvalid);
  Diagnostic warning = Error("io.read");
  warning.severity = Severity::kWarning;
  EXPECT_EQ(KindOf(warning), ErrorKind::kNone);
}

TEST(ErrorKind, WorstKindOfAList) {
  DiagnosticList list;
  EXPECT_EQ(WorstKind(list), ErrorKind::kNone);
  list.Warning("lint.rule", "a warning", SourceLocation{});
  EXPECT_EQ(WorstKind(list), ErrorKind::kNone);
  list.Error("schema.invalid", "invalid", SourceLocation{});
  EXPECT_EQ(WorstKind(list), ErrorKind::kInvalid);
  EXPECT_FALSE(HasKind(list, ErrorKind::kNotWritten));
  list.Error(std::string(kWriteFailedCode), "cannot write", SourceLocation{});
  list.Error(std::string(kReadFailedCode), "cannot read", SourceLocation{});
  // Both exit 2; the first found is kept.
  EXPECT_EQ(WorstKind(list), ErrorKind::kNotWritten);
  EXPECT_TRUE(HasKind(list, ErrorKind::kUnreadable));
  EXPECT_EQ(ExitCode(WorstKind(list)), 2);
}

}  // namespace
}  // namespace ehcp
