#pragma once

// The golden thread of one plan as a table a reviewer reads: each need, the outcomes that
// address it and the provision that meets it, with gaps marked. The rules in
// golden_thread_rule.cc report the same gaps as findings; this view is for the HTML report.

#include <string>
#include <vector>

#include "model/plan.h"

namespace ehcp {

struct ThreadProvision {
  std::string section;  // "F", "G", "H1", "H2"
  const ProvisionItem* item = nullptr;
  bool expected_section = true;  // B needs met in F, C in G, D in H1/H2
};

struct ThreadRow {
  std::string section;  // "B", "C", "D"
  const Need* need = nullptr;
  std::vector<const Outcome*> outcomes;
  std::vector<ThreadProvision> provision;
  bool has_expected_provision = false;  // met by provision in its own provision section
};

struct GoldenThreadTable {
  std::vector<ThreadRow> rows;
  std::vector<ThreadProvision> orphan_provision;  // meets no need
  std::vector<const Outcome*> outcomes_without_provision;
};

// Views point into `plan`, which must outlive the table.
GoldenThreadTable BuildGoldenThread(const Plan& plan);

}  // namespace ehcp
