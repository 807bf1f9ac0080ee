#pragma once

// Routing, access and limits of `ehcp serve`, independent of the transport: a request in,
// a response out. The transport (http_server.h) calls Admit with the headers before it
// reads a body and Handle with the whole request; the fuzz target calls them directly.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "serve/admission.h"
#include "serve/endpoints.h"
#include "serve/http_message.h"
#include "serve/metrics.h"

namespace ehcp::serve {

struct ServiceOptions {
  std::string token;  // a bearer token every /v1 and /metrics request must carry; empty: none
  unsigned workers = 2;
  unsigned queue = 32;
  std::chrono::milliseconds queue_wait{10000};  // longest a request waits for a worker
};

// The web page (templates/web/): index.html, app.js, app.css; any may be empty.
struct WebAssets {
  std::string index_html, app_js, app_css;
  static WebAssets Load(const std::filesystem::path& folder);
};

// Whether `a` equals `b`, in time that depends only on b's length (the secret's).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

class Service {
 public:
  Service(ServiceOptions options, std::unique_ptr<Pipeline> pipeline, WebAssets web);

  // Answers now when the request is refused before its body matters: an unknown path or
  // method, or a missing or wrong token.
  std::optional<HttpResponse> Admit(const HttpRequest& head);
  HttpResponse Handle(const HttpRequest& request);
  // Every answered request, from the transport's log: counted for /metrics.
  void Observe(const RequestLogEntry& entry);

 private:
  HttpResponse RunPipeline(const HttpRequest& request);

  ServiceOptions options_;
  std::unique_ptr<Pipeline> pipeline_;
  WebAssets web_;
  AdmissionGate gate_;
  Metrics metrics_;
};

}  // namespace ehcp::serve
