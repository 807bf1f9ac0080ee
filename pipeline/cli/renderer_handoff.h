#pragma once

// `ehcp` is linked fully static so that validate, lint and assemble start in about 2 ms
// (loading the ~30 shared libraries PoDoFo and libzip bring costs about 20 ms per run).
// Debian ships PoDoFo and libzip only as shared libraries, so `render` and `bundle` live
// in a second, dynamically linked binary, `ehcp-render`, installed beside `ehcp`; `ehcp`
// hands those commands over to it with exec, keeping the arguments unchanged.

namespace ehcp {

// Whether `command` (argv[1]) is one that ehcp-render runs.
bool IsRendererCommand(const char* command);

// Replaces this process with ehcp-render (found beside this executable) and the same
// arguments. Returns only on failure, after printing why, with the usage exit code.
int HandOffToRenderer(int argc, char** argv);

}  // namespace ehcp
