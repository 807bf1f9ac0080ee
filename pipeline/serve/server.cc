#include "serve/server.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "serve/allocator.h"
#include "serve/http_server.h"
#include "serve/service.h"

namespace ehcp::serve {
namespace {

int Fail(const std::string& message) {
  std::cerr << "ehcp serve: " << message << "\n";
  return 2;
}

// The token: the file's first line, without surrounding white space.
bool ReadToken(const std::string& path, std::string& token, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read the token file " + path;
    return false;
  }
  std::getline(in, token);
  auto blank = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!token.empty() && blank(static_cast<unsigned char>(token.back()))) token.pop_back();
  token.erase(token.begin(),
              std::find_if(token.begin(), token.end(), [&](char c) { return !blank(c); }));
  if (token.size() < 16) {
    error = "the token in " + path + " is shorter than 16 characters";
    return false;
  }
  return true;
}

}  // namespace

bool ParseListen(const std::string& listen, std::string& host, int& port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return false;
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return false;  // an IPv6 address goes in brackets
  }
  std::string digits = listen.substr(colon + 1);
  if (digits.size() > 5 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  port = std::stoi(digits);
  return port <= 65535;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int RunServer(const ServeOptions& options, const ResourcePaths& resources) {
  std::string host;
  int port = 0;
  if (!ParseListen(options.listen, host, port))
    return Fail("--listen wants ADDR:PORT, not " + options.listen);
  ServiceOptions service_options;
  if (!options.token_file.empty()) {
    std::string error;
    if (!ReadToken(options.token_file, service_options.token, error)) return Fail(error);
  } else if (!IsLoopback(host)) {
    return Fail("listening on " + host +
                " needs --token-file: without a token only loopback is served");
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  service_options.workers = options.workers > 0 ? options.workers : cores;
  service_options.queue = options.queue;
  service_options.queue_wait = std::chrono::seconds(options.timeout_seconds);

  TuneAllocator(service_options.workers);

  auto started = std::chrono::steady_clock::now();
  DiagnosticList problems;
  std::unique_ptr<Pipeline> pipeline = Pipeline::Load(resources, options.profile, problems);
  for (const auto& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
  if (!pipeline) return Fail("cannot load the schemas, rules and templates");
  Service service(service_options, std::move(pipeline),
                  WebAssets::Load(resources.Templates() / "web"));

  // SIGTERM and SIGINT are taken by one thread with sigwait, so every thread the server
  // starts inherits them blocked; a vanished client's SIGPIPE is ignored.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  HttpServerOptions http;
  http.host = host;
  http.port = port;
  // Connection threads read bodies and write answers; more than the workers so that slow
  // clients wait on their own sockets, not in front of the pipeline.
  http.connection_threads = std::max(16u, 4 * service_options.workers + service_options.queue);
  http.max_body_bytes = options.max_body_bytes;
  http.read_timeout_seconds = options.timeout_seconds;
  http.write_timeout_seconds = options.timeout_seconds;
  std::mutex log_mutex;
  HttpServer server(
      http, [&service](const HttpRequest& head) { return service.Admit(head); },
      [&service](const HttpRequest& request) { return service.Handle(request); },
      [&service, &log_mutex](const RequestLogEntry& entry) {
        service.Observe(entry);
        char line[256];
        std::snprintf(
            line, sizeof line, "ehcp serve: request %llu %s %s %d in=%zuB out=%zuB %.2fms\n",
            entry.id,
            entry.method == "GET" || entry.method == "POST" ? entry.method.c_str() : "other",
            std::string(Metrics::EndpointName(entry.path)).c_str(), entry.status,
            entry.request_bytes, entry.response_bytes, entry.milliseconds);
        std::lock_guard lock(log_mutex);
        std::cerr << line << std::flush;
      });
  std::string error;
  if (!server.Bind(error)) return Fail(error);

  std::atomic<bool> signalled{false};
  std::atomic<bool> run_returned{false};
  std::thread watcher([&] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    signalled = true;
    // A signal just after start may come before the server accepts, when stopping it
    // would do nothing: wait until it runs (or has given up), then stop it.
    while (!server.IsRunning() && !run_returned)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    server.Stop();
  });
  double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cout << "ehcp serve: listening on http://" << shown_host << ":" << server.Port() << "/ ("
            << service_options.workers << " workers, " << AllocatorName() << ", loaded in "
            << static_cast<int>(load_ms) << " ms)" << std::endl;
  server.Run();  // returns once stopped and the requests in flight are answered
  run_returned = true;
  if (!signalled) pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  std::cerr << "ehcp serve: stopped" << std::endl;
  return 0;
}

}  // namespace ehcp::serve
