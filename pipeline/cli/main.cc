// ehcp: Education, Health and Care plan pipeline. One subcommand per stage.

#include <iostream>

#include "cli/command.h"

int main(int argc, char** argv) {
  ehcp::CommandContext context{ehcp::FindResources(argc > 0 ? argv[0] : "ehcp")};
  CLI::App app{"ehcp: validate, assemble, lint and render Education, Health and Care plans"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ehcp 0.1.0");

  ehcp::AddValidateCommand(app, context);
  ehcp::AddRenderCommand(app, context);
  ehcp::AddAssembleCommand(app, context);
  ehcp::AddBundleCommand(app, context);
  ehcp::AddLintCommand(app, context);

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
