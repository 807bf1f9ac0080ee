// `ehcp validate FILE...`: checks plans and contributions against their schemas and
// reports every problem found, not only the first.

#include <iostream>

#include "cli/command.h"
#include "cli/input_files.h"
#include "diagnostics/diagnostic_json.h"
#include "diagnostics/error_kind.h"
#include "loader/document_loader.h"

namespace ehcp {
namespace {

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
};

bool IsIoProblem(const DiagnosticList& diagnostics) {
  return HasKind(diagnostics, ErrorKind::kUnreadable);
}

int RunValidate(const ValidateOptions& options, const CommandContext& context) {
  DiagnosticList input_problems;
  std::vector<std::string> files = ExpandInputs(options.inputs, input_problems);
  auto schemas = SchemaRegistry::WithDocumentSchemas(context.resources.Schemas());

  nlohmann::json report = nlohmann::json::array();
  int valid = 0, invalid = 0;
  bool unreadable = !input_problems.Empty();

  for (const auto& d : input_problems) {
    if (options.format == "text") std::cout << FormatDiagnostic(d) << "\n";
    report.push_back({{"file", d.location.FileName()},
                      {"kind", "unknown"},
                      {"valid", false},
                      {"diagnostics", nlohmann::json::array({DiagnosticToJson(d)})}});
  }

  for (const auto& file : files) {
    LoadedDocument doc = LoadDocument(file, *schemas);
    bool ok = doc.Ok();
    ok ? ++valid : ++invalid;
    unreadable = unreadable || IsIoProblem(doc.diagnostics);
    if (options.format == "text") {
      for (const auto& d : doc.diagnostics) std::cout << FormatDiagnostic(d) << "\n";
      if (ok) {
        std::string id = doc.plan ? doc.plan->meta.plan_id : doc.contribution->id;
        std::cout << file << ": valid " << DocumentKindName(doc.kind) << " " << id << "\n";
      }
    } else {
      nlohmann::json entry{
          {"file", file}, {"kind", std::string(DocumentKindName(doc.kind))}, {"valid", ok}};
      entry["diagnostics"] = nlohmann::json::array();
      for (const auto& d : doc.diagnostics) entry["diagnostics"].push_back(DiagnosticToJson(d));
      report.push_back(std::move(entry));
    }
  }

  int total = valid + invalid + static_cast<int>(input_problems.Size());
  if (options.format == "text") {
    std::cout << total << (total == 1 ? " file: " : " files: ") << valid << " valid, "
              << (total - valid) << " invalid\n";
  } else {
    nlohmann::json out{
        {"files", report},
        {"summary", {{"files", total}, {"valid", valid}, {"invalid", total - valid}}}};
    std::cout << DumpJson(out, 2) << "\n";
  }
  if (unreadable) return kExitUsage;
  return total == valid ? kExitOk : kExitFindings;
}

}  // namespace

void AddValidateCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check plans and contributions against the schemas");
  cmd->add_option("files", options->inputs, "Plan or contribution XML files, or folders of them")
      ->required();
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([options, &context] { context.exit_code = RunValidate(*options, context); });
}

}  // namespace ehcp
