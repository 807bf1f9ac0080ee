#pragma once

// Requests and responses as the service sees them: plain structs, no library types, so
// routing, limits and handlers are tested and fuzzed without a socket.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ehcp::serve {

// One part of a multipart/form-data body, as the library parsed it.
struct HttpPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string content;
};

struct HttpRequest {
  std::string method;  // "GET", "POST"
  std::string path;    // without the query
  std::vector<std::pair<std::string, std::string>> query;
  std::string authorization;  // the Authorization header, or empty
  std::string content_type;
  std::string body;  // empty for multipart bodies: see parts
  std::vector<HttpPart> parts;

  // The first value of query parameter `name`, or nothing.
  std::optional<std::string> Query(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides the security set
};

// What the transport logs about a request: ids, sizes, timings and status only.
struct RequestLogEntry {
  unsigned long long id = 0;
  std::string method;
  std::string path;
  int status = 0;
  size_t request_bytes = 0;
  size_t response_bytes = 0;
  double milliseconds = 0;
};

// Headers every response carries: no caching, a strict Content-Security-Policy, no MIME
// sniffing, no framing, no referrer.
// A response may replace one of them by giving the same header.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// The policy of a self-contained report (inline style sheet, images as data: URLs, no
// script at all).
inline constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "frame-ancestors 'none'; "
    "base-uri 'none'";

}  // namespace ehcp::serve
