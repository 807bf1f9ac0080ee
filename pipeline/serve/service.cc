#include "serve/service.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ehcp::serve {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

enum class Access { kOpen, kToken };

struct Route {
  std::string_view path;
  std::string_view method;
  Access access;
};

constexpr Route kRoutes[] = {
    {"/", "GET", Access::kOpen},
    {"/app.js", "GET", Access::kOpen},
    {"/app.css", "GET", Access::kOpen},
    {"/healthz", "GET", Access::kOpen},
    {"/metrics", "GET", Access::kToken},
    {"/v1/validate", "POST", Access::kToken},
    {"/v1/lint", "POST", Access::kToken},
    {"/v1/render", "POST", Access::kToken},
    {"/v1/assemble", "POST", Access::kToken},
};

const Route* FindRoute(std::string_view path) {
  for (const Route& route : kRoutes)
    if (route.path == path) return &route;
  return nullptr;
}

// The name reports give a document: the uploaded file's own name (its last path
// component, printable ASCII, at most 100 bytes), else "plan.xml".
std::string DocumentName(const std::string& filename) {
  std::string base = filename.substr(
      filename.find_last_of("/\\") == std::string::npos ? 0 : filename.find_last_of("/\\") + 1);
  if (base.empty() || base.size() > 100 || base == "." || base == "..") return "plan.xml";
  for (char c : base)
    if (c < 0x20 || c > 0x7e) return "plan.xml";
  return base;
}

HttpResponse Busy(std::string_view message) {
  HttpResponse response = JsonError(503, "serve.busy", message);
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace

WebAssets WebAssets::Load(const fs::path& folder) {
  return WebAssets{ReadAll(folder / "index.html"), ReadAll(folder / "app.js"),
                   ReadAll(folder / "app.css")};
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < b.size(); ++i) {
    unsigned char left = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    difference |= static_cast<unsigned char>(left ^ static_cast<unsigned char>(b[i]));
  }
  return difference == 0;
}

Service::Service(ServiceOptions options, std::unique_ptr<Pipeline> pipeline, WebAssets web)
    : options_(std::move(options)),
      pipeline_(std::move(pipeline)),
      web_(std::move(web)),
      gate_(options_.workers, options_.queue) {}

