#include "pdf/document_navigation.h"

#include <map>
#include <string>

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::AppendInt;
using pdfio::AppendLiteralString;
using pdfio::AppendNumber;
using pdfio::AppendRef;
using pdfio::AppendTextString;

namespace {

// "/Dest[page /XYZ 0 top 0]": the page's top-left at the target, zoom unchanged.
void AppendDestination(std::string& out, int page, double top) {
  out += "/Dest[";
  AppendRef(out, page);
  out += "/XYZ 0 ";
  AppendNumber(out, top);
  out += " 0]";
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
  std::map<std::string, const PlacedAnchor*> anchors;
  for (const auto& anchor : layout.anchors) anchors.emplace(anchor.anchor, &anchor);
  std::string dict;
  for (size_t i = 0; i < layout.links.size(); ++i) {
    const LinkArea& link = layout.links[i];
    dict = "<</Type/Annot/Subtype/Link/Rect[";
    AppendNumber(dict, link.rect.x);
    dict += ' ';
    AppendNumber(dict, link.rect.y);
    dict += ' ';
    AppendNumber(dict, link.rect.x + link.rect.width);
    dict += ' ';
    AppendNumber(dict, link.rect.y + link.rect.height);
    dict += "]/F 4/Border[0 0 0]/Contents";
    AppendTextString(dict, link.contents);
    dict += "/P ";
    AppendRef(dict, pages[link.page]);
    dict += "/StructParent ";
    AppendInt(dict, first_struct_parent + static_cast<int64_t>(i));
    if (!link.target.empty() && link.target[0] == '#') {
      auto found = anchors.find(link.target.substr(1));
      if (found != anchors.end())
        AppendDestination(dict, pages[found->second->page], found->second->top);
    } else {
      dict += "/A<</Type/Action/S/URI/URI";
      AppendLiteralString(dict, link.target);
      dict += ">>";
    }
    dict += ">>";
    writer.WriteObject(annotations[i], dict);
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
    std::string dict;
    for (size_t i = 0; i < siblings.size(); ++i) {
      const Bookmark& mark = marks[siblings[i]];
      dict = "<</Title";
      AppendTextString(dict, mark.title);
      dict += "/Parent ";
      AppendRef(dict, parent_object);
      if (i > 0) {
        dict += "/Prev ";
        AppendRef(dict, marks[siblings[i - 1]].object);
      }
      if (i + 1 < siblings.size()) {
        dict += "/Next ";
        AppendRef(dict, marks[siblings[i + 1]].object);
      }
      if (!mark.children.empty()) {
        dict += "/First ";
        AppendRef(dict, marks[mark.children.front()].object);
        dict += "/Last ";
        AppendRef(dict, marks[mark.children.back()].object);
        dict += "/Count ";  // positive: shown open
        AppendInt(dict, mark.descendants);
      }
      AppendDestination(dict, pages[mark.page], mark.top);
      dict += ">>";
      writer.WriteObject(mark.object, dict);
    }
  };
  write_siblings(top_level, outlines);
  for (const Bookmark& mark : marks) {
    if (!mark.children.empty()) write_siblings(mark.children, mark.object);
  }
  std::string dict = "<</Type/Outlines/First ";
  AppendRef(dict, marks[top_level.front()].object);
  dict += "/Last ";
  AppendRef(dict, marks[top_level.back()].object);
  dict += "/Count ";
  AppendInt(dict, static_cast<int64_t>(marks.size()));
  dict += ">>";
  writer.WriteObject(outlines, dict);
  return outlines;
}

}  // namespace ehcp::pdf
