#pragma once

// The logical structure (tag tree) of the PDF, built in memory while laying out and
// written once at the end: Document > H1..H3 / P / L > LI > Lbl + LBody / Table >
// Caption + THead/TBody > TR > TH/TD / Link / Figure / TOC > TOCI. Content on pages is
// linked to it by marked-content ids (MCIDs); link annotations by OBJR kids. Writing
// also builds the ParentTree (page key -> elements by MCID, annotation key -> Link).

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace ehcp::pdfio {
class ObjectWriter;
}  // namespace ehcp::pdfio

namespace ehcp::pdf {

struct TagKid {
  enum class Kind { kElement, kMarkedContent, kAnnotation };
  Kind kind;
  int value;  // element index, MCID, or annotation index
  int page;   // for marked content and annotations
};

struct TagElement {
  std::string type;  // a standard structure type: "P", "H1", "Table", ...
  int parent = -1;
  std::vector<TagKid> kids;
  std::string lang;                           // when it differs from the document's
  std::string alt;                            // Figure
  std::string actual_text;                    // right-to-left text drawn in visual order
  std::string scope;                          // TH: "Column" or "Row"
  std::string summary;                        // Table
  std::string text_decoration;                // Span: "Underline" or "LineThrough"
  std::optional<std::array<double, 4>> bbox;  // Figure: x1 y1 x2 y2
};

class TagTree {
 public:
  TagTree();

  static constexpr int kDocument = 0;

  int Add(int parent, std::string type);
  TagElement& Element(int index) { return elements_[index]; }
  const TagElement& Element(int index) const { return elements_[index]; }
  const std::vector<TagElement>& Elements() const { return elements_; }

  // Allocates the next MCID on `page` for content belonging to `element`.
  int MarkContent(int element, int page);
  // Records link annotation `annotation` (drawn on `page`) as an OBJR kid of `element`.
  void AddAnnotation(int element, int annotation, int page);

  // Writes the tree and its ParentTree and returns the StructTreeRoot's object number.
  // `pages` and `annotations` are object numbers. ParentTree keys: page i has key i
  // (its /StructParents), annotation j has key pages.size() + j (its /StructParent);
  // the pages and annotations write those keys themselves.
  int Write(pdfio::ObjectWriter& writer, const std::vector<int>& pages,
            const std::vector<int>& annotations) const;

 private:
  void EnsurePage(int page);

  std::vector<TagElement> elements_;
  std::vector<std::vector<int>> mcid_owner_;  // per page: element of each MCID
  std::vector<int> annotation_owner_;         // per annotation: its Link element
};

}  // namespace ehcp::pdf
