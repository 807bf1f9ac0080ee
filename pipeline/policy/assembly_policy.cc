#include "policy/assembly_policy.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "loader/data_file.h"
#include "model/vocabulary.h"
#include "policy/wording.h"

namespace ehcp {

int AssemblyPolicy::AdviceRank(AdviceCategory category) const {
  auto it = std::find(advice_order.begin(), advice_order.end(), category);
  return static_cast<int>(it - advice_order.begin());
}

std::filesystem::path AssemblyPolicyFile(const std::filesystem::path& quality_dir) {
  return quality_dir / "assembly.xml";
}

void RegisterAssemblyPolicySchemas(SchemaRegistry& schemas) {
  schemas.Register("assembly", "ehcp-assembly-1.xsd");
  RegisterTimescalesSchema(schemas);
}

namespace {

// The file has been validated: every token below is one the schema allows, so a parse
// that fails cannot happen; it falls back rather than trusting that.
std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

template <typename E>
E Parse(const std::string& token, E fallback) {
  return ParseToken<E>(token).value_or(fallback);
}

SectionId Section(const XmlElement& e, std::string_view attribute, SectionId fallback) {
  const std::string* value = e.Attribute(attribute);
  return value ? Parse<SectionId>(*value, fallback) : fallback;
}

void ReadAgencyRows(const XmlElement& parent, std::map<Agency, SectionChoice>& out) {
  for (const XmlElement* row : parent.Children("agency")) {
    SectionId child = Section(*row, "section", SectionId::kF);
    out[Parse<Agency>(row->AttributeOr("name"), Agency::kEducation)] =
        SectionChoice{child, Section(*row, "adultSection", child)};
  }
}

std::optional<Agency> OptionalAgency(const XmlElement& e, std::string_view attribute) {
  const std::string* value = e.Attribute(attribute);
  return value ? ParseToken<Agency>(*value) : std::nullopt;
}

std::vector<PlacementMessage> ReadMessages(const XmlElement& parent, std::string_view name) {
  std::vector<PlacementMessage> out;
  for (const XmlElement* m : parent.Children(name)) {
    PlacementMessage message;
    if (const std::string* age = m->Attribute("age")) message.adult = *age == "adult";
    message.agency = OptionalAgency(*m, "agency");
    message.agency_not = OptionalAgency(*m, "agencyNot");
    message.responsible_not = OptionalAgency(*m, "responsibleNot");
    const std::string no_agency = m->AttributeOr("noAgency");
    message.no_agency = no_agency == "true" || no_agency == "1";
    message.text = m->text;
    out.push_back(std::move(message));
  }
  return out;
}

// One <wording> entry, its whitespace runs made one space; a placeholder it may not use
// is reported at its place (the schema cannot say which).
std::string ReadWording(const XmlElement& wording, std::string_view name,
                        const std::set<std::string>& placeholders, DiagnosticList& diagnostics) {
  const XmlElement& e = *wording.Child(name);
  std::string text;
  for (const std::string& word : Words(e.text)) text += (text.empty() ? "" : " ") + word;
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    size_t close = text.find('}', open);
    std::string used(PlaceholderName(std::string_view(text).substr(
        open + 1, close == std::string::npos ? 0 : close - open - 1)));
    if (close == std::string::npos || !placeholders.count(used)) {
      std::string allowed;
      for (const std::string& p : placeholders)
        allowed += (allowed.empty() ? "{" : ", {") + p + "}";
      diagnostics.Error("assembly.invalid",
                        "<" + std::string(name) + "> uses {" + used + "}; it may use " +
                            (allowed.empty() ? "no placeholders" : allowed),
                        e.location);
    }
  }
  return text;
}

DraftWording ReadDraftWording(const XmlElement& wording, DiagnosticList& diagnostics) {
  const std::set<std::string> child{"child"};
  const std::set<std::string> family{"child", "parentsOrYoungPerson", "days"};
  auto read = [&](std::string_view name, const std::set<std::string>& placeholders) {
    return ReadWording(wording, name, placeholders, diagnostics);
  };
  DraftWording w;
  w.views_gathered = read("viewsGathered", child);
  w.no_health_needs = read("noHealthNeeds", child);
  w.no_social_care_needs = read("noSocialCareNeeds", child);
  w.no_health_provision = read("noHealthProvision", child);
  w.no_section2_provision = read("noSection2Provision", child);
  w.no_other_social_care = read("noOtherSocialCareProvision", child);
  w.placement_to_be_named = read("placementToBeNamed", family);
  w.no_personal_budget = read("noPersonalBudget", family);
  w.parents = read("parents", child);
  return w;
}

KindPlacement ReadKind(const XmlElement& e) {
  KindPlacement kind;
  if (e.Attribute("section")) {
    SectionId child = Section(e, "section", SectionId::kF);
    kind.fixed = SectionChoice{child, Section(e, "adultSection", child)};
  }
  ReadAgencyRows(e, kind.by_agency);
  kind.no_agency = Section(e, "noAgencySection", SectionId::kF);
  kind.notes = ReadMessages(e, "note");
  kind.uncertainties = ReadMessages(e, "uncertain");
  return kind;
}

// What the schema cannot say: every advice category and provision kind is placed exactly
// once, and a kind without a section says where it goes when there is no agency.
void CheckComplete(const XmlElement& root, const AssemblyPolicy& policy,
                   DiagnosticList& diagnostics) {
  const XmlElement& order = *root.Child("adviceOrder");
  for (const auto& entry : EnumTable<AdviceCategory>())
    if (policy.AdviceRank(entry.value) == static_cast<int>(policy.advice_order.size()))
      diagnostics.Error("assembly.invalid",
                        "<adviceOrder> does not list the category \"" + std::string(entry.token) +
                            "\"; list every category once",
                        order.location);
  const XmlElement& placement = *root.Child("placement");
  std::map<ProvisionKind, const XmlElement*> seen;
  for (const XmlElement* k : placement.Children("kind")) {
    if (!k->Attribute("section") && !k->Attribute("noAgencySection"))
      diagnostics.Error("assembly.invalid",
                        "a <kind> without section=\"…\" goes by its agency and needs "
                        "noAgencySection=\"…\" for provision with none",
                        k->location);
    for (const std::string& name : Words(k->AttributeOr("names"))) {
      auto kind = ParseToken<ProvisionKind>(name);
      if (!kind) continue;
      auto [it, fresh] = seen.emplace(*kind, k);
      if (!fresh)
        diagnostics.Error("assembly.invalid",
                          "the kind \"" + name + "\" is placed twice (also at line " +
                              std::to_string(it->second->location.line) + ")",
                          k->location);
    }
  }
  for (const auto& entry : EnumTable<ProvisionKind>())
    if (!seen.count(entry.value))
      diagnostics.Error("assembly.invalid",
                        "<placement> does not say where provision of kind \"" +
                            std::string(entry.token) + "\" goes",
                        placement.location);
}

}  // namespace

