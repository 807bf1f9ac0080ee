#include "serve/service.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "serve/upload.h"

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
    {"/v1/bundle", "POST", Access::kToken},
    {"/v1/import", "POST", Access::kToken},
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

// An upload refused as a whole (a ZIP bomb, a ".." path): its one error, exit 2.
HttpResponse UploadRefused(const DiagnosticList& diagnostics) {
  const Diagnostic& d = diagnostics.Items().front();
  HttpResponse response = JsonError(400, d.code, d.location.FileName() + ": " + d.message);
  response.headers.emplace_back("Ehcp-Exit-Code", "2");
  return response;
}

bool EndsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The XML files of an uploaded folder, in path order, as the documents of a request.
std::vector<RequestDocument> XmlDocuments(const std::vector<UploadedFile>& files) {
  std::vector<RequestDocument> documents;
  for (const auto& file : files)
    if (EndsWith(file.path, ".xml")) documents.push_back(RequestDocument{file.bytes, file.path});
  return documents;
}

// The manifest of a bundle upload: the part named "manifest", else the file named
// manifest.xml nearest the top. Empty with `problem` when there is none or two are as near.
std::string FindManifest(const HttpRequest& request, const std::vector<UploadedFile>& files,
                         std::string& problem) {
  if (!CarriesZip(request)) {
    for (const auto& part : request.parts)
      if (part.name == "manifest") return part.filename;
  }
  std::string best;
  size_t best_depth = std::string::npos;
  bool tie = false;
  for (const auto& file : files) {
    if (file.path != "manifest.xml" && !EndsWith(file.path, "/manifest.xml")) continue;
    size_t depth = static_cast<size_t>(std::count(file.path.begin(), file.path.end(), '/'));
    if (depth < best_depth) {
      best = file.path, best_depth = depth, tie = false;
    } else if (depth == best_depth) {
      tie = true;
    }
  }
  if (best.empty())
    problem =
        "the upload has no bundle manifest: send it as the part named \"manifest\", or as "
        "manifest.xml in the ZIP";
  else if (tie)
    problem = "the upload has more than one manifest.xml at the same level; send one bundle";
  return tie ? std::string() : best;
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
  const std::string& path = request.path;
  // Options first: a bad one is answered without taking a worker.
  std::string format = request.Query("format").value_or(
      path == "/v1/render" || path == "/v1/bundle" ? "pdf" : "json");
  std::optional<Severity> fail_on = ParseSeverity(request.Query("fail_on").value_or("error"));
  std::string template_name = request.Query("template").value_or("default");
  if (path == "/v1/lint" && format != "json" && format != "sarif" && format != "html" &&
      format != "text")
    return JsonError(400, "serve.usage", "format must be json, sarif, html or text");
  if (path == "/v1/render" && format != "pdf" && format != "docx" && format != "html")
    return JsonError(400, "serve.usage", "format must be pdf, docx or html");
  if (path == "/v1/bundle" && format != "pdf" && format != "json")
    return JsonError(400, "serve.usage", "format must be pdf or json");
  if ((path == "/v1/validate" || path == "/v1/assemble" || path == "/v1/import") &&
      format != "json")
    return JsonError(400, "serve.usage", "format must be json");
  if (!fail_on) return JsonError(400, "serve.usage", "fail_on must be error, warning or info");
  std::optional<std::string> exit_option = request.Query("exit");
  if (exit_option && *exit_option != "status" && *exit_option != "header")
    return JsonError(400, "serve.usage", "exit must be status or header");
  const bool exit_in_header = exit_option == "header";
  if (!pipeline_->HasTemplate(template_name))
    return JsonError(400, "serve.usage", "no template set of that name");

  // A folder sent as a ZIP (or, for a bundle, as parts): read once a worker is free.
  const bool zip = CarriesZip(request);
  const bool folder = zip && (path == "/v1/lint" || path == "/v1/assemble");
  if ((path == "/v1/bundle" || path == "/v1/import") && request.parts.empty() && !zip)
    return JsonError(415, "serve.content-type",
                     path == "/v1/bundle"
                         ? "send the manifest and its documents as multipart/form-data parts, "
                           "or the folder as one application/zip"
                         : "send the Word document and its base plan as multipart/form-data "
                           "parts");
  if (path == "/v1/import" && zip)
    return JsonError(415, "serve.content-type",
                     "send the Word document and its base plan as two multipart parts, not a ZIP");

  // /v1/assemble: a case file and its contributions; /v1/lint: a caseload of plans.
  std::vector<RequestDocument> documents;
  const bool caseload = path == "/v1/lint" && request.parts.size() > 1;
  if (caseload) {
    for (const auto& part : request.parts)
      documents.push_back(RequestDocument{part.content, DocumentName(part.filename)});
  }
  if (path == "/v1/assemble" && !folder) {
    if (request.parts.empty())
      return JsonError(400, "serve.usage",
                       "send the case file and its contributions as multipart parts, or the "
                       "case folder as one application/zip");
    for (const auto& part : request.parts)
      documents.push_back(RequestDocument{part.content, DocumentName(part.filename)});
  }
  RequestDocument document, base;
  if (path == "/v1/import") {
    for (const auto& part : request.parts) {
      bool is_docx =
          part.name == "docx" || (part.name != "base" && EndsWith(part.filename, ".docx"));
      (is_docx ? document : base) = RequestDocument{
          part.content, DocumentName(part.filename.empty() ? part.name : part.filename)};
    }
    if (request.parts.size() != 2 || document.bytes.empty() || base.bytes.empty())
      return JsonError(400, "serve.usage",
                       "send two parts: \"docx\", the edited Word document, and \"base\", the "
                       "plan it was rendered from");
  } else if (path == "/v1/bundle" || folder) {
    // The files are read below, once a worker is free.
  } else if (path == "/v1/assemble" || caseload) {
    document = documents.front();
  } else if (!request.parts.empty()) {
    if (request.parts.size() != 1)
      return JsonError(400, "serve.usage", "send one file (a multipart body with one part)");
    document = RequestDocument{request.parts.front().content,
                               DocumentName(request.parts.front().filename)};
  } else {
    document =
        RequestDocument{request.body, IsWordType(request.content_type) ? "plan.docx" : "plan.xml"};
  }
  if (document.bytes.empty() && path != "/v1/bundle" && !folder)
    return JsonError(400, "serve.usage", "the request has no document");

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
  HttpResponse response;
  if (path == "/v1/bundle" || folder) {
    DiagnosticList refused;
    std::optional<std::vector<UploadedFile>> files = ReadUpload(request, refused);
    if (!files) return UploadRefused(refused);
    if (path == "/v1/lint") {
      response = pipeline_->LintFolder(XmlDocuments(*files), format, *fail_on);
    } else if (path == "/v1/assemble") {
      response = pipeline_->AssembleFolder(XmlDocuments(*files));
    } else {
      std::string problem;
      std::string manifest = FindManifest(request, *files, problem);
      std::map<std::string, std::string> by_path;
      for (auto& file : *files) {
        if (by_path.count(file.path) > 0)
          return JsonError(400, "zip.path", "two files of the upload are named " + file.path);
        by_path.emplace(file.path, std::move(file.bytes));
      }
      if (manifest.empty()) {
        HttpResponse missing = JsonError(400, "serve.manifest", problem);
        missing.headers.emplace_back("Ehcp-Exit-Code", "2");
        return missing;
      }
      response = pipeline_->Bundle(by_path, manifest, format);
    }
  } else if (path == "/v1/import") {
    response = pipeline_->Import(document, base, template_name);
  } else {
    response = caseload                 ? pipeline_->LintCaseload(documents, format, *fail_on)
               : path == "/v1/assemble" ? pipeline_->Assemble(documents)
               : path == "/v1/validate" ? pipeline_->Validate(document)
               : path == "/v1/lint"     ? pipeline_->Lint(document, format, *fail_on)
                                        : pipeline_->Render(document, format, template_name);
  }
  // exit=header: a report was made, so 200; the exit code is in Ehcp-Exit-Code only.
  if (exit_in_header) response.status = 200;
  return response;
}

void Service::Observe(const RequestLogEntry& entry) {
  metrics_.Record(entry.path, entry.status, entry.milliseconds / 1000);
  if (entry.status == 413) metrics_.Reject("too_large");
}

}  // namespace ehcp::serve
