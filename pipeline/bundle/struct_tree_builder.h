#pragma once

// Internal to the bundle stage: builds the bundle's structure tree (StructTreeRoot,
// elements, ParentTree) in a PoDoFo document. Elements for the cover and index are made
// here; merged documents' trees are grafted in with keys reserved by ReserveKeys.

#include <podofo/podofo.h>

#include <map>
#include <utility>
#include <vector>

namespace ehcp {

class StructTreeBuilder {
 public:
  explicit StructTreeBuilder(PoDoFo::PdfMemDocument& doc);

  PoDoFo::PdfObject* DocumentElement() { return document_; }
  // A new element of `type` appended to `parent`'s kids.
  PoDoFo::PdfObject* AddElement(PoDoFo::PdfObject* parent, const char* type);
  // Marks the next marked-content id on `page` as belonging to `element`; returns the MCID
  // to write in the page's BDC.
  int AddContent(PoDoFo::PdfObject* element, PoDoFo::PdfObject* page);
  // Makes `annotation` (on `page`) an OBJR kid of `element`, with its own ParentTree key.
  void AddAnnotation(PoDoFo::PdfObject* element, PoDoFo::PdfObject* annotation,
                     PoDoFo::PdfObject* page);
  // Reserves `count` ParentTree keys for a merged document; returns the first.
  int ReserveKeys(int count);
  // Adds a ParentTree entry (a merged document's, already offset).
  void AddParentTreeEntry(int key, const PoDoFo::PdfVariant& value);
  // Merges a source RoleMap (custom tag -> standard tag); a clash keeps the first mapping.
  void MergeRoleMap(const PoDoFo::PdfDictionary& role_map);
  // Writes the ParentTree (keys ascending), ParentTreeNextKey and the RoleMap.
  void Finish();

 private:
  struct PageMarks {
    int key = -1;
    std::vector<PoDoFo::PdfReference> elements;  // by MCID
  };
  PoDoFo::PdfMemDocument& doc_;
  PoDoFo::PdfObject* root_;
  PoDoFo::PdfObject* document_;
  // By page object number (in page order; see AddContent for why not PdfReference).
  std::map<PoDoFo::pdf_objnum, PageMarks> pages_;
  std::vector<std::pair<int, PoDoFo::PdfVariant>> entries_;
  PoDoFo::PdfDictionary role_map_;
  int next_key_ = 0;
};

}  // namespace ehcp
