#pragma once

// The bounded queue in front of the pipeline: at most `workers` requests do pipeline work
// at once and at most `queue` more wait for a turn. A request that finds the queue full,
// or waits longer than its limit, is turned away (503 with Retry-After) rather than held
// in memory without bound. Bodies are read before a request gets here, by the transport's
// connection threads, so a slow client never holds a worker.

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace ehcp::serve {

class AdmissionGate {
 public:
  enum class Result { kAdmitted, kQueueFull, kTimedOut };

  AdmissionGate(unsigned workers, unsigned queue);

  // Waits at most `max_wait` for a worker. kAdmitted must be paired with Leave().
  Result Enter(std::chrono::milliseconds max_wait);
  void Leave();

  unsigned Running() const;
  unsigned Waiting() const;

 private:
  const unsigned workers_;
  const unsigned queue_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  unsigned running_ = 0;
  unsigned waiting_ = 0;
};

// Leaves the gate when the scope ends, however it ends.
class AdmissionTicket {
 public:
  explicit AdmissionTicket(AdmissionGate& gate) : gate_(gate) {}
  ~AdmissionTicket() { gate_.Leave(); }
  AdmissionTicket(const AdmissionTicket&) = delete;
  AdmissionTicket& operator=(const AdmissionTicket&) = delete;

 private:
  AdmissionGate& gate_;
};

}  // namespace ehcp::serve
