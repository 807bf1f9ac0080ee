#include "serve/admission.h"

#include <algorithm>

namespace ehcp::serve {

AdmissionGate::AdmissionGate(unsigned workers, unsigned queue)
    : workers_(std::max(1u, workers)), queue_(queue) {}

AdmissionGate::Result AdmissionGate::Enter(std::chrono::milliseconds max_wait) {
  std::unique_lock lock(mutex_);
  if (running_ < workers_ && waiting_ == 0) {
    ++running_;
    return Result::kAdmitted;
  }
  if (waiting_ >= queue_) return Result::kQueueFull;
  ++waiting_;
  bool turn = freed_.wait_for(lock, max_wait, [this] { return running_ < workers_; });
  --waiting_;
  if (!turn) return Result::kTimedOut;
  ++running_;
  return Result::kAdmitted;
}

void AdmissionGate::Leave() {
  {
    std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

unsigned AdmissionGate::Running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

unsigned AdmissionGate::Waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_;
}

}  // namespace ehcp::serve
