// ehcp: Education, Health and Care plan pipeline. One subcommand per stage.
//
// Built twice: as `ehcp` (every command; fully static, so it starts fast) and as
// `ehcp-render` (the same, linked against HarfBuzz to shape Indic scripts). `ehcp` hands
// over to ehcp-render only when text needs shaping; see renderer_handoff.h.

#include "cli/command.h"
#include "cli/renderer_handoff.h"
#ifdef EHCP_WITH_RENDERERS
#include "pdf/harfbuzz_shaper.h"
#endif

int main(int argc, char** argv) {
  if (argc > 1 && ehcp::IsServeCommand(argv[1])) return ehcp::HandOffToServer(argc, argv);
  ehcp::CommandContext context{ehcp::FindResources(argc > 0 ? argv[0] : "ehcp"), ehcp::kExitOk, {}};
#ifdef EHCP_WITH_RENDERERS
  ehcp::pdf::UseHarfBuzzShaper();
#else
  context.hand_off_to_renderer = [argc, argv] { return ehcp::HandOffToRenderer(argc, argv); };
#endif
  CLI::App app{"ehcp: validate, assemble, lint and render Education, Health and Care plans"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ehcp 0.1.0");

  ehcp::AddValidateCommand(app, context);
  ehcp::AddRenderCommand(app, context);
  ehcp::AddAssembleCommand(app, context);
  ehcp::AddBundleCommand(app, context);
  ehcp::AddLintCommand(app, context);
  ehcp::AddImportCommand(app, context);
  ehcp::AddFormCommand(app, context);
  ehcp::AddDiffCommand(app, context);
  ehcp::AddAmendCommand(app, context);
  ehcp::AddIssueCommand(app, context);
  ehcp::AddWorkingDocumentCommand(app, context);
  // Listed in --help; handed over to ehcp-serve before parsing.
  app.add_subcommand(
      "serve", "Serve validate, lint and render over HTTP with a web page (run by ehcp-serve)");

  return ehcp::RunCommandLine(app, context, argc, argv, "ehcp");
}
