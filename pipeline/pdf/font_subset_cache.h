#pragma once

// Font subsets as they go into a PDF (the TrueType subset and its ToUnicode map, both
// encoded), kept from one PDF to the next. Building and compressing them was 3.5 M of a
// 30-page plan's 82 M instructions, and a service or a batch render draws the same glyphs
// again and again: the headings and labels of a template are the same in every plan, and
// a plan rendered again draws what it drew before. Each PDF still embeds only the glyphs
// it draws: the key is the font and exactly those glyphs with the text each stands for.
//
// Bounded: at most `max_entries` subsets and `max_bytes` of them, the least recently used
// dropped first, so a long-running service holds its memory flat.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

struct EncodedFontSubset {
  pdfio::EncodedStream font_file;
  size_t font_file_size = 0;  // decoded: the FontFile2's /Length1
  pdfio::EncodedStream to_unicode;
  size_t Bytes() const { return font_file.bytes.size() + to_unicode.bytes.size(); }
};

class FontSubsetCache {
 public:
  FontSubsetCache(size_t max_entries, size_t max_bytes);

  // The one the PDF writer uses (every thread of the process shares it).
  static FontSubsetCache& Shared();

  // The subset stored under `key`, or nullptr.
  std::shared_ptr<const EncodedFontSubset> Find(std::string_view key);
  // Stores `subset` under `key` (a subset larger than a quarter of the cache is not kept).
  void Add(std::string key, std::shared_ptr<const EncodedFontSubset> subset);

  size_t Entries() const;
  size_t Bytes() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const EncodedFontSubset> subset;
  };
  const size_t max_entries_;
  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  size_t bytes_ = 0;
};

}  // namespace ehcp::pdf
