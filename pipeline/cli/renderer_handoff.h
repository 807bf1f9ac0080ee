#pragma once

// `ehcp` is linked fully static so that every command starts in about 2 ms (loading
// shared libraries costs about 20 ms per run). Its libraries (zlib, minizip, ICU, pugixml,
// libxml2, OpenSSL's libcrypto) all have static archives in Debian; HarfBuzz, which shapes
// Devanagari, Bengali, Tamil and the other Indic scripts, does not. So a second, dynamically
// linked binary, `ehcp-render`, installed beside `ehcp`, is the same program with HarfBuzz:
// `render` and `bundle` hand over to it with exec, arguments unchanged, when text needs
// shaping.

namespace ehcp {

// Whether `command` (argv[1]) is `serve`, which ehcp-serve runs: it links the HTTP
// library, which Debian also ships only as a shared library.
bool IsServeCommand(const char* command);

// Replaces this process with ehcp-serve and the same arguments; as HandOffToRenderer.
int HandOffToServer(int argc, char** argv);

// Replaces this process with ehcp-render (found beside this executable) and the same
// arguments. Returns only on failure, after printing why, with the usage exit code.
int HandOffToRenderer(int argc, char** argv);

}  // namespace ehcp
