#include "report/text_report.h"

namespace ehcp {

int PlanFindings::Count(Severity severity, bool accepted) const {
  int n = 0;
  for (const auto& d : findings)
    n += d.severity == severity && d.accepted_reason.has_value() == accepted;
  return n;
}

namespace {

const char* Colour(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\033[1;31m";
    case Severity::kWarning: return "\033[1;35m";
    case Severity::kInfo: return "\033[1;36m";
  }
  return "";
}

void WriteOne(const Diagnostic& d, std::ostream& out, bool colour) {
  out << d.location.ToString() << ": ";
  if (colour) out << Colour(d.severity);
  out << SeverityName(d.severity);
  if (colour) out << "\033[0m";
  out << ": " << d.message << " [" << d.code << "]";
  if (!d.element_path.empty()) out << " (at " << d.element_path << ")";
  out << "\n";
  if (!d.quote.empty()) out << "    > " << d.quote << "\n";
  if (!d.hint.empty()) out << "    hint: " << d.hint << "\n";
  if (!d.source.empty()) out << "    source: " << d.source << "\n";
  if (d.accepted_reason) out << "    accepted: " << *d.accepted_reason << "\n";
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void WriteTextReport(const PlanFindings& plan, std::ostream& out, bool colour) {
  if (!plan.loaded) {
    for (const auto& d : plan.load_problems) out << FormatDiagnostic(d) << "\n";
    out << plan.file << ": not linted: the file is not a valid plan\n\n";
    return;
  }
  int accepted = 0;
  for (const auto& d : plan.findings) {
    if (d.accepted_reason) {
      ++accepted;
      continue;
    }
    WriteOne(d, out, colour);
  }
  if (accepted > 0) {
    out << plan.file << ": " << Plural(accepted, "accepted finding")
        << " (reported, not counted):\n";
    for (const auto& d : plan.findings)
      if (d.accepted_reason) WriteOne(d, out, false);
  }
  out << plan.file << ": " << plan.plan_id << ": " << Plural(plan.Count(Severity::kError), "error")
      << ", " << Plural(plan.Count(Severity::kWarning), "warning") << ", "
      << plan.Count(Severity::kInfo) << " info";
  if (accepted) out << ", " << accepted << " accepted";
  if (plan.grade) out << "; overall grade: " << GradeName(plan.grade->overall);
  out << "\n\n";
}

}  // namespace ehcp
