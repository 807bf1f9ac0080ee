#include "cli/renderer_handoff.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace ehcp {

namespace {

int HandOffTo(const char* binary, int argc, char** argv) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    std::cerr << "ehcp: cannot find this executable to locate " << binary << ": " << ec.message()
              << "\n";
    return kExitUsage;
  }
  std::string target = (self.parent_path() / binary).string();
  std::vector<char*> args;
  args.push_back(target.data());
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execv(target.c_str(), args.data());
  std::cerr << "ehcp: " << argv[1] << " is run by " << target
            << ", which cannot be started: " << std::strerror(errno) << "\n";
  return kExitUsage;
}

}  // namespace

bool IsServeCommand(const char* command) {
  return command != nullptr && std::strcmp(command, "serve") == 0;
}

int HandOffToRenderer(int argc, char** argv) {
  return HandOffTo("ehcp-render", argc, argv);
}

int HandOffToServer(int argc, char** argv) {
  return HandOffTo("ehcp-serve", argc, argv);
}

}  // namespace ehcp
