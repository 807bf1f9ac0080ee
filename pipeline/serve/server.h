#pragma once

// `ehcp serve`: the pipeline as an HTTP/1.1 service. Loads everything once, listens, and
// serves until SIGTERM or SIGINT, then finishes the requests in flight and returns.

#include <string>

#include "resources/resource_paths.h"

namespace ehcp::serve {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT, [IPv6]:PORT; port 0 picks a free one
  std::string token_file;                 // required to listen beyond the loopback interface
  std::string profile;                    // council profile for the linter
  unsigned workers = 0;                   // pipeline workers; 0: one per core
  unsigned queue = 32;                    // requests that may wait for a worker
  size_t max_body_bytes = 8u << 20;
  int timeout_seconds = 10;  // reading a request, writing an answer, waiting for a worker
};

// Returns the process exit code: 0 after a clean stop, 2 when it cannot start (a bad
// address, a public address without a token, an unreadable token file or resources).
// Prints "ehcp serve: listening on http://ADDR:PORT/" on standard output when ready, and
// one line per request on standard error (id, endpoint, status, sizes, time; never content).
int RunServer(const ServeOptions& options, const ResourcePaths& resources);

// Splits "ADDR:PORT" / "[ADDR]:PORT"; false when it is neither.
bool ParseListen(const std::string& listen, std::string& host, int& port);
// 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

}  // namespace ehcp::serve
