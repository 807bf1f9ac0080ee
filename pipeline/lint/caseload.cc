#include "lint/caseload.h"

#include <unistd.h>

#include <cstdio>

namespace ehcp {

ProgressBar::ProgressBar(size_t total)
    : total_(total), enabled_(total > 1 && isatty(STDERR_FILENO)) {}

ProgressBar::~ProgressBar() {
  if (enabled_) std::fprintf(stderr, "\r\033[K");
}

void ProgressBar::Update(size_t done) {
  if (!enabled_) return;
  int percent = static_cast<int>(done * 100 / total_);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  int filled = percent * kWidth / 100;
  std::fprintf(stderr, "\r[%.*s%*s] %3d%% %zu/%zu plans", filled, "##############################",
               kWidth - filled, "", percent, done, total_);
  std::fflush(stderr);
}

unsigned WorkerCount(size_t jobs) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<size_t>(cores, std::max<size_t>(jobs, 1)));
}

}  // namespace ehcp
