#include "pdf/tag_tree.h"

#include "pdfio/object_writer.h"

namespace ehcp::pdf {
namespace {

// A dictionary key that takes one value, with the calls an ArrayWriter item takes: a
// structure element's one kid is written like an item of its kids array.
struct KeySlot {
  pdfio::DictWriter& dict;
  std::string_view key;
  void Ref(int64_t number) { dict.Ref(key, number); }
  void Int(int64_t value) { dict.Int(key, value); }
  pdfio::DictWriter Dict() { return dict.Dict(key); }
};

}  // namespace

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

  for (size_t i = 0; i < elements_.size(); ++i) {
    const TagElement& element = elements_[i];
    writer.WriteDict(made[i], [&](pdfio::DictWriter& d) {
      d.Name("Type", "StructElem").Name("S", element.type);
      d.Ref("P", element.parent < 0 ? root : made[element.parent]);
      // /Pg names the page of the first marked content; MCIDs on other pages need an MCR.
      int first_page = -1;
      for (const TagKid& kid : element.kids) {
        if (kid.kind != TagKid::Kind::kElement) {
          first_page = kid.page;
          break;
        }
      }
      if (first_page >= 0) d.Ref("Pg", pages[first_page]);
      // One kid is /K's value itself, more an array of them.
      auto write_kid = [&](const TagKid& kid, auto&& slot) {
        switch (kid.kind) {
          case TagKid::Kind::kElement: slot.Ref(made[kid.value]); break;
          case TagKid::Kind::kMarkedContent:
            if (kid.page == first_page) {
              slot.Int(kid.value);
            } else {
              slot.Dict().Name("Type", "MCR").Ref("Pg", pages[kid.page]).Int("MCID", kid.value);
            }
            break;
          case TagKid::Kind::kAnnotation:
            slot.Dict()
                .Name("Type", "OBJR")
                .Ref("Obj", annotations[kid.value])
                .Ref("Pg", pages[kid.page]);
            break;
        }
      };
      if (element.kids.size() == 1) {
        write_kid(element.kids.front(), KeySlot{d, "K"});
      } else if (!element.kids.empty()) {
        pdfio::ArrayWriter kids = d.Array("K");
        for (const TagKid& kid : element.kids) write_kid(kid, kids);
      }
      if (!element.lang.empty()) d.Text("Lang", element.lang);
      if (!element.alt.empty()) d.Text("Alt", element.alt);
      if (!element.actual_text.empty()) d.Text("ActualText", element.actual_text);
      if (element.bbox) {
        pdfio::DictWriter attributes = d.Dict("A");
        attributes.Name("O", "Layout");
        pdfio::ArrayWriter bbox = attributes.Array("BBox");
        for (double v : *element.bbox) bbox.Number(v);
      } else if (!element.text_decoration.empty()) {
        d.Dict("A").Name("O", "Layout").Name("TextDecorationType", element.text_decoration);
      } else if (!element.scope.empty() || !element.summary.empty()) {
        pdfio::DictWriter attributes = d.Dict("A");
        attributes.Name("O", "Table");
        if (!element.scope.empty()) attributes.Name("Scope", element.scope);
        if (!element.summary.empty()) attributes.Text("Summary", element.summary);
      }
    });
  }

  // ParentTree as one flat number tree: keys ascend, pages first, then annotations.
  writer.WriteDict(parent_tree, [&](pdfio::DictWriter& d) {
    pdfio::ArrayWriter nums = d.Array("Nums");
    for (size_t page = 0; page < pages.size(); ++page) {
      nums.Int(static_cast<int64_t>(page));
      {
        pdfio::ArrayWriter owners = nums.Array();
        if (page < mcid_owner_.size()) {
          for (int owner : mcid_owner_[page]) owners.Ref(made[owner]);
        }
      }
      nums.NewLine();
    }
    for (size_t i = 0; i < annotations.size(); ++i) {
      nums.Int(static_cast<int64_t>(pages.size() + i)).Ref(made[annotation_owner_.at(i)]);
      nums.NewLine();
    }
  });

  writer.WriteDict(root, [&](pdfio::DictWriter& d) {
    d.Name("Type", "StructTreeRoot").Ref("K", made[0]).Ref("ParentTree", parent_tree);
    d.Int("ParentTreeNextKey", static_cast<int64_t>(pages.size() + annotations.size()));
  });
  return root;
}

}  // namespace ehcp::pdf
