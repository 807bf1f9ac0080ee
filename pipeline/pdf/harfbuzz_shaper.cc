#include "pdf/harfbuzz_shaper.h"

#include <hb.h>

#include <map>
#include <memory>
#include <mutex>

#include "pdf/complex_shaper.h"

namespace ehcp::pdf {
namespace {

class HarfBuzzShaper : public ComplexShaper {
 public:
  ~HarfBuzzShaper() override {
    for (auto& [path, font] : fonts_) hb_font_destroy(font.font);
  }

  bool Shape(const std::string& font_path, std::u16string_view text,
             std::vector<ShapedGlyph>& out) override {
    out.clear();
    std::lock_guard lock(mutex_);  // hb_font_t may be shared; buffers are per call
    const Font* font = FontFor(font_path);
    if (font == nullptr) return false;
    hb_buffer_t* buffer = hb_buffer_create();
    hb_buffer_add_utf16(buffer, reinterpret_cast<const uint16_t*>(text.data()),
                        static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buffer);  // script from the text; left to right
    hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
    hb_shape(font->font, buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* position = hb_buffer_get_glyph_positions(buffer, &count);
    const float scale = 1000.0f / static_cast<float>(font->units_per_em);
    out.reserve(count);
    for (unsigned i = 0; i < count; ++i) {
      out.push_back(ShapedGlyph{static_cast<uint16_t>(info[i].codepoint), info[i].cluster,
                                static_cast<float>(position[i].x_advance) * scale,
                                static_cast<float>(position[i].x_offset) * scale,
                                static_cast<float>(position[i].y_offset) * scale});
    }
    hb_buffer_destroy(buffer);
    return true;
  }

 private:
  struct Font {
    hb_font_t* font = nullptr;
    unsigned units_per_em = 1000;
  };

  const Font* FontFor(const std::string& path) {
    auto it = fonts_.find(path);
    if (it != fonts_.end()) return &it->second;
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (blob == nullptr) return nullptr;
    hb_face_t* face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    Font font;
    font.units_per_em = hb_face_get_upem(face);
    font.font = hb_font_create(face);
    hb_face_destroy(face);
    // Positions in font units; scaled to 1/1000 em above.
    hb_font_set_scale(font.font, static_cast<int>(font.units_per_em),
                      static_cast<int>(font.units_per_em));
    return &fonts_.emplace(path, font).first->second;
  }

  std::mutex mutex_;
  std::map<std::string, Font> fonts_;
};

}  // namespace

void UseHarfBuzzShaper() {
  static HarfBuzzShaper shaper;
  SetComplexShaper(&shaper);
}

}  // namespace ehcp::pdf
