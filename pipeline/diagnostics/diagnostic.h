#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/source_location.h"

namespace ehcp {

enum class Severity { kError, kWarning, kInfo };

std::string_view SeverityName(Severity severity);  // "error", "warning", "info"
std::optional<Severity> ParseSeverity(std::string_view text);
// True when `severity` is at least as serious as `threshold` (error > warning > info).
bool AtLeast(Severity severity, Severity threshold);

// One finding about an input: a parse or schema error from the loader, a quality finding
// from the linter, a conflict from assembly. Every stage reports these same values, and
// every reporter (text, JSON, SARIF, HTML) formats them.
struct Diagnostic {
  Severity severity = Severity::kError;
  // Stable machine-readable code: "xml.malformed", "schema.invalid", a rule id, ...
  std::string code;
  std::string message;
  SourceLocation location;
  // Where in the document: an element path for schema errors ("/plan/sectionF/provision[2]"),
  // and the section and item the finding is about, where there is one.
  std::string element_path;
  std::string section;
  std::string item_id;
  // For quality findings: how to fix it, and the legal or guidance source.
  std::string hint;
  std::string source;
  // The words of the plan the finding is about, so a reviewer sees them without opening
  // the file; and the reader's own wording behind a structure finding (JSON only).
  std::string quote;
  std::string detail;
  // A reviewer accepted this finding on this item (with the reason); reported, not dropped.
  std::optional<std::string> accepted_reason;
};

// "file:line:col: error: message [path]" — the format every command prints.
std::string FormatDiagnostic(const Diagnostic& diagnostic);

class DiagnosticList {
 public:
  void Add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void Error(std::string code, std::string message, SourceLocation location);
  void Warning(std::string code, std::string message, SourceLocation location);
  void Append(const DiagnosticList& other);

  bool HasErrors() const;
  int Count(Severity severity) const;
  bool Empty() const { return items_.empty(); }
  size_t Size() const { return items_.size(); }

  const std::vector<Diagnostic>& Items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace ehcp
