#include "bundle/object_copier.h"

namespace ehcp {

using namespace PoDoFo;

namespace {
// Direct objects nest only a few levels in real files; deeper means a hostile file.
constexpr int kMaxDepth = 100;
}  // namespace

ObjectCopier::ObjectCopier(const PdfVecObjects& source, PdfVecObjects& target)
    : source_(source), target_(target) {}

void ObjectCopier::Redirect(const PdfReference& source, const PdfReference& target) {
  map_[Key(source)] = target;
}

PdfVariant ObjectCopier::MapReference(const PdfReference& source) {
  auto it = map_.find(Key(source));
  if (it != map_.end()) return PdfVariant(it->second);
  const PdfObject* object = source_.GetObject(source);
  if (object == nullptr) return PdfVariant();  // a dangling reference reads as null
  PdfObject* copy = target_.CreateObject(PdfVariant());
  map_[Key(source)] = copy->Reference();
  queue_.emplace_back(object, copy);
  return PdfVariant(copy->Reference());
}

PdfVariant ObjectCopier::CopyValue(const PdfVariant& value) {
  PdfVariant out;
  CopyInto(value, out, 0);
  return out;
}

// Builds the copy in place: PoDoFo copies a dictionary on every assignment, so returning
// values up the recursion would copy each nested level again.
void ObjectCopier::CopyInto(const PdfVariant& value, PdfVariant& out, int depth) {
  if (depth > kMaxDepth) PODOFO_RAISE_ERROR_INFO(ePdfError_BrokenFile, "objects nested too deeply");
  switch (value.GetDataType()) {
    case ePdfDataType_Reference: out = MapReference(value.GetReference()); return;
    case ePdfDataType_Array: {
      const PdfArray& in = value.GetArray();
      out = PdfArray();
      PdfArray& array = out.GetArray();
      array.reserve(in.size());
      for (const auto& item : in) {
        array.push_back(PdfVariant());
        CopyInto(item, array.back(), depth + 1);
      }
      return;
    }
    case ePdfDataType_Dictionary: {
      out = PdfDictionary();
      PdfDictionary& dict = out.GetDictionary();
      for (const auto& [key, item] : value.GetDictionary().GetKeys()) {
        dict.AddKey(key, PdfVariant());
        CopyInto(*item, *dict.GetKey(key), depth + 1);
      }
      return;
    }
    default: out = value;
  }
}

void ObjectCopier::CopyObject(const PdfObject* source, PdfObject* target, bool drop_parent) {
  if (source->IsDictionary()) {
    bool has_stream = source->HasStream();
    target->PdfVariant::operator=(PdfDictionary());
    PdfDictionary& dict = target->GetDictionary();
    for (const auto& [key, item] : source->GetDictionary().GetKeys()) {
      // The stream copy sets /Length itself; an indirect length would be an orphan.
      if ((has_stream && key == PdfName::KeyLength) || (drop_parent && key == PdfName("Parent")))
        continue;
      dict.AddKey(key, PdfVariant());
      CopyInto(*item, *dict.GetKey(key), 1);
    }
    if (has_stream) *target->GetStream() = *source->GetStream();
  } else {
    CopyInto(*source, *target, 1);
  }
}

PdfObject* ObjectCopier::CopyPage(const PdfObject* page) {
  PdfVariant ref = MapReference(page->Reference());
  PdfObject* copy = target_.GetObject(ref.GetReference());
  pages_.insert(copy);  // filled by Drain, without /Parent
  return copy;
}

void ObjectCopier::Drain() {
  while (!queue_.empty()) {
    auto [source, target] = queue_.back();
    queue_.pop_back();
    CopyObject(source, target, pages_.count(target) > 0);
  }
}

PdfObject* ObjectCopier::Copied(const PdfReference& source) const {
  auto it = map_.find(Key(source));
  return it == map_.end() ? nullptr : target_.GetObject(it->second);
}

}  // namespace ehcp
