// `ehcp lint FILE|DIR...`: checks plans against the quality framework in quality/ and
// reports findings as text, JSON, SARIF or HTML. With several plans (or a folder) it runs
// in caseload mode: all cores, a progress bar on a terminal, and a summary at the end.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <future>
#include <iostream>
#include <set>

#include "cli/command.h"
#include "cli/input_files.h"
#include "council_reader/council_reader.h"
#include "diagnostics/error_kind.h"
#include "lint/caseload.h"
#include "lint/linter.h"
#include "lint/rule_set.h"
#include "loader/document_loader.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"
#include "report/caseload_summary.h"
#include "report/html_report.h"
#include "report/json_report.h"
#include "report/lint_plan.h"
#include "report/text_report.h"
#ifdef EHCP_WITH_RENDERERS
#include "pdf_plan_reader/pdf_plan.h"
#endif

namespace ehcp {
namespace {

bool IsPdfFile(const std::string& path) {
  if (path.size() < 4) return false;
  std::string tail = path.substr(path.size() - 4);
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".pdf";
}

struct LintOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string output;
  std::string profile;
  std::string fail_on = "error";
};

struct PlanWork {
  bool skipped = false;  // found in a folder, but not a plan
  PlanFindings findings;
  std::string html;  // the rendered report, in single-plan HTML mode
};

PlanWork LintFile(const std::string& file, LoadedDocument doc, const Linter& linter,
                  const HtmlReporter* html) {
  LintedPlan linted = LintLoadedPlan(file, std::move(doc), linter, html);
  return PlanWork{false, std::move(linted.findings), std::move(linted.html)};
}

int RunLint(const LintOptions& options, const CommandContext& context) {
  auto fail = [](const DiagnosticList& problems) {
    for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
    return kExitUsage;
  };
  DiagnosticList input_problems;
  // A caseload folder may hold the council's Word plans beside XML ones.
  std::vector<std::string> files = ExpandInputs(options.inputs, input_problems, {".xml", ".docx"});
  std::set<std::string> explicit_files = NamedFiles(options.inputs);
  if (files.empty() && input_problems.Empty())
    input_problems.Error(kReadFailedCode, "no plan files found in the given folders", {});

  // PDF plans are read with poppler, which only ehcp-render links: hand the whole run over
  // (arguments unchanged), so `ehcp lint plan.pdf` works as the user typed it.
  if (context.hand_off_to_renderer && std::any_of(files.begin(), files.end(), IsPdfFile))
    return context.hand_off_to_renderer();

  auto schemas = SchemaRegistry::WithDocumentSchemas(context.resources.Schemas());
  RegisterRuleSchemas(*schemas);
  RegisterCouncilSchema(*schemas);
  DiagnosticList setup;
  // A council's own Word and PDF plans are read with the heading and header words in quality/.
  std::optional<CouncilPlanReader> word_reader;
  if (std::any_of(files.begin(), files.end(),
                  [](const std::string& f) { return IsWordPlanFile(f) || IsPdfFile(f); })) {
    word_reader = CouncilPlanReader::Load(context.resources.Quality(), *schemas, setup);
    if (!word_reader) return fail(setup);
  }
  auto load = [&](const std::string& file) {
    if (IsPdfFile(file)) {
#ifdef EHCP_WITH_RENDERERS
      return LoadPdfPlanToLint(file, *word_reader);
#else
      // Only when ehcp was built without ehcp-render's hand-over (a test build): say so
      // plainly rather than "Start tag expected".
      LoadedDocument refused;
      refused.diagnostics.Error("lint.pdf",
                                "PDF plans are read by ehcp-render, which this ehcp cannot run",
                                FileLocation(file));
      return refused;
#endif
    }
    return IsWordPlanFile(file) ? LoadWordPlanToLint(file, *word_reader)
                                : LoadPlanToLint(file, *schemas);
  };
  // The first plan loads while the rule set does: with one plan (the common case from an
  // editor or a script) the two take about the same time, and this machine has 2 cores.
  std::future<LoadedDocument> first_plan;
  if (!files.empty())
    first_plan = std::async(std::launch::async, [&] { return load(files.front()); });
  auto rules = RuleSet::Load(RuleSet::RuleFiles(context.resources.Quality()), options.profile,
                             *schemas, setup);
  if (!rules) return fail(setup);
  std::unique_ptr<HtmlReporter> html;
  if (options.format == "html") {
    html = HtmlReporter::Load(context.resources.Templates() / "lint", setup);
    if (!html) return fail(setup);
  }
  if (!options.output.empty()) {
    // The report may overwrite no plan, profile, rule file or report template.
    OutputGuard guard;
    guard.AddInputs(files);
    guard.AddInputs(RuleSet::RuleFiles(context.resources.Quality()));
    if (!options.profile.empty()) guard.AddInput(options.profile);
    if (word_reader) guard.AddInputs(CouncilPlanReader::DataFiles(context.resources.Quality()));
    if (html) guard.AddInputs(HtmlReporter::TemplateFiles(context.resources.Templates() / "lint"));
    if (!guard.ClaimOutput(options.output, ReportKind(options.format), setup)) return fail(setup);
  }
  bool single_html = html && files.size() == 1 && input_problems.Empty();

  std::unique_ptr<AtomicOutput> atomic;
  std::ofstream file_out;
  if (!options.output.empty()) {
    atomic = std::make_unique<AtomicOutput>(options.output, Durability::kReproducible);
    if (!atomic->Open(setup)) return fail(setup);
    file_out.open(atomic->TempPath(), std::ios::binary);
    if (!file_out) {
      setup.Error(kWriteFailedCode, "cannot write the report", FileLocation(options.output));
      return fail(setup);
    }
  }
  std::ostream& out = options.output.empty() ? std::cout : file_out;
  bool colour =
      options.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;

  Linter linter(*rules);
  Severity fail_on = ParseSeverity(options.fail_on).value_or(Severity::kError);
  // Stage, next statutory date and the 20-week share, counted from SOURCE_DATE_EPOCH's day
  // (reproducible reports) or today.
  DiagnosticList clock_problems;
  const Date as_of = StatusDate(clock_problems);
  for (const auto& d : clock_problems) std::cerr << FormatDiagnostic(d) << "\n";
  CaseloadSummary summary;
  summary.TrackStatus(as_of, CaseTimescalesFrom(*rules));
  if (html && !single_html) summary.KeepFindings();
  std::unique_ptr<JsonReportWriter> json;
  std::unique_ptr<SarifReportWriter> sarif;
  if (options.format == "json") {
    json = std::make_unique<JsonReportWriter>(out);
    json->SetAsOf(as_of);
  }
  if (options.format == "sarif") sarif = std::make_unique<SarifReportWriter>(out, *rules);

  bool input_error = !input_problems.Empty();
  bool reached = false;
  auto report = [&](PlanWork&& work) {
    if (work.skipped) return summary.AddSkipped();
    const PlanFindings& plan = work.findings;
    summary.Add(plan);
    input_error = input_error || !plan.loaded;
    reached = reached || (plan.loaded && ReachesLevel(plan.findings, fail_on));
    if (options.format == "text") WriteTextReport(plan, out, colour);
    if (json) json->Add(plan);
    if (sarif) sarif->Add(plan);
    if (single_html) out << work.html;
    // Invalid files are reported on stderr too, so they are seen whatever the format.
    if (!plan.loaded && options.format != "text")
      for (const auto& d : plan.load_problems) std::cerr << FormatDiagnostic(d) << "\n";
  };
  for (const auto& d : input_problems) {
    PlanWork missing;
    missing.findings.file = d.location.FileName();
    missing.findings.load_problems.push_back(d);
    report(std::move(missing));
  }

  ProgressBar progress(files.size());
  ForEachInOrder<PlanWork>(
      files.size(), WorkerCount(files.size()),
      [&](size_t i) {
        LoadedDocument doc = i == 0 ? first_plan.get() : load(files[i]);
        if (!explicit_files.count(files[i]) && doc.NotAPlan()) return PlanWork{true, {}, {}};
        // A library exception while linting one plan is an error about that plan: the
        // rest of the caseload is still linted and the report stays whole.
        try {
          return LintFile(files[i], std::move(doc), linter, single_html ? html.get() : nullptr);
        } catch (const std::exception& e) {
          PlanWork failed;
          failed.findings.file = files[i];
          DiagnosticList problem;
          problem.Error("lint.internal",
                        std::string("this plan could not be linted (internal error: ") + e.what() +
                            "); please report it",
                        FileLocation(files[i]));
          failed.findings.load_problems = problem.Items();
          return failed;
        }
      },
      [&](size_t i, PlanWork&& work) {
        report(std::move(work));
        progress.Update(i + 1);
      });

  if (options.format == "text" && (summary.Plans() > 1 || summary.Skipped() > 0))
    summary.WriteText(out);
  if (json) json->Finish(summary);
  if (sarif) sarif->Finish();
  if (html && !single_html) out << html->RenderCaseload(summary, *rules);
  if (atomic) {
    file_out.close();
    DiagnosticList written;
    if (!file_out || !atomic->Commit(written)) return fail(written);
  }
  // A council's word-list term that backtracked without end was stopped: say which.
  if (DiagnosticList slow = rules->MatchTimeOuts(); !slow.Empty()) {
    for (const auto& d : slow) std::cerr << FormatDiagnostic(d) << "\n";
    return kExitUsage;
  }
  if (input_error) return kExitUsage;
  return reached ? kExitFindings : kExitOk;
}

}  // namespace

void AddLintCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<LintOptions>();
  CLI::App* cmd =
      app.add_subcommand("lint", "Check plans against the quality framework (quality/)");
  cmd->add_option("inputs", options->inputs,
                  "Plan XML files, a council's Word (.docx) or PDF plans, or folders of XML and "
                  "Word plans (caseload mode)")
      ->required();
  cmd->add_option("--format", options->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "html"}));
  cmd->add_option("-o,--output", options->output,
                  "Write the report to this file instead of standard output");
  cmd->add_option("--profile", options->profile,
                  "Council profile adapting the rules (see quality/profiles/)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--fail-on", options->fail_on, "Exit 1 when a finding reaches this severity")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  cmd->callback([options, &context] { context.exit_code = RunLint(*options, context); });
}

}  // namespace ehcp
