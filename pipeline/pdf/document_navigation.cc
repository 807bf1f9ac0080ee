#include "pdf/document_navigation.h"

#include <podofo/podofo.h>

#include "pdf/pdf_text_string.h"

#include <map>

namespace ehcp::pdf {
std::vector<PoDoFo::PdfObject*> WriteLinkAnnotations(PoDoFo::PdfMemDocument& pdf, const Layout& layout,
                                                     const std::vector<PoDoFo::PdfPage*>& pages) {
  using namespace PoDoFo;
  std::map<std::string, const PlacedAnchor*> anchors;
  for (const auto& anchor : layout.anchors) anchors.emplace(anchor.anchor, &anchor);
  std::vector<PdfObject*> annotations;
  for (const LinkArea& link : layout.links) {
    PdfPage* page = pages[link.page];
    PdfAnnotation* annotation = page->CreateAnnotation(
        ePdfAnnotation_Link, PdfRect(link.rect.x, link.rect.y, link.rect.width, link.rect.height));
    annotation->SetFlags(ePdfAnnotationFlags_Print);
    annotation->SetBorderStyle(0, 0, 0);
    annotation->SetContents(PdfTextString(link.contents));
    if (!link.target.empty() && link.target[0] == '#') {
      auto found = anchors.find(link.target.substr(1));
      if (found != anchors.end()) {
        const PlacedAnchor& target = *found->second;
        annotation->SetDestination(PdfDestination(pages[target.page], 0, target.top, 0));
      }
    } else {
      PdfAction action(ePdfAction_URI, &pdf);
      action.SetURI(PdfString(link.target));
      annotation->SetAction(action);
    }
    // PoDoFo stamps the current time as /M: drop it so output is reproducible.
    annotation->GetObject()->GetDictionary().RemoveKey("M");
    annotations.push_back(annotation->GetObject());
  }
  return annotations;
}

void WriteBookmarks(PoDoFo::PdfMemDocument& pdf, const Layout& layout, const std::vector<PoDoFo::PdfPage*>& pages) {
  using namespace PoDoFo;
  // last[level] is the most recent bookmark at that level; a heading nests under the
  // closest shallower one.
  PdfOutlineItem* last[4] = {nullptr, nullptr, nullptr, nullptr};
  PdfOutlines* outlines = nullptr;
  for (const PlacedHeading& heading : layout.headings) {
    if (!heading.in_contents || heading.page < 0) continue;
    PdfDestination destination(pages[heading.page], 0, heading.top, 0);
    int level = heading.level;
    PdfOutlineItem* parent = nullptr;
    for (int l = level - 1; l >= 1 && parent == nullptr; --l) parent = last[l];
    PdfOutlineItem* item = nullptr;
    if (parent != nullptr) {
      PdfOutlineItem* sibling = parent->Last();
      item = sibling != nullptr ? sibling->CreateNext(PdfTextString(heading.text), destination)
                                : parent->CreateChild(PdfTextString(heading.text), destination);
    } else if (outlines == nullptr) {
      outlines = pdf.GetOutlines();
      item = outlines->CreateRoot(PdfTextString(heading.text));
      item->SetDestination(destination);
    } else {
      item = outlines->Last()->CreateNext(PdfTextString(heading.text), destination);
    }
    last[level] = item;
    for (int l = level + 1; l <= 3; ++l) last[l] = nullptr;
  }
}

}  // namespace ehcp::pdf
