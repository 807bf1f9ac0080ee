// Reads a validated case file into CaseFile values.

#include <charconv>

#include "assemble/case_file.h"
#include "loader/document_loader.h"
#include "policy/assembly_policy.h"

namespace ehcp {
namespace {

std::optional<Date> DateAttribute(const XmlElement& element, std::string_view name,
                                  DiagnosticList& diagnostics) {
  const std::string* value = element.Attribute(name);
  if (value == nullptr) return std::nullopt;
  auto date = Date::FromIso(*value);
  if (!date)
    diagnostics.Error("model.value", "cannot read date \"" + *value + "\"", element.location);
  return date;
}

}  // namespace

CaseFile ReadCaseFile(const XmlElement& root, DiagnosticList& diagnostics) {
  CaseFile out;
  out.location = root.location;
  out.plan_id = root.AttributeOr("id");
  out.lang = root.AttributeOr("xml:lang", "en-GB");
  out.directory = std::filesystem::path(root.location.FileName()).parent_path();
  if (const XmlElement* la = root.Child("localAuthority"))
    out.local_authority = LocalAuthority{la->AttributeOr("name"), la->AttributeOr("code")};
  if (const XmlElement* o = root.Child("officer"))
    out.officer = Officer{o->AttributeOr("name"), o->AttributeOr("role"), o->AttributeOr("email"),
                          o->AttributeOr("phone")};
  if (const XmlElement* d = root.Child("dates")) {
    out.dates.request_received = DateAttribute(*d, "requestReceived", diagnostics).value_or(Date{});
    out.dates.decision_to_assess = DateAttribute(*d, "decisionToAssess", diagnostics);
    out.dates.advice_requested = DateAttribute(*d, "adviceRequested", diagnostics);
    out.dates.draft_issue = DateAttribute(*d, "draftIssue", diagnostics).value_or(Date{});
    if (const std::string* months = d->Attribute("adviceMaxAgeMonths")) {
      int value = 0;
      auto [ptr, ec] = std::from_chars(months->data(), months->data() + months->size(), value);
      if (ec == std::errc() && ptr == months->data() + months->size() && value > 0)
        out.dates.advice_max_age_months = value;
    }
  }
  // The child and family have exactly the plan's shapes (shared types in
  // ehcp-common-1.xsd), so the plan reader maps them: one mapping, no drift.
  XmlElement shell;
  shell.name = "plan";
  shell.ns = root.ns;
  shell.location = root.location;
  if (const XmlElement* child = root.Child("child")) shell.children.push_back(*child);
  if (const XmlElement* family = root.Child("family")) shell.children.push_back(*family);
  Plan people = ReadPlan(shell, diagnostics);
  out.child = std::move(people.child);
  out.family = std::move(people.family);

  if (const XmlElement* gathered = root.Child("viewsGathered"))
    out.views_gathered = Text{gathered->text, gathered->text_location, {}};
  if (const XmlElement* list = root.Child("contributions")) {
    for (const XmlElement* c : list->Children("contribution")) {
      out.contributions.push_back(CaseContributionFile{
          c->AttributeOr("file"), DateAttribute(*c, "received", diagnostics), c->location});
    }
  }
  return out;
}

std::unique_ptr<SchemaRegistry> AssemblySchemas(const std::filesystem::path& schema_dir) {
  auto registry = SchemaRegistry::WithDocumentSchemas(schema_dir);
  registry->Register("case", "ehcp-case-1.xsd");
  RegisterAssemblyPolicySchemas(*registry);
  return registry;
}

}  // namespace ehcp
