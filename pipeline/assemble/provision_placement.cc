#include "assemble/provision_placement.h"

namespace ehcp {

SectionId SectionForNeed(NeedArea area) {
  switch (area) {
    case NeedArea::kHealth: return SectionId::kC;
    case NeedArea::kSocialCare: return SectionId::kD;
    default: return SectionId::kB;
  }
}

namespace {

std::string AgencyWord(std::optional<Agency> agency) {
  return agency ? std::string(Token(*agency)) : std::string("none");
}

struct Facts {
  std::optional<Agency> agency;       // the item's own, else the adviser's
  std::optional<Agency> responsible;  // the item's own
  bool adult = false;
};

bool Holds(const PlacementMessage& m, const Facts& f) {
  if (m.adult && *m.adult != f.adult) return false;
  if (m.agency && f.agency != m.agency) return false;
  if (m.agency_not && (!f.agency || *f.agency == *m.agency_not)) return false;
  if (m.responsible_not && (!f.responsible || *f.responsible == *m.responsible_not)) return false;
  if (m.no_agency && f.agency) return false;
  return true;
}

std::string Fill(const std::string& text, const std::string& kind, SectionId section,
                 const Facts& f) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += text[i++];
      continue;
    }
    std::string name = text.substr(i + 1, close - i - 1);
    if (name == "kind")
      out += kind;
    else if (name == "section")
      out += SectionLetter(section);
    else if (name == "agency")
      out += AgencyWord(f.agency);
    else if (name == "responsible")
      out += AgencyWord(f.responsible);
    else
      out += text.substr(i, close - i + 1);  // not ours: kept as written
    i = close + 1;
  }
  return out;
}

std::string First(const std::vector<PlacementMessage>& messages, const std::string& kind,
                  SectionId section, const Facts& f) {
  for (const auto& m : messages)
    if (Holds(m, f)) return Fill(m.text, kind, section, f);
  return {};
}

}  // namespace

ProvisionPlacement PlaceProvision(const ProvisionItem& item, std::optional<Agency> adviser_agency,
                                  bool adult, const PlacementPolicy& policy) {
  Facts facts{item.agency ? item.agency : adviser_agency, item.agency, adult};
  const KindPlacement* rule = &policy.no_kind;
  std::string kind_label;
  if (item.kind) {
    auto it = policy.kinds.find(*item.kind);
    if (it != policy.kinds.end()) rule = &it->second;  // the loader saw every kind placed
    kind_label = std::string(Label(*item.kind));
  }
  ProvisionPlacement out;
  if (rule->fixed) {
    out.section = rule->fixed->For(adult);
  } else if (!facts.agency) {
    out.section = rule->no_agency;
  } else {
    auto own = rule->by_agency.find(*facts.agency);
    if (own != rule->by_agency.end()) {
      out.section = own->second.For(adult);
    } else {
      auto row = policy.by_agency.find(*facts.agency);
      out.section = row != policy.by_agency.end() ? row->second.For(adult) : rule->no_agency;
    }
  }
  out.uncertainty = First(rule->uncertainties, kind_label, out.section, facts);
  out.note = First(rule->notes, kind_label, out.section, facts);
  return out;
}

}  // namespace ehcp
