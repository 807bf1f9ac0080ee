#include "pdf/tag_tree.h"

#include "pdfio/object_writer.h"

namespace ehcp::pdf {

using pdfio::AppendInt;
using pdfio::AppendName;
using pdfio::AppendNumber;
using pdfio::AppendRef;
using pdfio::AppendTextString;

TagTree::TagTree() {
  // A 30-page plan has about 2000 elements: growing the vector from empty copied them
  // (and touched fresh pages) a dozen times, a measurable part of layout.
  elements_.reserve(4096);
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
  if (static_cast<int>(annotation_owner_.size()) <= annotation)
    annotation_owner_.resize(annotation + 1, -1);
  annotation_owner_[annotation] = element;
  elements_[element].kids.push_back({TagKid::Kind::kAnnotation, annotation, page});
}

int TagTree::Write(pdfio::ObjectWriter& writer, const std::vector<int>& pages,
                   const std::vector<int>& annotations) const {
  int root = writer.Allocate();
  int parent_tree = writer.Allocate();
  std::vector<int> made(elements_.size());
  for (int& number : made) number = writer.Allocate();

  std::string dict;
  std::string kids;
  for (size_t i = 0; i < elements_.size(); ++i) {
    const TagElement& element = elements_[i];
    dict = "<</Type/StructElem/S";
    AppendName(dict, element.type);
    dict += "/P ";
    AppendRef(dict, element.parent < 0 ? root : made[element.parent]);
    // /Pg names the page of the first marked content; MCIDs on other pages need an MCR.
    int first_page = -1;
    for (const TagKid& kid : element.kids) {
      if (kid.kind != TagKid::Kind::kElement) {
        first_page = kid.page;
        break;
      }
    }
    if (first_page >= 0) {
      dict += "/Pg ";
      AppendRef(dict, pages[first_page]);
    }
    kids.clear();
    for (const TagKid& kid : element.kids) {
      if (!kids.empty()) kids += ' ';
      switch (kid.kind) {
        case TagKid::Kind::kElement: AppendRef(kids, made[kid.value]); break;
        case TagKid::Kind::kMarkedContent:
          if (kid.page == first_page) {
            AppendInt(kids, kid.value);
          } else {
            kids += "<</Type/MCR/Pg ";
            AppendRef(kids, pages[kid.page]);
            kids += "/MCID ";
            AppendInt(kids, kid.value);
            kids += ">>";
          }
          break;
        case TagKid::Kind::kAnnotation:
          kids += "<</Type/OBJR/Obj ";
          AppendRef(kids, annotations[kid.value]);
          kids += "/Pg ";
          AppendRef(kids, pages[kid.page]);
          kids += ">>";
          break;
      }
    }
    if (element.kids.size() == 1) {
      dict += "/K ";
      dict += kids;
    } else if (!element.kids.empty()) {
      dict += "/K[";
      dict += kids;
      dict += ']';
    }
    if (!element.lang.empty()) {
      dict += "/Lang";
      AppendTextString(dict, element.lang);
    }
    if (!element.alt.empty()) {
      dict += "/Alt";
      AppendTextString(dict, element.alt);
    }
    if (!element.actual_text.empty()) {
      dict += "/ActualText";
      AppendTextString(dict, element.actual_text);
    }
    if (element.bbox) {
      dict += "/A<</O/Layout/BBox[";
      for (size_t k = 0; k < element.bbox->size(); ++k) {
        if (k > 0) dict += ' ';
        AppendNumber(dict, (*element.bbox)[k]);
      }
      dict += "]>>";
    } else if (!element.text_decoration.empty()) {
      dict += "/A<</O/Layout/TextDecorationType";
      AppendName(dict, element.text_decoration);
      dict += ">>";
    } else if (!element.scope.empty() || !element.summary.empty()) {
      dict += "/A<</O/Table";
      if (!element.scope.empty()) {
        dict += "/Scope";
        AppendName(dict, element.scope);
      }
      if (!element.summary.empty()) {
        dict += "/Summary";
        AppendTextString(dict, element.summary);
      }
      dict += ">>";
    }
    dict += ">>";
    writer.WriteObject(made[i], dict);
  }

  // ParentTree as one flat number tree: keys ascend, pages first, then annotations.
  dict = "<</Nums[";
  for (size_t page = 0; page < pages.size(); ++page) {
    AppendInt(dict, static_cast<int64_t>(page));
    dict += '[';
    if (page < mcid_owner_.size()) {
      for (size_t m = 0; m < mcid_owner_[page].size(); ++m) {
        if (m > 0) dict += ' ';
        AppendRef(dict, made[mcid_owner_[page][m]]);
      }
    }
    dict += "]\n";
  }
  for (size_t i = 0; i < annotations.size(); ++i) {
    AppendInt(dict, static_cast<int64_t>(pages.size() + i));
    dict += ' ';
    AppendRef(dict, made[annotation_owner_.at(i)]);
    dict += '\n';
  }
  dict += "]>>";
  writer.WriteObject(parent_tree, dict);

  dict = "<</Type/StructTreeRoot/K ";
  AppendRef(dict, made[0]);
  dict += "/ParentTree ";
  AppendRef(dict, parent_tree);
  dict += "/ParentTreeNextKey ";
  AppendInt(dict, static_cast<int64_t>(pages.size() + annotations.size()));
  dict += ">>";
  writer.WriteObject(root, dict);
  return root;
}

}  // namespace ehcp::pdf
