// `ehcp import DRAFT.docx --base DRAFT.xml -o DRAFT2.xml [--report FILE] [--format text|json]
// [--template NAME]`: reads an officer's edits to a DOCX that ehcp wrote back into the
// plan. The report says what changed, item by item, and what could not be mapped.
// Without --base: `ehcp import FORM.docx -o CONTRIBUTION.xml` reads an advice form that
// `ehcp form contribution` wrote (forms/form_import.h) as a contribution.

#include <iostream>

#include "cli/command.h"
#include "forms/form_import.h"
#include "import/import_run.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"

namespace ehcp {
namespace {

struct ImportOptions {
  std::string docx;
  std::string base;
  std::string output;
  std::string report;
  std::string format = "text";
  std::string template_name = "default";
};

// The report to standard output, or to --report with a line saying where it went.
int Report(const std::string& text, bool written, int exit_code, const ImportOptions& options) {
  if (options.report.empty()) {
    std::cout << text;
    return exit_code;
  }
  std::cout << (written ? "wrote " + options.output : "not written: " + options.output)
            << "; report in " << options.report << "\n";
  DiagnosticList problems;
  if (!WriteFileAtomically(options.report, text, problems, Durability::kReproducible)) {
    for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
    return kExitUsage;
  }
  return exit_code;
}

int ImportForm(const ImportOptions& options, const CommandContext& context) {
  if (!options.report.empty()) {
    OutputGuard guard;
    guard.AddInputs({options.docx});
    DiagnosticList refused;
    if (!guard.ClaimOutput(options.output, OutputKind::kXml, refused) ||
        !guard.ClaimOutput(options.report, ReportKind(options.format), refused)) {
      for (const auto& d : refused) std::cerr << FormatDiagnostic(d) << "\n";
      return kExitUsage;
    }
  }
  forms::FormImportRun run = forms::RunFormImport(options.docx, options.output, context.resources);
  return Report(forms::FormImportReportText(run, options.docx, options.output), run.written,
                run.exit_code, options);
}

int Import(const ImportOptions& options, const CommandContext& context) {
  if (options.base.empty()) return ImportForm(options, context);
  ImportRequest request{options.docx, options.base, options.output, options.template_name};
  // A template name means templates/NAME; anything that looks like a path is a path.
  if (options.template_name.find('/') == std::string::npos)
    request.template_folder = (context.resources.Templates() / options.template_name).string();
  if (!options.report.empty()) {
    OutputGuard guard;
    guard.AddInputs({options.docx, options.base});
    DiagnosticList refused;
    if (!guard.ClaimOutput(options.output, OutputKind::kXml, refused) ||
        !guard.ClaimOutput(options.report, ReportKind(options.format), refused)) {
      for (const auto& d : refused) std::cerr << FormatDiagnostic(d) << "\n";
      return kExitUsage;
    }
  }
  ImportRun run = RunImport(request, context.resources);
  std::string text =
      options.format == "json" ? ImportReportJson(run, request) : ImportReportText(run, request);
  return Report(text, run.written, run.exit_code, options);
}

}  // namespace

void AddImportCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd =
      app.add_subcommand("import",
                         "Read an edited DOCX that ehcp wrote back into the plan, or a filled "
                         "advice form into a contribution");
  cmd->add_option("docx", options->docx, "The edited Word document")->required();
  cmd->add_option("--base", options->base,
                  "The plan the DOCX was rendered from (not for an advice form)");
  cmd->add_option("-o,--output", options->output, "Where to write the updated plan XML")
      ->required();
  cmd->add_option("--report", options->report,
                  "Write the change report here instead of to standard output");
  cmd->add_option("--format", options->format, "Report format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--template", options->template_name,
                  "The template set the DOCX was rendered with (default: default)");
  cmd->callback([options, &context] { context.exit_code = Import(*options, context); });
}

}  // namespace ehcp
