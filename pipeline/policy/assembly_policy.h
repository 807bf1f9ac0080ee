#pragma once

// How `ehcp assemble` builds a draft plan, as data: quality/assembly.xml (checked by
// schemas/ehcp-assembly-1.xsd) and the statutory timescales (quality/timescales.xml).
// Read once per run; a council changes the files, not this code. The assembler only
// interprets what is here: which section a kind of provision goes in, when two advisers'
// items are merged, the ages that change a plan, the order of Section K, stop words, and
// the draft's own words where the advice gives none.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/plan.h"
#include "policy/statutory_timescales.h"
#include "policy/wording.h"  // FillWording, for the draft's own words

namespace ehcp {

// A section for a child, and the one for a young person from the adult age.
struct SectionChoice {
  SectionId child = SectionId::kF;
  SectionId adult = SectionId::kF;
  SectionId For(bool adult_age) const { return adult_age ? adult : child; }
};

// A placement note or uncertainty, given when every condition set here holds.
struct PlacementMessage {
  std::optional<bool> adult;              // age="adult" (true) or "child" (false)
  std::optional<Agency> agency;           // the agency used for placing is this one
  std::optional<Agency> agency_not;       // there is an agency and it is not this one
  std::optional<Agency> responsible_not;  // the item names its own agency, not this one
  bool no_agency = false;                 // there is no agency at all
  std::string text;                       // with {kind} {section} {agency} {responsible}
};

struct KindPlacement {
  std::optional<SectionChoice> fixed;           // set: the kind decides
  std::map<Agency, SectionChoice> by_agency;    // this kind's own rows, before the table's
  SectionId no_agency = SectionId::kF;          // by agency, but there is none
  std::vector<PlacementMessage> notes;          // the first that holds is reported
  std::vector<PlacementMessage> uncertainties;  // likewise
};

struct PlacementPolicy {
  std::map<Agency, SectionChoice> by_agency;  // every agency
  KindPlacement no_kind;
  std::map<ProvisionKind, KindPlacement> kinds;  // every kind
};

// Provision of these kinds for the same area of need is one service whatever the words,
// when its deliverers' roles are the same (or, if `unstated_roles_match`, not both given).
struct SameService {
  std::set<ProvisionKind> kinds;
  bool unstated_roles_match = false;
};

struct MergePolicy {
  double near_identical = 0;      // merge from this word overlap
  double possible_duplicate = 0;  // report as a possible duplicate from this one
  double same_quantities = 0;     // merge identical quantities for one area from this one
  std::vector<SameService> same_service;
};

struct AgeLimits {
  int young_person = 0;                       // comments on the draft instead of the parents
  int adult = 0;                              // social care in H2
  int preparing_for_adulthood_from_year = 0;  // PfA advice expected from this NC year
};

// The words a draft is given where the advice gives none (<wording>), with placeholders:
// {child} the name the child is known by, {parentsOrYoungPerson} `parents` for a child or
// {child} for a young person, {days} the family's days to comment. Whitespace runs are one
// space, as read.
struct DraftWording {
  std::string views_gathered;         // Section A, when the case file does not say
  std::string no_health_needs;        // C
  std::string no_social_care_needs;   // D
  std::string no_health_provision;    // G
  std::string no_section2_provision;  // H1
  std::string no_other_social_care;   // H2
  std::string placement_to_be_named;  // I, in every draft
  std::string no_personal_budget;     // J, in every draft
  std::string parents;                // {parentsOrYoungPerson} for a child
};

struct AssemblyPolicy {
  StatutoryTimescales timescales;
  std::vector<AdviceCategory> advice_order;  // Section K, every category once
  AgeLimits ages;
  int advice_max_age_months = 0;  // unless the case file sets its own
  MergePolicy merging;
  PlacementPolicy placement;
  std::set<std::string> stop_words;
  DraftWording wording;

  // The category's place in Section K.
  int AdviceRank(AdviceCategory category) const;
};

// quality/assembly.xml under a quality folder.
std::filesystem::path AssemblyPolicyFile(const std::filesystem::path& quality_dir);

// Registers <assembly> and <timescales> (schemas/ehcp-assembly-1.xsd, -timescales-1.xsd).
void RegisterAssemblyPolicySchemas(SchemaRegistry& schemas);

// Reads quality/assembly.xml and quality/timescales.xml under `quality_dir`; a bad file is
// reported at its file:line:col and gives nothing.
std::optional<AssemblyPolicy> LoadAssemblyPolicy(const std::filesystem::path& quality_dir,
                                                 const SchemaRegistry& schemas,
                                                 DiagnosticList& diagnostics);

}  // namespace ehcp
