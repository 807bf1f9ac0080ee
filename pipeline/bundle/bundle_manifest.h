#pragma once

// A tribunal bundle manifest (schemas/ehcp-bundle-1.xsd, root <bundle>): the case, and the
// documents section by section. Reading it checks the schema and resolves every document
// path inside the evidence root, so later stages only ever see files they may read.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/date.h"

namespace ehcp {

enum class BundleParty { kTribunal, kParent, kYoungPerson, kLocalAuthority, kJoint, kOther };
std::string_view BundlePartyName(BundleParty party);   // "parent", "local-authority", ...
std::string_view BundlePartyLabel(BundleParty party);  // "Parent", "Local authority", ...

enum class PageNumberStyle {
  kPageOf,  // "Page 12 of 240"
  kNumber,  // "12" (tribunal style)
};

enum class BundleSourceKind { kPdf, kPlan };

struct BundleDocumentEntry {
  std::string title;
  Date date;
  std::string author;
  BundleParty party = BundleParty::kOther;
  std::string kind;  // a document kind id from the rules ("expert-report"), or empty
  BundleSourceKind source_kind = BundleSourceKind::kPdf;
  std::string href;            // as written in the manifest
  std::filesystem::path path;  // resolved, inside the evidence root
  // A plan's template set, a name under templates/ (the manifest's template="...";
  // "default" when it names none). Never a path: the schema allows a name only.
  std::string plan_template;
  SourceLocation location;
};

struct BundleSectionEntry {
  std::string ref;  // a section id from the rules
  std::string over_limit_request;
  std::vector<BundleDocumentEntry> documents;
  SourceLocation location;
};

struct BundleManifest {
  std::string tribunal_reference;
  std::string appeal_type;
  std::string child_name;
  std::optional<Date> child_date_of_birth;
  std::string local_authority;
  Date hearing_date;
  int issue_number = 1;
  Date issue_date;
  std::string prepared_by;
  std::string lang = "en-GB";
  PageNumberStyle page_numbers = PageNumberStyle::kPageOf;
  std::vector<BundleSectionEntry> sections;
  std::filesystem::path file;  // the manifest itself
  SourceLocation location;
};

// Reads and validates `path`. Document paths are relative to the manifest's folder and
// must resolve inside `evidence_root` (the manifest's folder when empty); a path that
// leaves it, or names a missing file, is an error naming the document. Returns nothing
// when the manifest cannot be used; `diagnostics` says why.
std::optional<BundleManifest> ReadBundleManifest(const std::filesystem::path& path,
                                                 const SchemaRegistry& schemas,
                                                 const std::filesystem::path& evidence_root,
                                                 DiagnosticList& diagnostics);

// Resolves a document's href as written in the manifest to the file it names, or returns
// nothing with `problem` set to a sentence (the manifest reader reports it as [bundle.path]).
using EvidenceResolver = std::function<std::optional<std::filesystem::path>(const std::string& href,
                                                                            std::string& problem)>;

// The same for a manifest held in memory (an upload to the service), named `display_name`
// in diagnostics, its document paths resolved by `resolve` (bundle_files.h).
std::optional<BundleManifest> ParseBundleManifest(std::string_view bytes,
                                                  const std::string& display_name,
                                                  const SchemaRegistry& schemas,
                                                  const EvidenceResolver& resolve,
                                                  DiagnosticList& diagnostics);

}  // namespace ehcp
