#include "lint/golden_thread.h"

#include <set>

#include "lint/plan_text.h"

namespace ehcp {

namespace {

bool Expected(SectionId need, SectionId provision) {
  switch (need) {
    case SectionId::kB: return provision == SectionId::kF;
    case SectionId::kC: return provision == SectionId::kG;
    case SectionId::kD: return provision == SectionId::kH1 || provision == SectionId::kH2;
    default: return false;
  }
}

}  // namespace

GoldenThreadTable BuildGoldenThread(const Plan& plan) {
  GoldenThreadTable table;
  const SectionId provision_sections[] = {SectionId::kF, SectionId::kG, SectionId::kH1,
                                          SectionId::kH2};
  std::set<std::string> served;
  for (SectionId ps : provision_sections) {
    for (const auto& item : plan.Provision(ps).items) {
      for (const auto& ref : item.outcomes) served.insert(ref.id);
      if (item.needs.empty()) table.orphan_provision.push_back({SectionName(ps), &item, false});
    }
  }
  for (SectionId ns : {SectionId::kB, SectionId::kC, SectionId::kD}) {
    for (const auto& need : plan.Needs(ns).needs) {
      ThreadRow row;
      row.section = SectionName(ns);
      row.need = &need;
      for (const auto& outcome : plan.e.outcomes)
        for (const auto& ref : outcome.needs)
          if (ref.id == need.id) {
            row.outcomes.push_back(&outcome);
            break;
          }
      for (SectionId ps : provision_sections)
        for (const auto& item : plan.Provision(ps).items)
          for (const auto& ref : item.needs)
            if (ref.id == need.id) {
              bool expected = Expected(ns, ps);
              row.provision.push_back({SectionName(ps), &item, expected});
              row.has_expected_provision = row.has_expected_provision || expected;
              break;
            }
      table.rows.push_back(std::move(row));
    }
  }
  for (const auto& outcome : plan.e.outcomes)
    if (!served.count(outcome.id)) table.outcomes_without_provision.push_back(&outcome);
  return table;
}

}  // namespace ehcp
