// Requests as the HTTP library hands them over (method, path, query, Authorization,
// multipart parts or a body) through the service: routing, access, option checks, the
// queue and the endpoints down to the plan model and the writers; folders as ZIP bodies or
// parts (the safe ZIP reader, the bundle's in-memory file source, Word import). Every
// answer must be a known status with a body, and the protected endpoints must never answer
// without the token.

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "serve/service.h"

namespace {

constexpr const char* kToken = "fuzz-token-0123456789";

ehcp::serve::Service& TheService() {
  static std::unique_ptr<ehcp::serve::Service> service = [] {
    ehcp::DiagnosticList problems;
    ehcp::ResourcePaths resources{EHCP_SOURCE_DIR};
    auto pipeline = ehcp::serve::Pipeline::Load(resources, "", problems);
    if (!pipeline) __builtin_trap();  // the bundled resources must always load
    ehcp::serve::ServiceOptions options;
    options.token = kToken;
    options.workers = 1;
    options.queue = 0;
    options.queue_wait = std::chrono::milliseconds(0);
    return std::make_unique<ehcp::serve::Service>(
        options, std::move(pipeline), ehcp::serve::WebAssets::Load(resources.Templates() / "web"));
  }();
  return *service;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider input(data, size);
  ehcp::serve::HttpRequest request;
  request.method = input.PickValueInArray({"GET", "POST", "PUT", ""});
  request.path =
      input.ConsumeBool()
          ? std::string(input.PickValueInArray(
                {"/", "/healthz", "/metrics", "/v1/validate", "/v1/lint", "/v1/render",
                 "/v1/assemble", "/v1/bundle", "/v1/import", "/v1/lint/", "/app.js", "//v1/lint"}))
          : input.ConsumeRandomLengthString(64);
  for (int i = input.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    std::string key =
        input.ConsumeBool()
            ? std::string(input.PickValueInArray({"format", "fail_on", "template", "exit"}))
            : input.ConsumeRandomLengthString(16);
    request.query.emplace_back(key, input.ConsumeRandomLengthString(32));
  }
  bool with_token = input.ConsumeBool();
  request.authorization =
      with_token ? std::string("Bearer ") + kToken : input.ConsumeRandomLengthString(48);
  request.content_type = input.PickValueInArray(
      {"", "application/zip", "application/xml", "multipart/form-data; boundary=x"});
  for (int i = input.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    ehcp::serve::HttpPart part;
    part.name = input.ConsumeBool()
                    ? std::string(input.PickValueInArray({"manifest", "docx", "base", "file"}))
                    : input.ConsumeRandomLengthString(16);
    part.filename =
        input.ConsumeBool()
            ? std::string(input.PickValueInArray({"manifest.xml", "evidence/a.pdf", "plan.docx",
                                                  "case.zip", "../x.xml", "/etc/x"}))
            : input.ConsumeRandomLengthString(64);
    part.content_type = input.PickValueInArray({"", "application/zip", "application/pdf"});
    part.content = input.ConsumeRandomLengthString(4096);
    request.parts.push_back(std::move(part));
  }
  request.body = input.ConsumeRemainingBytesAsString();

  ehcp::serve::Service& service = TheService();
  ehcp::serve::HttpResponse response = service.Handle(request);
  switch (response.status) {
    case 200:
    case 400:
    case 401:
    case 404:
    case 405:
    case 415:
    case 422:
    case 503: break;
    default: __builtin_trap();
  }
  if (response.status != 200 && response.body.empty()) __builtin_trap();
  bool protected_path = request.path == "/metrics" || request.path.rfind("/v1/", 0) == 0;
  bool authorised = request.authorization == std::string("Bearer ") + kToken;
  if (protected_path && !authorised && response.status == 200) __builtin_trap();
  return 0;
}
