#include "pdf/truetype_font.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace ehcp::pdf {
namespace {

// TrueType is big-endian throughout.
uint16_t U16(const unsigned char* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}
int16_t S16(const unsigned char* p) {
  return static_cast<int16_t>(U16(p));
}
uint32_t U32(const unsigned char* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

void PutU16(std::string& out, size_t at, uint16_t v) {
  out[at] = static_cast<char>(v >> 8);
  out[at + 1] = static_cast<char>(v & 0xFF);
}
void PutU32(std::string& out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}
void AppendU16(std::string& out, uint16_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xFF);
}
void AppendU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}

// Sum of the big-endian 32-bit words of `bytes`, zero-padded to a multiple of four.
uint32_t Checksum(std::string_view bytes) {
  uint32_t sum = 0;
  size_t whole = bytes.size() / 4 * 4;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < whole; i += 4) sum += U32(p + i);
  if (whole < bytes.size()) {
    unsigned char tail[4] = {0, 0, 0, 0};
    std::memcpy(tail, p + whole, bytes.size() - whole);
    sum += U32(tail);
  }
  return sum;
}

// Composite glyph component flags (glyf table).
constexpr uint16_t kArgsAreWords = 0x0001;
constexpr uint16_t kHaveScale = 0x0008;
constexpr uint16_t kMoreComponents = 0x0020;
constexpr uint16_t kHaveXYScale = 0x0040;
constexpr uint16_t kHaveTwoByTwo = 0x0080;

}  // namespace

TrueTypeFont::~TrueTypeFont() {
  if (data_ != nullptr) munmap(const_cast<unsigned char*>(data_), size_);
}

TrueTypeFont::Table TrueTypeFont::Find(std::string_view tag) const {
  if (size_ < 12) return {};
  int count = U16(data_ + 4);
  for (int i = 0; i < count; ++i) {
    const unsigned char* record = data_ + 12 + 16 * i;
    if (record + 16 > data_ + size_) break;
    if (std::memcmp(record, tag.data(), 4) != 0) continue;
    Table table{U32(record + 8), U32(record + 12), true};
    if (table.offset > size_ || table.length > size_ - table.offset) return {};
    return table;
  }
  return {};
}

std::string_view TrueTypeFont::Bytes(const Table& table) const {
  return {reinterpret_cast<const char*>(data_) + table.offset, table.length};
}

bool TrueTypeFont::Open(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot open " + path;
    return false;
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < 12) {
    ::close(fd);
    error = path + " is not a font file";
    return false;
  }
  void* mapped = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) {
    error = "cannot read " + path;
    return false;
  }
  data_ = static_cast<const unsigned char*>(mapped);
  size_ = static_cast<size_t>(st.st_size);

  uint32_t version = U32(data_);
  head_ = Find("head");
  hhea_ = Find("hhea");
  hmtx_ = Find("hmtx");
  maxp_ = Find("maxp");
  loca_ = Find("loca");
  glyf_ = Find("glyf");
  Table cmap = Find("cmap");
  if ((version != 0x00010000 && version != 0x74727565) || !head_.present || head_.length < 54 ||
      !hhea_.present || hhea_.length < 36 || !hmtx_.present || !maxp_.present || maxp_.length < 6 ||
      !loca_.present || !glyf_.present) {
    error = path + " is not a TrueType font with outlines";
    return false;
  }
  const unsigned char* head = data_ + head_.offset;
  const unsigned char* hhea = data_ + hhea_.offset;
  metrics_.units_per_em = U16(head + 18);
  metrics_.x_min = S16(head + 36);
  metrics_.y_min = S16(head + 38);
  metrics_.x_max = S16(head + 40);
  metrics_.y_max = S16(head + 42);
  long_loca_ = S16(head + 50) == 1;
  metrics_.ascender = S16(hhea + 4);
  metrics_.descender = S16(hhea + 6);
  metrics_.cap_height = metrics_.ascender;
  long_metrics_ = U16(hhea + 34);
  glyph_count_ = U16(data_ + maxp_.offset + 4);
  if (metrics_.units_per_em == 0 || long_metrics_ == 0 || hmtx_.length < 4u * long_metrics_ ||
      loca_.length < (long_loca_ ? 4u : 2u) * (glyph_count_ + 1)) {
    error = path + " has inconsistent metrics tables";
    return false;
  }
  Table os2 = Find("OS/2");
  if (os2.present && os2.length >= 6) {
    const unsigned char* p = data_ + os2.offset;
    metrics_.weight_class = U16(p + 4);
    if (U16(p) >= 2 && os2.length >= 90) metrics_.cap_height = S16(p + 88);
  }
  Table post = Find("post");
  if (post.present && post.length >= 16) {
    const unsigned char* p = data_ + post.offset;
    metrics_.italic_angle = S16(p + 4) + U16(p + 6) / 65536.0;
    metrics_.fixed_pitch = U32(p + 12) != 0;
  }

  // The Unicode subtable: full repertoire (format 12) first, else the BMP one (format 4).
  // A font without one (such as a subset made for a PDF) maps no characters.
  if (!cmap.present || cmap.length < 4) return true;
  const unsigned char* cmap_table = data_ + cmap.offset;
  int subtables = U16(cmap_table + 2);
  int best_rank = 0;
  for (int i = 0; i < subtables && 4u + 8u * (i + 1) <= cmap.length; ++i) {
    const unsigned char* record = cmap_table + 4 + 8 * i;
    int platform = U16(record);
    int encoding = U16(record + 2);
    uint32_t offset = U32(record + 4);
    if (offset + 8 > cmap.length) continue;
    const unsigned char* sub = cmap_table + offset;
    int format = U16(sub);
    size_t length = format == 12 ? U32(sub + 4) : U16(sub + 2);
    if (length > cmap.length - offset) continue;
    bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
    int rank = !unicode ? 0 : format == 12 ? 2 : format == 4 ? 1 : 0;
    if (rank > best_rank) {
      best_rank = rank;
      cmap_ = sub;
      cmap_size_ = length;
      cmap_format_ = format;
    }
  }
  return true;
}

