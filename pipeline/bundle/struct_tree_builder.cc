#include "bundle/struct_tree_builder.h"

#include <algorithm>

namespace ehcp {

using namespace PoDoFo;

StructTreeBuilder::StructTreeBuilder(PdfMemDocument& doc) : doc_(doc) {
  root_ = doc.GetObjects().CreateObject("StructTreeRoot");
  document_ = doc.GetObjects().CreateObject("StructElem");
  document_->GetDictionary().AddKey("S", PdfName("Document"));
  document_->GetDictionary().AddKey("P", root_->Reference());
  document_->GetDictionary().AddKey("K", PdfArray());
  root_->GetDictionary().AddKey("K", document_->Reference());
  doc.GetCatalog()->GetDictionary().AddKey("StructTreeRoot", root_->Reference());
}

PdfObject* StructTreeBuilder::AddElement(PdfObject* parent, const char* type) {
  PdfObject* element = doc_.GetObjects().CreateObject("StructElem");
  element->GetDictionary().AddKey("S", PdfName(type));
  element->GetDictionary().AddKey("P", parent->Reference());
  element->GetDictionary().AddKey("K", PdfArray());
  PdfObject* kids = parent->GetDictionary().GetKey("K");
  kids->GetArray().push_back(element->Reference());
  return element;
}

int StructTreeBuilder::AddContent(PdfObject* element, PdfObject* page) {
  PageMarks& marks = pages_[page->Reference().ObjectNumber()];
  if (marks.key < 0) {
    marks.key = next_key_++;
    page->GetDictionary().AddKey("StructParents", static_cast<pdf_int64>(marks.key));
  }
  int mcid = static_cast<int>(marks.elements.size());
  marks.elements.push_back(element->Reference());
  PdfDictionary& dict = element->GetDictionary();
  if (!dict.HasKey("Pg")) dict.AddKey("Pg", page->Reference());
  PdfArray& kids = dict.GetKey("K")->GetArray();
  // Object numbers, not whole PdfReferences: GCC merges PdfReference's two-field
  // comparison into one 8-byte load that takes in the padding byte before the generation
  // number, which PoDoFo leaves uninitialised in the copies it allocates (the /Pg value
  // here). The answer does not depend on it, but valgrind sees a jump on uninitialised
  // memory. Everything in this document has generation 0, so the number says it all.
  if (dict.GetKey("Pg")->GetReference().ObjectNumber() == page->Reference().ObjectNumber()) {
    kids.push_back(static_cast<pdf_int64>(mcid));
  } else {
    PdfDictionary mcr;
    mcr.AddKey("Type", PdfName("MCR"));
    mcr.AddKey("Pg", page->Reference());
    mcr.AddKey("MCID", static_cast<pdf_int64>(mcid));
    kids.push_back(mcr);
  }
  return mcid;
}

void StructTreeBuilder::AddAnnotation(PdfObject* element, PdfObject* annotation, PdfObject* page) {
  int key = next_key_++;
  annotation->GetDictionary().AddKey("StructParent", static_cast<pdf_int64>(key));
  entries_.emplace_back(key, PdfVariant(element->Reference()));
  PdfDictionary objr;
  objr.AddKey("Type", PdfName("OBJR"));
  objr.AddKey("Obj", annotation->Reference());
  objr.AddKey("Pg", page->Reference());
  element->GetDictionary().GetKey("K")->GetArray().push_back(objr);
}

int StructTreeBuilder::ReserveKeys(int count) {
  int first = next_key_;
  next_key_ += count;
  return first;
}

void StructTreeBuilder::AddParentTreeEntry(int key, const PdfVariant& value) {
  entries_.emplace_back(key, value);
}

void StructTreeBuilder::MergeRoleMap(const PdfDictionary& role_map) {
  for (const auto& [name, value] : role_map.GetKeys())
    if (!role_map_.HasKey(name)) role_map_.AddKey(name, *value);
}

void StructTreeBuilder::Finish() {
  for (const auto& [page, marks] : pages_) {
    PdfArray elements;
    for (const auto& ref : marks.elements) elements.push_back(ref);
    PdfObject* array = doc_.GetObjects().CreateObject(elements);
    entries_.emplace_back(marks.key, PdfVariant(array->Reference()));
  }
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  PdfArray nums;
  for (const auto& [key, value] : entries_) {
    nums.push_back(static_cast<pdf_int64>(key));
    nums.push_back(value);
  }
  PdfDictionary tree;
  tree.AddKey("Nums", nums);
  PdfObject* parent_tree = doc_.GetObjects().CreateObject(tree);
  root_->GetDictionary().AddKey("ParentTree", parent_tree->Reference());
  root_->GetDictionary().AddKey("ParentTreeNextKey", static_cast<pdf_int64>(next_key_));
  if (!role_map_.GetKeys().empty()) root_->GetDictionary().AddKey("RoleMap", role_map_);
}

}  // namespace ehcp
