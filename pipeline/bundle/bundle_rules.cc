#include "bundle/bundle_rules.h"

#include "loader/data_file.h"

namespace ehcp {

std::optional<size_t> BundleRules::SectionIndex(const std::string& id) const {
  for (size_t i = 0; i < sections.size(); ++i)
    if (sections[i].id == id) return i;
  return std::nullopt;
}

const AppealTypeRule* BundleRules::FindAppealType(const std::string& id) const {
  for (const auto& a : appeal_types)
    if (a.id == id) return &a;
  return nullptr;
}

const DocumentKindRule* BundleRules::FindDocumentKind(const std::string& id) const {
  for (const auto& k : document_kinds)
    if (k.id == id) return &k;
  return nullptr;
}

std::optional<int> BundleRules::PageLimit(const BundleSectionRule& section,
                                          const AppealTypeRule& appeal) const {
  if (section.limit_from_appeal_type) return appeal.evidence_pages_per_party;
  return section.page_limit;
}

void RegisterBundleSchemas(SchemaRegistry& schemas) {
  schemas.Register("bundle", "ehcp-bundle-1.xsd");
  schemas.Register("bundleRules", "ehcp-bundle-1.xsd");
}

namespace {

std::optional<int> IntAttribute(const XmlElement& e, std::string_view name) {
  const std::string* value = e.Attribute(name);
  if (value == nullptr) return std::nullopt;
  try {
    return std::stoi(*value);
  } catch (const std::exception&) {
    return std::nullopt;  // the schema only lets "appeal-type" through as a non-number
  }
}

}  // namespace

std::optional<BundleRules> LoadBundleRules(const std::filesystem::path& path,
                                           const SchemaRegistry& schemas,
                                           DiagnosticList& diagnostics) {
  std::optional<XmlElement> parsed =
      ReadDataFile(path.string(), schemas, "bundleRules", "bundle.rules", diagnostics);
  if (!parsed) return std::nullopt;
  const XmlElement& root = *parsed;
  BundleRules rules;
  for (const XmlElement* s : root.Children("source")) rules.sources.push_back(s->text);
  for (const XmlElement* s : root.Children("section")) {
    BundleSectionRule section{s->AttributeOr("id"), s->AttributeOr("title"), std::nullopt, false};
    if (s->AttributeOr("pageLimit") == "appeal-type")
      section.limit_from_appeal_type = true;
    else
      section.page_limit = IntAttribute(*s, "pageLimit");
    rules.sections.push_back(std::move(section));
  }
  for (const XmlElement* a : root.Children("appealType"))
    rules.appeal_types.push_back({a->AttributeOr("id"), a->AttributeOr("title"),
                                  IntAttribute(*a, "evidencePagesPerParty").value_or(0)});
  for (const XmlElement* k : root.Children("documentKind"))
    rules.document_kinds.push_back({k->AttributeOr("id"), k->AttributeOr("title"),
                                    IntAttribute(*k, "maxPages"), IntAttribute(*k, "maxAgeYears")});
  return rules;
}

}  // namespace ehcp
