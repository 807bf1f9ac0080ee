#pragma once

// The HarfBuzz implementation of ComplexShaper (complex_shaper.h), linked into
// ehcp-render and the tests; faces are read once per font file and kept.

namespace ehcp::pdf {

// Installs a process-wide HarfBuzz shaper (SetComplexShaper). Call once at start-up.
void UseHarfBuzzShaper();

}  // namespace ehcp::pdf
