#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include "diagnostics/error_kind.h"
#include "resources/resource_paths.h"

namespace ehcp {

// Exit codes shared by every command, from the one table of error kinds
// (diagnostics/error_kind.h), which the service maps to HTTP statuses too.
inline constexpr int kExitOk = ExitCode(ErrorKind::kNone);
inline constexpr int kExitFindings = ExitCode(ErrorKind::kInvalid);  // invalid input, findings
inline constexpr int kExitUsage = ExitCode(ErrorKind::kUsage);  // usage, unreadable, not written

// What every command gets from main: where the data folders are.
struct CommandContext {
  ResourcePaths resources;
  int exit_code = kExitOk;
  // In the static `ehcp`: replaces the process with ehcp-render and the same arguments
  // (see renderer_handoff.h), for work only ehcp-render can do. Empty in ehcp-render.
  std::function<int()> hand_off_to_renderer;
};

// Parses the command line, which runs the command it names (its callback sets
// context.exit_code), and gives the exit code: --help and --version 0, a bad argument
// kExitUsage, and an exception that escapes a command kExitUsage too, reported as
// "`program`: internal error: ...". Every binary's main ends with it.
inline int RunCommandLine(CLI::App& app, const CommandContext& context, int argc, char** argv,
                          std::string_view program) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << program << ": internal error: " << e.what() << "\n";
    return kExitUsage;
  }
  return context.exit_code;
}

// Each command adds itself as a CLI11 subcommand; its callback sets context.exit_code.
void AddValidateCommand(CLI::App& app, CommandContext& context);
void AddRenderCommand(CLI::App& app, CommandContext& context);
void AddAssembleCommand(CLI::App& app, CommandContext& context);
void AddBundleCommand(CLI::App& app, CommandContext& context);
void AddLintCommand(CLI::App& app, CommandContext& context);
void AddImportCommand(CLI::App& app, CommandContext& context);
void AddDiffCommand(CLI::App& app, CommandContext& context);
void AddFormCommand(CLI::App& app, CommandContext& context);
void AddAmendCommand(CLI::App& app, CommandContext& context);
void AddIssueCommand(CLI::App& app, CommandContext& context);
void AddWorkingDocumentCommand(CLI::App& app, CommandContext& context);
void AddServeCommand(CLI::App& app, CommandContext& context);  // ehcp-serve only

}  // namespace ehcp
