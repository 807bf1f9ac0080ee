#pragma once

// Reads a council's own EHC plan, a Word document that ehcp did not write, into the plan
// model, so that `ehcp lint plan.docx` finds what it would find in the same plan as XML.
//
// The reader sees a neutral text (model/plan_text.h): paragraphs and table cells in reading
// order with a place each, built by the DOCX front end (PlanTextOf below) or the PDF one
// (pdf_plan_reader/), so it never knows which file format the plan came in. They are walked:
// headings in their many forms ("Section B: Special educational needs", "Part B", "B.",
// "SECTION F –", "Sections B, E and F") say which section follows; tables are mapped by
// their header words (needs, outcomes, provision, advice; a table whose columns span need,
// outcome and provision is a golden-thread table whose rows link them); provision written
// as sentences is read through the provision grammar. The words of headings, headers and
// labels are data (quality/council-plans.xml, schemas/ehcp-council-1.xsd).
//
// Every item's location names its place in the reader's document ("Section F, table 2,
// row 3, column 'Provision'", "Section B, paragraph 4"), and what a plan must have but this
// one lacks comes back as StructureProblems, exactly as the tolerant XML reader reports
// them, so lint grades the gaps the same way.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "docx_reader/docx_reader.h"
#include "loader/document_loader.h"
#include "loader/schema_registry.h"
#include "model/plan.h"
#include "model/plan_text.h"
#include "model/structure_problem.h"
#include "provision_text/provision_grammar.h"

namespace ehcp {

struct CouncilReading {
  Plan plan;
  std::vector<StructureProblem> structure;
};

class CouncilPlanReader {
 public:
  ~CouncilPlanReader();
  CouncilPlanReader(CouncilPlanReader&&) noexcept;
  CouncilPlanReader& operator=(CouncilPlanReader&&) noexcept;

  // Loads and validates the vocabulary (council-plans.xml) and the provision grammar, both
  // in `quality_dir`; nothing on error (reported in `diagnostics`).
  // The files Load reads, so a command's outputs can be kept off them.
  static std::vector<std::string> DataFiles(const std::filesystem::path& quality_dir);

  static std::optional<CouncilPlanReader> Load(const std::filesystem::path& quality_dir,
                                               const SchemaRegistry& schemas,
                                               DiagnosticList& diagnostics);

  // Builds the plan from a plan's text in reading order. `display_name` names the file in
  // every location; a place with a page starts with it ("page 3, Section F, ...").
  CouncilReading Read(const PlanText& document, const std::string& display_name) const;
  // The same for a document read by the DOCX reader.
  CouncilReading Read(const WordDocument& document, const std::string& display_name) const;

  struct Vocabulary;  // the loaded word lists (defined in the .cc)

 private:
  CouncilPlanReader(std::unique_ptr<Vocabulary> vocabulary, ProvisionGrammar grammar);
  std::unique_ptr<Vocabulary> vocabulary_;
  std::unique_ptr<ProvisionGrammar> grammar_;
};

// Registers the vocabulary file's root element (<councilPlanReading>).
void RegisterCouncilSchema(SchemaRegistry& schemas);

// The DOCX front end: a Word document's paragraphs as the reader's neutral text.
PlanText PlanTextOf(const WordDocument& document);

// A plan's text read into the plan and its gaps for lint, or, when a front end could not
// read the file (`document` empty), `loaded` with that front end's error as it is.
LoadedDocument LoadPlanTextToLint(std::optional<PlanText> document, LoadedDocument loaded,
                                  const std::string& display_name, const CouncilPlanReader& reader);

// A file lint should read as a council's Word plan: its name ends in .docx (any case).
bool IsWordPlanFile(const std::string& path);

// Reads the Word plan at `path` for lint: the plan and its gaps, or the DOCX reader's one
// error (encrypted, macro-enabled, corrupt, too big) in `diagnostics`.
LoadedDocument LoadWordPlanToLint(const std::string& path, const CouncilPlanReader& reader);

// The same for a Word plan held in memory (the service); `display_name` names it.
LoadedDocument ParseWordPlanToLint(std::string_view bytes, const std::string& display_name,
                                   const CouncilPlanReader& reader);

}  // namespace ehcp
