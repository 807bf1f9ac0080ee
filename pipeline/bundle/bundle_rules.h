#pragma once

// The tribunal's bundle rules as data (quality/bundle-rules.xml, root <bundleRules> in
// schemas/ehcp-bundle-1.xsd): the sections of a bundle in their order, page limits per
// section and per appeal type, and limits per document kind. A Practice Direction change
// is an edit to that file.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"

namespace ehcp {

struct BundleSectionRule {
  std::string id;
  std::string title;
  std::optional<int> page_limit;        // a fixed limit
  bool limit_from_appeal_type = false;  // the appeal type's per-party evidence limit
};

struct AppealTypeRule {
  std::string id;
  std::string title;
  int evidence_pages_per_party = 0;
};

struct DocumentKindRule {
  std::string id;
  std::string title;
  std::optional<int> max_pages;
  std::optional<int> max_age_years;
};

struct BundleRules {
  std::vector<std::string> sources;
  std::vector<BundleSectionRule> sections;  // in bundle order
  std::vector<AppealTypeRule> appeal_types;
  std::vector<DocumentKindRule> document_kinds;

  // Position of a section in bundle order, or nothing for an unknown id.
  std::optional<size_t> SectionIndex(const std::string& id) const;
  const AppealTypeRule* FindAppealType(const std::string& id) const;
  const DocumentKindRule* FindDocumentKind(const std::string& id) const;
  // The page limit for a section under an appeal type, if it has one.
  std::optional<int> PageLimit(const BundleSectionRule& section,
                               const AppealTypeRule& appeal) const;
};

std::optional<BundleRules> LoadBundleRules(const std::filesystem::path& path,
                                           const SchemaRegistry& schemas,
                                           DiagnosticList& diagnostics);

// Registers the bundle schema's two root elements (<bundle>, <bundleRules>).
void RegisterBundleSchemas(SchemaRegistry& schemas);

}  // namespace ehcp
