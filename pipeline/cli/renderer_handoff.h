#pragma once

// `ehcp` is linked fully static so that validate, lint, assemble and render start in
// about 2 ms (loading the ~30 shared libraries PoDoFo brings costs about 20 ms per run).
// The PDF and DOCX writers need only zlib, minizip, ICU and pugixml, whose static
// archives Debian ships. The bundle stage still uses PoDoFo, which Debian ships only as a
// shared library, so `bundle` lives in a second, dynamically linked binary, `ehcp-render`,
// installed beside `ehcp`; `ehcp` hands it over with exec, arguments unchanged.

namespace ehcp {

// Whether `command` (argv[1]) is one that ehcp-render runs.
bool IsRendererCommand(const char* command);

// Whether `command` (argv[1]) is `serve`, which ehcp-serve runs: it links the HTTP
// library, which Debian also ships only as a shared library.
bool IsServeCommand(const char* command);

// Replaces this process with ehcp-serve and the same arguments; as HandOffToRenderer.
int HandOffToServer(int argc, char** argv);

// Replaces this process with ehcp-render (found beside this executable) and the same
// arguments. Returns only on failure, after printing why, with the usage exit code.
int HandOffToRenderer(int argc, char** argv);

}  // namespace ehcp
