// Arbitrary bytes as a source PDF of a bundle: reading the cross-reference data, the page
// list, the text-layer scan and copying every object must never crash or hang; a file that
// cannot be read is refused with a ParseError.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pdfio/reader.h"

namespace {

struct Sink : ehcp::pdfio::RawSink {
  void Reference(int64_t number, uint32_t generation, std::string& out) override {
    out += std::to_string(number) + " " + std::to_string(generation) + " R";
  }
  // "/BaseFont /" is a valid (empty) name: only the reported place is checked.
  void TopLevelName(std::string_view, std::string_view, size_t offset) override {
    if (offset > size) __builtin_trap();
  }
  size_t size = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    ehcp::pdfio::PdfFile file(bytes);
    const ehcp::pdfio::Value* root = file.Resolve(file.Trailer().Get("Root"));
    (void)root;
    std::string out;
    Sink sink;
    for (int64_t n = 1; n < file.Size() && n < 2000; ++n) {
      try {
        out.clear();
        sink.size = 1 << 30;
        file.CopyRaw(n, out, sink);
        const ehcp::pdfio::Object* o = file.Get(n);
        if (o != nullptr && o->has_stream) {
          (void)file.Decode(*o);
          (void)file.ScanDecoded(*o, [](std::string_view, bool) { return false; });
        }
      } catch (const ehcp::pdfio::ParseError&) {
      }
    }
  } catch (const ehcp::pdfio::ParseError&) {
  }
  return 0;
}