uint16_t TrueTypeFont::GlyphId(char32_t cp) const {
  if (cmap_ == nullptr) return 0;
  if (cmap_format_ == 12) {
    uint32_t groups = U32(cmap_ + 12);
    if (16 + 12ull * groups > cmap_size_) return 0;
    // Groups are sorted by start code: binary search for the last that starts <= cp.
    uint32_t lo = 0, hi = groups;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      const unsigned char* g = cmap_ + 16 + 12 * mid;
      if (U32(g + 4) < cp) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == groups) return 0;
    const unsigned char* g = cmap_ + 16 + 12 * lo;
    if (cp < U32(g)) return 0;
    uint32_t gid = U32(g + 8) + (cp - U32(g));
    return gid < static_cast<uint32_t>(glyph_count_) ? static_cast<uint16_t>(gid) : 0;
  }
  // Format 4: segments of BMP code points, each mapped by a delta or a glyph array.
  if (cp > 0xFFFF || cmap_size_ < 14) return 0;
  int segments = U16(cmap_ + 6) / 2;
  if (16 + 8ull * segments > cmap_size_) return 0;
  const unsigned char* ends = cmap_ + 14;
  const unsigned char* starts = ends + 2 * segments + 2;
  const unsigned char* deltas = starts + 2 * segments;
  const unsigned char* range_offsets = deltas + 2 * segments;
  int lo = 0, hi = segments;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (U16(ends + 2 * mid) < cp) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == segments || cp < U16(starts + 2 * lo)) return 0;
  uint16_t delta = U16(deltas + 2 * lo);
  uint16_t range_offset = U16(range_offsets + 2 * lo);
  uint32_t gid;
  if (range_offset == 0) {
    gid = (cp + delta) & 0xFFFF;
  } else {
    const unsigned char* entry =
        range_offsets + 2 * lo + range_offset + 2 * (cp - U16(starts + 2 * lo));
    if (entry + 2 > cmap_ + cmap_size_) return 0;
    gid = U16(entry);
    if (gid != 0) gid = (gid + delta) & 0xFFFF;
  }
  return gid < static_cast<uint32_t>(glyph_count_) ? static_cast<uint16_t>(gid) : 0;
}

int TrueTypeFont::AdvanceWidth(uint16_t gid) const {
  // Glyphs past the last long metric share its advance.
  int index = std::min<int>(gid, long_metrics_ - 1);
  return U16(data_ + hmtx_.offset + 4 * index);
}

uint32_t TrueTypeFont::FileChecksum() const {
  return U32(data_ + head_.offset + 8);
}

uint32_t TrueTypeFont::GlyphOffset(uint32_t gid) const {
  const unsigned char* loca = data_ + loca_.offset;
  return long_loca_ ? U32(loca + 4 * gid) : 2u * U16(loca + 2 * gid);
}

