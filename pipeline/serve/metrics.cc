#include "serve/metrics.h"

#include <cstdio>

namespace ehcp::serve {
namespace {

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

}  // namespace

std::string_view Metrics::EndpointName(std::string_view path) {
  for (std::string_view known :
       {"/", "/healthz", "/metrics", "/app.js", "/app.css", "/v1/validate", "/v1/lint",
        "/v1/render", "/v1/assemble", "/v1/bundle", "/v1/import"}) {
    if (path == known) return known;
  }
  return "other";
}

void Metrics::Record(std::string_view path, int status, double seconds) {
  std::string endpoint(EndpointName(path));
  std::lock_guard lock(mutex_);
  ++requests_[{endpoint, status}];
  Histogram& histogram = latency_[endpoint];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++histogram.counts[i];
      break;
    }
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::Reject(std::string_view reason) {
  std::lock_guard lock(mutex_);
  ++rejections_[std::string(reason)];
}

std::string Metrics::Exposition(unsigned running, unsigned waiting) const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP ehcp_requests_total Requests answered, by endpoint and HTTP status.\n";
  out += "# TYPE ehcp_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out += "ehcp_requests_total{endpoint=\"" + key.first + "\",status=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP ehcp_request_duration_seconds Time from a request's headers to its answer.\n";
  out += "# TYPE ehcp_request_duration_seconds histogram\n";
  for (const auto& [endpoint, histogram] : latency_) {
    unsigned long long cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += histogram.counts[i];
      out += "ehcp_request_duration_seconds_bucket{endpoint=\"" + endpoint + "\",le=\"" +
             Number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "ehcp_request_duration_seconds_bucket{endpoint=\"" + endpoint + "\",le=\"+Inf\"} " +
           std::to_string(histogram.count) + "\n";
    out += "ehcp_request_duration_seconds_sum{endpoint=\"" + endpoint + "\"} " +
           Number(histogram.sum) + "\n";
    out += "ehcp_request_duration_seconds_count{endpoint=\"" + endpoint + "\"} " +
           std::to_string(histogram.count) + "\n";
  }
  out += "# HELP ehcp_requests_in_flight Requests doing pipeline work now.\n";
  out += "# TYPE ehcp_requests_in_flight gauge\n";
  out += "ehcp_requests_in_flight " + std::to_string(running) + "\n";
  out += "# HELP ehcp_requests_waiting Requests waiting for a worker.\n";
  out += "# TYPE ehcp_requests_waiting gauge\n";
  out += "ehcp_requests_waiting " + std::to_string(waiting) + "\n";
  out += "# HELP ehcp_rejections_total Requests turned away, by reason.\n";
  out += "# TYPE ehcp_rejections_total counter\n";
  for (std::string_view reason : {"queue_full", "queue_timeout", "unauthorized", "too_large"}) {
    auto it = rejections_.find(std::string(reason));
    out += "ehcp_rejections_total{reason=\"" + std::string(reason) + "\"} " +
           std::to_string(it == rejections_.end() ? 0 : it->second) + "\n";
  }
  return out;
}

}  // namespace ehcp::serve
