#include "pdf/document_navigation.h"

#include <map>
#include <string>
#include <string_view>

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

namespace {

// "/Dest[page /XYZ 0 top 0]": the page's top-left at the target, zoom unchanged.
void AppendDestination(pdfio::DictWriter& dict, int page, double top) {
  dict.Array("Dest").Ref(page).Name("XYZ").Int(0).Number(top).Int(0);
}

struct Bookmark {
  std::string title;
  int page = 0;
  double top = 0;
  int parent = -1;  // index into the bookmarks; -1: the outline root
  std::vector<int> children;
  int descendants = 0;
  int object = 0;
};

}  // namespace

std::vector<int> AllocateLinkAnnotations(pdfio::ObjectWriter& writer, const Layout& layout) {
  std::vector<int> numbers;
  numbers.reserve(layout.links.size());
  for (size_t i = 0; i < layout.links.size(); ++i) numbers.push_back(writer.Allocate());
  return numbers;
}

void WriteLinkAnnotations(pdfio::ObjectWriter& writer, const Layout& layout,
                          const std::vector<int>& pages, const std::vector<int>& annotations,
                          int first_struct_parent) {
  // Looked up by views into the links' targets: no string copied per link.
  std::map<std::string_view, const PlacedAnchor*> anchors;
  for (const auto& anchor : layout.anchors) anchors.emplace(anchor.anchor, &anchor);
  for (size_t i = 0; i < layout.links.size(); ++i) {
    const LinkArea& link = layout.links[i];
    writer.WriteDict(annotations[i], [&](pdfio::DictWriter& d) {
      d.Name("Type", "Annot").Name("Subtype", "Link");
      d.Array("Rect")
          .Number(link.rect.x)
          .Number(link.rect.y)
          .Number(link.rect.x + link.rect.width)
          .Number(link.rect.y + link.rect.height);
      d.Int("F", 4);
      d.Array("Border").Int(0).Int(0).Int(0);
      d.Text("Contents", link.contents).Ref("P", pages[link.page]);
      d.Int("StructParent", first_struct_parent + static_cast<int64_t>(i));
      if (!link.target.empty() && link.target[0] == '#') {
        auto found = anchors.find(std::string_view(link.target).substr(1));
        if (found != anchors.end())
          AppendDestination(d, pages[found->second->page], found->second->top);
      } else {
        d.Dict("A").Name("Type", "Action").Name("S", "URI").Bytes("URI", link.target);
      }
    });
  }
}

int WriteBookmarks(pdfio::ObjectWriter& writer, const Layout& layout,
                   const std::vector<int>& pages) {
  // last[level] is the most recent bookmark at that level; a heading nests under the
  // closest shallower one.
  std::vector<Bookmark> marks;
  std::vector<int> top_level;
  int last[4] = {-1, -1, -1, -1};
  for (const PlacedHeading& heading : layout.headings) {
    if (!heading.in_contents || heading.page < 0) continue;
    int level = heading.level;
    int parent = -1;
    for (int l = level - 1; l >= 1 && parent < 0; --l) parent = last[l];
    Bookmark mark;
    mark.title = heading.text;
    mark.page = heading.page;
    mark.top = heading.top;
    mark.parent = parent;
    marks.push_back(std::move(mark));
    int index = static_cast<int>(marks.size() - 1);
    (parent < 0 ? top_level : marks[parent].children).push_back(index);
    for (int p = parent; p >= 0; p = marks[p].parent) ++marks[p].descendants;
    last[level] = index;
    for (int l = level + 1; l <= 3; ++l) last[l] = -1;
  }
  if (marks.empty()) return 0;

  int outlines = writer.Allocate();
  for (Bookmark& mark : marks) mark.object = writer.Allocate();
  auto write_siblings = [&](const std::vector<int>& siblings, int parent_object) {
    for (size_t i = 0; i < siblings.size(); ++i) {
      const Bookmark& mark = marks[siblings[i]];
      writer.WriteDict(mark.object, [&](pdfio::DictWriter& d) {
        d.Text("Title", mark.title).Ref("Parent", parent_object);
        if (i > 0) d.Ref("Prev", marks[siblings[i - 1]].object);
        if (i + 1 < siblings.size()) d.Ref("Next", marks[siblings[i + 1]].object);
        if (!mark.children.empty()) {
          d.Ref("First", marks[mark.children.front()].object);
          d.Ref("Last", marks[mark.children.back()].object);
          d.Int("Count", mark.descendants);  // positive: shown open
        }
        AppendDestination(d, pages[mark.page], mark.top);
      });
    }
  };
  write_siblings(top_level, outlines);
  for (const Bookmark& mark : marks) {
    if (!mark.children.empty()) write_siblings(mark.children, mark.object);
  }
  writer.WriteDict(outlines, [&](pdfio::DictWriter& d) {
    d.Name("Type", "Outlines");
    d.Ref("First", marks[top_level.front()].object).Ref("Last", marks[top_level.back()].object);
    d.Int("Count", static_cast<int64_t>(marks.size()));
  });
  return outlines;
}

}  // namespace ehcp::pdf
