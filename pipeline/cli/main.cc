// ehcp: Education, Health and Care plan pipeline. One subcommand per stage.
//
// Built twice: as `ehcp` (validate, assemble, lint, render; fully static, so it starts
// fast) and as `ehcp-render` (every command, linked against PoDoFo). `ehcp bundle` is
// handed over to ehcp-render; see renderer_handoff.h.

#include <iostream>

#include "cli/command.h"
#include "cli/renderer_handoff.h"
#ifdef EHCP_WITH_RENDERERS
#include "pdf/harfbuzz_shaper.h"
#endif

int main(int argc, char** argv) {
  if (argc > 1 && ehcp::IsServeCommand(argv[1])) return ehcp::HandOffToServer(argc, argv);
#ifndef EHCP_WITH_RENDERERS
  if (argc > 1 && ehcp::IsRendererCommand(argv[1])) return ehcp::HandOffToRenderer(argc, argv);
#endif
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
#ifdef EHCP_WITH_RENDERERS
  ehcp::AddBundleCommand(app, context);
#else
  // Listed in --help; never parsed here, because main hands it over before parsing.
  app.add_subcommand("bundle", "Build a tribunal hearing bundle PDF (run by ehcp-render)");
#endif
  ehcp::AddLintCommand(app, context);
  ehcp::AddImportCommand(app, context);
  ehcp::AddDiffCommand(app, context);
  ehcp::AddWorkingDocumentCommand(app, context);
  // Listed in --help; handed over to ehcp-serve before parsing.
  app.add_subcommand(
      "serve", "Serve validate, lint and render over HTTP with a web page (run by ehcp-serve)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? ehcp::kExitOk : ehcp::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "ehcp: internal error: " << e.what() << "\n";
    return ehcp::kExitUsage;
  }
  return context.exit_code;
}
