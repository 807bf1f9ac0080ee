#include "pdf/font_subset_cache.h"

namespace ehcp::pdf {

FontSubsetCache::FontSubsetCache(size_t max_entries, size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

FontSubsetCache& FontSubsetCache::Shared() {
  // A Latin plan's four subsets are 10-40 KB each; a Chinese one's few hundred KB.
  static FontSubsetCache cache(64, 8u << 20);
  return cache;
}

std::shared_ptr<const EncodedFontSubset> FontSubsetCache::Find(std::string_view key) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key != key) continue;
    entries_.splice(entries_.begin(), entries_, it);
    return entries_.front().subset;
  }
  return nullptr;
}

void FontSubsetCache::Add(std::string key, std::shared_ptr<const EncodedFontSubset> subset) {
  size_t bytes = subset->Bytes() + key.size();
  if (bytes > max_bytes_ / 4) return;
  std::lock_guard lock(mutex_);
  for (const Entry& entry : entries_) {
    if (entry.key == key) return;  // another thread made the same subset meanwhile
  }
  entries_.push_front({std::move(key), std::move(subset)});
  bytes_ += bytes;
  while (entries_.size() > max_entries_ || bytes_ > max_bytes_) {
    const Entry& last = entries_.back();
    bytes_ -= last.subset->Bytes() + last.key.size();
    entries_.pop_back();
  }
}

size_t FontSubsetCache::Entries() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

size_t FontSubsetCache::Bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace ehcp::pdf
