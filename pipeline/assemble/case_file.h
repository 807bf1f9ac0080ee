#pragma once

// The case file: what the council knows about an EHC needs assessment before the advice
// is assembled (child, family, council, officer, dates, which contribution files belong
// to the case). Read from XML validated against schemas/ehcp-case-1.xsd.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "loader/xml_tree.h"
#include "model/plan.h"

namespace ehcp {

struct CaseDates {
  Date request_received;
  std::optional<Date> decision_to_assess;
  std::optional<Date> advice_requested;
  Date draft_issue;
  // The case's own limit on the age of advice; unset: the assembly policy's.
  std::optional<int> advice_max_age_months;
};

// A contribution file named by the case file, relative to the case file's folder.
struct CaseContributionFile {
  std::string file;
  std::optional<Date> received;
  SourceLocation location;
};

struct CaseFile {
  std::string plan_id;
  std::string lang = "en-GB";
  LocalAuthority local_authority;
  Officer officer;
  CaseDates dates;
  Child child;
  std::vector<ParentCarer> family;
  std::optional<Text> views_gathered;
  std::vector<CaseContributionFile> contributions;  // empty: use contributions/*.xml
  std::filesystem::path directory;                  // the folder the case file is in
  SourceLocation location;
};

// Builds the case from an element tree already validated against the case schema.
CaseFile ReadCaseFile(const XmlElement& root, DiagnosticList& diagnostics);

// The plan and contribution schemas plus the case schema (root element `case`) and the
// assembly policy's (quality/assembly.xml, quality/timescales.xml).
std::unique_ptr<SchemaRegistry> AssemblySchemas(const std::filesystem::path& schema_dir);

}  // namespace ehcp
