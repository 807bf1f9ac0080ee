#include "assemble/assembly_report.h"

#include <cstdio>
#include <map>

#include "diagnostics/diagnostic_json.h"

namespace ehcp {
namespace {

std::string Similarity(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string OriginText(const ItemOrigin& o) {
  return o.advice_id + " " + o.contribution_id + " " + o.item_id + " (" + o.location.ToString() +
         ")";
}

nlohmann::json OriginJson(const ItemOrigin& o) {
  return {{"advice", o.advice_id},   {"contribution", o.contribution_id},
          {"item", o.item_id},       {"file", o.location.FileName()},
          {"line", o.location.line}, {"column", o.location.column}};
}

bool IsMissing(const Diagnostic& d) {
  return d.code == "assemble.missing-advice" || d.code == "assemble.advice-out-of-date" ||
         d.code == "assemble.advice-before-request" || d.code == "assemble.advice-after-draft" ||
         d.code == "assemble.views-gathered";
}

bool IsPlacement(const Diagnostic& d) {
  return d.code == "assemble.uncertain-placement" || d.code == "assemble.placement-note";
}

}  // namespace

std::string FormatAssemblyReportText(const AssemblyReport& r) {
  std::string out = "Assembly report";
  if (!r.plan_id.empty()) out += " for " + r.plan_id + " (" + r.child_name + ")";
  out += "\n";
  out += r.written ? "Draft written to " + r.draft_path + "\n" : "No draft written.\n";

  std::vector<const Diagnostic*> errors, missing, placement, duplicates, other;
  for (const auto& d : r.diagnostics) {
    if (d.severity == Severity::kError)
      errors.push_back(&d);
    else if (IsMissing(d))
      missing.push_back(&d);
    else if (d.code == "assemble.possible-duplicate")
      duplicates.push_back(&d);
    else if (IsPlacement(d))
      placement.push_back(&d);
    else
      other.push_back(&d);
  }
  if (!errors.empty()) {
    out += "\nProblems that stopped assembly (" + std::to_string(errors.size()) + "):\n";
    for (const auto* d : errors) out += "  " + FormatDiagnostic(*d) + "\n";
  }

  if (!r.contributions.empty()) {
    out += "\nAdvice (" + std::to_string(r.contributions.size()) + " contributions, Section K):\n";
    for (const auto& c : r.contributions) {
      out += "  " + c.advice_id + "  " + std::string(Token(c.category)) + ", " + c.author +
             ", written " + c.written.ToIso() + " (" + c.contribution_id + ", " + c.file + ")\n";
      std::string items;
      for (const auto& p : r.placements) {
        if (p.origin.contribution_id != c.contribution_id) continue;
        items += (items.empty() ? "" : ", ") + p.origin.item_id + "->" + p.plan_id;
      }
      if (!items.empty()) out += "      " + items + "\n";
    }
  }

  if (r.written || !r.merges.empty() || !r.conflicts.empty()) {
    out += "\nMerged (" + std::to_string(r.merges.size()) + "):\n";
    if (r.merges.empty()) out += "  nothing was merged\n";
    for (const auto& m : r.merges) {
      out += "  " + m.plan_id + " from ";
      for (size_t i = 0; i < m.origins.size(); ++i)
        out += (i ? " + " : "") + OriginText(m.origins[i]);
      out += "\n      " + m.reason + "; word overlap " + Similarity(m.similarity) + "\n";
      for (const auto& u : m.unused_wording) out += "      wording not used: " + u + "\n";
    }
    out += "\nConflicts the officer must resolve (" + std::to_string(r.conflicts.size()) + "):\n";
    if (r.conflicts.empty()) out += "  none\n";
    for (const auto& c : r.conflicts) {
      out += "  " + c.what + ": ";
      for (size_t i = 0; i < c.plan_ids.size(); ++i)
        out += std::string(i ? " vs " : "") + c.plan_ids[i] + " (" + c.quantities[i] + ", " +
               OriginText(c.origins[i]) + ")";
      out +=
          "\n      both are in the draft; agree one quantity with the advisers and delete the "
          "other\n";
    }
  }
  if (r.written || !missing.empty()) {
    out += "\nMissing or out-of-date advice (" + std::to_string(missing.size()) + "):\n";
    if (missing.empty()) out += "  none\n";
    for (const auto* d : missing) out += "  " + FormatDiagnostic(*d) + "\n";
  }
  if (!placement.empty()) {
    out += "\nPlacements to check (" + std::to_string(placement.size()) + "):\n";
    for (const auto* d : placement) out += "  " + FormatDiagnostic(*d) + "\n";
  }
  if (!duplicates.empty()) {
    out += "\nPossible duplicates, not merged (" + std::to_string(duplicates.size()) + "):\n";
    for (const auto* d : duplicates) out += "  " + FormatDiagnostic(*d) + "\n";
  }
  if (!other.empty()) {
    out += "\nOther findings (" + std::to_string(other.size()) + "):\n";
    for (const auto* d : other) out += "  " + FormatDiagnostic(*d) + "\n";
  }
  if (!r.notes.empty()) {
    out += "\nNotes:\n";
    for (const auto& n : r.notes) out += "  " + n + "\n";
  }
  return out;
}

nlohmann::json AssemblyReportToJson(const AssemblyReport& r) {
  nlohmann::json out;
  out["plan"] = r.plan_id;
  out["child"] = r.child_name;
  out["written"] = r.written;
  out["draft"] = r.written ? nlohmann::json(r.draft_path) : nlohmann::json(nullptr);
  out["contributions"] = nlohmann::json::array();
  for (const auto& c : r.contributions) {
    out["contributions"].push_back({{"advice", c.advice_id},
                                    {"contribution", c.contribution_id},
                                    {"file", c.file},
                                    {"category", std::string(Token(c.category))},
                                    {"author", c.author},
                                    {"written", c.written.ToIso()}});
  }
  out["placements"] = nlohmann::json::array();
  for (const auto& p : r.placements) {
    nlohmann::json j = OriginJson(p.origin);
    j["planId"] = p.plan_id;
    out["placements"].push_back(std::move(j));
  }
  out["merged"] = nlohmann::json::array();
  for (const auto& m : r.merges) {
    nlohmann::json j{{"planId", m.plan_id}, {"similarity", m.similarity}, {"reason", m.reason}};
    j["from"] = nlohmann::json::array();
    for (const auto& o : m.origins) j["from"].push_back(OriginJson(o));
    j["unusedWording"] = m.unused_wording;
    out["merged"].push_back(std::move(j));
  }
  out["conflicts"] = nlohmann::json::array();
  for (const auto& c : r.conflicts) {
    nlohmann::json j{{"what", c.what}, {"planIds", c.plan_ids}, {"quantities", c.quantities}};
    j["from"] = nlohmann::json::array();
    for (const auto& o : c.origins) j["from"].push_back(OriginJson(o));
    out["conflicts"].push_back(std::move(j));
  }
  out["missing"] = nlohmann::json::array();
  out["uncertainPlacements"] = nlohmann::json::array();
  out["possibleDuplicates"] = nlohmann::json::array();
  out["diagnostics"] = nlohmann::json::array();
  for (const auto& d : r.diagnostics) {
    if (IsMissing(d)) out["missing"].push_back(DiagnosticToJson(d));
    if (d.code == "assemble.uncertain-placement")
      out["uncertainPlacements"].push_back(DiagnosticToJson(d));
    if (d.code == "assemble.possible-duplicate")
      out["possibleDuplicates"].push_back(DiagnosticToJson(d));
    out["diagnostics"].push_back(DiagnosticToJson(d));
  }
  out["notes"] = r.notes;
  out["summary"] = {{"contributions", r.contributions.size()},
                    {"merged", r.merges.size()},
                    {"conflicts", r.conflicts.size()},
                    {"missing", out["missing"].size()},
                    {"uncertainPlacements", out["uncertainPlacements"].size()},
                    {"possibleDuplicates", out["possibleDuplicates"].size()},
                    {"errors", r.diagnostics.Count(Severity::kError)}};
  return out;
}

}  // namespace ehcp
