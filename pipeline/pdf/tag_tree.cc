#include "pdf/tag_tree.h"

#include <podofo/podofo.h>

#include "pdf/pdf_text_string.h"

namespace ehcp::pdf {
TagTree::TagTree() {
  TagElement document;
  document.type = "Document";
  elements_.push_back(std::move(document));
}

int TagTree::Add(int parent, std::string type) {
  TagElement element;
  element.type = std::move(type);
  element.parent = parent;
  elements_.push_back(std::move(element));
  int index = static_cast<int>(elements_.size() - 1);
  elements_[parent].kids.push_back({TagKid::Kind::kElement, index, -1});
  return index;
}

void TagTree::EnsurePage(int page) {
  if (static_cast<int>(mcid_owner_.size()) <= page) mcid_owner_.resize(page + 1);
}

int TagTree::MarkContent(int element, int page) {
  EnsurePage(page);
  int mcid = static_cast<int>(mcid_owner_[page].size());
  mcid_owner_[page].push_back(element);
  elements_[element].kids.push_back({TagKid::Kind::kMarkedContent, mcid, page});
  return mcid;
}

void TagTree::AddAnnotation(int element, int annotation, int page) {
  if (static_cast<int>(annotation_owner_.size()) <= annotation) annotation_owner_.resize(annotation + 1, -1);
  annotation_owner_[annotation] = element;
  elements_[element].kids.push_back({TagKid::Kind::kAnnotation, annotation, page});
}

void TagTree::Write(PoDoFo::PdfMemDocument& document, const std::vector<PoDoFo::PdfObject*>& pages,
                    const std::vector<PoDoFo::PdfObject*>& annotations) const {
  using namespace PoDoFo;
  PdfVecObjects& objects = document.GetObjects();
  PdfObject* root = objects.CreateObject("StructTreeRoot");
  std::vector<PdfObject*> made;
  made.reserve(elements_.size());
  for (size_t i = 0; i < elements_.size(); ++i) made.push_back(objects.CreateObject("StructElem"));

  for (size_t i = 0; i < elements_.size(); ++i) {
    const TagElement& element = elements_[i];
    PdfDictionary& dict = made[i]->GetDictionary();
    dict.AddKey("S", PdfName(element.type));
    dict.AddKey("P", element.parent < 0 ? root->Reference() : made[element.parent]->Reference());
    int first_page = -1;
    for (const TagKid& kid : element.kids) {
      if (kid.kind != TagKid::Kind::kElement) {
        first_page = kid.page;
        break;
      }
    }
    if (first_page >= 0) dict.AddKey("Pg", pages[first_page]->Reference());
    PdfArray kids;
    for (const TagKid& kid : element.kids) {
      switch (kid.kind) {
        case TagKid::Kind::kElement:
          kids.push_back(made[kid.value]->Reference());
          break;
        case TagKid::Kind::kMarkedContent:
          if (kid.page == first_page) {
            kids.push_back(static_cast<pdf_int64>(kid.value));
          } else {
            PdfDictionary mcr;
            mcr.AddKey("Type", PdfName("MCR"));
            mcr.AddKey("Pg", pages[kid.page]->Reference());
            mcr.AddKey("MCID", static_cast<pdf_int64>(kid.value));
            kids.push_back(mcr);
          }
          break;
        case TagKid::Kind::kAnnotation: {
          PdfDictionary objr;
          objr.AddKey("Type", PdfName("OBJR"));
          objr.AddKey("Obj", annotations[kid.value]->Reference());
          objr.AddKey("Pg", pages[kid.page]->Reference());
          kids.push_back(objr);
          break;
        }
      }
    }
    if (kids.size() == 1) {
      dict.AddKey("K", kids[0]);
    } else if (!kids.empty()) {
      dict.AddKey("K", kids);
    }
    if (!element.lang.empty()) dict.AddKey("Lang", PdfTextString(element.lang));
    if (!element.alt.empty()) dict.AddKey("Alt", PdfTextString(element.alt));
    if (!element.actual_text.empty()) dict.AddKey("ActualText", PdfTextString(element.actual_text));
    if (!element.scope.empty() || !element.summary.empty()) {
      PdfDictionary attributes;
      attributes.AddKey("O", PdfName("Table"));
      if (!element.scope.empty()) attributes.AddKey("Scope", PdfName(element.scope));
      if (!element.summary.empty()) attributes.AddKey("Summary", PdfTextString(element.summary));
      dict.AddKey("A", attributes);
    }
    if (element.bbox) {
      PdfDictionary attributes;
      attributes.AddKey("O", PdfName("Layout"));
      PdfArray box;
      for (double v : *element.bbox) box.push_back(PdfVariant(v));
      attributes.AddKey("BBox", box);
      dict.AddKey("A", attributes);
    }
  }

  // ParentTree: keys must ascend; pages first (key = page index), then annotations.
  PdfArray nums;
  for (size_t page = 0; page < pages.size(); ++page) {
    PdfArray owners;
    if (page < mcid_owner_.size()) {
      for (int element : mcid_owner_[page]) owners.push_back(made[element]->Reference());
    }
    PdfObject* array = objects.CreateObject(owners);
    nums.push_back(static_cast<pdf_int64>(page));
    nums.push_back(array->Reference());
    pages[page]->GetDictionary().AddKey("StructParents", static_cast<pdf_int64>(page));
  }
  for (size_t i = 0; i < annotations.size(); ++i) {
    pdf_int64 key = static_cast<pdf_int64>(pages.size() + i);
    annotations[i]->GetDictionary().AddKey("StructParent", key);
    nums.push_back(key);
    nums.push_back(made[annotation_owner_.at(i)]->Reference());
  }
  PdfDictionary parent_tree;
  parent_tree.AddKey("Nums", nums);
  PdfObject* parent_tree_object = objects.CreateObject(parent_tree);
  PdfDictionary& root_dict = root->GetDictionary();
  root_dict.AddKey("K", made[0]->Reference());
  root_dict.AddKey("ParentTree", parent_tree_object->Reference());
  root_dict.AddKey("ParentTreeNextKey", static_cast<pdf_int64>(pages.size() + annotations.size()));
  document.GetCatalog()->GetDictionary().AddKey("StructTreeRoot", root->Reference());
}

}  // namespace ehcp::pdf
