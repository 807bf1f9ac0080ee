#include "bundle/bundle_pdf_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle/front_matter.h"
#include "bundle/object_copier.h"
#include "bundle/source_pdf_internal.h"
#include "bundle/struct_tree_builder.h"

namespace ehcp {

using namespace PoDoFo;

namespace {

constexpr const char* kRegularFont =
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf";
// The stamp's font gets a name of its own in every page's resources: source pages made
// by PoDoFo already use names like /Ft5, and a clash would change their text.
constexpr const char* kStampFont = "EhcpBundleStamp";

PdfString Text(const std::string& utf8) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str()));
}

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

double NumberOf(const PdfObject& value) {
  if (value.IsReal()) return value.GetReal();
  if (value.IsNumber()) return static_cast<double>(value.GetNumber());
  return 0;
}

// What the writer keeps about one page of the bundle.
struct PageInfo {
  PdfObject* page = nullptr;
  std::string prefix;  // marked-content wrapper for untagged source pages
  std::string suffix;
};

// One outline item the bundle makes (a section or a document).
PdfObject* NewOutlineItem(PdfVecObjects& objects, const std::string& title,
                          PdfObject* target_page) {
  PdfObject* item = objects.CreateObject();
  item->GetDictionary().AddKey("Title", Text(title));
  PdfArray dest;
  dest.push_back(target_page->Reference());
  dest.push_back(PdfName("XYZ"));
  dest.push_back(PdfVariant());
  dest.push_back(PdfVariant());
  dest.push_back(PdfVariant());
  item->GetDictionary().AddKey("Dest", dest);
  return item;
}

void LinkChildren(PdfObject* parent, const std::vector<PdfObject*>& kids) {
  if (kids.empty()) return;
  for (size_t i = 0; i < kids.size(); ++i) {
    PdfDictionary& d = kids[i]->GetDictionary();
    d.AddKey("Parent", parent->Reference());
    if (i > 0) d.AddKey("Prev", kids[i - 1]->Reference());
    if (i + 1 < kids.size()) d.AddKey("Next", kids[i + 1]->Reference());
  }
  parent->GetDictionary().AddKey("First", kids.front()->Reference());
  parent->GetDictionary().AddKey("Last", kids.back()->Reference());
}

// Number of items shown below `item` when it is open (open children count their own).
int VisibleDescendants(PdfVecObjects& objects, PdfObject* item,
                       std::unordered_set<PdfObject*>& seen) {
  int count = 0;
  PdfObject* child = Resolve(objects, item->GetDictionary().GetKey("First"));
  while (child != nullptr && child->IsDictionary() && seen.insert(child).second) {
    ++count;
    const PdfObject* c = child->GetDictionary().GetKey("Count");
    if (c != nullptr && c->IsNumber() && c->GetNumber() > 0)
      count += VisibleDescendants(objects, child, seen);
    child = Resolve(objects, child->GetDictionary().GetKey("Next"));
  }
  return count;
}

// Walks a number tree (ParentTree), calling `visit(key, value)` for each entry.
// Each node is visited once, so a hostile file's shared or cyclic /Kids cannot blow up.
template <typename Visit>
void WalkNumberTree(const PdfVecObjects& objects, const PdfObject* node, Visit&& visit,
                    std::unordered_set<const PdfObject*>& seen, int depth = 0) {
  node = Resolve(objects, node);
  if (node == nullptr || !node->IsDictionary() || depth > 32 || !seen.insert(node).second) return;
  if (const PdfObject* nums = Resolve(objects, node->GetDictionary().GetKey("Nums"));
      nums && nums->IsArray()) {
    const PdfArray& a = nums->GetArray();
    for (size_t i = 0; i + 1 < a.size(); i += 2)
      if (a[i].IsNumber()) visit(a[i].GetNumber(), a[i + 1]);
  }
  if (const PdfObject* kids = Resolve(objects, node->GetDictionary().GetKey("Kids"));
      kids && kids->IsArray())
    for (const auto& kid : kids->GetArray()) WalkNumberTree(objects, &kid, visit, seen, depth + 1);
}

