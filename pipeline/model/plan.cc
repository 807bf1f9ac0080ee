#include "model/plan.h"

namespace ehcp {

std::string PersonName::Full() const {
  std::string out = given;
  if (!middle.empty()) out += " " + middle;
  if (!family.empty()) out += " " + family;
  return out;
}

const std::string& Child::KnownAs() const {
  return preferred_name.empty() ? legal_name.given : preferred_name;
}

std::optional<double> ProvisionItem::MinutesPerWeek() const {
  if (!frequency || !duration_minutes) return std::nullopt;
  double weeks = 1;
  switch (frequency->per) {
    case Period::kDay: weeks = 1.0 / 5; break;  // school days
    case Period::kWeek: weeks = 1; break;
    case Period::kFortnight: weeks = 2; break;
    case Period::kMonth: weeks = 52.0 / 12; break;
    case Period::kHalfTerm: weeks = 6.5; break;
    case Period::kTerm: weeks = 13; break;
    case Period::kYear: weeks = 39; break;
  }
  return frequency->count * *duration_minutes / weeks;
}

const NeedsSection& Plan::Needs(SectionId id) const {
  switch (id) {
    case SectionId::kC: return c;
    case SectionId::kD: return d;
    default: return b;
  }
}

const ProvisionSection& Plan::Provision(SectionId id) const {
  switch (id) {
    case SectionId::kG: return g;
    case SectionId::kH1: return h1;
    case SectionId::kH2: return h2;
    default: return f;
  }
}

const Need* Plan::FindNeed(const std::string& id) const {
  for (const NeedsSection* s : {&b, &c, &d}) {
    for (const auto& need : s->needs) {
      if (need.id == id) return &need;
    }
  }
  return nullptr;
}

const Outcome* Plan::FindOutcome(const std::string& id) const {
  for (const auto& o : e.outcomes) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const ProvisionItem* Plan::FindProvision(const std::string& id) const {
  for (const ProvisionSection* s : {&f, &g, &h1, &h2}) {
    for (const auto& item : s->items) {
      if (item.id == id) return &item;
    }
  }
  return nullptr;
}

const AdviceItem* Plan::FindAdvice(const std::string& id) const {
  for (const auto& a : k.advice) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

std::optional<SectionId> Plan::SectionOf(const std::string& item_id) const {
  for (const auto& entry : a.entries) {
    if (entry.id == item_id) return SectionId::kA;
  }
  for (const NeedsSection* s : {&b, &c, &d}) {
    for (const auto& need : s->needs) {
      if (need.id == item_id) return s->id;
    }
  }
  if (FindOutcome(item_id)) return SectionId::kE;
  for (const ProvisionSection* s : {&f, &g, &h1, &h2}) {
    for (const auto& item : s->items) {
      if (item.id == item_id) return s->id;
    }
  }
  if (FindAdvice(item_id)) return SectionId::kK;
  return std::nullopt;
}

}  // namespace ehcp
