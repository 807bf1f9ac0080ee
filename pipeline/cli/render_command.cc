// `ehcp render PLAN...`: lays each plan out with a template set (templates/) and writes
// it as an accessible PDF, an editable DOCX and/or a self-contained HTML page. The render
// itself is the library's one path (render/render_plan.h); this command parses options,
// plans one job per plan (output names, clashes), runs them on a pool and reports.

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "bundle/plan_appendices.h"
#include "cli/command.h"
#include "cli/input_files.h"
#include "diagnostics/diagnostic_json.h"
#include "diagnostics/error_kind.h"
#include "document/template_set.h"
#include "loader/xml_tree.h"
#include "output/input_file.h"
#include "output/output_guard.h"
#include "pdf/complex_shaper.h"
#include "render/render_plan.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

struct RenderOptions {
  std::vector<std::string> inputs;
  std::string pdf;
  std::string docx;
  std::string html;
  std::string text;
  std::string out_dir;
  bool pdf_only = false;
  bool docx_only = false;
  std::vector<std::string> formats;  // with -o DIR: which of pdf, docx, html
  std::string template_name = "default";
  std::string format = "text";
  unsigned jobs = 0;
  std::string appendices;  // folder of the advice PDFs K marks appended
};

// What to write for one plan.
struct Job {
  std::string input;
  bool explicit_input = true;  // named on the command line, not found in a folder
  std::string pdf, docx, text;
  bool not_a_plan = false;  // found in a folder and known not to be a plan: skipped unread
  std::string html;
  std::string appendices;  // with a PDF: the folder its appendices are in
};

struct JobResult {
  bool ok = false;
  bool skipped = false;  // found in a folder but not a plan (contribution, case file...)
  ErrorKind kind = ErrorKind::kNone;  // an unreadable plan or unwritten output: exit 2
  std::vector<std::string> written;
  std::vector<std::string> not_written;  // outputs that failed (the others may be written)
  DiagnosticList diagnostics;
};

// A template name means templates/NAME; anything that looks like a path is a path.
fs::path TemplateFolder(const std::string& value, const ResourcePaths& resources) {
  if (value.find('/') != std::string::npos || value.rfind('.', 0) == 0) return fs::path(value);
  return resources.Templates() / value;
}

// samples/<case>/plan.xml is named after its case folder; other files after their stem.
std::string OutputStem(const std::string& input) {
  fs::path path(input);
  std::string stem = path.stem().string();
  if (stem == "plan") {
    fs::path folder = fs::absolute(path).parent_path().filename();
    if (!folder.empty()) return folder.string();
  }
  return stem;
}

void PrintUsageError(const std::string& message) {
  std::cerr << "ehcp render: " << message << "\n";
}

// The plan's bytes, read the one way inputs are read (a FIFO or device is refused,
// nothing over the loader's limit is read); empty when the file cannot be read, which
// loading the plan then reports.
std::string ReadBytes(const std::string& path) {
  return ReadInputFile(path, XmlLimits{}.max_file_bytes).bytes;
}

// Whether the file's root element is <plan> (or a prefixed plan), from its first start
// tag: enough to tell plans from case files and contributions found in the same folders.
bool LooksLikePlan(const std::string& path) {
  std::string bytes = ReadBytes(path);
  for (size_t at = bytes.find('<'); at != std::string::npos; at = bytes.find('<', at + 1)) {
    char next = at + 1 < bytes.size() ? bytes[at + 1] : '\0';
    if (next == '?' || next == '!') continue;
    size_t end = bytes.find_first_of(" \t\r\n/>", at + 1);
    std::string name =
        bytes.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    if (auto colon = name.find(':'); colon != std::string::npos) name = name.substr(colon + 1);
    return name == "plan";
  }
  return true;  // not XML we can read: let loading report it
}

