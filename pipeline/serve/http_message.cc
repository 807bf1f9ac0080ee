#include "serve/http_message.h"

namespace ehcp::serve {

std::optional<std::string> HttpRequest::Query(const std::string& name) const {
  for (const auto& [key, value] : query)
    if (key == name) return value;
  return std::nullopt;
}

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> headers{
      {"Cache-Control", "no-store"},
      // Only this server's own script, styles and requests; nothing inline, no framing, no
      // plugins, no forms posted elsewhere. (The HTML lint report, self-contained with an
      // inline style sheet, replaces this with its own policy: see kReportPolicy.)
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
       "'self'; "
       "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  };
  return headers;
}

}  // namespace ehcp::serve
