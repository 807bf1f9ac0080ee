#include "working_document/proposals.h"

#include <sstream>

#include "loader/xml_tree.h"

namespace ehcp {
namespace {

Party PartyOf(const std::string& element) {
  if (element == "parent") return Party::kParent;
  if (element == "council") return Party::kCouncil;
  return Party::kAgreed;
}

ProposedWording ReadWording(const XmlElement& element) {
  ProposedWording wording;
  wording.party = PartyOf(element.name);
  wording.location = element.location;
  for (const XmlElement* p : element.Children("p")) {
    wording.paragraphs.push_back(Text{p->text, p->text_location, {}});
  }
  std::istringstream ids(element.AttributeOr("evidence"));
  for (std::string id; ids >> id;) wording.evidence.push_back(ItemRef{id, element.location});
  return wording;
}

}  // namespace

const EvidenceRef* Proposals::FindEvidence(const std::string& id) const {
  for (const auto& entry : evidence) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

void RegisterProposalsSchema(SchemaRegistry& schemas) {
  schemas.Register("proposals", "ehcp-proposals-1.xsd");
}

std::optional<Proposals> ReadProposals(const std::string& path, const SchemaRegistry& schemas,
                                       DiagnosticList& diagnostics) {
  ParsedXml parsed = ReadXmlFile(path, schemas);
  diagnostics.Append(parsed.diagnostics);
  if (!parsed.root) return std::nullopt;
  const XmlElement& root = *parsed.root;
  if (root.name != "proposals") {
    diagnostics.Error(
        "wdoc.not-proposals",
        "this is a <" + root.name + ">, not a <proposals> file (schemas/ehcp-proposals-1.xsd)",
        root.location);
    return std::nullopt;
  }
  Proposals proposals;
  proposals.location = root.location;
  proposals.plan_id = root.AttributeOr("plan");
  proposals.date = Date::FromIso(root.AttributeOr("date")).value_or(Date{});
  proposals.tribunal_reference = root.AttributeOr("tribunalReference");
  for (const XmlElement* element : root.Children("evidence")) {
    EvidenceRef entry;
    entry.id = element->AttributeOr("id");
    entry.document = element->AttributeOr("document");
    entry.author = element->AttributeOr("author");
    entry.date = Date::FromIso(element->AttributeOr("date")).value_or(Date{});
    entry.page = element->AttributeOr("page");
    entry.paragraph = element->AttributeOr("paragraph");
    entry.location = element->location;
    proposals.evidence.push_back(std::move(entry));
  }
  for (const XmlElement* element : root.Children("item")) {
    ItemProposal item;
    item.item_id = element->AttributeOr("ref");
    item.location = element->location;
    for (const XmlElement& child : element->children) {
      if (child.name == "agreed" || child.name == "parent" || child.name == "council") {
        item.wordings.push_back(ReadWording(child));
      }
    }
    proposals.items.push_back(std::move(item));
  }
  // The schema cannot key a list attribute, so citations are checked here.
  for (const auto& item : proposals.items) {
    for (const auto& wording : item.wordings) {
      for (const auto& ref : wording.evidence) {
        if (proposals.FindEvidence(ref.id) == nullptr) {
          diagnostics.Error("wdoc.evidence",
                            "item " + item.item_id + " cites evidence '" + ref.id +
                                "', which no <evidence> entry has as its id",
                            ref.location);
        }
      }
    }
  }
  if (diagnostics.HasErrors()) return std::nullopt;
  return proposals;
}

}  // namespace ehcp
