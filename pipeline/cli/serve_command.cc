// `ehcp serve`: the pipeline as an HTTP service (pipeline/serve/). Run by ehcp-serve,
// which links the HTTP library; `ehcp serve` hands over to it (renderer_handoff.h).

#include "cli/command.h"
#include "serve/server.h"

namespace ehcp {

void AddServeCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<serve::ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve validate, lint and render over HTTP, with a web page at /");
  cmd->add_option("--listen", options->listen,
                  "ADDR:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--token-file", options->token_file,
                  "File holding the bearer token clients must send; required beyond loopback")
      ->check(CLI::ExistingFile);
  cmd->add_option("--workers", options->workers,
                  "Requests worked on at once (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--queue", options->queue,
                  "Requests that may wait for a worker before 503 (default 32)")
      ->check(CLI::Range(0u, 4096u));
  cmd->add_option("--max-body", options->max_body_bytes,
                  "Largest request body in bytes (default 8 MiB)")
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
  cmd->add_option(
         "--timeout", options->timeout_seconds,
         "Seconds allowed to read a request, write an answer, or wait for a worker (default 10)")
      ->check(CLI::Range(1, 600));
  cmd->add_option("--profile", options->profile,
                  "Council profile adapting the lint rules (see quality/profiles/)")
      ->check(CLI::ExistingFile);
  cmd->callback(
      [options, &context] { context.exit_code = serve::RunServer(*options, context.resources); });
}

}  // namespace ehcp
