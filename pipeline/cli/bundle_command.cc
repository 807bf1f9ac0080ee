// `ehcp bundle MANIFEST -o OUT.pdf [--page-map FILE.json] [--evidence-root DIR]`: builds a
// First-tier Tribunal hearing bundle and prints its page map and SHA-256, so every party
// can confirm they hold the same bundle.

#include <algorithm>
#include <iostream>

#include "bundle/bundle_builder.h"
#include "cli/command.h"
#include "pdf/complex_shaper.h"
#include "policy/wording.h"

namespace ehcp {
namespace {

// Whether the bundle failed only because text in the manifest or a plan needs shaping,
// which this binary cannot do (ehcp-render can: renderer_handoff.h). Nothing was written.
bool NeedsShaping(const BundleResult& result) {
  return result.outcome != BundleOutcome::kWritten && pdf::CurrentComplexShaper() == nullptr &&
         std::any_of(result.diagnostics.begin(), result.diagnostics.end(), [](const Diagnostic& d) {
           return d.code == "pdf.unprintable-character" || d.code == "bundle.glyph";
         });
}

int RunBundle(const BundleOptions& options, const CommandContext& context) {
  BundleResult result = BuildBundle(options, context.resources);
  if (context.hand_off_to_renderer && NeedsShaping(result)) return context.hand_off_to_renderer();
  for (const auto& d : result.diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
  switch (result.outcome) {
    case BundleOutcome::kWritten:
      std::cout << FormatPageMap(*result.page_map);
      std::cout << "Wrote " << options.output.string() << " ("
                << Counted(result.page_map->total_pages, "page", "pages") << ")\n";
      if (!options.page_map.empty()) std::cout << "Page map: " << options.page_map.string() << "\n";
      std::cout << "SHA-256: " << result.page_map->sha256 << "\n";
      break;
    case BundleOutcome::kRejected:
      std::cerr << "ehcp bundle: " << options.manifest.string() << ": bundle not written ("
                << result.diagnostics.Count(Severity::kError) << " error(s))\n";
      break;
    case BundleOutcome::kNotWritten:
      std::cerr << "ehcp bundle: " << options.manifest.string() << ": bundle not written\n";
      break;
  }
  return ExitCode(result.Kind());
}

}  // namespace

void AddBundleCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<BundleOptions>();
  CLI::App* cmd =
      app.add_subcommand("bundle", "Build a First-tier Tribunal hearing bundle from a manifest");
  cmd->add_option("manifest", options->manifest, "Bundle manifest XML (schemas/ehcp-bundle-1.xsd)")
      ->required();
  cmd->add_option("-o,--output", options->output, "The bundle PDF to write")->required();
  cmd->add_option("--page-map", options->page_map, "Also write the page map and SHA-256 as JSON");
  cmd->add_option("--evidence-root", options->evidence_root,
                  "Folder that every document must lie inside (default: the manifest's folder)");
  cmd->callback([options, &context] { context.exit_code = RunBundle(*options, context); });
}

}  // namespace ehcp
