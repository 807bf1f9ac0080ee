// Arbitrary bytes as a template's logo: the image reader must never crash, hang, leak or
// allocate beyond its limits (libFuzzer's -rss_limit_mb catches that), a refusal must say
// why, and a decoded image must have exactly the pixels its size says.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "image/image_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ehcp::image;
  // Smaller limits than a render's keep each run fast; the checks are the same code.
  static constexpr ImageLimits kLimits{2000, 2000, 1'000'000};
  ImageResult result =
      DecodeImage(std::string_view(reinterpret_cast<const char*>(data), size), kLimits);
  if (!result.Ok()) {
    if (result.message.empty()) __builtin_trap();
    return 0;
  }
  const Image& image = result.image;
  size_t pixels = static_cast<size_t>(image.width) * image.height;
  if (image.width <= 0 || image.height <= 0 || image.width > kLimits.max_width ||
      image.height > kLimits.max_height || image.pixels.size() != pixels * image.Samples() ||
      (!image.alpha.empty() && image.alpha.size() != pixels))
    __builtin_trap();
  return 0;
}