std::optional<AssemblyPolicy> LoadAssemblyPolicy(const std::filesystem::path& quality_dir,
                                                 const SchemaRegistry& schemas,
                                                 DiagnosticList& diagnostics) {
  auto timescales =
      LoadStatutoryTimescales(StatutoryTimescalesFile(quality_dir), schemas, diagnostics);
  std::optional<XmlElement> root = ReadDataFile(AssemblyPolicyFile(quality_dir).string(), schemas,
                                                "assembly", "assembly.root", diagnostics);
  if (!root || !timescales) return std::nullopt;
  AssemblyPolicy policy;
  policy.timescales = *timescales;
  size_t errors = static_cast<size_t>(diagnostics.Count(Severity::kError));
  for (const XmlElement* c : root->Child("adviceOrder")->Children("category"))
    policy.advice_order.push_back(
        Parse<AdviceCategory>(c->AttributeOr("name"), AdviceCategory::kOther));
  const XmlElement& ages = *root->Child("ages");
  policy.ages.young_person = std::atoi(ages.AttributeOr("youngPerson").c_str());
  policy.ages.adult = std::atoi(ages.AttributeOr("adult").c_str());
  policy.ages.preparing_for_adulthood_from_year =
      std::atoi(ages.AttributeOr("preparingForAdulthoodFromYear").c_str());
  policy.advice_max_age_months =
      std::atoi(root->Child("advice")->AttributeOr("maxAgeMonths").c_str());

  const XmlElement& merging = *root->Child("merging");
  policy.merging.near_identical = std::atof(merging.AttributeOr("nearIdentical").c_str());
  policy.merging.possible_duplicate = std::atof(merging.AttributeOr("possibleDuplicate").c_str());
  policy.merging.same_quantities = std::atof(merging.AttributeOr("sameQuantities").c_str());
  // Ordered thresholds: a young person is not older than an adult, and a possible
  // duplicate is a weaker overlap than a merge (between the two the officer is asked).
  if (policy.ages.young_person > policy.ages.adult)
    diagnostics.Error("assembly.invalid",
                      "<ages youngPerson=\"" + ages.AttributeOr("youngPerson") +
                          "\"> is above adult=\"" + ages.AttributeOr("adult") +
                          "\": the ages must be in order",
                      ages.location);
  if (policy.merging.possible_duplicate > policy.merging.near_identical)
    diagnostics.Error("assembly.invalid",
                      "<merging possibleDuplicate=\"" + merging.AttributeOr("possibleDuplicate") +
                          "\"> is above nearIdentical=\"" + merging.AttributeOr("nearIdentical") +
                          "\": a possible duplicate is a weaker overlap than a merge",
                      merging.location);
  for (const XmlElement* s : merging.Children("sameService")) {
    SameService service;
    for (const std::string& name : Words(s->AttributeOr("kinds")))
      if (auto kind = ParseToken<ProvisionKind>(name)) service.kinds.insert(*kind);
    service.unstated_roles_match = s->AttributeOr("roles") == "same-or-unstated";
    policy.merging.same_service.push_back(std::move(service));
  }

  const XmlElement& placement = *root->Child("placement");
  ReadAgencyRows(placement, policy.placement.by_agency);
  policy.placement.no_kind = ReadKind(*placement.Child("noKind"));
  for (const XmlElement* k : placement.Children("kind"))
    for (const std::string& name : Words(k->AttributeOr("names")))
      if (auto kind = ParseToken<ProvisionKind>(name))
        policy.placement.kinds.emplace(*kind, ReadKind(*k));

  for (std::string& word : Words(root->ChildText("stopWords")))
    policy.stop_words.insert(std::move(word));

  policy.wording = ReadDraftWording(*root->Child("wording"), diagnostics);
  CheckComplete(*root, policy, diagnostics);
  if (static_cast<size_t>(diagnostics.Count(Severity::kError)) != errors) return std::nullopt;
  return policy;
}

}  // namespace ehcp
