#pragma once

// Counters for Prometheus (text exposition format 0.0.4): requests by endpoint and
// status, a latency histogram per endpoint, requests in flight and waiting, and
// rejections by reason. Endpoints are a fixed set, so label values stay few.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace ehcp::serve {

class Metrics {
 public:
  // `path` is reduced to a known endpoint name ("other" for anything else).
  void Record(std::string_view path, int status, double seconds);
  void Reject(
      std::string_view reason);  // "queue_full", "queue_timeout", "unauthorized", "too_large"

  // `running` and `waiting`: the admission gate's counts now.
  std::string Exposition(unsigned running, unsigned waiting) const;

  static std::string_view EndpointName(std::string_view path);

 private:
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1,    2.5,   5};
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> counts{};  // cumulative at exposition
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, unsigned long long> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, unsigned long long> rejections_;
};

}  // namespace ehcp::serve
