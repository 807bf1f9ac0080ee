#pragma once

// The service's memory allocator. `ehcp-serve` is linked with jemalloc where the build has
// it (Debian's libjemalloc2; not under the sanitizers, which bring their own): a lint or
// render request makes some 40,000 small allocations, and jemalloc's per-thread caches
// serve them in fewer instructions than glibc's malloc (measured in bench/serve_profile.sh;
// figures in docs/engineering.md). Resident memory must stay flat over 100,000 requests
// with either allocator; each is tuned for that here, once, before any worker starts.

namespace ehcp::serve {

// "jemalloc" or "glibc malloc": which allocator this binary was linked with (for the
// start-up line and /healthz).
const char* AllocatorName();

// Sets the allocator's limits for a service of `workers` workers. Call once, before the
// first thread is started.
void TuneAllocator(unsigned workers);

}  // namespace ehcp::serve
