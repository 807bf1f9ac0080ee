#pragma once

// Internal to the bundle stage: copies objects from one PoDoFo document into another,
// following references, each source object exactly once. Unlike PdfDocument::Append it
// copies only what is reachable from what the bundle asks for (pages, structure tree,
// outlines), so the source's catalog, page tree and unused objects never become orphans
// in the bundle, and no garbage collection pass is needed.

#include <podofo/podofo.h>

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ehcp {

class ObjectCopier {
 public:
  ObjectCopier(const PoDoFo::PdfVecObjects& source, PoDoFo::PdfVecObjects& target);

  // Makes references to `source` come out as `target` (a source object that the bundle
  // replaces by its own, such as the StructTreeRoot by the document's Sect element).
  void Redirect(const PoDoFo::PdfReference& source, const PoDoFo::PdfReference& target);
  // The target reference for a source reference, allocating (and queueing) the copy.
  // References to missing objects become null.
  PoDoFo::PdfVariant MapReference(const PoDoFo::PdfReference& source);
  // A copy of a direct value with its references mapped.
  PoDoFo::PdfVariant CopyValue(const PoDoFo::PdfVariant& value);
  // Queues a page dictionary to be copied without its /Parent; returns the new page
  // object, which is filled in by Drain.
  PoDoFo::PdfObject* CopyPage(const PoDoFo::PdfObject* page);
  // Copies every queued object. Call after the last Map/Copy.
  void Drain();
  // The copy of a source object, or nullptr if it was not copied.
  PoDoFo::PdfObject* Copied(const PoDoFo::PdfReference& source) const;

 private:
  static uint64_t Key(const PoDoFo::PdfReference& r) {
    return (static_cast<uint64_t>(r.ObjectNumber()) << 16) | r.GenerationNumber();
  }
  void CopyInto(const PoDoFo::PdfVariant& value, PoDoFo::PdfVariant& out, int depth);
  void CopyObject(const PoDoFo::PdfObject* source, PoDoFo::PdfObject* target, bool drop_parent);

  const PoDoFo::PdfVecObjects& source_;
  PoDoFo::PdfVecObjects& target_;
  std::unordered_map<uint64_t, PoDoFo::PdfReference> map_;
  std::vector<std::pair<const PoDoFo::PdfObject*, PoDoFo::PdfObject*>> queue_;
  std::unordered_set<const PoDoFo::PdfObject*> pages_;
};

}  // namespace ehcp
