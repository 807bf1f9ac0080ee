#include "serve/allocator.h"

#include <malloc.h>

#include <algorithm>

#ifdef EHCP_WITH_JEMALLOC
// jemalloc reads its options from this symbol when it starts (before main), and
// MALLOC_CONF in the environment still overrides them. Dirty pages (freed but still mapped)
// are kept for 10 s before they are returned: requests come in bursts, and returning them
// at once makes the next request fault them in again; the pages kept are bounded by
// what the largest requests (a bundle) used, so resident memory levels off.
extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): the name jemalloc looks for
const char* malloc_conf = "dirty_decay_ms:10000,muzzy_decay_ms:0";
}
#endif

namespace ehcp::serve {

const char* AllocatorName() {
#ifdef EHCP_WITH_JEMALLOC
  return "jemalloc";
#else
  return "glibc malloc";
#endif
}

void TuneAllocator([[maybe_unused]] unsigned workers) {
#ifndef EHCP_WITH_JEMALLOC
  // One malloc arena per worker: with glibc's default (8 per core) every connection thread
  // that serves a request warms an arena of its own, and resident memory crept up by a
  // fifth over 20,000 requests before levelling off; with this it stays within a few percent.
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, workers)));
  // Freed memory is kept for the next request rather than handed back to the kernel and
  // faulted in again: by default glibc trims an arena's top above 128 KB and moves its mmap
  // threshold as large blocks come and go, so some requests pay for fresh pages and others
  // do not. Fixed thresholds, set once here, make every request alike. The price: an arena
  // keeps up to 64 MB free after a large request (a bundle) instead of returning it.
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

}  // namespace ehcp::serve
