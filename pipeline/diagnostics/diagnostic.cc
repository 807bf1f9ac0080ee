#include "diagnostics/diagnostic.h"

namespace ehcp {

const std::string& SourceLocation::FileName() const {
  static const std::string kEmpty;
  return file ? *file : kEmpty;
}

std::string SourceLocation::ToString() const {
  std::string out = FileName().empty() ? std::string("<input>") : FileName();
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  } else if (!place.empty()) {
    out += " (" + place + ")";
  }
  return out;
}

SourceLocation FileLocation(const std::string& file, int line, int column) {
  return SourceLocation{std::make_shared<const std::string>(file), line, column};
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view text) {
  if (text == "error") return Severity::kError;
  if (text == "warning") return Severity::kWarning;
  if (text == "info") return Severity::kInfo;
  return std::nullopt;
}

static int Rank(Severity severity) {
  switch (severity) {
    case Severity::kError: return 2;
    case Severity::kWarning: return 1;
    case Severity::kInfo: return 0;
  }
  return 2;
}

bool AtLeast(Severity severity, Severity threshold) {
  return Rank(severity) >= Rank(threshold);
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.location.ToString();
  out += ": ";
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  if (!d.element_path.empty()) out += " (at " + d.element_path + ")";
  return out;
}

void DiagnosticList::Error(std::string code, std::string message, SourceLocation location) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = std::move(code);
  d.message = std::move(message);
  d.location = std::move(location);
  Add(std::move(d));
}

void DiagnosticList::Warning(std::string code, std::string message, SourceLocation location) {
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.code = std::move(code);
  d.message = std::move(message);
  d.location = std::move(location);
  Add(std::move(d));
}

void DiagnosticList::Append(const DiagnosticList& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool DiagnosticList::HasErrors() const {
  return Count(Severity::kError) > 0;
}

int DiagnosticList::Count(Severity severity) const {
  int n = 0;
  for (const auto& d : items_) n += d.severity == severity ? 1 : 0;
  return n;
}

}  // namespace ehcp
