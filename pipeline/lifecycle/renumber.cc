#include "lifecycle/renumber.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace ehcp {
namespace {

// The number in `id` when it is `prefix` followed by digits only ("F12" -> 12).
std::optional<int> SeriesNumber(const std::string& id, const std::string& prefix) {
  if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string digits = id.substr(prefix.size());
  if (digits.size() > 6 || digits[0] == '0') return std::nullopt;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoi(digits);
}

// Every id of the plan's items, for clash checks.
std::set<std::string> AllIds(const Plan& plan) {
  std::set<std::string> ids;
  for (const auto& v : plan.a.entries) ids.insert(v.id);
  for (const NeedsSection* s : {&plan.b, &plan.c, &plan.d})
    for (const auto& n : s->needs) ids.insert(n.id);
  for (const auto& o : plan.e.outcomes) ids.insert(o.id);
  for (const ProvisionSection* s : {&plan.f, &plan.g, &plan.h1, &plan.h2})
    for (const auto& p : s->items) ids.insert(p.id);
  for (const auto& k : plan.k.advice) ids.insert(k.id);
  return ids;
}

// Plans the new ids for one series: the items whose id is `prefix` + a number, in the
// order of those numbers, become prefix1, prefix2, ... Adds to `changes` (old -> new).
template <typename Item>
void PlanSeries(std::vector<Item>& items, const std::string& prefix,
                const std::set<std::string>& all_ids, std::map<std::string, std::string>& changes,
                std::vector<IdChange>& ordered) {
  std::vector<std::pair<int, const Item*>> numbered;
  for (const auto& item : items)
    if (auto n = SeriesNumber(item.id, prefix)) numbered.emplace_back(*n, &item);
  std::sort(numbered.begin(), numbered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<std::string, std::string> series;
  std::set<std::string> old_ids;
  for (const auto& [n, item] : numbered) old_ids.insert(item->id);
  for (size_t i = 0; i < numbered.size(); ++i) {
    std::string to = prefix + std::to_string(i + 1);
    if (to == numbered[i].second->id) continue;
    // A new id that another item outside the series already has: leave the series alone.
    if (all_ids.count(to) && !old_ids.count(to)) return;
    series.emplace(numbered[i].second->id, to);
  }
  // Reported in the order the items appear in the plan.
  for (const auto& item : items) {
    auto found = series.find(item.id);
    if (found == series.end()) continue;
    ordered.push_back({found->first, found->second});
    changes.insert(*found);
  }
}

void Apply(const std::map<std::string, std::string>& changes, std::string& id) {
  if (auto found = changes.find(id); found != changes.end()) id = found->second;
}

void Apply(const std::map<std::string, std::string>& changes, std::vector<SourceRef>& sources) {
  for (auto& s : sources) Apply(changes, s.advice_id);
}

void Apply(const std::map<std::string, std::string>& changes, std::vector<ItemRef>& refs) {
  for (auto& r : refs) Apply(changes, r.id);
}

}  // namespace

std::vector<IdChange> RenumberItems(Plan& plan) {
  const std::set<std::string> all_ids = AllIds(plan);
  std::map<std::string, std::string> changes;
  std::vector<IdChange> ordered;
  PlanSeries(plan.a.entries, "A", all_ids, changes, ordered);
  PlanSeries(plan.b.needs, "B", all_ids, changes, ordered);
  PlanSeries(plan.c.needs, "C", all_ids, changes, ordered);
  PlanSeries(plan.d.needs, "D", all_ids, changes, ordered);
  PlanSeries(plan.e.outcomes, "E", all_ids, changes, ordered);
  PlanSeries(plan.f.items, "F", all_ids, changes, ordered);
  PlanSeries(plan.g.items, "G", all_ids, changes, ordered);
  PlanSeries(plan.h1.items, "H1.", all_ids, changes, ordered);
  PlanSeries(plan.h2.items, "H2.", all_ids, changes, ordered);
  PlanSeries(plan.k.advice, "K", all_ids, changes, ordered);
  if (changes.empty()) return {};

  for (auto& v : plan.a.entries) {
    Apply(changes, v.id);
    Apply(changes, v.sources);
  }
  for (NeedsSection* s : {&plan.b, &plan.c, &plan.d}) {
    for (auto& n : s->needs) {
      Apply(changes, n.id);
      Apply(changes, n.sources);
    }
  }
  for (auto& o : plan.e.outcomes) {
    Apply(changes, o.id);
    Apply(changes, o.needs);
    Apply(changes, o.sources);
  }
  for (ProvisionSection* s : {&plan.f, &plan.g, &plan.h1, &plan.h2}) {
    for (auto& p : s->items) {
      Apply(changes, p.id);
      Apply(changes, p.needs);
      Apply(changes, p.outcomes);
      Apply(changes, p.sources);
    }
  }
  if (plan.j.budget) {
    Apply(changes, plan.j.budget->needs);
    Apply(changes, plan.j.budget->outcomes);
    Apply(changes, plan.j.budget->provision);
  }
  for (auto& k : plan.k.advice) Apply(changes, k.id);
  for (auto& a : plan.accepted) Apply(changes, a.item_id);
  return ordered;
}

}  // namespace ehcp