std::string TrueTypeFont::Subset(const std::vector<uint16_t>& gids) const {
  // Which glyphs keep their outlines: those asked for, .notdef, and (repeatedly) the
  // components of any composite among them.
  std::vector<bool> keep(glyph_count_, false);
  std::vector<uint16_t> pending(gids.begin(), gids.end());
  pending.push_back(0);
  while (!pending.empty()) {
    uint16_t gid = pending.back();
    pending.pop_back();
    if (gid >= glyph_count_ || keep[gid]) continue;
    keep[gid] = true;
    uint32_t start = GlyphOffset(gid), end = GlyphOffset(gid + 1);
    if (end <= start + 10 || end > glyf_.length) continue;
    const unsigned char* glyph = data_ + glyf_.offset + start;
    if (S16(glyph) >= 0) continue;  // simple glyph
    const unsigned char* p = glyph + 10;
    const unsigned char* limit = data_ + glyf_.offset + end;
    for (;;) {
      if (p + 4 > limit) break;
      uint16_t flags = U16(p);
      pending.push_back(U16(p + 2));
      p += 4 + ((flags & kArgsAreWords) ? 4 : 2);
      if (flags & kHaveScale)
        p += 2;
      else if (flags & kHaveXYScale)
        p += 4;
      else if (flags & kHaveTwoByTwo)
        p += 8;
      if (!(flags & kMoreComponents)) break;
    }
  }
  int count = glyph_count_;
  while (count > 1 && !keep[count - 1]) --count;

  // glyf and a long-format loca for glyphs 0..count-1; dropped glyphs are empty.
  std::string glyf, loca;
  loca.reserve(4 * (count + 1));
  for (int gid = 0; gid < count; ++gid) {
    AppendU32(loca, static_cast<uint32_t>(glyf.size()));
    if (!keep[gid]) continue;
    uint32_t start = GlyphOffset(gid), end = GlyphOffset(gid + 1);
    if (end <= start || end > glyf_.length) continue;
    glyf.append(reinterpret_cast<const char*>(data_ + glyf_.offset + start), end - start);
    while (glyf.size() % 4 != 0) glyf += '\0';
  }
  AppendU32(loca, static_cast<uint32_t>(glyf.size()));

  std::string head(Bytes(head_));
  PutU32(head, 8, 0);   // checkSumAdjustment, set once the file is complete
  PutU16(head, 50, 1);  // indexToLocFormat: long
  std::string maxp(Bytes(maxp_));
  PutU16(maxp, 4, static_cast<uint16_t>(count));
  int long_metrics = std::min(long_metrics_, count);
  std::string hhea(Bytes(hhea_));
  PutU16(hhea, 34, static_cast<uint16_t>(long_metrics));
  // hmtx: the long metrics kept, then the left side bearings of the remaining glyphs.
  std::string hmtx(Bytes(hmtx_).substr(0, 4 * long_metrics));
  for (int gid = long_metrics; gid < count; ++gid) {
    size_t at = 4 * long_metrics_ + 2 * (gid - long_metrics_);
    if (gid < long_metrics_ || at + 2 > hmtx_.length) {
      hmtx += std::string(2, '\0');
    } else {
      hmtx.append(Bytes(hmtx_).substr(at, 2));
    }
  }

  // Tables in tag order, as the directory must list them.
  std::vector<std::pair<std::string, std::string>> tables;
  for (const char* tag :
       {"OS/2", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"}) {
    std::string_view name(tag, 4);
    if (name == "glyf")
      tables.emplace_back(tag, std::move(glyf));
    else if (name == "head")
      tables.emplace_back(tag, std::move(head));
    else if (name == "hhea")
      tables.emplace_back(tag, std::move(hhea));
    else if (name == "hmtx")
      tables.emplace_back(tag, std::move(hmtx));
    else if (name == "loca")
      tables.emplace_back(tag, std::move(loca));
    else if (name == "maxp")
      tables.emplace_back(tag, std::move(maxp));
    else if (Table t = Find(name); t.present)
      tables.emplace_back(tag, std::string(Bytes(t)));
  }

  uint16_t count_tables = static_cast<uint16_t>(tables.size());
  uint16_t power = 1, log2 = 0;
  while (power * 2 <= count_tables) {
    power *= 2;
    ++log2;
  }
  std::string out;
  AppendU32(out, 0x00010000);
  AppendU16(out, count_tables);
  AppendU16(out, static_cast<uint16_t>(power * 16));
  AppendU16(out, log2);
  AppendU16(out, static_cast<uint16_t>(count_tables * 16 - power * 16));
  size_t offset = 12 + 16 * tables.size();
  size_t head_at = 0;
  for (const auto& [tag, bytes] : tables) {
    out.append(tag, 0, 4);
    AppendU32(out, Checksum(bytes));
    AppendU32(out, static_cast<uint32_t>(offset));
    AppendU32(out, static_cast<uint32_t>(bytes.size()));
    if (tag == "head") head_at = offset;
    offset += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, bytes] : tables) {
    out += bytes;
    while (out.size() % 4 != 0) out += '\0';
  }
  PutU32(out, head_at + 8, 0xB1B0AFBAu - Checksum(out));
  return out;
}

}  // namespace ehcp::pdf
