// The caseload runner: results arrive in input order whatever the threads do, and no
// more than `window` results are ever held at once (memory stays bounded).

#include "lint/caseload.h"

#include <gtest/gtest.h>

#include <atomic>

namespace ehcp {
namespace {

TEST(Caseload, ConsumesInInputOrderWithBoundedBacklog) {
  constexpr size_t kCount = 500, kWindow = 8;
  std::atomic<int> held{0};
  int max_held = 0;
  std::vector<size_t> order;
  ForEachInOrder<std::string>(
      kCount, 4,
      [&](size_t i) {
        // Uneven work, so threads finish out of order.
        volatile unsigned sink = 0;
        for (unsigned k = 0; k < (i % 7) * 20000; ++k) sink = sink + k;
        ++held;
        return "plan-" + std::to_string(i);
      },
      [&](size_t i, std::string&& result) {
        max_held = std::max(max_held, held.load());
        --held;
        EXPECT_EQ(result, "plan-" + std::to_string(i));
        order.push_back(i);
      },
      kWindow);
  ASSERT_EQ(order.size(), kCount);
  for (size_t i = 0; i < kCount; ++i) EXPECT_EQ(order[i], i);
  EXPECT_LE(max_held, static_cast<int>(kWindow));
}

TEST(Caseload, HandlesNothingAndOne) {
  int calls = 0;
  ForEachInOrder<int>(
      0, 2, [](size_t) { return 1; }, [&](size_t, int&&) { ++calls; });
  EXPECT_EQ(calls, 0);
  ForEachInOrder<int>(
      1, 8, [](size_t i) { return static_cast<int>(i) + 41; },
      [&](size_t, int&& v) { calls += v; });
  EXPECT_EQ(calls, 41);
}

TEST(Caseload, WorkerCountIsBetweenOneAndTheJobs) {
  EXPECT_EQ(WorkerCount(1), 1u);
  EXPECT_GE(WorkerCount(1000), 1u);
  EXPECT_EQ(WorkerCount(0), 1u);
}

}  // namespace
}  // namespace ehcp
