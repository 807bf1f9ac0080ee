// `ehcp diff OLD.xml NEW.xml`: what an amendment changes, section by section and item by
// item. Exit codes follow diff(1): 0 the plans are the same, 1 they differ, 2 trouble
// (an input that is not a valid plan, an output not written).

#include <iostream>

#include "cli/command.h"
#include "cli/plan_pair.h"
#include "diagnostics/diagnostic_json.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "plan_diff/diff_report.h"
#include "plan_diff/plan_diff.h"
#include "policy/assembly_policy.h"

namespace ehcp {
namespace {

struct DiffCommandOptions {
  std::string old_file;
  std::string new_file;
  std::string format = "text";
  std::string output;
};

int Fail(const DiagnosticList& problems) {
  for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
  return kExitUsage;
}

int RunDiff(const DiffCommandOptions& options, const CommandContext& context) {
  DiagnosticList problems;
  const std::filesystem::path template_file = DiffTemplateFile(context.resources.Templates());
  if (!options.output.empty()) {
    // The report may overwrite neither plan nor its own template.
    OutputGuard guard;
    guard.AddInputs({options.old_file, options.new_file, template_file.string()});
    guard.AddInputs(PlanPairPolicyFiles(context.resources));
    if (!guard.ClaimOutput(options.output, ReportKind(options.format), problems))
      return Fail(problems);
  }
  // Items are paired by their words as assembly compares advice: its stop words.
  PlanPair plans =
      ReadPlanPair(context.resources, options.old_file, options.new_file, "diff", problems);
  if (!plans.Ok()) return Fail(problems);
  const Plan& old_plan = *plans.old_plan;
  const Plan& new_plan = *plans.new_plan;

  PlanDiff diff = DiffPlans(old_plan, new_plan, plans.policy->stop_words);
  DiffSubject subject{options.old_file, options.new_file, new_plan.meta.plan_id,
                      new_plan.child.KnownAs()};
  std::string report;
  if (options.format == "json") {
    report = DiffJson(diff, subject);
  } else if (options.format == "html") {
    std::optional<std::string> html = DiffHtml(diff, subject, template_file, problems);
    if (!html) return Fail(problems);
    report = std::move(*html);
  } else {
    report = DiffText(diff, subject);
  }
  if (options.output.empty()) {
    std::cout << report;
    std::cout.flush();
    if (!std::cout) return kExitUsage;
  } else if (!WriteFileAtomically(options.output, report, problems, Durability::kReproducible)) {
    return Fail(problems);
  }
  return diff.Empty() ? kExitOk : kExitFindings;
}

}  // namespace

void AddDiffCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<DiffCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Show what an amended plan changes, item by item and word by word");
  cmd->add_option("old", options->old_file, "The current plan (XML)")->required();
  cmd->add_option("new", options->new_file, "The amended or proposed plan (XML)")->required();
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("-o,--output", options->output,
                  "Write the report to this file instead of standard output");
  cmd->callback([options, &context] { context.exit_code = RunDiff(*options, context); });
}

}  // namespace ehcp
