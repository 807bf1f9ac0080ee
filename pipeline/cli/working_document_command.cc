// `ehcp working-document PLAN.xml PROPOSALS.xml -o WD.docx`: the tribunal working
// document from a plan and the parties' proposals. Exit 0 written (warnings such as the
// page estimate are for the author), 1 an input invalid, 2 usage, unreadable or not
// written.

#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "docx/docx_writer.h"
#include "loader/data_file.h"
#include "loader/document_loader.h"
#include "output/output_guard.h"
#include "working_document/working_document.h"

namespace ehcp {
namespace {

struct WorkingDocumentCommandOptions {
  std::string plan_file;
  std::string proposals_file;
  std::string output;
};

void Print(const DiagnosticList& problems) {
  for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
}

// The limit is the bundle rules' working-document section, so a change to the Practice
// Direction is one edit in quality/ for both the bundle and this check.
std::optional<int> PageLimit(const std::filesystem::path& rules_file,
                             const std::filesystem::path& schema_dir, DiagnosticList& problems) {
  SchemaRegistry schemas(schema_dir);
  schemas.Register("bundleRules", "ehcp-bundle-1.xsd");
  std::optional<XmlElement> root =
      ReadDataFile(rules_file.string(), schemas, "bundleRules", "bundle.rules", problems);
  if (!root) return std::nullopt;
  for (const XmlElement* section : root->Children("section")) {
    if (section->AttributeOr("id") == "working-document")
      return std::atoi(section->AttributeOr("pageLimit").c_str());
  }
  return 0;  // no working-document section: not checked
}

int RunWorkingDocument(const WorkingDocumentCommandOptions& options,
                       const CommandContext& context) {
  DiagnosticList problems;
  const std::filesystem::path rules_file = context.resources.Quality() / "bundle-rules.xml";
  OutputGuard guard;
  guard.AddInputs({options.plan_file, options.proposals_file, rules_file.string()});
  if (!guard.ClaimOutput(options.output, OutputKind::kDocx, problems)) {
    Print(problems);
    return kExitUsage;
  }
  std::optional<int> page_limit = PageLimit(rules_file, context.resources.Schemas(), problems);
  if (!page_limit) {
    Print(problems);
    return kExitUsage;
  }

  auto schemas = SchemaRegistry::WithDocumentSchemas(context.resources.Schemas());
  RegisterProposalsSchema(*schemas);
  std::optional<Plan> plan = LoadPlanOnly(options.plan_file, *schemas, "wdoc",
                                          "the working document shows a plan's wording", problems);
  std::optional<Proposals> proposals = ReadProposals(options.proposals_file, *schemas, problems);
  if (!plan || !proposals || problems.HasErrors()) {
    Print(problems);
    return kExitFindings;
  }

  WorkingDocumentOptions build_options;
  build_options.page_limit = *page_limit;
  std::optional<WorkingDocument> built =
      BuildWorkingDocument(*plan, *proposals, build_options, problems);
  if (!built) {
    Print(problems);
    return kExitFindings;
  }
  DocxOptions docx_options;
  // Stamped with the version's date, so the same inputs give the same bytes; the
  // reproducible-builds variable still wins when set.
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch == nullptr || *epoch == '\0')
    docx_options.source_date_epoch = proposals->date.DaysSinceEpoch() * 86400;
  if (!WriteDocx(built->document, docx_options, options.output, problems)) {
    Print(problems);
    return kExitUsage;
  }
  Print(problems);
  std::cout << "wrote " << options.output << ": " << proposals->items.size()
            << " item(s) with proposals, about " << built->estimated_pages << " page(s)";
  if (*page_limit > 0) std::cout << " (the tribunal's limit is " << *page_limit << ")";
  std::cout << "\n";
  return kExitOk;
}

}  // namespace

void AddWorkingDocumentCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<WorkingDocumentCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "working-document",
      "Write the tribunal working document (DOCX) from a plan and the parties' proposals");
  cmd->add_option("plan", options->plan_file, "The plan (XML)")->required();
  cmd->add_option("proposals", options->proposals_file,
                  "The proposals (schemas/ehcp-proposals-1.xsd)")
      ->required();
  cmd->add_option("-o,--output", options->output, "The working document to write (DOCX)")
      ->required();
  cmd->callback([options, &context] { context.exit_code = RunWorkingDocument(*options, context); });
}

}  // namespace ehcp
