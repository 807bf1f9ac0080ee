#pragma once

// The proposals file of a tribunal working document (schemas/ehcp-proposals-1.xsd): for
// each plan item, the wording already agreed and each party's proposed wording, and the
// evidence each relies on. Plain structs with locations, like the plan model; no XML
// type leaves the reader.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "model/plan.h"

namespace ehcp {

// A place in the evidence, cited in a footnote.
struct EvidenceRef {
  std::string id;
  std::string document;
  std::string author;
  Date date;
  std::string page;       // empty = not given
  std::string paragraph;  // empty = not given
  SourceLocation location;
};

// Who proposes a wording, in the tribunal's key.
enum class Party { kAgreed, kParent, kCouncil };

struct ProposedWording {
  Party party = Party::kAgreed;
  Prose paragraphs;
  std::vector<ItemRef> evidence;  // ids of EvidenceRef
  SourceLocation location;
};

struct ItemProposal {
  std::string item_id;                    // "B2", "F7", or "I" for Section I
  std::vector<ProposedWording> wordings;  // at most one per party, agreed first
  SourceLocation location;
};

struct Proposals {
  std::string plan_id;
  Date date;
  std::string tribunal_reference;
  std::vector<EvidenceRef> evidence;
  std::vector<ItemProposal> items;
  SourceLocation location;

  const EvidenceRef* FindEvidence(const std::string& id) const;
};

// Lets `schemas` validate <proposals> files.
void RegisterProposalsSchema(SchemaRegistry& schemas);

// Reads and validates a proposals file. Errors (not well formed, schema violations, an
// evidence id cited but not listed: [wdoc.evidence]) are located; nothing is returned
// when there is any.
std::optional<Proposals> ReadProposals(const std::string& path, const SchemaRegistry& schemas,
                                       DiagnosticList& diagnostics);

}  // namespace ehcp
