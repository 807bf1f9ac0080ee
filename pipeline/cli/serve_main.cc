// ehcp-serve: `ehcp serve`, in a binary of its own because the HTTP library Debian ships
// (cpp-httplib) is shared-only and `ehcp` is fully static. `ehcp serve ...` execs it with
// the same arguments; it can also be started directly (the systemd unit does).

#include "cli/command.h"
#include "pdf/harfbuzz_shaper.h"

int main(int argc, char** argv) {
  ehcp::CommandContext context{
      ehcp::FindResources(argc > 0 ? argv[0] : "ehcp-serve"), ehcp::kExitOk, {}};
  ehcp::pdf::UseHarfBuzzShaper();  // plans with Indic-script names render here too
  CLI::App app{"ehcp-serve: the ehcp pipeline as an HTTP service"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ehcp-serve 0.1.0");
  ehcp::AddServeCommand(app, context);
  return ehcp::RunCommandLine(app, context, argc, argv, "ehcp serve");
}
