#include "serve/http_server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace ehcp::serve {
namespace {

using Clock = std::chrono::steady_clock;

// Set when a request's headers have been read, on the thread that serves it: the library
// serves a request on one thread from routing to logging.
thread_local Clock::time_point request_start;
thread_local unsigned long long request_id = 0;

// The request's line and headers; bodies are added by the caller.
HttpRequest Convert(const httplib::Request& request) {
  HttpRequest out;
  out.method = request.method;
  out.path = request.path;
  for (const auto& [key, value] : request.params) out.query.emplace_back(key, value);
  out.authorization = request.get_header_value("Authorization");
  out.content_type = request.get_header_value("Content-Type");
  return out;
}

// The body is moved, not copied: set_content would copy the whole report or PDF once more
// per request, so this does what it does (the body, then the one Content-Type) by hand.
void Apply(HttpResponse&& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [key, value] : from.headers) {
    to.headers.erase(key);  // replaces a default (the report's own security policy)
    to.set_header(key, value);
  }
  to.body = std::move(from.body);
  to.headers.erase("Content-Type");
  to.set_header("Content-Type", from.content_type);
}

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  Admit admit;
  Handle handle;
  Log log;
  httplib::Server server;
  std::atomic<unsigned long long> next_id{0};
  int port = 0;
};

HttpServer::HttpServer(HttpServerOptions options, Admit admit, Handle handle, Log log)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.options = std::move(options);
  impl.admit = std::move(admit);
  impl.handle = std::move(handle);
  impl.log = std::move(log);
  httplib::Server& server = impl.server;

  const unsigned threads = impl.options.connection_threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(impl.options.max_body_bytes);
  server.set_read_timeout(impl.options.read_timeout_seconds, 0);
  server.set_write_timeout(impl.options.write_timeout_seconds, 0);
  server.set_keep_alive_timeout(impl.options.keep_alive_seconds);
  server.set_keep_alive_max_count(100);
  // Headers and body go out in separate writes: without this, Nagle and the client's
  // delayed ACK hold every answer back by 40 ms.
  server.set_tcp_nodelay(true);
  httplib::Headers defaults;
  for (const auto& [key, value] : SecurityHeaders()) defaults.emplace(key, value);
  server.set_default_headers(defaults);

  server.set_pre_routing_handler(
      [&impl](const httplib::Request& request, httplib::Response& response) {
        request_start = Clock::now();
        request_id = ++impl.next_id;
        response.set_header("X-Request-Id", std::to_string(request_id));
        if (std::optional<HttpResponse> answer = impl.admit(Convert(request))) {
          Apply(std::move(*answer), response);
          // The body is not read: close rather than resynchronise with what the client sends.
          response.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  server.Get(".*", [&impl](const httplib::Request& request, httplib::Response& response) {
    Apply(impl.handle(Convert(request)), response);
  });
  // A POST without a body (no Content-Length) is routed here by the library.
  server.Post(".*", [&impl](const httplib::Request& request, httplib::Response& response) {
    Apply(impl.handle(Convert(request)), response);
  });
  // Bodies are taken through a content reader: the library then leaves them alone (it
  // would otherwise parse a form-encoded body as parameters, with its own 8 KB limit),
  // and multipart bodies are still split into parts by its parser.
  server.Post(".*", [&impl](const httplib::Request& request, httplib::Response& response,
                            const httplib::ContentReader& reader) {
    constexpr size_t kMaxParts = 1000;  // a caseload for /v1/lint; the body limit still holds
    HttpRequest converted = Convert(request);
    bool read = false;
    if (request.is_multipart_form_data()) {
      read = reader(
          [&](const httplib::MultipartFormData& part) {
            converted.parts.push_back(HttpPart{part.name, part.filename, part.content_type, {}});
            return converted.parts.size() <= kMaxParts;
          },
          [&](const char* data, size_t length) {
            converted.parts.back().content.append(data, length);
            return true;
          });
    } else {
      read = reader([&](const char* data, size_t length) {
        converted.body.append(data, length);
        return true;
      });
    }
    if (!read) {
      // Too large, too many parts, or the client stopped sending: nothing is worked on.
      bool too_large = std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr,
                                     10) > impl.options.max_body_bytes;
      HttpResponse refused{
          too_large ? 413 : 400,
          "application/json",
          too_large
              ? "{\"error\": {\"code\": \"http.413\", \"message\": \"request body too large\"}}\n"
              : "{\"error\": {\"code\": \"http.400\", \"message\": \"the body could not be "
                "read\"}}\n",
          {{"Connection", "close"}}};
      Apply(std::move(refused), response);
      return;
    }
    Apply(impl.handle(converted), response);
  });
  // Errors the library answers itself (413 body too large, 400 malformed request) get a
  // JSON body like every other error.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = response.status == 413   ? "request body too large"
                              : response.status == 404 ? "no such endpoint"
                              : response.status == 408 ? "request not received in time"
                                                       : "malformed request";
        response.set_content("{\"error\": {\"code\": \"http." + std::to_string(response.status) +
                                 "\", \"message\": \"" + message + "\"}}\n",
                             "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response,
                                  std::exception_ptr) {
    response.status = 500;
    response.set_content("{\"error\": {\"code\": \"http.500\", \"message\": \"internal error\"}}\n",
                         "application/json");
  });
  server.set_logger([&impl](const httplib::Request& request, const httplib::Response& response) {
    RequestLogEntry entry;
    // A request the library refused before routing (413 by Content-Length, 400) has had
    // no id or start time set: it gets an id here and no duration.
    bool routed = request_id != 0;
    entry.id = routed ? request_id : ++impl.next_id;
    request_id = 0;
    entry.method = request.method;
    entry.path = request.path;
    entry.status = response.status;
    // Bodies go through the content reader, not request.body: the declared length.
    entry.request_bytes =
        std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr, 10);
    entry.response_bytes = response.body.size();
    if (routed)
      entry.milliseconds =
          std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
    impl.log(entry);
  });
}

HttpServer::~HttpServer() = default;

bool HttpServer::Bind(std::string& error) {
  Impl& impl = *impl_;
  if (impl.options.port == 0) {
    impl.port = impl.server.bind_to_any_port(impl.options.host);
  } else if (impl.server.bind_to_port(impl.options.host, impl.options.port)) {
    impl.port = impl.options.port;
  } else {
    impl.port = -1;
  }
  if (impl.port <= 0) {
    error = "cannot listen on " + impl.options.host + ":" + std::to_string(impl.options.port);
    return false;
  }
  return true;
}

int HttpServer::Port() const {
  return impl_->port;
}

void HttpServer::Run() {
  impl_->server.listen_after_bind();
}

void HttpServer::Stop() {
  impl_->server.stop();
}

bool HttpServer::IsRunning() const {
  return impl_->server.is_running();
}

}  // namespace ehcp::serve
