// `ehcp render PLAN...`: lays each plan out with a template set (templates/) and writes
// it as an accessible PDF, an editable DOCX and/or a self-contained HTML page. Every
// format renders the same doc::Document, so they never disagree on sections, order or
// wording.

#include <unicode/utf8.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "bundle/plan_appendices.h"
#include "cli/command.h"
#include "cli/input_files.h"
#include "diagnostics/diagnostic_json.h"
#include "document/document_dump.h"
#include "document/plan_document.h"
#include "docx/docx_writer.h"
#include "html/html_writer.h"
#include "loader/document_loader.h"
#include "loader/xml_tree.h"
#include "output/atomic_output.h"
#include "output/input_file.h"
#include "output/output_guard.h"
#include "pdf/complex_shaper.h"
#include "pdf/pdf_writer.h"

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
  bool skipped = false;          // found in a folder but not a plan (contribution, case file...)
  bool unreadable = false;       // the input could not be read at all
  bool output_failed = false;    // an output could not be written (exit 2, as documented)
  bool appendix_failed = false;  // an appendix is missing or unreadable (exit 2)
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

// Whether the file at `path` has text in a script that needs shaping (the PDF writer's
// own test, pdf::NeedsComplexShaping). A scan of the raw bytes, before any parsing: a
// plan with such text is handed to ehcp-render whole.
bool HasShapedScript(const std::string& path) {
  std::string bytes = ReadBytes(path);
  const int32_t size = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < size;) {
    UChar32 cp;
    U8_NEXT(bytes.data(), i, size, cp);
    if (cp >= 0 && pdf::NeedsComplexShaping(static_cast<char32_t>(cp))) return true;
  }
  return false;
}

