#include "bundle/bundle_pdf_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle/active_content.h"
#include "bundle/front_matter.h"
#include "bundle/source_pdf_internal.h"
#include "pdf/font_set.h"
#include "pdf/pdf_writer.h"
#include "pdfio/copier.h"
#include "pdfio/metadata.h"

namespace ehcp {

using pdfio::Copier;
using pdfio::OutputPdf;
using pdfio::OwnedObject;
using pdfio::PdfFile;
using pdfio::Value;

namespace {

// The stamp's font gets a name of its own in every page's resources: source pages made
// by other tools already use names like /F1 or /Ft5, and a clash would change their text.
constexpr const char* kStampFont = "EhcpBundleStamp";

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

Value Ref(int64_t number) {
  return Value::Ref(number);
}

Value XyzDest(int64_t page) {
  Value dest = Value::Array();
  dest.array = {Ref(page), Value::Name("XYZ"), Value::Null(), Value::Null(), Value::Null()};
  return dest;
}

// A value of the bundle with references followed (pending copies become owned ones).
Value* ResolveOut(OutputPdf& out, Value* value) {
  for (int hops = 0; value != nullptr && value->IsRef(); ++hops) {
    if (hops > 32) return nullptr;
    value = &out.Owned(value->integer).value;
  }
  return value;
}

// The bundle's structure tree: StructTreeRoot, Document element (the front matter's),
// Part and Sect elements, the ParentTree and the RoleMap.
class BundleTree {
 public:
  BundleTree(OutputPdf& out, int64_t root) : out_(out), root_(root) {}

  int64_t AddElement(int64_t parent, const char* type) {
    Value element = Value::Dict();
    element.Set("Type", Value::Name("StructElem"));
    element.Set("S", Value::Name(type));
    element.Set("P", Ref(parent));
    element.Set("K", Value::Array());
    int64_t n = out_.Add(std::move(element));
    Value& kids = *out_.Owned(parent).value.Get("K");
    kids.array.push_back(Ref(n));
    return n;
  }
  // Marks the next marked-content id on `page` as belonging to `element`; returns it.
  int AddContent(int64_t element, int64_t page) {
    PageMarks& marks = pages_[page];
    if (marks.key < 0) {
      marks.key = next_key_++;
      out_.Owned(page).value.Set("StructParents", Value::Int(marks.key));
    }
    int mcid = static_cast<int>(marks.elements.size());
    marks.elements.push_back(element);
    Value& dict = out_.Owned(element).value;
    if (!dict.Has("Pg")) dict.Set("Pg", Ref(page));
    Value& kids = *dict.Get("K");
    if (dict.Get("Pg")->integer == page) {
      kids.array.push_back(Value::Int(mcid));
    } else {
      Value mcr = Value::Dict();
      mcr.Set("Type", Value::Name("MCR"));
      mcr.Set("Pg", Ref(page));
      mcr.Set("MCID", Value::Int(mcid));
      kids.array.push_back(std::move(mcr));
    }
    return mcid;
  }
  int ReserveKey() { return next_key_++; }
  void SetNextKey(int key) { next_key_ = std::max(next_key_, key); }
  void AddParentTreeEntry(int key, Value value) { entries_.emplace_back(key, std::move(value)); }
  // A clash keeps the first mapping. A type mapped to itself (LibreOffice writes
  // /H1 /H1) is dropped: PDF/UA forbids remapping a standard type, and it changes nothing.
  void MergeRoleMap(const Value& role_map, Copier& copier) {
    for (const auto& [name, value] : role_map.dict)
      if (!value.IsName(name) && !role_map_.Has(name)) role_map_.Set(name, copier.CopyValue(value));
  }
  void Finish() {
    for (const auto& [page, marks] : pages_) {
      Value elements = Value::Array();
      for (int64_t e : marks.elements) elements.array.push_back(Ref(e));
      entries_.emplace_back(marks.key, Ref(out_.Add(std::move(elements))));
    }
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Value nums = Value::Array();
    nums.array.reserve(entries_.size() * 2);
    for (auto& [key, value] : entries_) {
      nums.array.push_back(Value::Int(key));
      nums.array.push_back(std::move(value));
    }
    Value tree = Value::Dict();
    tree.Set("Nums", std::move(nums));
    Value& root = out_.Owned(root_).value;
    root.Set("ParentTree", Ref(out_.Add(std::move(tree))));
    root.Set("ParentTreeNextKey", Value::Int(next_key_));
    if (!role_map_.dict.empty()) root.Set("RoleMap", role_map_);
  }