// A merged document's ParentTree keys, renumbered into the bundle's key space.
using KeyMap = std::unordered_map<pdf_int64, pdf_int64>;

// Rewrites /StructParents or /StructParent through `keys`; a key the source's ParentTree
// does not have pointed nowhere, so it is dropped.
void RenumberKey(PdfDictionary& dict, const char* name, const KeyMap& keys) {
  PdfObject* value = dict.GetKey(name);
  if (value == nullptr) return;
  auto it = value->IsNumber() ? keys.find(value->GetNumber()) : keys.end();
  if (it == keys.end())
    dict.RemoveKey(name);
  else
    dict.AddKey(name, it->second);
}

// Renumbers /StructParents of Form XObjects a merged page uses (once each).
void RenumberXObjects(PdfVecObjects& objects, PdfObject* resources, const KeyMap& keys,
                      std::unordered_set<PdfObject*>& seen, int depth) {
  resources = Resolve(objects, resources);
  if (depth > 8 || resources == nullptr || !resources->IsDictionary()) return;
  PdfObject* xobjects = Resolve(objects, resources->GetDictionary().GetKey("XObject"));
  if (xobjects == nullptr || !xobjects->IsDictionary()) return;
  for (const auto& [name, value] : xobjects->GetDictionary().GetKeys()) {
    PdfObject* form = Resolve(objects, value);
    if (form == nullptr || !form->IsDictionary() || !seen.insert(form).second) continue;
    for (const char* key : {"StructParents", "StructParent"})
      RenumberKey(form->GetDictionary(), key, keys);
    RenumberXObjects(objects, form->GetDictionary().GetKey("Resources"), keys, seen, depth + 1);
  }
}

const PdfObject* Inherited(const PdfVecObjects& objects, const PdfObject* page, const char* key) {
  for (int depth = 0; page != nullptr && page->IsDictionary() && depth < 64; ++depth) {
    if (const PdfObject* v = page->GetDictionary().GetKey(key)) return v;
    page = Resolve(objects, page->GetDictionary().GetKey("Parent"));
  }
  return nullptr;
}

// The displayed frame of a page: the crop box, turned by /Rotate. Returns the matrix
// that maps upright frame coordinates to user space, and the frame's width.
struct Frame {
  double a, b, c, d, e, f;
  double width;
};

Frame PageFrame(PdfVecObjects& objects, PdfObject* page) {
  double x0 = 0, y0 = 0, x1 = 595.276, y1 = 841.89;
  const PdfObject* box = Resolve(objects, page->GetDictionary().GetKey("CropBox"));
  if (box == nullptr || !box->IsArray() || box->GetArray().size() != 4)
    box = Resolve(objects, page->GetDictionary().GetKey("MediaBox"));
  if (box != nullptr && box->IsArray() && box->GetArray().size() == 4) {
    const PdfArray& r = box->GetArray();
    x0 = std::min(NumberOf(r[0]), NumberOf(r[2]));
    x1 = std::max(NumberOf(r[0]), NumberOf(r[2]));
    y0 = std::min(NumberOf(r[1]), NumberOf(r[3]));
    y1 = std::max(NumberOf(r[1]), NumberOf(r[3]));
  }
  long rotate = 0;
  if (const PdfObject* r = Resolve(objects, page->GetDictionary().GetKey("Rotate"));
      r && r->IsNumber())
    rotate = ((static_cast<long>(r->GetNumber()) % 360) + 360) % 360;
  switch (rotate) {
    case 90: return {0, 1, -1, 0, x1, y0, y1 - y0};
    case 180: return {-1, 0, 0, -1, x1, y1, x1 - x0};
    case 270: return {0, -1, 1, 0, x0, y1, y1 - y0};
    default: return {1, 0, 0, 1, x0, y0, x1 - x0};
  }
}