// The first place the file at `path` has character `cp` (its text came from there), as
// file:line:col with the loader's byte columns; the file alone when it is not found
// (written as a character reference, say).
SourceLocation LocateCharacter(const std::string& path, char32_t cp) {
  std::string bytes = ReadBytes(path);
  char utf8[4];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(utf8, length, 4, static_cast<UChar32>(cp), error);
  size_t at =
      error ? std::string::npos : bytes.find(std::string_view(utf8, static_cast<size_t>(length)));
  if (at == std::string::npos) return FileLocation(path);
  size_t line_start = bytes.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  int line = 1 + static_cast<int>(std::count(
                     bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  return FileLocation(path, line, static_cast<int>(at - line_start + 1));
}

// `parallel_formats`: write the DOCX on a second thread while the PDF is written (when a
// core would otherwise be idle: one plan, or one worker).
JobResult RenderOne(const Job& job, const TemplateSet& templates, const SchemaRegistry& schemas,
                    bool parallel_formats) {
  JobResult result;
  if (job.not_a_plan) {
    result.skipped = true;
    result.ok = true;
    return result;
  }
  // Load, build, write, discard: each worker holds one plan at a time.
  LoadedDocument loaded = LoadDocument(job.input, schemas);
  if (!job.explicit_input && loaded.NotAPlan()) {  // a contribution or case file in a folder
    result.skipped = true;
    result.ok = true;
    return result;
  }
  result.diagnostics.Append(loaded.diagnostics);
  for (const auto& d : loaded.diagnostics)
    result.unreadable = result.unreadable || d.code == "io.read";
  if (!loaded.Ok()) return result;
  if (!loaded.plan) {
    result.diagnostics.Error("render.not-a-plan",
                             "this is a contribution, not a plan: only plans can be rendered",
                             loaded.contribution->location);
    return result;
  }

  // With appendices, the PDF's document links K's entries to them (the other formats
  // carry no appendices, so theirs does not).
  std::vector<PlanAppendix> appendices;
  std::optional<doc::Document> pdf_document;
  if (!job.appendices.empty()) {
    appendices = MatchAppendices(*loaded.plan, job.appendices, templates, result.diagnostics);
    if (result.diagnostics.HasErrors()) {
      result.appendix_failed = true;
      return result;
    }
    PlanDocumentOptions document_options;
    document_options.appendix_links = AppendixLinks(appendices);
    pdf_document = BuildPlanDocument(*loaded.plan, templates, document_options, result.diagnostics);
  }
  doc::Document document;
  if (!pdf_document || !job.docx.empty() || !job.html.empty() || !job.text.empty()) {
    DiagnosticList again;  // the same findings as the PDF's document, when there is one
    document =
        BuildPlanDocument(*loaded.plan, templates, pdf_document ? again : result.diagnostics);
  }
  loaded.plan.reset();
  if (result.diagnostics.HasErrors()) return result;

  bool docx_ok = true;
  DiagnosticList docx_diagnostics;
  auto write_docx = [&] {
    DocxOptions docx_options;
    docx_options.asset_root = templates.folder;
    docx_ok = WriteDocx(document, docx_options, job.docx, docx_diagnostics);
  };
  std::thread docx_thread;
  JoinOnExit join_docx{docx_thread};  // also when the PDF writer throws
  if (!job.docx.empty() && !job.pdf.empty() && parallel_formats)
    docx_thread = std::thread(write_docx);

  bool ok = true;
  if (!job.pdf.empty()) {
    PdfOptions pdf_options;
    pdf_options.asset_root = templates.folder;
    pdf_options.locate_character = [&job](char32_t cp) { return LocateCharacter(job.input, cp); };
    bool pdf_ok = false;
    if (pdf_document) {
      // The plan laid out in memory, its appendices after it, then written at once.
      std::string plan_pdf, bytes;
      pdf_ok =
          RenderPdf(*pdf_document, pdf_options, job.input, plan_pdf, result.diagnostics) &&
          AppendToPlanPdf(std::move(plan_pdf), job.input, appendices, bytes, result.diagnostics) &&
          WriteFileAtomically(job.pdf, bytes, result.diagnostics, Durability::kReproducible);
    } else {
      pdf_ok = WritePdf(document, pdf_options, job.pdf, result.diagnostics);
    }
    if (pdf_ok) {
      result.written.push_back(job.pdf);
    } else {
      result.not_written.push_back(job.pdf);
      ok = false;
    }
  }
  if (!job.docx.empty()) {
    if (docx_thread.joinable()) {
      docx_thread.join();
    } else {
      write_docx();
    }
    // Reported after the PDF's, whichever finished first, so output is the same each run.
    result.diagnostics.Append(docx_diagnostics);
    if (docx_ok) {
      result.written.push_back(job.docx);
    } else {
      result.not_written.push_back(job.docx);
      ok = false;
    }
  }
  if (!job.html.empty()) {
    HtmlOptions html_options;
    html_options.page_template = templates.html_page;
    html_options.page_template_file = templates.html_page_file.string();
    html_options.asset_root = templates.folder;
    if (templates.html_page.empty()) {
      result.diagnostics.Error(
          "render.html-template",
          "the template set has no plan.html (the HTML page's skeleton and styles); copy "
          "templates/default/plan.html, or add \"extends\": \"default\"",
          FileLocation((templates.folder / "template.json").string()));
    }
    if (!templates.html_page.empty() &&
        WriteHtml(document, html_options, job.html, result.diagnostics)) {
      result.written.push_back(job.html);
    } else {
      result.not_written.push_back(job.html);
      ok = false;
    }
  }
  if (!job.text.empty()) {
    if (WriteFileAtomically(job.text, doc::DumpDocument(document), result.diagnostics,
                            Durability::kReproducible)) {
      result.written.push_back(job.text);
    } else {
      result.not_written.push_back(job.text);
      ok = false;
    }
  }
  result.ok = ok && !result.diagnostics.HasErrors();
  for (const auto& d : result.diagnostics) {
    result.output_failed = result.output_failed || d.code == "io.write";
    result.appendix_failed = result.appendix_failed || d.code == "render.appendix";
  }
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
  // Text in a script that needs shaping goes to ehcp-render, which links HarfBuzz.
  if (context.hand_off_to_renderer && pdf::CurrentComplexShaper() == nullptr &&
      std::any_of(jobs.begin(), jobs.end(),
                  [](const Job& job) { return !job.pdf.empty() && HasShapedScript(job.input); }))
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
    for (const std::string* out : {&job.pdf, &job.docx, &job.html, &job.text})
      if (!out->empty() && !guard.ClaimOutput(*out, refused)) break;
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
      try {
        results[i] = RenderOne(jobs[i], *templates, *schemas, parallel_formats);
      } catch (const std::exception& e) {
        // Libraries may throw; one plan's failure must not take the others down.
        results[i].diagnostics.Error(
            "render.failed",
            std::string("this plan could not be rendered (internal error: ") + e.what() +
                "); please report it",
            FileLocation(jobs[i].input));
      }
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
  bool unreadable = false, output_failed = false, appendix_failed = false;
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
    unreadable = unreadable || r.unreadable;
    output_failed = output_failed || r.output_failed;
    appendix_failed = appendix_failed || r.appendix_failed;
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
  if (unreadable || output_failed || appendix_failed) return kExitUsage;
  return failed == 0 ? kExitOk : kExitFindings;
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