std::optional<HttpResponse> Service::Admit(const HttpRequest& head) {
  const Route* route = FindRoute(head.path);
  if (route == nullptr) return JsonError(404, "serve.not-found", "no such endpoint");
  if (route->method != head.method) {
    HttpResponse response = JsonError(405, "serve.method", "use " + std::string(route->method));
    response.headers.emplace_back("Allow", std::string(route->method));
    return response;
  }
  if (route->access == Access::kToken && !options_.token.empty()) {
    constexpr std::string_view kScheme = "Bearer ";
    bool authorised =
        head.authorization.size() > kScheme.size() &&
        head.authorization.compare(0, kScheme.size(), kScheme) == 0 &&
        ConstantTimeEquals(std::string_view(head.authorization).substr(kScheme.size()),
                           options_.token);
    if (!authorised) {
      metrics_.Reject("unauthorized");
      HttpResponse response =
          JsonError(401, "serve.unauthorized", "a valid bearer token is required");
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
  }
  return std::nullopt;
}

HttpResponse Service::Handle(const HttpRequest& request) {
  if (std::optional<HttpResponse> refused = Admit(request)) return *refused;
  if (request.path == "/healthz")
    return HttpResponse{200, "application/json", "{\"status\": \"ok\"}\n", {}};
  if (request.path == "/metrics")
    return HttpResponse{200,
                        "text/plain; version=0.0.4",
                        metrics_.Exposition(gate_.Running(), gate_.Waiting()),
                        {}};
  if (request.path == "/")
    return HttpResponse{200, "text/html; charset=utf-8", web_.index_html, {}};
  if (request.path == "/app.js")
    return HttpResponse{200, "text/javascript; charset=utf-8", web_.app_js, {}};
  if (request.path == "/app.css")
    return HttpResponse{200, "text/css; charset=utf-8", web_.app_css, {}};
  return RunPipeline(request);
}

HttpResponse Service::RunPipeline(const HttpRequest& request) {
  // Options first: a bad one is answered without taking a worker.
  std::string format =
      request.Query("format").value_or(request.path == "/v1/render" ? "pdf" : "json");
  std::optional<Severity> fail_on = ParseSeverity(request.Query("fail_on").value_or("error"));
  std::string template_name = request.Query("template").value_or("default");
  if (request.path == "/v1/lint" && format != "json" && format != "sarif" && format != "html" &&
      format != "text")
    return JsonError(400, "serve.usage", "format must be json, sarif, html or text");
  if (request.path == "/v1/render" && format != "pdf" && format != "docx")
    return JsonError(400, "serve.usage", "format must be pdf or docx");
  if ((request.path == "/v1/validate" || request.path == "/v1/assemble") && format != "json")
    return JsonError(400, "serve.usage", "format must be json");
  if (!fail_on) return JsonError(400, "serve.usage", "fail_on must be error, warning or info");
  std::optional<std::string> exit_option = request.Query("exit");
  if (exit_option && *exit_option != "status" && *exit_option != "header")
    return JsonError(400, "serve.usage", "exit must be status or header");
  const bool exit_in_header = exit_option == "header";
  if (!pipeline_->HasTemplate(template_name))
    return JsonError(400, "serve.usage", "no template set of that name");

  // /v1/assemble: a case file and its contributions; /v1/lint: a caseload of plans.
  std::vector<RequestDocument> documents;
  const bool caseload = request.path == "/v1/lint" && request.parts.size() > 1;
  if (caseload) {
    for (const auto& part : request.parts)
      documents.push_back(RequestDocument{part.content, DocumentName(part.filename)});
  }
  if (request.path == "/v1/assemble") {
    if (request.parts.empty())
      return JsonError(400, "serve.usage",
                       "send the case file and its contributions as multipart parts");
    for (const auto& part : request.parts)
      documents.push_back(RequestDocument{part.content, DocumentName(part.filename)});
  }
  RequestDocument document;
  if (request.path == "/v1/assemble" || caseload) {
    document = documents.front();
  } else if (!request.parts.empty()) {
    if (request.parts.size() != 1)
      return JsonError(400, "serve.usage", "send one file (a multipart body with one part)");
    document = RequestDocument{request.parts.front().content,
                               DocumentName(request.parts.front().filename)};
  } else {
    document = RequestDocument{request.body, "plan.xml"};
  }
  if (document.bytes.empty()) return JsonError(400, "serve.usage", "the request has no document");

  switch (gate_.Enter(options_.queue_wait)) {
    case AdmissionGate::Result::kAdmitted: break;
    case AdmissionGate::Result::kQueueFull:
      metrics_.Reject("queue_full");
      return Busy("the service is busy: try again shortly");
    case AdmissionGate::Result::kTimedOut:
      metrics_.Reject("queue_timeout");
      return Busy("the service is busy: the request waited too long for a worker");
  }
  AdmissionTicket ticket(gate_);
  HttpResponse response = caseload ? pipeline_->LintCaseload(documents, format, *fail_on)
                          : request.path == "/v1/assemble" ? pipeline_->Assemble(documents)
                          : request.path == "/v1/validate" ? pipeline_->Validate(document)
                          : request.path == "/v1/lint"
                              ? pipeline_->Lint(document, format, *fail_on)
                              : pipeline_->Render(document, format, template_name);
  // exit=header: a report was made, so 200; the exit code is in Ehcp-Exit-Code only.
  if (exit_in_header) response.status = 200;
  return response;
}

void Service::Observe(const RequestLogEntry& entry) {
  metrics_.Record(entry.path, entry.status, entry.milliseconds / 1000);
  if (entry.status == 413) metrics_.Reject("too_large");
}

}  // namespace ehcp::serve
