#pragma once

// Which plan section an item from a contribution belongs in (SEND Regulations 2014
// reg 12(1); Children and Families Act 2014 s.21(5)), by the placement table of the
// assembly policy (quality/assembly.xml).

#include <optional>
#include <string>

#include "model/plan.h"
#include "policy/assembly_policy.h"

namespace ehcp {

// Needs: health -> C, social care -> D, every other area -> B.
SectionId SectionForNeed(NeedArea area);

struct ProvisionPlacement {
  SectionId section = SectionId::kF;
  // Set when the placement is a judgement the officer should check: no kind, kind
  // "other", or a kind and agency that disagree. Empty when the kind decides.
  std::string uncertainty;
  // Set when the placement follows a rule the officer may not expect, e.g. therapy
  // advised by health placed in F under s.21(5).
  std::string note;
};

// Places a provision item. The kind decides where the table gives it a section; the
// item's responsible agency (else the adviser's agency) decides where it does not. A
// disagreement is reported only against the item's own responsible agency: a health
// adviser recommending classroom teaching is normal, a teaching item funded by health is
// not. `adult` is true from the policy's adult age, so CSDPA 1970 s.2 (children only) no
// longer applies and social care goes in H2.
ProvisionPlacement PlaceProvision(const ProvisionItem& item, std::optional<Agency> adviser_agency,
                                  bool adult, const PlacementPolicy& policy);

}  // namespace ehcp