// Adds the stamp font to a page's resources (resolving shared dictionaries).
void AddStampFont(PdfVecObjects& objects, PdfObject* page, PdfFont* font) {
  PdfDictionary& dict = page->GetDictionary();
  if (!dict.HasKey("Resources")) dict.AddKey("Resources", PdfDictionary());
  PdfObject* resources = Resolve(objects, dict.GetKey("Resources"));
  if (resources == nullptr || !resources->IsDictionary()) {
    dict.AddKey("Resources", PdfDictionary());
    resources = dict.GetKey("Resources");
  }
  if (!resources->GetDictionary().HasKey("Font"))
    resources->GetDictionary().AddKey("Font", PdfDictionary());
  PdfObject* fonts = Resolve(objects, resources->GetDictionary().GetKey("Font"));
  if (fonts == nullptr || !fonts->IsDictionary()) {
    resources->GetDictionary().AddKey("Font", PdfDictionary());
    fonts = resources->GetDictionary().GetKey("Font");
  }
  fonts->GetDictionary().AddKey(kStampFont, font->GetObject()->Reference());
}

bool IsSubsetName(const std::string& name) {
  if (name.size() < 8 || name[6] != '+') return false;
  return std::all_of(name.begin(), name.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Every merged document's first font subset is called AAAAAA+Something; different
// subsets under one name confuse some readers, so later owners get fresh prefixes.
void RenameDuplicateSubsets(PdfVecObjects& objects,
                            const std::vector<std::pair<unsigned, unsigned>>& ranges) {
  auto owner = [&](const PdfReference& ref) {
    for (size_t i = 0; i < ranges.size(); ++i)
      if (ref.ObjectNumber() >= ranges[i].first && ref.ObjectNumber() <= ranges[i].second)
        return static_cast<int>(i);
    return -1;
  };
  std::vector<std::pair<PdfObject*, const char*>> named;
  std::set<std::string> prefixes;
  for (PdfObject* object : objects) {
    if (!object->IsDictionary()) continue;
    for (const char* key : {"BaseFont", "FontName"}) {
      const PdfObject* v = object->GetDictionary().GetKey(key);
      if (v != nullptr && v->IsName() && IsSubsetName(v->GetName().GetName())) {
        named.emplace_back(object, key);
        prefixes.insert(v->GetName().GetName().substr(0, 6));
      }
    }
  }
  std::map<std::string, int> first_owner;
  std::map<std::pair<int, std::string>, std::string> renamed;
  unsigned counter = 0;
  for (auto& [object, key] : named) {
    std::string name = object->GetDictionary().GetKey(key)->GetName().GetName();
    int who = owner(object->Reference());
    auto [it, inserted] = first_owner.emplace(name, who);
    if (inserted || it->second == who) continue;
    auto& fresh = renamed[{who, name}];
    if (fresh.empty()) {
      std::string prefix;
      do {
        prefix.clear();
        for (unsigned n = counter++, k = 0; k < 6; ++k, n /= 26)
          prefix += static_cast<char>('A' + n % 26);
        std::reverse(prefix.begin(), prefix.end());
        prefix[0] = 'Z';  // ours start with Z; PoDoFo and LibreOffice count up from A
      } while (prefixes.count(prefix));
      prefixes.insert(prefix);
      fresh = prefix + name.substr(6);
    }
    object->GetDictionary().AddKey(key, PdfName(fresh));
  }
}

std::string Xmp(const BundleManifest& manifest, const std::string& title,
                const std::string& subject) {
  std::string date = manifest.issue_date.ToIso() + "T00:00:00Z";
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
         "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
         "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         XmlEscape(title) +
         "</rdf:li></rdf:Alt></dc:title>\n"
         "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
         XmlEscape(subject) +
         "</rdf:li></rdf:Alt></dc:description>\n"
         "   <dc:creator><rdf:Seq><rdf:li>" +
         XmlEscape(manifest.local_authority) +
         "</rdf:li></rdf:Seq></dc:creator>\n"
         "   <dc:language><rdf:Bag><rdf:li>" +
         XmlEscape(manifest.lang) +
         "</rdf:li></rdf:Bag></dc:language>\n"
         "   <xmp:CreateDate>" +
         date +
         "</xmp:CreateDate>\n"
         "   <xmp:CreatorTool>ehcp bundle</xmp:CreatorTool>\n"
         "   <pdf:Producer>ehcp 0.1.0</pdf:Producer>\n"
         "  </rdf:Description>\n"
         " </rdf:RDF>\n"
         "</x:xmpmeta>\n"
         "<?xpacket end=\"r\"?>";
}

// Copies one source document's pages, structure tree and outlines into `out`.
struct MergedDocument {
  std::vector<PdfObject*> pages;
  PdfObject* outline = nullptr;
};

MergedDocument MergeDocument(PdfMemDocument& out, SourcePdf::Impl& src, const OrderedDocument& doc,
                             StructTreeBuilder& tree, PdfObject* section_element,
                             std::vector<PageInfo>& page_info) {
  PdfVecObjects& objects = out.GetObjects();
  const PdfVecObjects& source_objects = src.document.GetObjects();
  const PdfDictionary& catalog = src.document.GetCatalog()->GetDictionary();
  MergedDocument merged;

  PdfObject* sect = tree.AddElement(section_element, "Sect");
  sect->GetDictionary().AddKey("T", Text(doc.tab + " " + doc.entry->title));
  if (const PdfObject* lang = Resolve(source_objects, catalog.GetKey("Lang"));
      lang && lang->IsString())
    sect->GetDictionary().AddKey("Lang", *lang);

  ObjectCopier copier(source_objects, objects);
  copier.Redirect(src.document.GetCatalog()->Reference(), out.GetCatalog()->Reference());
  const PdfObject* struct_root = Resolve(source_objects, catalog.GetKey("StructTreeRoot"));
  if (const PdfObject* r = catalog.GetKey("StructTreeRoot"); r && r->IsReference())
    copier.Redirect(r->GetReference(), sect->Reference());
  const PdfObject* outlines = Resolve(source_objects, catalog.GetKey("Outlines"));
  merged.outline = objects.CreateObject();
  if (const PdfObject* o = catalog.GetKey("Outlines"); o && o->IsReference())
    copier.Redirect(o->GetReference(), merged.outline->Reference());
  // Page-tree nodes of the source stand for the bundle's page tree.
  const PdfReference pages_root = out.GetPagesTree()->GetObject()->Reference();
  for (const PdfObject* page : src.pages) {
    const PdfObject* node = page;
    for (int depth = 0; node && node->IsDictionary() && depth < 64; ++depth) {
      const PdfObject* parent = node->GetDictionary().GetKey("Parent");
      if (parent == nullptr || !parent->IsReference()) break;
      copier.Redirect(parent->GetReference(), pages_root);
      node = source_objects.GetObject(parent->GetReference());
    }
  }

  // Pages (with the attributes they inherit from the source page tree made explicit).
  std::vector<std::vector<std::pair<const char*, PdfVariant>>> inherited(src.pages.size());
  for (size_t i = 0; i < src.pages.size(); ++i) {
    merged.pages.push_back(copier.CopyPage(src.pages[i]));
    for (const char* key : {"Resources", "MediaBox", "CropBox", "Rotate"}) {
      if (src.pages[i]->GetDictionary().HasKey(key)) continue;
      if (const PdfObject* v = Inherited(source_objects, src.pages[i], key))
        inherited[i].emplace_back(key, copier.CopyValue(*v));
    }
  }

  // Structure tree: the source's top-level elements become kids of this document's Sect.
  std::vector<std::pair<pdf_int64, PdfVariant>> parent_tree;
  if (src.tagged && struct_root != nullptr) {
    const PdfDictionary& root = struct_root->GetDictionary();
    PdfVariant kids = copier.CopyValue(*root.GetKey("K"));
    if (!kids.IsArray()) {
      PdfArray wrapped;
      wrapped.push_back(kids);
      kids = PdfVariant(wrapped);
    }
    sect->GetDictionary().AddKey("K", kids);
    std::unordered_set<const PdfObject*> visited;
    WalkNumberTree(
        source_objects, root.GetKey("ParentTree"),
        [&](pdf_int64 key, const PdfObject& value) {
          parent_tree.emplace_back(key, copier.CopyValue(value));
        },
        visited);
    if (const PdfObject* role_map = Resolve(source_objects, root.GetKey("RoleMap"));
        role_map && role_map->IsDictionary())
      tree.MergeRoleMap(role_map->GetDictionary());
  }

  // Outlines: the document's own bookmarks hang under its bundle bookmark.
  if (outlines != nullptr && outlines->IsDictionary()) {
    for (const char* key : {"First", "Last"})
      if (const PdfObject* v = outlines->GetDictionary().GetKey(key))
        merged.outline->GetDictionary().AddKey(key, copier.CopyValue(*v));
  }
  copier.Drain();

  for (size_t i = 0; i < merged.pages.size(); ++i)
    for (auto& [key, value] : inherited[i]) merged.pages[i]->GetDictionary().AddKey(key, value);

  if (src.tagged && struct_root != nullptr) {
    // Keys are renumbered densely rather than offset: a source's keys may be sparse or
    // huge, and only the ones its ParentTree really has mean anything.
    KeyMap keys;
    std::stable_sort(parent_tree.begin(), parent_tree.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [key, value] : parent_tree) {
      if (keys.count(key)) continue;  // a duplicate key: the first entry wins
      keys[key] = tree.ReserveKeys(1);
      tree.AddParentTreeEntry(static_cast<int>(keys[key]), value);
    }
    std::unordered_set<PdfObject*> seen;
    for (PdfObject* page : merged.pages) {
      PdfDictionary& d = page->GetDictionary();
      RenumberKey(d, "StructParents", keys);
      if (PdfObject* annots = Resolve(objects, d.GetKey("Annots")); annots && annots->IsArray()) {
        for (auto& a : annots->GetArray()) {
          PdfObject* annot = Resolve(objects, &a);
          if (annot == nullptr || !annot->IsDictionary() || !seen.insert(annot).second) continue;
          RenumberKey(annot->GetDictionary(), "StructParent", keys);
        }
      }
      RenumberXObjects(objects, d.GetKey("Resources"), keys, seen, 0);
    }
    // A merged document is a section of the bundle, not a document of its own.
    if (PdfObject* k = sect->GetDictionary().GetKey("K"); k && k->IsArray()) {
      for (auto& kid : k->GetArray()) {
        PdfObject* element = Resolve(objects, &kid);
        if (element == nullptr || !element->IsDictionary()) continue;
        PdfObject* type = element->GetDictionary().GetKey("S");
        if (type != nullptr && type->IsName() && type->GetName() == PdfName("Document"))
          element->GetDictionary().AddKey("S", PdfName("Sect"));
      }
    }
  } else {
    // An untagged document: each page becomes one element, so assistive technology finds
    // its text (P) or is told it is a scanned image (Figure with alternative text).
    sect->GetDictionary().AddKey("K", PdfArray());
    std::set<int> no_text(doc.facts.pages_without_text.begin(), doc.facts.pages_without_text.end());
    for (size_t i = 0; i < merged.pages.size(); ++i) {
      PdfObject* page = merged.pages[i];
      page->GetDictionary().RemoveKey("StructParents");
      if (PdfObject* annots = Resolve(objects, page->GetDictionary().GetKey("Annots"));
          annots && annots->IsArray())
        for (auto& a : annots->GetArray())
          if (PdfObject* annot = Resolve(objects, &a); annot && annot->IsDictionary())
            annot->GetDictionary().RemoveKey("StructParent");
      bool scanned = no_text.count(static_cast<int>(i) + 1) > 0;
      PdfObject* element = tree.AddElement(sect, scanned ? "Figure" : "P");
      if (scanned)
        element->GetDictionary().AddKey(
            "Alt", Text("Page " + std::to_string(i + 1) + " of " + doc.entry->title +
                        ": a scanned image with no text layer"));
      int mcid = tree.AddContent(element, page);
      page_info.push_back({page,
                           std::string("/") + (scanned ? "Figure" : "P") + " <</MCID " +
                               std::to_string(mcid) + ">> BDC\n",
                           "EMC\n"});
    }
    return merged;
  }
  for (PdfObject* page : merged.pages) page_info.push_back({page, "", ""});
  return merged;
}

}  // namespace

int WriteBundlePdf(const BundleManifest& manifest, const BundleRules& rules,
                   std::vector<OrderedSection>& sections, const BundleSources& sources,
                   const std::string& path, DiagnosticList& diagnostics) {
  PdfError::EnableLogging(false);
  PdfError::EnableDebug(false);
  for (const char* font : {kRegularFont, kBoldFont}) {
    if (!std::filesystem::exists(font)) {
      diagnostics.Error(
          "bundle.font",
          std::string("font file ") + font + " is missing (install fonts-liberation2)",
          manifest.location);
      return 0;
    }
  }
  try {
    PdfMemDocument out;
    out.SetPdfVersion(ePdfVersion_1_7);
    PdfVecObjects& objects = out.GetObjects();
    const PdfEncoding* identity = PdfEncodingFactory::GlobalIdentityEncodingInstance();
    FrontMatterFonts fonts{
        out.CreateFontSubset("EhcpBundleSans", false, false, false, identity, kRegularFont),
        out.CreateFontSubset("EhcpBundleSansBold", true, false, false, identity, kBoldFont)};
    if (fonts.regular == nullptr || fonts.bold == nullptr) {
      diagnostics.Error("bundle.font", "the bundle fonts could not be loaded", manifest.location);
      return 0;
    }

    FrontMatter front(manifest, rules, sections, fonts);
    int front_pages = front.Layout(diagnostics);
    if (front_pages == 0) return 0;
    int total = NumberPages(sections, front_pages);

    StructTreeBuilder tree(out);
    const AppealTypeRule* appeal = rules.FindAppealType(manifest.appeal_type);
    const std::string title =
        "Hearing bundle " + manifest.tribunal_reference + ": " + manifest.child_name;
    tree.DocumentElement()->GetDictionary().AddKey("T", Text(title));
    std::vector<IndexLink> links = front.Draw(out, tree, tree.DocumentElement(), total);
    std::vector<PageInfo> page_info;
    for (int i = 0; i < out.GetPageCount(); ++i)
      page_info.push_back({out.GetPage(i)->GetObject(), "", ""});

    // Documents, section by section.
    std::vector<std::pair<unsigned, unsigned>> ranges;
    std::vector<PdfObject*> section_items;
    std::map<const OrderedDocument*, PdfObject*> first_pages;
    for (const auto& section : sections) {
      PdfObject* part = tree.AddElement(tree.DocumentElement(), "Part");
      part->GetDictionary().AddKey("T", Text(section.letter + ". " + section.rule->title));
      std::vector<PdfObject*> doc_items;
      PdfObject* section_first_page = nullptr;
      for (const auto& doc : section.documents) {
        SourcePdf* source = sources.at(doc.entry);
        unsigned first_object =
            static_cast<unsigned>(objects.GetSize() + objects.GetFreeObjects().size());
        MergedDocument merged = MergeDocument(out, source->impl(), doc, tree, part, page_info);
        std::vector<PdfObject*> insert(merged.pages.begin(), merged.pages.end());
        out.GetPagesTree()->InsertPages(out.GetPageCount() - 1, insert);
        ranges.emplace_back(
            first_object,
            static_cast<unsigned>(objects.GetSize() + objects.GetFreeObjects().size()) + 1);
        first_pages[&doc] = merged.pages.front();
        if (section_first_page == nullptr) section_first_page = merged.pages.front();

        // The document's bookmark: the merged outline object, re-used as the item.
        PdfObject* item = merged.outline;
        item->GetDictionary().AddKey("Title", Text(doc.tab + " " + doc.entry->title));
        PdfArray dest;
        dest.push_back(merged.pages.front()->Reference());
        dest.push_back(PdfName("XYZ"));
        dest.push_back(PdfVariant());
        dest.push_back(PdfVariant());
        dest.push_back(PdfVariant());
        item->GetDictionary().AddKey("Dest", dest);
        if (item->GetDictionary().HasKey("First")) {
          // Re-parent the source's top-level bookmarks (their /Parent was the outline root).
          std::unordered_set<PdfObject*> seen;
          for (PdfObject* child = Resolve(objects, item->GetDictionary().GetKey("First"));
               child && child->IsDictionary() && seen.insert(child).second;
               child = Resolve(objects, child->GetDictionary().GetKey("Next")))
            child->GetDictionary().AddKey("Parent", item->Reference());
          seen.clear();
          int visible = VisibleDescendants(objects, item, seen);
          if (visible > 0)
            item->GetDictionary().AddKey("Count", static_cast<pdf_int64>(-visible));  // closed
        }
        doc_items.push_back(item);
      }
      PdfObject* section_item =
          NewOutlineItem(objects, section.letter + ". " + section.rule->title, section_first_page);
      LinkChildren(section_item, doc_items);
      section_item->GetDictionary().AddKey("Count",
                                           static_cast<pdf_int64>(doc_items.size()));  // open
      section_items.push_back(section_item);
    }

    // Index links point at each document's first page.
    for (const IndexLink& link : links) {
      PdfArray dest;
      dest.push_back(first_pages.at(link.document)->Reference());
      dest.push_back(PdfName("XYZ"));
      dest.push_back(PdfVariant());
      dest.push_back(PdfVariant());
      dest.push_back(PdfVariant());
      link.annotation->GetDictionary().AddKey("Dest", dest);
    }

    // Bookmarks: cover, index, then section > document > the document's own.
    PdfObject* outline_root = objects.CreateObject("Outlines");
    std::vector<PdfObject*> top;
    top.push_back(NewOutlineItem(objects, "Cover sheet", page_info[0].page));
    top.push_back(NewOutlineItem(objects, "Index", page_info[1].page));
    top.insert(top.end(), section_items.begin(), section_items.end());
    LinkChildren(outline_root, top);
    pdf_int64 visible = static_cast<pdf_int64>(top.size());
    for (PdfObject* s : section_items) visible += s->GetDictionary().GetKey("Count")->GetNumber();
    outline_root->GetDictionary().AddKey("Count", visible);

    // Page stamps, isolated from each page's own graphics state by q/Q, as artifacts.
    PdfObject* save = objects.CreateObject();
    save->GetStream()->Set("q\n", 2, TVecFilters());
    const std::string of_total = " of " + std::to_string(total);
    for (size_t i = 0; i < page_info.size(); ++i) {
      PdfObject* page = page_info[i].page;
      std::string label = manifest.page_numbers == PageNumberStyle::kNumber
                              ? std::to_string(i + 1)
                              : "Page " + std::to_string(i + 1) + of_total;
      Frame frame = PageFrame(objects, page);
      fonts.regular->SetFontSize(10);
      double width = fonts.regular->GetFontMetrics()->StringWidth(Text(label));
      std::string stamp =
          page_info[i].suffix + "Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nq " +
          Number(frame.a) + " " + Number(frame.b) + " " + Number(frame.c) + " " + Number(frame.d) +
          " " + Number(frame.e) + " " + Number(frame.f) + " cm 0 g\n" +
          TextOperators(fonts.regular, 10, frame.width - 36 - width, 20, label, kStampFont) +
          "Q\nEMC\n";
      PdfObject* after = objects.CreateObject();
      after->GetStream()->Set(stamp.data(), static_cast<pdf_long>(stamp.size()));
      PdfObject* before = save;
      if (!page_info[i].prefix.empty()) {
        before = objects.CreateObject();
        std::string prefix = page_info[i].prefix + "q\n";
        before->GetStream()->Set(prefix.data(), static_cast<pdf_long>(prefix.size()),
                                 TVecFilters());
      }
      PdfArray contents;
      contents.push_back(before->Reference());
      PdfObject* old = page->GetDictionary().GetKey("Contents");
      PdfObject* resolved = Resolve(objects, old);
      if (resolved != nullptr && resolved->IsArray()) {
        for (const auto& c : resolved->GetArray()) contents.push_back(c);
      } else if (old != nullptr && old->IsReference()) {
        contents.push_back(*old);
      }
      contents.push_back(after->Reference());
      page->GetDictionary().AddKey("Contents", contents);
      AddStampFont(objects, page, fonts.regular);
    }

    tree.Finish();

    // The bundle's own identity: title, language, metadata, viewer preferences.
    PdfDictionary& catalog = out.GetCatalog()->GetDictionary();
    PdfDictionary mark_info;
    mark_info.AddKey("Marked", true);
    catalog.AddKey("MarkInfo", mark_info);
    catalog.AddKey("Outlines", outline_root->Reference());
    out.SetLanguage(manifest.lang);
    out.SetDisplayDocTitle();
    out.SetPageMode(ePdfPageModeUseBookmarks);
    const std::string subject = "First-tier Tribunal (SEND) hearing bundle, " +
                                (appeal ? appeal->title : manifest.appeal_type) + ", hearing " +
                                manifest.hearing_date.ToLongEnglish() + ", issue " +
                                std::to_string(manifest.issue_number);
    PdfObject* metadata = objects.CreateObject("Metadata");
    metadata->GetDictionary().AddKey("Subtype", PdfName("XML"));
    std::string xmp = Xmp(manifest, title, subject);
    metadata->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());
    catalog.AddKey("Metadata", metadata->Reference());
    PdfInfo* info = out.GetInfo();
    info->SetTitle(Text(title));
    info->SetSubject(Text(subject));
    info->SetAuthor(Text(manifest.local_authority));
    info->SetCreator(Text("ehcp bundle"));
    info->SetProducer(Text("ehcp 0.1.0"));
    char date[32];
    std::snprintf(date, sizeof date, "D:%04d%02d%02d000000Z", manifest.issue_date.year,
                  manifest.issue_date.month, manifest.issue_date.day);
    info->GetObject()->GetDictionary().AddKey("CreationDate", PdfString(date));
    info->GetObject()->GetDictionary().RemoveKey("ModDate");

    out.EmbedSubsetFonts();
    // PoDoFo's CIDSet lists empty glyph slots too, which PDF/UA forbids; it is optional.
    for (PdfFont* font : {fonts.regular, fonts.bold}) {
      PdfObject* descendants =
          Resolve(objects, font->GetObject()->GetDictionary().GetKey("DescendantFonts"));
      if (descendants == nullptr || !descendants->IsArray() || descendants->GetArray().empty())
        continue;
      PdfObject* cid = Resolve(objects, &descendants->GetArray()[0]);
      PdfObject* descriptor =
          cid ? Resolve(objects, cid->GetDictionary().GetKey("FontDescriptor")) : nullptr;
      if (descriptor != nullptr && descriptor->IsDictionary())
        descriptor->GetDictionary().RemoveKey("CIDSet");
    }
    RenameDuplicateSubsets(objects, ranges);
    out.Write(path.c_str());
    return total;
  } catch (const PdfError& e) {
    const char* what = PdfError::ErrorMessage(e.GetError());
    diagnostics.Error("bundle.pdf",
                      std::string("the bundle PDF could not be written: ") +
                          (what ? what : PdfError::ErrorName(e.GetError())),
                      manifest.location);
    return 0;
  }
}

}  // namespace ehcp
