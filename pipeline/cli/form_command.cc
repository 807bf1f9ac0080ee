// `ehcp form contribution --from education|health|social-care|parent|child -o FORM.docx`:
// writes the advice form a professional or the family fills in Word; `ehcp import
// FORM.docx -o CONTRIBUTION.xml` reads it back (forms/form_import.h).

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/command.h"
#include "forms/form_wording.h"
#include "forms/form_writer.h"
#include "output/atomic_output.h"
#include "output/output_guard.h"

namespace ehcp {
namespace {

struct FormOptions {
  std::string from;
  std::string output;
};

// SOURCE_DATE_EPOCH when set (reproducible files), else now.
int64_t FormEpoch() {
  if (const char* value = std::getenv("SOURCE_DATE_EPOCH"); value != nullptr && *value != '\0') {
    errno = 0;
    char* end = nullptr;
    long long seconds = std::strtoll(value, &end, 10);
    if (errno == 0 && end != nullptr && *end == '\0' && seconds >= 0) return seconds;
  }
  return static_cast<int64_t>(std::time(nullptr));
}

int WriteForm(const FormOptions& options, const CommandContext& context) {
  DiagnosticList diagnostics;
  auto report = [&](int code) {
    for (const auto& d : diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
    return code;
  };
  std::filesystem::path wording_file = forms::FormWordingFile(context.resources.Templates());
  OutputGuard guard;
  guard.AddInputs({wording_file.string()});
  if (!guard.ClaimOutput(options.output, OutputKind::kDocx, diagnostics)) return report(kExitUsage);
  auto schemas = SchemaRegistry::WithDocumentSchemas(context.resources.Schemas());
  forms::RegisterFormSchema(*schemas);
  std::optional<forms::FormWording> wording =
      forms::LoadFormWording(wording_file, *schemas, diagnostics);
  if (!wording) return report(kExitUsage);
  const forms::FormSpec* spec = wording->Find(options.from);
  if (spec == nullptr) {
    diagnostics.Error("form.kind", "the form wording has no '" + options.from + "' form",
                      FileLocation(wording_file.string()));
    return report(kExitUsage);
  }
  std::string bytes;
  if (!forms::RenderFormDocx(*spec, FormEpoch(), bytes, diagnostics) ||
      !WriteFileAtomically(options.output, bytes, diagnostics, Durability::kReproducible))
    return report(kExitUsage);
  report(kExitOk);
  std::cout << "wrote " << options.output << " (" << spec->title << ")\n";
  return kExitOk;
}

}  // namespace

void AddFormCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<FormOptions>();
  CLI::App* form = app.add_subcommand("form", "Write a Word form to fill in");
  form->require_subcommand(1);
  CLI::App* cmd = form->add_subcommand(
      "contribution", "An advice form for an EHC needs assessment; `ehcp import` reads it back");
  std::vector<std::string> kinds(std::begin(forms::kFormKinds), std::end(forms::kFormKinds));
  cmd->add_option("--from", options->from, "Who fills it in")
      ->required()
      ->check(CLI::IsMember(kinds));
  cmd->add_option("-o,--output", options->output, "Where to write the form (.docx)")->required();
  cmd->callback([options, &context] { context.exit_code = WriteForm(*options, context); });
}

}  // namespace ehcp