// Plans one job per input, or reports a usage problem (exit 2) in `error`.
std::vector<Job> PlanJobs(const RenderOptions& options, const std::vector<std::string>& files,
                          const std::set<std::string>& explicit_files, std::string& error) {
  std::vector<Job> jobs;
  bool single = !options.pdf.empty() || !options.docx.empty() || !options.html.empty() ||
                !options.text.empty();
  if (single && !options.out_dir.empty()) {
    error = "give either --pdf/--docx/--html/--text for one plan, or -o DIR for many, not both";
    return {};
  }
  if (!single && options.out_dir.empty()) {
    error = "nothing to write: give --pdf OUT.pdf, --docx OUT.docx, --html OUT.html or -o DIR";
    return {};
  }
  if (!options.formats.empty() && options.out_dir.empty()) {
    error = "--formats goes with -o DIR";
    return {};
  }
  if (!options.formats.empty() && (options.pdf_only || options.docx_only)) {
    error = "give either --formats or --pdf-only/--docx-only, not both";
    return {};
  }
  if ((options.pdf_only || options.docx_only) && options.out_dir.empty()) {
    error = "--pdf-only and --docx-only go with -o DIR";
    return {};
  }
  if (!options.appendices.empty() && (options.pdf.empty() || !options.out_dir.empty())) {
    error = "--appendices goes with --pdf OUT.pdf for one plan";
    return {};
  }
  if (options.pdf_only && options.docx_only) {
    error = "--pdf-only and --docx-only cannot be used together";
    return {};
  }
  // With -o DIR: PDF and DOCX unless told otherwise.
  std::set<std::string> formats(options.formats.begin(), options.formats.end());
  if (formats.empty()) {
    if (!options.docx_only) formats.insert("pdf");
    if (!options.pdf_only) formats.insert("docx");
  }
  if (single) {
    if (files.size() != 1) {
      error = "--pdf, --docx, --html and --text name the output of one plan; for " +
              std::to_string(files.size()) + " inputs use -o DIR";
      return {};
    }
    jobs.push_back(Job{files[0], true, options.pdf, options.docx, options.text, false, options.html,
                       options.appendices});
  } else {
    for (const auto& file : files) {
      fs::path base = fs::path(options.out_dir) / OutputStem(file);
      Job job{file, explicit_files.count(file) > 0, "", "", "", false, "", ""};
      if (formats.count("pdf")) job.pdf = base.string() + ".pdf";
      if (formats.count("docx")) job.docx = base.string() + ".docx";
      if (formats.count("html")) job.html = base.string() + ".html";
      jobs.push_back(job);
    }
    // Two inputs named alike (the case.xml of two case folders, say) would share outputs.
    // Files found in folders that are not plans are skipped, as lint skips them; only
    // two plans with one name are an error.
    std::map<std::string, size_t> by_stem;
    for (size_t i = 0; i < jobs.size(); ++i) {
      auto [it, fresh] = by_stem.emplace(OutputStem(jobs[i].input), i);
      if (fresh) continue;
      for (Job* job : {&jobs[it->second], &jobs[i]}) {
        if (!job->explicit_input && !job->not_a_plan && !LooksLikePlan(job->input)) {
          job->not_a_plan = true;
          job->pdf.clear();
          job->docx.clear();
          job->html.clear();
        }
      }
      if (jobs[it->second].not_a_plan) {
        it->second = i;
      } else if (!jobs[i].not_a_plan) {
        error = jobs[i].input + " and " + jobs[it->second].input + " would both be written as " +
                it->first + ".*; render them separately";
        return {};
      }
    }
  }
  return jobs;
}

// Joins a thread when the scope ends, however it ends (a joinable std::thread destroyed
// would terminate the process).
struct JoinOnExit {
  std::thread& thread;
  ~JoinOnExit() {
    if (thread.joinable()) thread.join();
  }
};

// Renders one job through the library's one render path (render/render_plan.h).
JobResult RenderOne(const Job& job, const TemplateSet& templates, const SchemaRegistry& schemas,
                    bool parallel_formats) {
  JobResult result;
  if (job.not_a_plan) {
    result.skipped = true;
    result.ok = true;
    return result;
  }
  RenderRequest request;
  request.templates = &templates;
  request.skip_non_plans = !job.explicit_input;
  request.parallel_formats = parallel_formats;
  if (!job.pdf.empty()) request.outputs[RenderFormat::kPdf] = job.pdf;
  if (!job.docx.empty()) request.outputs[RenderFormat::kDocx] = job.docx;
  if (!job.html.empty()) request.outputs[RenderFormat::kHtml] = job.html;
  if (!job.text.empty()) request.outputs[RenderFormat::kText] = job.text;
  RenderResult rendered = job.appendices.empty() ? RenderPlanFile(job.input, request, schemas)
                                                 : RenderPlanWithAppendices(
                                                       job.input, job.appendices, request, schemas);
  result.ok = rendered.rendered;
  result.skipped = rendered.skipped;
  result.kind = rendered.Kind();
  result.written = std::move(rendered.written);
  result.not_written = std::move(rendered.not_written);
  result.diagnostics = std::move(rendered.diagnostics);
  return result;
}

