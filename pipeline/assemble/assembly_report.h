#pragma once

// What `ehcp assemble` tells the officer: which contribution items went where, what was
// merged, which quantities conflict, what advice is missing or out of date, and which
// placements are judgements to check. Text for people, JSON for tools.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "model/plan.h"

namespace ehcp {

// One contribution item and the plan item it became.
struct ItemOrigin {
  std::string contribution_id;  // "C-EP-2026"
  std::string item_id;          // "P6"
  std::string advice_id;        // "K4"
  SourceLocation location;      // the item in the contribution file
};

struct PlacedItem {
  ItemOrigin origin;
  std::string plan_id;  // "F9"
};

// Items from different advisers that became one plan item.
struct MergeRecord {
  std::string plan_id;
  std::vector<ItemOrigin> origins;
  double similarity = 0;                    // word overlap of the texts (text_similarity.h)
  std::string reason;                       // why they count as the same item
  std::vector<std::string> unused_wording;  // wording not carried into the plan, per origin
};

// Two plan items for the same provision with different quantities: both kept.
struct ConflictRecord {
  std::vector<std::string> plan_ids;  // the items the officer must reconcile
  std::vector<ItemOrigin> origins;
  std::vector<std::string> quantities;  // "1 a week, 45 minutes" per item
  std::string what;                     // "speech and language therapy"
};

struct ContributionSummary {
  std::string advice_id;
  std::string contribution_id;
  std::string file;
  AdviceCategory category = AdviceCategory::kOther;
  std::string author;
  Date written;
};

struct AssemblyReport {
  std::string plan_id;
  std::string child_name;
  std::string draft_path;  // where the draft was written; empty when nothing was written
  bool written = false;
  std::vector<ContributionSummary> contributions;
  std::vector<PlacedItem> placements;
  std::vector<MergeRecord> merges;
  std::vector<ConflictRecord> conflicts;
  // Everything else, by code: assemble.missing-advice, assemble.advice-out-of-date,
  // assemble.uncertain-placement, assemble.placement-note, assemble.wrong-child, ... and
  // the loader's own diagnostics for invalid inputs.
  DiagnosticList diagnostics;
  std::vector<std::string> notes;  // how dates were computed, generated statements

  bool Blocked() const { return diagnostics.HasErrors(); }
};

std::string FormatAssemblyReportText(const AssemblyReport& report);
nlohmann::json AssemblyReportToJson(const AssemblyReport& report);

}  // namespace ehcp
