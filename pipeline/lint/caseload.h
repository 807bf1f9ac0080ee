#pragma once

// Caseload mode: work through many plans on every core while keeping memory bounded.
// Workers take files in order; results are handed to the consumer strictly in input
// order (so output is deterministic), and a worker never runs more than `window` files
// ahead of the consumer, so at most `window` results are held at once however many
// plans there are.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ehcp {

// A one-line progress bar on stderr, drawn only when stderr is a terminal.
class ProgressBar {
 public:
  explicit ProgressBar(size_t total);
  ~ProgressBar();  // clears the line
  void Update(size_t done);

 private:
  size_t total_;
  bool enabled_;
  int last_percent_ = -1;
};

// Worker threads to use for `jobs` items: hardware concurrency, at least 1, at most jobs.
unsigned WorkerCount(size_t jobs);

// Runs work(i) for i in [0, count) on `threads` threads, and consume(i, result) for each
// i in increasing order on the calling thread (with one thread, both run on it).
template <typename Result>
void ForEachInOrder(size_t count, unsigned threads, const std::function<Result(size_t)>& work,
                    const std::function<void(size_t, Result&&)>& consume, size_t window = 64) {
  if (threads <= 1) {  // one plan, or one core: no threads to start
    for (size_t i = 0; i < count; ++i) consume(i, work(i));
    return;
  }
  std::mutex mutex;
  std::condition_variable ready, space;
  std::map<size_t, Result> done;
  size_t next = 0, consumed = 0;

  auto worker = [&] {
    for (;;) {
      size_t index;
      {
        std::unique_lock lock(mutex);
        space.wait(lock, [&] { return next >= count || next < consumed + window; });
        if (next >= count) return;
        index = next++;
      }
      Result result = work(index);
      {
        std::lock_guard lock(mutex);
        done.emplace(index, std::move(result));
      }
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, threads); ++t) pool.emplace_back(worker);
  while (consumed < count) {
    std::optional<Result> result;
    {
      std::unique_lock lock(mutex);
      ready.wait(lock, [&] { return done.count(consumed) > 0; });
      auto it = done.find(consumed);
      result.emplace(std::move(it->second));
      done.erase(it);
    }
    consume(consumed, std::move(*result));
    {
      std::lock_guard lock(mutex);
      ++consumed;
    }
    space.notify_all();
  }
  for (auto& t : pool) t.join();
}

}  // namespace ehcp
