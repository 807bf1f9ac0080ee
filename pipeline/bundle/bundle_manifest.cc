#include "bundle/bundle_manifest.h"

#include <charconv>
#include <climits>

#include "bundle/evidence_path.h"
#include "loader/xml_tree.h"

namespace ehcp {

namespace {

struct PartyName {
  BundleParty party;
  std::string_view name;
  std::string_view label;
};

constexpr PartyName kParties[] = {
    {BundleParty::kTribunal, "tribunal", "Tribunal"},
    {BundleParty::kParent, "parent", "Parent"},
    {BundleParty::kYoungPerson, "young-person", "Young person"},
    {BundleParty::kLocalAuthority, "local-authority", "Local authority"},
    {BundleParty::kJoint, "joint", "Joint"},
    {BundleParty::kOther, "other", "Other"},
};

BundleParty ParseParty(const std::string& text) {
  for (const auto& p : kParties)
    if (p.name == text) return p.party;
  return BundleParty::kOther;  // the schema allows only the names above
}

Date DateOr(const std::string& text) {
  return Date::FromIso(text).value_or(Date{});
}

}  // namespace

std::string_view BundlePartyName(BundleParty party) {
  for (const auto& p : kParties)
    if (p.party == party) return p.name;
  return "other";
}

std::string_view BundlePartyLabel(BundleParty party) {
  for (const auto& p : kParties)
    if (p.party == party) return p.label;
  return "Other";
}

namespace {

std::optional<BundleManifest> ManifestFromXml(const ParsedXml& parsed,
                                              const std::filesystem::path& path,
                                              const EvidenceResolver& resolve,
                                              DiagnosticList& diagnostics) {
  diagnostics.Append(parsed.diagnostics);
  if (!parsed.root) return std::nullopt;
  const XmlElement& root = *parsed.root;
  if (root.name != "bundle") {
    diagnostics.Error("bundle.manifest",
                      "expected a bundle manifest (<bundle>), found <" + root.name + ">",
                      root.location);
    return std::nullopt;
  }

  BundleManifest m;
  m.file = path;
  m.location = root.location;
  m.tribunal_reference = root.ChildText("tribunalReference");
  m.appeal_type = root.ChildText("appealType");
  if (const XmlElement* child = root.Child("child")) {
    m.child_name = child->ChildText("name");
    if (child->Child("dateOfBirth"))
      m.child_date_of_birth = Date::FromIso(child->ChildText("dateOfBirth"));
  }
  m.local_authority = root.ChildText("localAuthority");
  m.hearing_date = DateOr(root.ChildText("hearingDate"));
  if (const XmlElement* issue = root.Child("issue")) {
    const std::string number = issue->AttributeOr("number", "1");
    auto [end, error] =
        std::from_chars(number.data(), number.data() + number.size(), m.issue_number);
    if (error != std::errc() || end != number.data() + number.size() || m.issue_number < 1) {
      diagnostics.Error("bundle.manifest",
                        "issue number \"" + number + "\" is not a whole number from 1 to " +
                            std::to_string(INT_MAX),
                        issue->location);
      return std::nullopt;
    }
    m.issue_date = DateOr(issue->AttributeOr("date"));
  }
  m.prepared_by = root.ChildText("preparedBy");
  m.lang = root.AttributeOr("xml:lang", "en-GB");
  m.page_numbers = root.AttributeOr("pageNumbers", "page-of") == "number"
                       ? PageNumberStyle::kNumber
                       : PageNumberStyle::kPageOf;

  bool paths_ok = true;
  for (const XmlElement* s : root.Children("section")) {
    BundleSectionEntry section;
    section.ref = s->AttributeOr("ref");
    section.over_limit_request = s->AttributeOr("overLimitRequest");
    section.location = s->location;
    for (const XmlElement* d : s->Children("document")) {
      BundleDocumentEntry doc;
      doc.title = d->ChildText("title");
      doc.date = DateOr(d->ChildText("date"));
      doc.author = d->ChildText("author");
      doc.party = ParseParty(d->AttributeOr("party"));
      doc.kind = d->AttributeOr("kind");
      doc.location = d->location;
      const XmlElement* source = d->Child("pdf");
      doc.source_kind = BundleSourceKind::kPdf;
      if (source == nullptr) {
        source = d->Child("plan");
        doc.source_kind = BundleSourceKind::kPlan;
      }
      if (source != nullptr) {
        doc.href = source->AttributeOr("href");
        if (doc.source_kind == BundleSourceKind::kPlan)
          doc.plan_template = source->AttributeOr("template", "default");
        std::string problem;
        auto resolved = resolve(doc.href, problem);
        if (resolved) {
          doc.path = *resolved;
        } else {
          Diagnostic diag;
          diag.code = "bundle.path";
          diag.message = "document \"" + doc.title + "\": " + problem;
          diag.location = source->location;
          diag.section = section.ref;
          diagnostics.Add(std::move(diag));
          paths_ok = false;
        }
      }
      section.documents.push_back(std::move(doc));
    }
    m.sections.push_back(std::move(section));
  }
  if (!paths_ok) return std::nullopt;
  return m;
}

}  // namespace

std::optional<BundleManifest> ReadBundleManifest(const std::filesystem::path& path,
                                                 const SchemaRegistry& schemas,
                                                 const std::filesystem::path& evidence_root,
                                                 DiagnosticList& diagnostics) {
  std::filesystem::path base = path.parent_path();
  if (base.empty()) base = ".";
  std::filesystem::path root_dir = evidence_root.empty() ? base : evidence_root;
  auto resolve = [&](const std::string& href, std::string& problem) {
    return ResolveEvidencePath(base, href, root_dir, problem);
  };
  return ManifestFromXml(ReadXmlFile(path.string(), schemas), path, resolve, diagnostics);
}

std::optional<BundleManifest> ParseBundleManifest(std::string_view bytes,
                                                  const std::string& display_name,
                                                  const SchemaRegistry& schemas,
                                                  const EvidenceResolver& resolve,
                                                  DiagnosticList& diagnostics) {
  return ManifestFromXml(ParseXmlMemory(bytes, display_name, schemas), display_name, resolve,
                         diagnostics);
}

}  // namespace ehcp
