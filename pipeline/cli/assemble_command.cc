// `ehcp assemble CASE_DIR -o DRAFT.xml [--report FILE] [--format text|json]`: builds a
// draft plan from a case file and advice contributions. The draft is validated against
// the plan schema in memory and written atomically, or not at all. Conflicts and gaps in
// the advice are reported for the officer; they do not stop the draft.

#include <iostream>

#include "assemble/assembler.h"
#include "assemble/assembly_inputs.h"
#include "assemble/assembly_report.h"
#include "assemble/plan_xml_writer.h"
#include "cli/command.h"
#include "diagnostics/diagnostic_json.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "policy/assembly_policy.h"

namespace ehcp {
namespace {

struct AssembleOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string report;
  std::string format = "text";
};

std::string RenderReport(const AssemblyReport& report, const std::string& format) {
  if (format == "json") return DumpJson(AssemblyReportToJson(report), 2) + "\n";
  return FormatAssemblyReportText(report);
}

// Writes the report to --report (atomically) or stdout. False when it cannot be written.
bool EmitReport(const AssemblyReport& report, const AssembleOptions& options) {
  std::string text = RenderReport(report, options.format);
  if (options.report.empty()) {
    std::cout << text;
    return true;
  }
  // The report file has the details; the terminal gets the outcome and any errors.
  for (const auto& d : report.diagnostics)
    if (d.severity == Severity::kError) std::cout << FormatDiagnostic(d) << "\n";
  if (report.written) {
    size_t conflicts = report.conflicts.size();
    std::cout << "draft written to " << report.draft_path << ": " << report.merges.size()
              << " merged, " << conflicts << (conflicts == 1 ? " conflict" : " conflicts")
              << " to resolve; report in " << options.report << "\n";
  } else {
    std::cout << "no draft written; report in " << options.report << "\n";
  }
  DiagnosticList problems;
  if (WriteFileAtomically(options.report, text, problems)) return true;
  for (const auto& d : problems) std::cout << FormatDiagnostic(d) << "\n";
  return false;
}

int RunAssemble(const AssembleOptions& options, const CommandContext& context) {
  auto schemas = AssemblySchemas(context.resources.Schemas());
  AssemblyInputs inputs = ReadAssemblyInputs(options.inputs, *schemas);

  AssemblyReport report;
  if (inputs.case_file) {
    report.plan_id = inputs.case_file->plan_id;
    report.child_name = inputs.case_file->child.legal_name.Full();
  }
  auto refuse = [&](int code) {
    report.diagnostics.Append(inputs.diagnostics);
    bool reported = EmitReport(report, options);
    return reported ? code : kExitUsage;
  };
  // Both outputs are checked against every file read, and against each other, before
  // anything is written; a refused report path is never written either, so the report
  // then goes to standard output.
  OutputGuard guard;
  guard.AddInputs(inputs.files);
  guard.AddInputs(options.inputs);
  DiagnosticList refused;
  bool outputs_ok = guard.ClaimOutput(options.output, OutputKind::kXml, refused);
  if (!options.report.empty())
    outputs_ok =
        guard.ClaimOutput(options.report, ReportKind(options.format), refused) && outputs_ok;
  if (!outputs_ok) {
    inputs.diagnostics.Append(refused);
    report.diagnostics.Append(inputs.diagnostics);
    AssembleOptions to_stdout = options;
    to_stdout.report.clear();
    EmitReport(report, to_stdout);
    return kExitUsage;
  }
  if (!inputs.Ok()) return refuse(inputs.usage_error ? kExitUsage : kExitFindings);

  // The policy is read before any input is trusted: a council's mistake in it is reported
  // at its place and nothing is assembled.
  std::optional<AssemblyPolicy> policy =
      LoadAssemblyPolicy(context.resources.Quality(), *schemas, inputs.diagnostics);
  if (!policy) return refuse(kExitUsage);
  AssemblyResult result = AssemblePlan(*inputs.case_file, std::move(inputs.contributions), *policy);
  report = std::move(result.report);
  if (!result.plan) return EmitReport(report, options) ? kExitFindings : kExitUsage;

  // Validate in memory before anything touches the disk.
  std::string xml;
  if (!RenderValidPlanXml(*result.plan, options.output, *schemas, "assemble.invalid-draft",
                          "the assembled draft does not validate against the plan schema; "
                          "nothing was written",
                          xml, report.diagnostics))
    return EmitReport(report, options) ? kExitFindings : kExitUsage;
  DiagnosticList write_problems;
  if (!WriteFileAtomically(options.output, xml, write_problems)) {
    report.diagnostics.Append(write_problems);
    EmitReport(report, options);
    return kExitUsage;
  }
  report.written = true;
  report.draft_path = options.output;
  return EmitReport(report, options) ? kExitOk : kExitUsage;
}

}  // namespace

void AddAssembleCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<AssembleOptions>();
  CLI::App* cmd = app.add_subcommand(
      "assemble", "Assemble a draft plan from a case file and advice contributions");
  cmd->add_option(
         "inputs", options->inputs,
         "A case folder (case.xml and contributions/), or a case file and contribution files")
      ->required();
  cmd->add_option("-o,--output", options->output, "Where to write the draft plan XML")->required();
  cmd->add_option("--report", options->report,
                  "Write the assembly report here instead of to standard output");
  cmd->add_option("--format", options->format, "Report format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([options, &context] { context.exit_code = RunAssemble(*options, context); });
}

}  // namespace ehcp
