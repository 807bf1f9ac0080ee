#pragma once

// The HTTP/1.1 transport of `ehcp serve`, on cpp-httplib (Debian's libcpp-httplib-dev).
// This is the only unit that includes httplib.h: requests and responses cross it as the
// plain structs of http_message.h, so the library could be swapped here alone.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "serve/http_message.h"

namespace ehcp::serve {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Port())
  unsigned connection_threads = 16;
  size_t max_body_bytes = 8u << 20;
  int read_timeout_seconds = 5;   // a client slower than this between bytes is dropped
  int write_timeout_seconds = 5;  // likewise for one that stops reading the answer
  int keep_alive_seconds = 2;
};

class HttpServer {
 public:
  // `admit` sees a request before its body is read (headers, path, query; body empty) and
  // may answer it at once (unauthorised, unknown route); `handle` gets the whole request.
  using Admit = std::function<std::optional<HttpResponse>(const HttpRequest&)>;
  using Handle = std::function<HttpResponse(const HttpRequest&)>;
  using Log = std::function<void(const RequestLogEntry&)>;

  HttpServer(HttpServerOptions options, Admit admit, Handle handle, Log log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; false with `error` when it cannot.
  bool Bind(std::string& error);
  int Port() const;
  // Serves until Stop(); returns after in-flight requests have been answered.
  void Run();
  // Stops accepting; callable from any thread. Has no effect before Run has started
  // accepting (see IsRunning).
  void Stop();
  bool IsRunning() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ehcp::serve