int RunRender(const RenderOptions& options, const CommandContext& context) {
  DiagnosticList input_problems;
  std::vector<std::string> files = ExpandInputs(options.inputs, input_problems);
  std::set<std::string> explicit_files = NamedFiles(options.inputs);
  if (!input_problems.Empty()) {
    for (const auto& d : input_problems) std::cerr << FormatDiagnostic(d) << "\n";
    return kExitUsage;
  }
  if (files.empty()) {
    PrintUsageError("no plan files found in the inputs given");
    return kExitUsage;
  }

  std::string error;
  std::vector<Job> jobs = PlanJobs(options, files, explicit_files, error);
  if (!error.empty()) {
    PrintUsageError(error);
    return kExitUsage;
  }
  // Text in a script that needs shaping goes to ehcp-render, which links HarfBuzz: for
  // the PDF, and for the DOCX's contents, whose page numbers come from the same layout.
  if (context.hand_off_to_renderer && pdf::CurrentComplexShaper() == nullptr &&
      std::any_of(jobs.begin(), jobs.end(), [](const Job& job) {
        return (!job.pdf.empty() || !job.docx.empty()) && FileNeedsComplexShaping(job.input);
      }))
    return context.hand_off_to_renderer();

  // The plan schema compiles on a second thread while the template set loads.
  auto schemas = SchemaRegistry::WithDocumentSchemas(context.resources.Schemas());
  std::thread schema_compile([&schemas] {
    DiagnosticList ignored;  // a broken schema is reported again when the first plan loads
    schemas->Find("plan", ignored);
  });
  JoinOnExit join_schema_compile{schema_compile};

  DiagnosticList template_problems;
  fs::path template_folder = TemplateFolder(options.template_name, context.resources);
  std::optional<TemplateSet> templates = LoadTemplateSet(template_folder, template_problems);
  for (const auto& d : template_problems) std::cerr << FormatDiagnostic(d) << "\n";
  if (!templates) return kExitUsage;

  // Every output against every plan and template file, and against each other, before
  // anything is written.
  OutputGuard guard;
  guard.AddInputs(files);
  for (const auto& file : templates->files) guard.AddInput(file);
  if (!options.appendices.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.appendices, ec)) {
      PrintUsageError("--appendices " + options.appendices + " is not a folder");
      return kExitUsage;
    }
    // The advice PDFs are inputs too: the plan's PDF must not replace one.
    for (const auto& entry : fs::directory_iterator(options.appendices, ec))
      guard.AddInput(entry.path());
  }
  DiagnosticList refused;
  for (const auto& job : jobs)
    for (auto [out, kind] :
         {std::pair{&job.pdf, OutputKind::kPdf}, std::pair{&job.docx, OutputKind::kDocx},
          std::pair{&job.html, OutputKind::kHtml}, std::pair{&job.text, OutputKind::kText}})
      if (!out->empty() && !guard.ClaimOutput(*out, kind, refused)) break;
  if (refused.HasErrors()) {
    for (const auto& d : refused) std::cerr << FormatDiagnostic(d) << "\n";
    return kExitUsage;
  }

  if (!options.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) {
      PrintUsageError("cannot create output folder " + options.out_dir + ": " + ec.message());
      return kExitUsage;
    }
  }

  std::vector<JobResult> results(jobs.size());
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  unsigned workers = options.jobs > 0 ? options.jobs : cores;
  workers = std::min<unsigned>(workers, static_cast<unsigned>(jobs.size()));
  const bool parallel_formats = workers == 1 && cores > 1;

  // A small pool: each worker takes the next plan until none are left.
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::mutex progress_mutex;
  bool progress = isatty(STDERR_FILENO) != 0 && jobs.size() > 1;
  auto work = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      // Never throws: one plan's failure does not take the others down.
      results[i] = RenderOne(jobs[i], *templates, *schemas, parallel_formats);
      size_t finished = ++done;
      if (progress) {
        std::lock_guard lock(progress_mutex);
        std::cerr << "\rRendering: " << finished << " of " << jobs.size() << " plans" << std::flush;
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < workers; ++t) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  if (progress) std::cerr << "\r\033[K" << std::flush;

  int rendered = 0, failed = 0, skipped = 0;
  ErrorKind worst = ErrorKind::kNone;
  nlohmann::json report = nlohmann::json::array();
  for (size_t i = 0; i < jobs.size(); ++i) {
    const JobResult& r = results[i];
    if (r.skipped) {
      ++skipped;
    } else if (r.ok) {
      ++rendered;
    } else {
      ++failed;
    }
    if (ExitCode(r.kind) > ExitCode(worst)) worst = r.kind;
    if (options.format == "text") {
      for (const auto& d : r.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
      if (r.skipped) {
        std::cout << jobs[i].input << ": skipped (not a plan)\n";
      } else if (r.ok) {
        std::cout << jobs[i].input << ": wrote";
        for (size_t k = 0; k < r.written.size(); ++k) std::cout << (k ? ", " : " ") << r.written[k];
        std::cout << "\n";
      } else if (r.written.empty()) {
        std::cout << jobs[i].input << ": not rendered\n";
      } else {
        // One format failed (a script the PDF cannot show, say) and the others were
        // written: say which, so the file that was written is not missed or mistrusted.
        std::cout << jobs[i].input << ": wrote";
        for (size_t k = 0; k < r.written.size(); ++k) std::cout << (k ? ", " : " ") << r.written[k];
        std::cout << "; not written:";
        for (size_t k = 0; k < r.not_written.size(); ++k)
          std::cout << (k ? ", " : " ") << r.not_written[k];
        std::cout << "\n";
      }
    } else {
      nlohmann::json entry{
          {"file", jobs[i].input},        {"rendered", r.ok && !r.skipped},
          {"skipped", r.skipped},         {"outputs", r.written},
          {"not_written", r.not_written}, {"diagnostics", nlohmann::json::array()}};
      for (const auto& d : r.diagnostics) entry["diagnostics"].push_back(DiagnosticToJson(d));
      report.push_back(std::move(entry));
    }
  }
  int plans = rendered + failed;
  if (options.format == "text") {
    std::cout << plans << (plans == 1 ? " plan: " : " plans: ") << rendered << " rendered, "
              << failed << " not rendered";
    if (skipped > 0)
      std::cout << " (" << skipped << " other files skipped: case files, contributions)";
    std::cout << "\n";
  } else {
    nlohmann::json out{
        {"files", report},
        {"summary",
         {{"plans", plans}, {"rendered", rendered}, {"failed", failed}, {"skipped", skipped}}}};
    std::cout << DumpJson(out, 2) << "\n";
  }
  if (ExitCode(worst) > ExitCode(ErrorKind::kInvalid)) return ExitCode(worst);
  return ExitCode(failed == 0 ? ErrorKind::kNone : ErrorKind::kInvalid);
}

}  // namespace

void AddRenderCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand(
      "render", "Render plans as accessible PDF, editable DOCX and self-contained HTML documents");
  cmd->add_option("plans", options->inputs, "Plan XML files, or folders of them")->required();
  cmd->add_option("--pdf", options->pdf, "Write the PDF of the one plan given here");
  cmd->add_option("--docx", options->docx, "Write the DOCX of the one plan given here");
  cmd->add_option("--html", options->html,
                  "Write the one plan given here as an accessible HTML page");
  cmd->add_option("--text", options->text,
                  "Write a plain-text outline of the rendered document (for checking)");
  cmd->add_option("-o,--output-dir", options->out_dir,
                  "Write DIR/NAME.pdf and DIR/NAME.docx (and .html, see --formats) for every plan "
                  "(NAME: the file name, or the "
                  "folder name for .../NAME/plan.xml)");
  cmd->add_flag("--pdf-only", options->pdf_only, "With -o: write only PDFs");
  cmd->add_flag("--docx-only", options->docx_only, "With -o: write only DOCX files");
  cmd->add_option("--formats", options->formats,
                  "With -o: the formats to write (default: pdf,docx)")
      ->delimiter(',')
      ->check(CLI::IsMember({"pdf", "docx", "html"}));
  cmd->add_option("--appendices", options->appendices,
                  "With --pdf: append the advice K marks appended, one PDF each from DIR "
                  "(named like the entry's file, with .pdf; or K4.pdf for an entry without one)");
  cmd->add_option("--template", options->template_name,
                  "Template set: a name under templates/ (default: default) or a folder path");
  cmd->add_option("--format", options->format, "Report format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("-j,--jobs", options->jobs, "Plans rendered at once (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->callback([options, &context] { context.exit_code = RunRender(*options, context); });
}

}  // namespace ehcp
