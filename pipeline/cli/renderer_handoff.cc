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

bool IsRendererCommand(const char* command) {
  return command != nullptr && std::strcmp(command, "bundle") == 0;
}

int HandOffToRenderer(int argc, char** argv) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    std::cerr << "ehcp: cannot find this executable to locate ehcp-render: " << ec.message()
              << "\n";
    return kExitUsage;
  }
  std::string renderer = (self.parent_path() / "ehcp-render").string();
  std::vector<char*> args;
  args.push_back(renderer.data());
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  execv(renderer.c_str(), args.data());
  std::cerr << "ehcp: " << argv[1] << " is run by " << renderer
            << ", which cannot be started: " << std::strerror(errno) << "\n";
  return kExitUsage;
}

}  // namespace ehcp
