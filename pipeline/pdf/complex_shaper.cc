#include "pdf/complex_shaper.h"

#include <atomic>

namespace ehcp::pdf {
namespace {
std::atomic<ComplexShaper*> g_shaper{nullptr};
}  // namespace

ComplexShaper* CurrentComplexShaper() {
  return g_shaper.load();
}
void SetComplexShaper(ComplexShaper* shaper) {
  g_shaper.store(shaper);
}

bool NeedsComplexShaping(char32_t cp) {
  return (cp >= 0x0900 && cp <= 0x0DFF) ||  // Devanagari ... Sinhala
         (cp >= 0x0E00 && cp <= 0x0EFF) ||  // Thai, Lao: tone marks stack on vowel signs
         (cp >= 0xA8E0 && cp <= 0xA8FF);    // Devanagari Extended
}

}  // namespace ehcp::pdf