 private:
  struct PageMarks {
    int key = -1;
    std::vector<int64_t> elements;  // by MCID
  };
  OutputPdf& out_;
  int64_t root_;
  std::map<int64_t, PageMarks> pages_;
  std::vector<std::pair<int64_t, Value>> entries_;
  Value role_map_ = Value::Dict();
  int next_key_ = 0;
};

// What the writer keeps about one page of the bundle.
struct PageInfo {
  int64_t page = 0;
  std::string prefix;  // marked-content wrapper for untagged source pages
  std::string suffix;
};

// Number of items shown below `item` when it is open (open children count their own).
// Levels below the 64th are not counted (as active_content.cc's PlanOutlines looks no
// deeper): a source's bookmarks nested a million deep would otherwise exhaust the stack.
int VisibleDescendants(PdfFile& file, const Value* item, std::unordered_set<const Value*>& seen,
                       int depth = 0) {
  int count = 0;
  const Value* child = file.Resolve(item->Get("First"));
  while (child != nullptr && child->IsDict() && seen.insert(child).second) {
    ++count;
    const Value* c = child->Get("Count");
    if (c != nullptr && c->IsInt() && c->integer > 0 && depth + 1 < 64)
      count += VisibleDescendants(file, child, seen, depth + 1);
    child = file.Resolve(child->Get("Next"));
  }
  return count;
}

// Calls `visit(ref, n)` for each link annotation on `page` whose URI is the front
// matter's urn:ehcp:bundle-document:N (front_matter.h): the index's and K's links, which
// the bundle re-points at document N's first page.
template <typename Visit>
void ForEachIndexLink(PdfFile& file, const Value* page, Visit&& visit) {
  const Value* annots = page ? file.Resolve(page->Get("Annots")) : nullptr;
  if (annots == nullptr || !annots->IsArray()) return;
  for (const Value& ref : annots->array) {
    const Value* annot = file.Resolve(&ref);
    const Value* action = annot ? file.Resolve(annot->Get("A")) : nullptr;
    const Value* uri = action ? action->Get("URI") : nullptr;
    // The PDF writer writes an ASCII URI as a plain literal string: (urn:...).
    if (!ref.IsRef() || uri == nullptr || !uri->IsString() || uri->text.size() < 2) continue;
    if (auto n = ParseIndexLinkTarget(uri->text.substr(1, uri->text.size() - 2))) visit(ref, *n);
  }
}

// Walks a number tree (ParentTree), calling `visit(key, value)` for each entry.
// Each node is visited once, so a hostile file's shared or cyclic /Kids cannot blow up.
template <typename Visit>
void WalkNumberTree(PdfFile& file, const Value* node, Visit&& visit,
                    std::unordered_set<const Value*>& seen, int depth = 0) {
  node = file.Resolve(node);
  if (node == nullptr || !node->IsDict() || depth > 32 || !seen.insert(node).second) return;
  if (const Value* nums = file.Resolve(node->Get("Nums")); nums && nums->IsArray()) {
    for (size_t i = 0; i + 1 < nums->array.size(); i += 2)
      if (nums->array[i].IsInt()) visit(nums->array[i].integer, nums->array[i + 1]);
  }
  if (const Value* kids = file.Resolve(node->Get("Kids")); kids && kids->IsArray())
    for (const Value& kid : kids->array) WalkNumberTree(file, &kid, visit, seen, depth + 1);
}

// Carries the ParentTree of the document a bundle is built on (the front matter, or a
// plan its appendices follow) into `tree` with its keys as they are, and sets the next
// free key after them, so the documents merged after it get keys of their own.
void CarryParentTree(PdfFile& file, const Value& struct_root, Copier& copier, BundleTree& tree) {
  std::unordered_set<const Value*> visited;
  int next = 0;
  WalkNumberTree(
      file, struct_root.Get("ParentTree"),
      [&](int64_t key, const Value& value) {
        tree.AddParentTreeEntry(static_cast<int>(key), copier.CopyValue(value));
        next = std::max(next, static_cast<int>(key) + 1);
      },
      visited);
  if (const Value* n = struct_root.Get("ParentTreeNextKey"); n && n->IsInt())
    next = std::max(next, static_cast<int>(n->integer));
  tree.SetNextKey(next);
}

// A merged document's ParentTree keys, renumbered into the bundle's key space.
using KeyMap = std::unordered_map<int64_t, int64_t>;

// Rewrites /StructParents or /StructParent through `keys`; a key the source's ParentTree
// does not have pointed nowhere, so it is dropped. Returns whether `dict` has the key.
void RenumberKey(Value& dict, const char* name, const KeyMap* keys) {
  Value* value = dict.Get(name);
  if (value == nullptr) return;
  auto it = keys && value->IsInt() ? keys->find(value->integer) : KeyMap::const_iterator();
  if (keys == nullptr || it == keys->end())
    dict.Remove(name);
  else
    *value = Value::Int(it->second);
}

// Parses a source object without keeping it parsed (nullptr when it does not exist): most
// annotations and forms are only looked at once and then copied.
const Value* Peek(PdfFile& file, const Value& ref, pdfio::Object& scratch) {
  if (!ref.IsRef() || !file.Exists(ref.integer, ref.generation)) return nullptr;
  const pdfio::Object& o = file.Load(ref.integer, scratch);
  if (&o != &scratch) scratch = o;  // kept parsed: the copy below reads `scratch`
  return &scratch.value;
}

bool HasStructKey(const Value& dict) {
  return dict.Has("StructParents") || dict.Has("StructParent");
}

// Renumbers (or, with no keys, removes) /StructParent(s) of the annotations of a page.
void RenumberAnnotations(Copier& copier, const Value& source_page, Value& page, const KeyMap* keys,
                         std::unordered_set<int64_t>& seen) {
  PdfFile& file = copier.source();
  const Value* annots = source_page.Get("Annots");
  const Value* resolved = file.Resolve(annots);
  if (resolved == nullptr || !resolved->IsArray()) return;
  // Annotations of removed kinds are not in the copy (see active_content.h): `kept`
  // counts the ones that are, to find a direct annotation in the copy's array.
  size_t kept = 0;
  Value* direct = page.Get("Annots");
  for (size_t i = 0; i < resolved->array.size(); ++i) {
    const Value& a = resolved->array[i];
    if (a.IsRef()) {
      pdfio::Object scratch;
      const Value* annot = Peek(file, a, scratch);
      if (annot != nullptr && annot->IsDict() && !KeepsAnnotation(*annot)) continue;
      ++kept;
      if (annot == nullptr || !annot->IsDict() || !HasStructKey(*annot) ||
          !seen.insert(a.integer).second)
        continue;
      Value& copy = copier.Own(a, &scratch).value;
      RenumberKey(copy, "StructParent", keys);
    } else if (a.IsDict()) {
      if (!KeepsAnnotation(a)) continue;
      if (direct != nullptr && direct->IsArray() && kept < direct->array.size())
        RenumberKey(direct->array[kept], "StructParent", keys);
      ++kept;
    } else {
      ++kept;
    }
  }
}

// Renumbers /StructParents of Form XObjects a merged page uses (once each).
void RenumberXObjects(Copier& copier, const Value* resources, const KeyMap* keys,
                      std::unordered_set<int64_t>& seen, int depth) {
  PdfFile& file = copier.source();
  resources = file.Resolve(resources);
  if (depth > 8 || resources == nullptr || !resources->IsDict()) return;
  const Value* xobjects = file.Resolve(resources->Get("XObject"));
  if (xobjects == nullptr || !xobjects->IsDict()) return;
  for (const auto& [name, value] : xobjects->dict) {
    if (!value.IsRef() || !seen.insert(value.integer).second) continue;
    pdfio::Object scratch;
    const Value* form = Peek(file, value, scratch);
    if (form == nullptr || !form->IsDict()) continue;
    if (HasStructKey(*form)) {
      Value& copy = copier.Own(value, &scratch).value;
      for (const char* key : {"StructParents", "StructParent"}) RenumberKey(copy, key, keys);
    }
    RenumberXObjects(copier, form->Get("Resources"), keys, seen, depth + 1);
  }
}

const Value* Inherited(PdfFile& file, const Value* page, const char* key) {
  for (int depth = 0; page != nullptr && page->IsDict() && depth < 64; ++depth) {
    if (const Value* v = page->Get(key)) return v;
    page = file.Resolve(page->Get("Parent"));
  }
  return nullptr;
}

// The displayed frame of a page: the crop box, turned by /Rotate. Returns the matrix
// that maps upright frame coordinates to user space, and the frame's width.
struct Frame {
  double a, b, c, d, e, f;
  double width;
};

Frame PageFrame(OutputPdf& out, Value& page) {
  double x0 = 0, y0 = 0, x1 = 595.276, y1 = 841.89;
  const Value* box = ResolveOut(out, page.Get("CropBox"));
  if (box == nullptr || !box->IsArray() || box->array.size() != 4)
    box = ResolveOut(out, page.Get("MediaBox"));
  if (box != nullptr && box->IsArray() && box->array.size() == 4) {
    const auto& r = box->array;
    x0 = std::min(r[0].Number(), r[2].Number());
    x1 = std::max(r[0].Number(), r[2].Number());
    y0 = std::min(r[1].Number(), r[3].Number());
    y1 = std::max(r[1].Number(), r[3].Number());
  }
  long rotate = 0;
  if (const Value* r = ResolveOut(out, page.Get("Rotate")); r && r->IsNumber())
    rotate = ((static_cast<long>(r->Number()) % 360) + 360) % 360;
  switch (rotate) {
    case 90: return {0, 1, -1, 0, x1, y0, y1 - y0};
    case 180: return {-1, 0, 0, -1, x1, y1, x1 - x0};
    case 270: return {0, -1, 1, 0, x0, y1, y1 - y0};
    default: return {1, 0, 0, 1, x0, y0, x1 - x0};
  }
}

// Adds the stamp font to a page's resources (resolving shared dictionaries).
void AddStampFont(OutputPdf& out, int64_t page_number, const Value& font) {
  Value& page = out.Owned(page_number).value;
  if (!page.Has("Resources")) page.Set("Resources", Value::Dict());
  Value* resources = ResolveOut(out, page.Get("Resources"));
  if (resources == nullptr || !resources->IsDict()) {
    out.Owned(page_number).value.Set("Resources", Value::Dict());
    resources = out.Owned(page_number).value.Get("Resources");
  }
  if (!resources->Has("Font")) resources->Set("Font", Value::Dict());
  Value* fonts = ResolveOut(out, resources->Get("Font"));
  if (fonts == nullptr || !fonts->IsDict()) {
    resources->Set("Font", Value::Dict());
    fonts = resources->Get("Font");
  }
  fonts->Set(kStampFont, font);
}

// The copy of a source page: an owned object with /Parent the bundle's page tree and the
// attributes it inherits from the source page tree made explicit.
int64_t CopyPage(Copier& copier, const Value& ref, int64_t pages_root) {
  PdfFile& file = copier.source();
  const Value* source = file.Resolve(&ref);
  OwnedObject& page = copier.Own(ref);
  page.value.Set("Parent", Ref(pages_root));
  for (const char* key : {"Resources", "MediaBox", "CropBox", "Rotate"}) {
    if (source->Has(key)) continue;
    if (const Value* v = Inherited(file, source, key)) {
      Value copy = copier.CopyValue(*v);
      copier.Own(ref).value.Set(key, std::move(copy));
    }
  }
  return copier.Number(ref.integer, ref.generation);
}

// Source page-tree nodes stand for the bundle's page tree.
void RedirectPageTree(Copier& copier, const std::vector<Value>& pages, int64_t pages_root) {
  PdfFile& file = copier.source();
  for (const Value& ref : pages) {
    const Value* node = file.Resolve(&ref);
    for (int depth = 0; node && node->IsDict() && depth < 64; ++depth) {
      const Value* parent = node->Get("Parent");
      if (parent == nullptr || !parent->IsRef()) break;
      copier.Redirect(parent->integer, pages_root);
      node = file.Resolve(parent);
    }
  }
}

// The bundle objects every document refers to.
struct Shared {
  int64_t catalog = 0;
  int64_t pages_root = 0;
  int64_t struct_root = 0;
};

// Copies one source document's pages, structure tree and outlines into `out`.
struct MergedDocument {
  std::vector<int64_t> pages;
  int64_t outline = 0;
  std::vector<RemovedContent> removed;
};

MergedDocument MergeDocument(OutputPdf& out, Copier& copier, SourcePdf::Impl& src,
                             const OrderedDocument& doc, BundleTree& tree, const Shared& shared,
                             int64_t section_element, std::vector<PageInfo>& page_info) {
  PdfFile& file = copier.source();
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  MergedDocument merged;

  int64_t sect = tree.AddElement(section_element, "Sect");
  out.Owned(sect).value.Set("T", Value::Text(doc.tab + " " + doc.entry->title));
  if (const Value* lang = file.Resolve(catalog->Get("Lang")); lang && lang->IsString())
    out.Owned(sect).value.Set("Lang", *lang);

  if (const Value* root = file.Trailer().Get("Root"); root->IsRef())
    copier.Redirect(root->integer, shared.catalog);
  const Value* struct_root = file.Resolve(catalog->Get("StructTreeRoot"));
  if (const Value* r = catalog->Get("StructTreeRoot"); r && r->IsRef())
    copier.Redirect(r->integer, sect);
  const Value* outlines = file.Resolve(catalog->Get("Outlines"));
  merged.outline = out.Add(Value::Dict());
  if (const Value* o = catalog->Get("Outlines"); o && o->IsRef())
    copier.Redirect(o->integer, merged.outline);
  RedirectPageTree(copier, src.page_refs, shared.pages_root);
  merged.removed = StripActiveContent(copier, src.page_refs);

  for (const Value& ref : src.page_refs)
    merged.pages.push_back(CopyPage(copier, ref, shared.pages_root));

  // Structure tree: the source's top-level elements become kids of this document's Sect.
  std::vector<std::pair<int64_t, Value>> parent_tree;
  bool tagged = src.tagged && struct_root != nullptr && struct_root->IsDict();
  if (tagged) {
    const Value& k = *struct_root->Get("K");
    Value kids = copier.CopyValue(k);
    if (!kids.IsArray()) {
      Value wrapped = Value::Array();
      wrapped.array.push_back(std::move(kids));
      kids = std::move(wrapped);
    }
    // A merged document is a section of the bundle, not a document of its own.
    const Value* source_kids = file.Resolve(&k);
    std::vector<Value> top;
    if (source_kids != nullptr && source_kids->IsArray())
      top = source_kids->array;
    else
      top.push_back(k);
    for (const Value& kid : top) {
      const Value* element = file.Resolve(&kid);
      if (element == nullptr || !element->IsDict()) continue;
      const Value* type = element->Get("S");
      if (type == nullptr || !type->IsName("Document")) continue;
      if (kid.IsRef()) copier.Own(kid).value.Set("S", Value::Name("Sect"));
    }
    for (Value& kid : kids.array)
      if (kid.IsDict() && kid.Get("S") && kid.Get("S")->IsName("Document"))
        kid.Set("S", Value::Name("Sect"));
    out.Owned(sect).value.Set("K", std::move(kids));
    std::unordered_set<const Value*> visited;
    WalkNumberTree(
        file, struct_root->Get("ParentTree"),
        [&](int64_t key, const Value& value) {
          parent_tree.emplace_back(key, copier.CopyValue(value));
        },
        visited);
    if (const Value* role_map = file.Resolve(struct_root->Get("RoleMap"));
        role_map && role_map->IsDict())
      tree.MergeRoleMap(*role_map, copier);
  }

  // Outlines: the document's own bookmarks hang under its bundle bookmark.
  if (outlines != nullptr && outlines->IsDict()) {
    if (const Value* v = outlines->Get("First"))
      out.Owned(merged.outline).value.Set("First", copier.CopyValue(*v));
    // Re-parent the source's top-level bookmarks (their /Parent was the outline root), and
    // end the list at the last one walked, as StripActiveContent walked it: the source's
    // own /Last may lead past its cut, or to a bookmark outside the list, never checked.
    std::unordered_set<int64_t> seen;
    const Value* child_ref = outlines->Get("First");
    Value last = Value::Null();
    for (int count = 0; count < kMaxOutlineSiblings && child_ref != nullptr && child_ref->IsRef() &&
                        seen.insert(child_ref->integer).second;
         ++count) {
      const Value* child = file.Resolve(child_ref);
      if (child == nullptr || !child->IsDict()) break;
      const Value* parent = child->Get("Parent");
      if (parent == nullptr || !parent->IsRef() ||
          copier.Number(parent->integer, parent->generation) != merged.outline)
        copier.Own(*child_ref).value.Set("Parent", Ref(merged.outline));
      last = *child_ref;
      child_ref = child->Get("Next");
    }
    if (last.IsRef()) out.Owned(merged.outline).value.Set("Last", copier.CopyValue(last));
    std::unordered_set<const Value*> counted;
    int visible = VisibleDescendants(file, outlines, counted);
    if (visible > 0 && out.Owned(merged.outline).value.Has("First"))
      out.Owned(merged.outline).value.Set("Count", Value::Int(-visible));  // closed
  }

  if (tagged) {
    // Keys are renumbered densely rather than offset: a source's keys may be sparse or
    // huge, and only the ones its ParentTree really has mean anything.
    KeyMap keys;
    std::stable_sort(parent_tree.begin(), parent_tree.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [key, value] : parent_tree) {
      if (keys.count(key)) continue;  // a duplicate key: the first entry wins
      keys[key] = tree.ReserveKey();
      tree.AddParentTreeEntry(static_cast<int>(keys[key]), std::move(value));
    }
    std::unordered_set<int64_t> seen_annots, seen_forms;
    for (size_t i = 0; i < merged.pages.size(); ++i) {
      const Value* source_page = file.Resolve(&src.page_refs[i]);
      Value& page = out.Owned(merged.pages[i]).value;
      RenumberKey(page, "StructParents", &keys);
      RenumberAnnotations(copier, *source_page, out.Owned(merged.pages[i]).value, &keys,
                          seen_annots);
      RenumberXObjects(copier, Inherited(file, source_page, "Resources"), &keys, seen_forms, 0);
    }
    for (int64_t page : merged.pages) page_info.push_back({page, "", ""});
    return merged;
  }
  // An untagged document: each page becomes one element, so assistive technology finds
  // its text (P) or is told it is a scanned image (Figure with alternative text).
  out.Owned(sect).value.Set("K", Value::Array());
  std::set<int> no_text(doc.facts.pages_without_text.begin(), doc.facts.pages_without_text.end());
  std::unordered_set<int64_t> seen_annots;
  for (size_t i = 0; i < merged.pages.size(); ++i) {
    int64_t page = merged.pages[i];
    out.Owned(page).value.Remove("StructParents");
    RenumberAnnotations(copier, *file.Resolve(&src.page_refs[i]), out.Owned(page).value, nullptr,
                        seen_annots);
    bool scanned = no_text.count(static_cast<int>(i) + 1) > 0;
    int64_t element = tree.AddElement(sect, scanned ? "Figure" : "P");
    if (scanned)
      out.Owned(element).value.Set(
          "Alt", Value::Text("Page " + std::to_string(i + 1) + " of " + doc.entry->title +
                             ": a scanned image with no text layer"));
    int mcid = tree.AddContent(element, page);
    page_info.push_back({page,
                         std::string("/") + (scanned ? "Figure" : "P") + " <</MCID " +
                             std::to_string(mcid) + ">> BDC\n",
                         "EMC\n"});
  }
  return merged;
}

// One warning per kind of active content taken out of a document, naming its pages.
void ReportRemoved(const OrderedDocument& doc, const std::vector<RemovedContent>& removed,
                   DiagnosticList& diagnostics) {
  for (const RemovedContent& r : removed) {
    Diagnostic d;
    d.severity = Severity::kWarning;
    d.code = "bundle.active-content";
    d.message = "document \"" + doc.entry->title + "\": removed " + r.what +
                (r.pages.empty() ? std::string(" from the document")
                                 : " from " + DescribePages(r.pages) + " of the document");
    d.hint =
        "a bundle carries no active content: only links to web pages and within the document "
        "are kept; the original file is unchanged";
    d.location = doc.entry->location;
    diagnostics.Add(std::move(d));
  }
}

// The PDF writer tags a document flat (Document > H1, P, Table, ...); in the bundle the
// cover and the index are a Sect each, split at the second H1 (the index's heading). The
// Document element becomes the bundle's, titled.
void GroupFrontMatter(OutputPdf& out, BundleTree& tree, int64_t document,
                      const std::string& title) {
  Value kids = Value::Array();
  {
    Value& element = out.Owned(document).value;
    element.Set("T", Value::Text(title));
    if (Value* k = element.Get("K")) {
      if (k->IsArray())
        kids = std::move(*k);
      else
        kids.array.push_back(std::move(*k));
    }
    element.Set("K", Value::Array());
  }
  const int64_t cover = tree.AddElement(document, "Sect");
  out.Owned(cover).value.Set("T", Value::Text("Cover sheet"));
  const int64_t index = tree.AddElement(document, "Sect");
  out.Owned(index).value.Set("T", Value::Text("Index"));
  int64_t into = cover;
  int headings = 0;
  for (Value& kid : kids.array) {
    if (!kid.IsRef()) {  // marked content straight under Document stays there
      out.Owned(document).value.Get("K")->array.push_back(std::move(kid));
      continue;
    }
    Value& element = out.Owned(kid.integer).value;
    if (const Value* type = element.Get("S"); type && type->IsName("H1") && ++headings == 2)
      into = index;
    element.Set("P", Ref(into));
    out.Owned(into).value.Get("K")->array.push_back(std::move(kid));
  }
}

// The cover and index: a doc::Document (front_matter.h) rendered by the PDF writer, then
// read back like any source.
struct FrontPdf {
  SourcePdf::Impl source;
  int64_t document_element = 0;  // object numbers in the front PDF
  int64_t regular_font = 0;
  std::vector<std::pair<int64_t, const OrderedDocument*>> links;  // annotation, target
  std::vector<std::pair<double, std::string>> stamps;             // width and hex text per page
};

// The text stamped at the foot of bundle page `page` (1-based).
std::string StampText(const BundleManifest& manifest, int page, int total) {
  return manifest.page_numbers == PageNumberStyle::kNumber
             ? std::to_string(page)
             : "Page " + std::to_string(page) + " of " + std::to_string(total);
}

// The characters any stamp can need, so the front PDF's regular font subset holds them.
constexpr char32_t kStampCharacters[] = U"Page of0123456789";

// Finds, in the front PDF, the Document element, the regular font object and the index
// links (marked with IndexLinkTarget); returns false when one is missing.
bool ReadFrontPdf(FrontPdf& front, const std::vector<const OrderedDocument*>& documents,
                  const std::string& regular_font_name) {
  PdfFile& file = *front.source.file;
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  const Value* root = catalog ? file.Resolve(catalog->Get("StructTreeRoot")) : nullptr;
  const Value* k = root ? root->Get("K") : nullptr;
  if (k != nullptr && k->IsArray() && !k->array.empty()) k = &k->array[0];
  if (k == nullptr || !k->IsRef()) return false;
  front.document_element = k->integer;
  for (const Value& page_ref : front.source.page_refs) {
    const Value* page = file.Resolve(&page_ref);
    if (page == nullptr || !page->IsDict()) return false;
    const Value* resources = file.Resolve(page->Get("Resources"));
    const Value* fonts = resources ? file.Resolve(resources->Get("Font")) : nullptr;
    if (fonts != nullptr && fonts->IsDict()) {
      for (const auto& [name, ref] : fonts->dict) {
        const Value* font = file.Resolve(&ref);
        const Value* base = font ? font->Get("BaseFont") : nullptr;
        if (ref.IsRef() && base != nullptr && base->IsName() &&
            base->text.size() > regular_font_name.size() &&
            base->text.compare(base->text.size() - regular_font_name.size() - 1, std::string::npos,
                               "+" + regular_font_name) == 0)
          front.regular_font = ref.integer;
      }
    }
    ForEachIndexLink(file, page, [&](const Value& ref, size_t n) {
      if (n < documents.size()) front.links.emplace_back(ref.integer, documents[n]);
    });
  }
  // A title over two lines has a link annotation per line; every document needs one.
  std::set<const OrderedDocument*> linked;
  for (const auto& link : front.links) linked.insert(link.second);
  return front.regular_font != 0 && linked.size() == documents.size();
}

// Lays out the cover and index until their page count settles (the index shows page
// numbers, which depend on it), numbering the documents' pages. Returns false (with
// diagnostics) when the front matter could not be made.
bool MakeFrontPdf(const BundleManifest& manifest, const BundleRules& rules,
                  std::vector<OrderedSection>& sections, FrontPdf& front, int& total,
                  DiagnosticList& diagnostics) {
  PdfOptions options;
  options.source_date_epoch = manifest.issue_date.DaysSinceEpoch() * 86400;
  options.reserve_characters = kStampCharacters;
  int front_pages = 2;
  std::string bytes;
  for (int attempt = 0;; ++attempt) {
    total = NumberPages(sections, front_pages);
    DiagnosticList render;
    bytes.clear();
    if (!RenderPdf(FrontMatterDocument(manifest, rules, sections, total), options,
                   manifest.file.generic_string(), bytes, render)) {
      // Text the fonts cannot show comes from the manifest: name it there.
      for (const Diagnostic& d : render) {
        if (d.severity != Severity::kError) continue;
        Diagnostic copy = d;
        if (d.code == "pdf.unprintable-character") {
          copy.code = "bundle.glyph";
          copy.message = "the cover or index cannot show " + d.message;
          copy.location = manifest.location;
        }
        diagnostics.Add(std::move(copy));
      }
      return false;
    }
    front.source = SourcePdf::Impl{};
    front.source.owned = std::move(bytes);
    front.source.bytes = front.source.owned;
    front.source.name = "the cover and index";
    bool encrypted = false;
    ReadSourcePdf(front.source, encrypted);
    const int pages = static_cast<int>(front.source.page_refs.size());
    if (pages == front_pages) break;
    // More index pages move every document's numbers; a second pass always settles
    // (the numbers' widths cannot add a page twice), the third is a guard.
    if (attempt == 3) {
      diagnostics.Error("bundle.pdf", "the cover and index could not be laid out",
                        manifest.location);
      return false;
    }
    front_pages = pages;
  }

  std::vector<const OrderedDocument*> documents;
  for (const auto& section : sections)
    for (const auto& doc : section.documents) documents.push_back(&doc);
  pdf::FontSet fonts;
  const int regular = fonts.FontFor(U'0', pdf::FontStyle{});
  if (regular < 0 || !ReadFrontPdf(front, documents, fonts.FontName(regular))) {
    diagnostics.Error("bundle.pdf", "the cover and index PDF lacks its links or font",
                      manifest.location);
    return false;
  }
  // Every page's stamp as glyph ids (Identity-H: the CID is the glyph id) and its width.
  static const char kHex[] = "0123456789ABCDEF";
  for (int i = 0; i < total; ++i) {
    std::string hex;
    double width = 0;
    for (char c : StampText(manifest, i + 1, total)) {
      const pdf::Glyph& glyph = fonts.GlyphOf(regular, static_cast<char32_t>(c));
      for (int shift : {12, 8, 4, 0}) hex += kHex[(glyph.gid >> shift) & 15];
      width += glyph.advance * 10 / 1000;
    }
    front.stamps.emplace_back(width, std::move(hex));
  }
  return true;
}

}  // namespace

bool RenderBundlePdf(const BundleManifest& manifest, const BundleRules& rules,
                     std::vector<OrderedSection>& sections, const BundleSources& sources,
                     std::string& bytes, int& total_pages, DiagnosticList& diagnostics) {
  const AppealTypeRule* appeal = rules.FindAppealType(manifest.appeal_type);
  const std::string title =
      "Hearing bundle " + manifest.tribunal_reference + ": " + manifest.child_name;
  std::string stage = "the cover and index";
  try {
    FrontPdf front_pdf;
    int total = 0;
    if (!MakeFrontPdf(manifest, rules, sections, front_pdf, total, diagnostics)) return false;
    SourcePdf::Impl& front = front_pdf.source;

    stage = "the bundle";
    OutputPdf out;
    Shared shared;
    shared.catalog = out.Add(Value::Dict());
    shared.pages_root = out.Add(Value::Dict());
    shared.struct_root = out.Add(Value::Dict());
    BundleTree tree(out, shared.struct_root);
    std::vector<std::unique_ptr<Copier>> copiers;

    // Cover and index: their Document element becomes the bundle's.
    Copier& fc = *copiers.emplace_back(std::make_unique<Copier>(*front.file, out, -1, front.name));
    PdfFile& ff = *front.file;
    const Value* front_catalog = ff.Resolve(ff.Trailer().Get("Root"));
    if (const Value* r = ff.Trailer().Get("Root"); r && r->IsRef())
      fc.Redirect(r->integer, shared.catalog);
    if (const Value* r = front_catalog->Get("StructTreeRoot"); r && r->IsRef())
      fc.Redirect(r->integer, shared.struct_root);
    RedirectPageTree(fc, front.page_refs, shared.pages_root);
    const int64_t document = fc.Number(front_pdf.document_element);
    out.Owned(shared.struct_root).value.Set("Type", Value::Name("StructTreeRoot"));
    out.Owned(shared.struct_root).value.Set("K", Ref(document));
    std::vector<PageInfo> page_info;
    for (const Value& ref : front.page_refs)
      page_info.push_back({CopyPage(fc, ref, shared.pages_root), "", ""});
    GroupFrontMatter(out, tree, document, title);
    CarryParentTree(ff, *ff.Resolve(front_catalog->Get("StructTreeRoot")), fc, tree);
    const Value stamp_font = fc.MapReference(Ref(front_pdf.regular_font));

    // Documents, section by section.
    std::vector<int64_t> section_items;
    std::map<const OrderedDocument*, int64_t> first_pages;
    int owner = 0;
    for (auto& section : sections) {
      int64_t part = tree.AddElement(document, "Part");
      out.Owned(part).value.Set("T", Value::Text(section.letter + ". " + section.rule->title));
      std::vector<int64_t> doc_items;
      int64_t section_first_page = 0;
      for (auto& doc : section.documents) {
        SourcePdf::Impl& src = sources.at(doc.entry)->impl();
        Copier& copier =
            *copiers.emplace_back(std::make_unique<Copier>(*src.file, out, owner++, src.name));
        stage = src.name;
        MergedDocument merged = MergeDocument(out, copier, src, doc, tree, shared, part, page_info);
        stage = "the bundle";
        ReportRemoved(doc, merged.removed, diagnostics);
        doc.removed = std::move(merged.removed);
        first_pages[&doc] = merged.pages.front();
        if (section_first_page == 0) section_first_page = merged.pages.front();

        // The document's bookmark: the merged outline object, re-used as the item.
        Value& item = out.Owned(merged.outline).value;
        item.Set("Title", Value::Text(doc.tab + " " + doc.entry->title));
        item.Set("Dest", XyzDest(merged.pages.front()));
        doc_items.push_back(merged.outline);
      }
      Value item = Value::Dict();
      item.Set("Title", Value::Text(section.letter + ". " + section.rule->title));
      item.Set("Dest", XyzDest(section_first_page));
      int64_t section_item = out.Add(std::move(item));
      section_items.push_back(section_item);
      out.Owned(section_item)
          .value.Set("Count", Value::Int(static_cast<int64_t>(doc_items.size())));  // open
      for (size_t i = 0; i < doc_items.size(); ++i) {
        Value& d = out.Owned(doc_items[i]).value;
        d.Set("Parent", Ref(section_item));
        if (i > 0) d.Set("Prev", Ref(doc_items[i - 1]));
        if (i + 1 < doc_items.size()) d.Set("Next", Ref(doc_items[i + 1]));
      }
      if (!doc_items.empty()) {
        out.Owned(section_item).value.Set("First", Ref(doc_items.front()));
        out.Owned(section_item).value.Set("Last", Ref(doc_items.back()));
      }
    }

    // Index links point at each document's first page.
    for (const auto& [annotation, target] : front_pdf.links) {
      Value& link = fc.Own(Ref(annotation)).value;
      link.Remove("A");
      link.Set("Dest", XyzDest(first_pages.at(target)));
      link.Set("Contents", Value::Text(IndexLinkDescription(*target)));
    }

    // Bookmarks: cover, index, then section > document > the document's own.
    std::vector<int64_t> top;
    for (auto [name, page] : {std::pair<const char*, int64_t>{"Cover sheet", page_info[0].page},
                              {"Index", page_info[1].page}}) {
      Value item = Value::Dict();
      item.Set("Title", Value::Text(name));
      item.Set("Dest", XyzDest(page));
      top.push_back(out.Add(std::move(item)));
    }
    top.insert(top.end(), section_items.begin(), section_items.end());
    Value outline_root = Value::Dict();
    outline_root.Set("Type", Value::Name("Outlines"));
    int64_t outlines = out.Add(std::move(outline_root));
    for (size_t i = 0; i < top.size(); ++i) {
      Value& d = out.Owned(top[i]).value;
      d.Set("Parent", Ref(outlines));
      if (i > 0) d.Set("Prev", Ref(top[i - 1]));
      if (i + 1 < top.size()) d.Set("Next", Ref(top[i + 1]));
    }
    int64_t visible = static_cast<int64_t>(top.size());
    for (int64_t s : section_items) visible += out.Owned(s).value.Get("Count")->integer;
    {
      Value& root = out.Owned(outlines).value;
      root.Set("First", Ref(top.front()));
      root.Set("Last", Ref(top.back()));
      root.Set("Count", Value::Int(visible));
    }

    // Page stamps, isolated from each page's own graphics state by q/Q, as artifacts.
    int64_t save = out.AddStream(Value::Dict(), "q\n");
    std::vector<Value> kids;
    for (size_t i = 0; i < page_info.size(); ++i) {
      int64_t page = page_info[i].page;
      Frame frame = PageFrame(out, out.Owned(page).value);
      const auto& [width, hex] = front_pdf.stamps[i];
      std::string stamp =
          page_info[i].suffix + "Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq " +
          Number(frame.a) + " " + Number(frame.b) + " " + Number(frame.c) + " " + Number(frame.d) +
          " " + Number(frame.e) + " " + Number(frame.f) + " cm 0 g\nBT /" + kStampFont +
          " 10.00 Tf " + Number(frame.width - 36 - width) + " 20.00 Td <" + hex +
          "> Tj ET\nQ\nEMC\n";
      int64_t after = out.AddStream(Value::Dict(), std::move(stamp));
      int64_t before = save;
      if (!page_info[i].prefix.empty())
        before = out.AddStream(Value::Dict(), page_info[i].prefix + "q\n");
      Value contents = Value::Array();
      contents.array.push_back(Ref(before));
      Value old = out.Owned(page).value.Get("Contents") ? *out.Owned(page).value.Get("Contents")
                                                        : Value::Null();
      Value* resolved = old.IsRef() || old.IsArray() ? ResolveOut(out, &old) : nullptr;
      if (resolved != nullptr && resolved->IsArray()) {
        for (const Value& c : resolved->array) contents.array.push_back(c);
      } else if (old.IsRef()) {
        contents.array.push_back(old);
      }
      contents.array.push_back(Ref(after));
      out.Owned(page).value.Set("Contents", std::move(contents));
      AddStampFont(out, page, stamp_font);
      kids.push_back(Ref(page));
    }
    {
      Value& pages = out.Owned(shared.pages_root).value;
      pages.Set("Type", Value::Name("Pages"));
      pages.Set("Kids", Value::Array());
      pages.Get("Kids")->array = std::move(kids);
      pages.Set("Count", Value::Int(static_cast<int64_t>(page_info.size())));
    }

    tree.Finish();

    // The bundle's own identity: title, language, metadata, viewer preferences.
    const std::string subject = "First-tier Tribunal (SEND) hearing bundle, " +
                                (appeal ? appeal->title : manifest.appeal_type) + ", hearing " +
                                manifest.hearing_date.ToLongEnglish() + ", issue " +
                                std::to_string(manifest.issue_number);
    // The Info dictionary and the XMP packet are written as the plan's are (pdfio's);
    // the bundle does not claim PDF/UA: its evidence is other people's PDFs.
    pdfio::DocumentMetadata about;
    about.title = title;
    about.author = manifest.local_authority;
    about.subject = subject;
    about.lang = manifest.lang;
    about.creator = "ehcp bundle";
    about.producer = "ehcp 0.1.0";
    about.epoch = manifest.issue_date.DaysSinceEpoch() * 86400;
    Value metadata = Value::Dict();
    metadata.Set("Type", Value::Name("Metadata"));
    metadata.Set("Subtype", Value::Name("XML"));
    int64_t metadata_object = out.AddStream(std::move(metadata), pdfio::BuildXmp(about));
    {
      Value& catalog = out.Owned(shared.catalog).value;
      catalog.Set("Type", Value::Name("Catalog"));
      catalog.Set("Pages", Ref(shared.pages_root));
      catalog.Set("StructTreeRoot", Ref(shared.struct_root));
      Value mark_info = Value::Dict();
      mark_info.Set("Marked", Value::Bool(true));
      catalog.Set("MarkInfo", std::move(mark_info));
      catalog.Set("Outlines", Ref(outlines));
      catalog.Set("Lang", Value::Text(manifest.lang));
      Value preferences = Value::Dict();
      preferences.Set("DisplayDocTitle", Value::Bool(true));
      catalog.Set("ViewerPreferences", std::move(preferences));
      catalog.Set("PageMode", Value::Name("UseBookmarks"));
      catalog.Set("Metadata", Ref(metadata_object));
    }
    int64_t info_object = out.Add(pdfio::InfoDictionary(about));

    stage = "the bundle";
    size_t size_hint = front.bytes.size();
    for (const auto& [entry, source] : sources) size_hint += source->impl().bytes.size();
    bytes = out.Write(shared.catalog, info_object, size_hint);
    total_pages = total;
    return true;
  } catch (const pdfio::ParseError& e) {
    std::string what = e.what();
    if (what.find(" is damaged and cannot be read") == std::string::npos && stage != "the bundle")
      what = stage + " is damaged and cannot be read: " + what;
    diagnostics.Error("bundle.pdf", "the bundle PDF could not be written: " + what,
                      manifest.location);
    return false;
  }
}

namespace {

// The items of an outline (or outline item) at its top level, in order.
std::vector<int64_t> OutlineChildren(OutputPdf& out, int64_t parent) {
  std::vector<int64_t> items;
  std::unordered_set<int64_t> seen;
  const Value* next = out.Owned(parent).value.Get("First");
  while (next != nullptr && next->IsRef() && seen.insert(next->integer).second) {
    items.push_back(next->integer);
    next = out.Owned(next->integer).value.Get("Next");
  }
  return items;
}

}  // namespace

bool AppendPdfs(SourcePdf& base_pdf, const std::string& base_name,
                std::vector<AppendedPdf>& appended, std::string& bytes,
                DiagnosticList& diagnostics) {
  SourceLocation base_location = FileLocation(base_name);
  std::string stage = base_name;
  try {
    SourcePdf::Impl& base = base_pdf.impl();
    PdfFile& bf = *base.file;
    const Value* root_ref = bf.Trailer().Get("Root");
    const Value* catalog = bf.Resolve(root_ref);
    const Value* struct_ref = catalog ? catalog->Get("StructTreeRoot") : nullptr;
    const Value* struct_root = bf.Resolve(struct_ref);
    const Value* document_ref = struct_root ? struct_root->Get("K") : nullptr;
    if (document_ref != nullptr && document_ref->IsArray() && document_ref->array.size() == 1)
      document_ref = &document_ref->array[0];
    if (root_ref == nullptr || !root_ref->IsRef() || struct_ref == nullptr ||
        !struct_ref->IsRef() || document_ref == nullptr || !document_ref->IsRef()) {
      diagnostics.Error("bundle.pdf", "the plan PDF has no Document element to append to",
                        base_location);
      return false;
    }

    OutputPdf out;
    std::vector<std::unique_ptr<Copier>> copiers;
    Copier& bc = *copiers.emplace_back(std::make_unique<Copier>(bf, out, -1, base.name));
    Shared shared;
    shared.pages_root = out.Add(Value::Dict());
    RedirectPageTree(bc, base.page_refs, shared.pages_root);
    // The plan's own catalog and structure tree root, changed: its metadata, language,
    // named destinations and viewer preferences carry over as they are.
    shared.catalog = bc.Number(root_ref->integer, root_ref->generation);
    shared.struct_root = bc.Number(struct_ref->integer, struct_ref->generation);
    const int64_t document = bc.Number(document_ref->integer, document_ref->generation);
    bc.Own(*root_ref);
    bc.Own(*struct_ref);
    {
      // Appendices are added as kids of the plan's Document element.
      Value& element = bc.Own(*document_ref).value;
      Value* k = element.Get("K");
      if (k == nullptr) {
        element.Set("K", Value::Array());
      } else if (!k->IsArray()) {
        Value kids = Value::Array();
        kids.array.push_back(std::move(*k));
        element.Set("K", std::move(kids));
      }
    }
    BundleTree tree(out, shared.struct_root);
    CarryParentTree(bf, *struct_root, bc, tree);
    if (const Value* role_map = bf.Resolve(struct_root->Get("RoleMap"));
        role_map && role_map->IsDict())
      tree.MergeRoleMap(*role_map, bc);
    std::vector<PageInfo> page_info;
    for (const Value& ref : base.page_refs)
      page_info.push_back({CopyPage(bc, ref, shared.pages_root), "", ""});

    // The appendices: one copier each, merged under the Document element.
    std::vector<int64_t> items;
    std::vector<int64_t> first_pages;
    int owner = 0;
    for (AppendedPdf& a : appended) {
      SourcePdf::Impl& src = a.source->impl();
      Copier& copier =
          *copiers.emplace_back(std::make_unique<Copier>(*src.file, out, owner++, src.name));
      BundleDocumentEntry entry;
      entry.title = a.title;
      entry.location = a.location;
      OrderedDocument doc;
      doc.entry = &entry;
      doc.facts.pages = a.source->PageCount();
      doc.facts.pages_without_text = src.pages_without_text;
      doc.facts.tagged = src.tagged;
      stage = src.name;
      a.first_page = static_cast<int>(page_info.size()) + 1;
      MergedDocument merged =
          MergeDocument(out, copier, src, doc, tree, shared, document, page_info);
      stage = base_name;
      // MergeDocument titles the Sect "<tab> <title>"; an appendix has no tab.
      const int64_t sect = out.Owned(document).value.Get("K")->array.back().integer;
      out.Owned(sect).value.Set("T", Value::Text(a.title));
      a.removed = std::move(merged.removed);
      first_pages.push_back(merged.pages.front());
      Value& item = out.Owned(merged.outline).value;
      item.Set("Title", Value::Text(a.title));
      item.Set("Dest", XyzDest(merged.pages.front()));
      items.push_back(merged.outline);
    }

    // K's links to the appendices point at their first pages.
    for (const Value& page_ref : base.page_refs) {
      ForEachIndexLink(bf, bf.Resolve(&page_ref), [&](const Value& ref, size_t n) {
        if (n >= appended.size()) return;
        Value& link = bc.Own(ref).value;
        link.Remove("A");
        link.Set("Dest", XyzDest(first_pages[n]));
        link.Set("Contents", Value::Text("Go to " + appended[n].title + ", page " +
                                         std::to_string(appended[n].first_page)));
      });
    }

    // Bookmarks: the plan's own, then one per appendix (closed, its own bookmarks below).
    {
      const Value* outlines_ref = catalog->Get("Outlines");
      int64_t outlines = 0;
      if (outlines_ref != nullptr && outlines_ref->IsRef() && bf.Resolve(outlines_ref) != nullptr) {
        outlines = bc.Number(outlines_ref->integer, outlines_ref->generation);
        bc.Own(*outlines_ref);
      } else {
        Value root = Value::Dict();
        root.Set("Type", Value::Name("Outlines"));
        outlines = out.Add(std::move(root));
        out.Owned(shared.catalog).value.Set("Outlines", Ref(outlines));
      }
      std::vector<int64_t> top = OutlineChildren(out, outlines);
      const size_t plan_items = top.size();
      top.insert(top.end(), items.begin(), items.end());
      for (size_t i = plan_items > 0 ? plan_items - 1 : 0; i < top.size(); ++i) {
        Value& d = out.Owned(top[i]).value;
        d.Set("Parent", Ref(outlines));
        if (i > 0) d.Set("Prev", Ref(top[i - 1]));
        if (i + 1 < top.size()) d.Set("Next", Ref(top[i + 1]));
      }
      Value& root = out.Owned(outlines).value;
      if (!top.empty()) {
        root.Set("First", Ref(top.front()));
        root.Set("Last", Ref(top.back()));
      }
      int64_t visible = 0;
      if (const Value* c = root.Get("Count"); c != nullptr && c->IsInt()) visible = c->integer;
      root.Set("Count", Value::Int(visible + static_cast<int64_t>(items.size())));
    }

    // Untagged appendix pages: their content becomes one marked-content sequence each.
    std::vector<Value> kids;
    for (const PageInfo& info : page_info) {
      if (!info.prefix.empty()) {
        Value contents = Value::Array();
        contents.array.push_back(Ref(out.AddStream(Value::Dict(), info.prefix + "q\n")));
        Value old = out.Owned(info.page).value.Get("Contents")
                        ? *out.Owned(info.page).value.Get("Contents")
                        : Value::Null();
        Value* resolved = old.IsRef() || old.IsArray() ? ResolveOut(out, &old) : nullptr;
        if (resolved != nullptr && resolved->IsArray()) {
          for (const Value& c : resolved->array) contents.array.push_back(c);
        } else if (old.IsRef()) {
          contents.array.push_back(old);
        }
        contents.array.push_back(Ref(out.AddStream(Value::Dict(), "Q\n" + info.suffix)));
        out.Owned(info.page).value.Set("Contents", std::move(contents));
      }
      kids.push_back(Ref(info.page));
    }
    {
      Value& pages = out.Owned(shared.pages_root).value;
      pages.Set("Type", Value::Name("Pages"));
      pages.Set("Kids", Value::Array());
      pages.Get("Kids")->array = std::move(kids);
      pages.Set("Count", Value::Int(static_cast<int64_t>(page_info.size())));
    }
    tree.Finish();

    // Page labels: the plan's footer says "Page 31 of 32" on its own pages, so a viewer
    // shows 31 there too, and K4-1, K4-2 on an appendix rather than 33 and 34.
    if (!catalog->Has("PageLabels")) {
      Value nums = Value::Array();
      Value decimal = Value::Dict();
      decimal.Set("S", Value::Name("D"));
      nums.array.push_back(Value::Int(0));
      nums.array.push_back(decimal);
      for (const AppendedPdf& a : appended) {
        Value label = decimal;
        if (!a.page_label.empty()) label.Set("P", Value::Text(a.page_label));
        nums.array.push_back(Value::Int(a.first_page - 1));
        nums.array.push_back(std::move(label));
      }
      Value labels = Value::Dict();
      labels.Set("Nums", std::move(nums));
      out.Owned(shared.catalog).value.Set("PageLabels", std::move(labels));
    }

    int64_t info_object = 0;
    if (const Value* info = bf.Trailer().Get("Info"); info && info->IsRef())
      info_object = bc.Number(info->integer, info->generation);
    if (info_object <= 0) info_object = out.Add(Value::Dict());
    size_t size_hint = base.bytes.size();
    for (const AppendedPdf& a : appended) size_hint += a.source->impl().bytes.size();
    bytes = out.Write(shared.catalog, info_object, size_hint);
    return true;
  } catch (const pdfio::ParseError& e) {
    std::string what = e.what();
    if (what.find(" is damaged and cannot be read") == std::string::npos)
      what = stage + " is damaged and cannot be read: " + what;
    diagnostics.Error("bundle.pdf", "the plan with its appendices could not be written: " + what,
                      base_location);
    return false;
  }
}

}  // namespace ehcp
