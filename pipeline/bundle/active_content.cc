#include "bundle/active_content.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace ehcp {

using pdfio::Copier;
using pdfio::PdfFile;
using pdfio::Value;

namespace {

bool In(std::string_view key, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

// Follows one reference without keeping the object parsed (nullptr when it does not
// exist): the copy writes an object it never parsed token by token, and an object looked
// at here and left alone must come out exactly as before.
const Value* Peek(PdfFile& file, const Value* value, pdfio::Object& scratch) {
  if (value == nullptr || !value->IsRef()) return value;
  if (!file.Exists(value->integer, value->generation)) return nullptr;
  const Value* found = &file.Load(value->integer, scratch).value;
  return found->IsRef() ? nullptr : found;
}

// Page entries (ISO 32000-1 table 30) that neither act nor carry a file. Not kept: /AA
// (page open and close actions), /AF (associated files), /PieceInfo (private application
// data, which can hold anything), /PresSteps (presentation steps, with actions), and
// whatever is not listed.
bool KeptPageKey(std::string_view key) {
  return In(key, {"Type",     "Parent",   "LastModified",   "Resources", "MediaBox",
                  "CropBox",  "BleedBox", "TrimBox",        "ArtBox",    "BoxColorInfo",
                  "Contents", "Rotate",   "Group",          "Thumb",     "B",
                  "Dur",      "Trans",    "Annots",         "Metadata",  "StructParents",
                  "ID",       "PZ",       "SeparationInfo", "Tabs",      "TemplateInstantiated",
                  "UserUnit", "VP"});
}

// Annotation types that only show something (ISO 32000-1 12.5.6). Not kept: FileAttachment,
// Sound, Movie, Screen, RichMedia, 3D, Projection and any type not listed.
bool KeptSubtype(std::string_view subtype) {
  return In(subtype, {"Text",    "Link",      "FreeText",  "Line",      "Square",   "Circle",
                      "Polygon", "PolyLine",  "Highlight", "Underline", "Squiggly", "StrikeOut",
                      "Stamp",   "Caret",     "Ink",       "Popup",     "Widget",   "PrinterMark",
                      "TrapNet", "Watermark", "Redact"});
}

// Entries of the kept annotation types (and of a widget's merged field) that neither act
// nor carry a file. /A and /PA (checked as actions), /AA (event scripts) and /Parent (kept
// only for a popup) are dealt with before this list is consulted.
bool KeptAnnotationKey(std::string_view key) {
  // A table: common entries, markup, then by type.
  // clang-format off
  return In(key, {"Type", "Subtype", "Rect", "Contents", "P", "NM", "M", "F", "AP", "AS",
                  "Border", "C", "StructParent", "OC", "Lang", "BM", "ca", "CA",
                  "T", "Popup", "RC", "CreationDate", "IRT", "Subj", "RT", "IT",
                  "Open", "Name", "State", "StateModel", "Dest", "H", "QuadPoints", "BS",
                  "DA", "Q", "DS", "CL", "LE", "BE", "RD", "L", "IC", "LL", "LLE", "Cap",
                  "LLO", "CP", "Measure", "CO", "Vertices", "Path", "InkList", "Sy",
                  "MK", "FT", "TU", "TM", "Ff", "V", "DV", "Opt", "TI", "MaxLen", "RV",
                  "MN", "FixedPrint", "RO", "OverlayText", "Repeat",
                  "Version", "AnnotStates", "FontFauxing"});
  // clang-format on
}

// The bytes of a PDF string token as written (with its delimiters).
std::string DecodeString(std::string_view token) {
  std::string out;
  if (token.size() >= 2 && token.front() == '<') {
    int high = -1;
    for (char c : token.substr(1, token.size() - 2)) {
      int v = std::isdigit(static_cast<unsigned char>(c))    ? c - '0'
              : std::isxdigit(static_cast<unsigned char>(c)) ? (std::tolower(c) - 'a' + 10)
                                                             : -1;
      if (v < 0) continue;
      if (high < 0) {
        high = v;
      } else {
        out += static_cast<char>(high * 16 + v);
        high = -1;
      }
    }
    if (high >= 0) out += static_cast<char>(high * 16);
    return out;
  }
  if (token.size() < 2 || token.front() != '(') return std::string(token);
  std::string_view body = token.substr(1, token.size() - 2);
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case '\n': break;
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
               ++k)
            v = v * 8 + (body[++i] - '0');
          out += static_cast<char>(v);
        } else {
          out += e;
        }
    }
  }
  return out;
}

// The scheme of a URI ("https"), lower case; empty when it has none.
std::string Scheme(const std::string& uri) {
  size_t colon = uri.find(':');
  if (colon == std::string::npos || colon == 0) return "";
  std::string scheme;
  for (size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(uri[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return "";
    scheme += static_cast<char>(std::tolower(c));
  }
  return std::isalpha(static_cast<unsigned char>(scheme[0])) ? scheme : "";
}

std::string ActionLabel(const std::string& type) {
  if (type.empty()) return "an action of no known type";
  if (type == "JavaScript") return "a JavaScript action";
  if (type == "Launch") return "a Launch action (starts a program or opens a file)";
  if (type == "GoToR") return "a GoToR action (opens another PDF file)";
  if (type == "GoToE") return "a GoToE action (opens an embedded file)";
  if (type == "SubmitForm") return "a SubmitForm action (sends form data)";
  if (type == "ImportData") return "an ImportData action (reads form data from a file)";
  if (type == "Named") return "a Named action (a viewer command)";
  return "a " + type + " action";
}

// Where the document's findings are gathered: one entry per kind, pages merged.
class Findings {
 public:
  void Note(const std::string& what, int page) {
    auto it = std::find_if(items_.begin(), items_.end(),
                           [&](const RemovedContent& r) { return r.what == what; });
    if (it == items_.end()) {
      items_.push_back({what, {}});
      it = items_.end() - 1;
    }
    if (page > 0 && std::find(it->pages.begin(), it->pages.end(), page) == it->pages.end()) {
      it->pages.push_back(page);
      std::sort(it->pages.begin(), it->pages.end());
    }
  }
  std::vector<RemovedContent> Take() { return std::move(items_); }

 private:
  std::vector<RemovedContent> items_;
};

struct ActionCheck {
  enum Verdict { kKeep, kReplace, kRemove } verdict = kKeep;
  Value replacement;                 // kReplace: the action with only its kept entries
  std::vector<std::string> removed;  // labels of what goes
};

// Labels of the actions chained after one by /Next (a dictionary or an array of them).
void ChainedActions(PdfFile& file, const Value* value, std::vector<std::string>& labels,
                    std::unordered_set<int64_t>& seen, int depth) {
  if (value == nullptr || depth > 16 || (value->IsRef() && !seen.insert(value->integer).second))
    return;
  pdfio::Object scratch;
  const Value* next = Peek(file, value, scratch);
  if (next == nullptr) return;
  if (next->IsArray()) {
    for (const Value& v : next->array) ChainedActions(file, &v, labels, seen, depth + 1);
    return;
  }
  if (!next->IsDict()) return;
  const Value* s = next->Get("S");
  labels.push_back(ActionLabel(s && s->IsName() ? s->text : "") + " chained after another");
  ChainedActions(file, next->Get("Next"), labels, seen, depth + 1);
}

// Kept: a URI action to a web or mail address and a GoTo within the document (its pages
// are all copied), each with only its own entries; /Next chains are cut.
ActionCheck CheckAction(PdfFile& file, const Value& value) {
  ActionCheck check;
  pdfio::Object scratch;
  const Value* action = Peek(file, &value, scratch);
  if (action == nullptr || !action->IsDict()) {
    check.verdict = ActionCheck::kRemove;
    check.removed.push_back("a damaged action");
    return check;
  }
  const Value* s = action->Get("S");
  const std::string type = s && s->IsName() ? s->text : "";
  if (type == "URI") {
    pdfio::Object uri_scratch;
    const Value* uri = Peek(file, action->Get("URI"), uri_scratch);
    std::string scheme = uri && uri->IsString() ? Scheme(DecodeString(uri->text)) : "";
    if (!In(scheme, {"http", "https", "mailto"})) {
      check.verdict = ActionCheck::kRemove;
      check.removed.push_back(scheme.empty()
                                  ? std::string("a link without a web address")
                                  : "a link to a " + scheme + ": address (not a web page)");
      return check;
    }
  } else if (type != "GoTo" || !action->Has("D")) {
    check.verdict = ActionCheck::kRemove;
    check.removed.push_back(ActionLabel(type));
    return check;
  }
  check.replacement = Value::Dict();
  for (const auto& [key, v] : action->dict) {
    if (In(key, {"Type", "S", "URI", "IsMap", "D", "SD"})) {
      check.replacement.dict.emplace_back(key, v);
    } else if (key == "Next") {
      std::unordered_set<int64_t> seen;
      ChainedActions(file, &v, check.removed, seen, 0);
    } else {
      check.removed.push_back("the action entry /" + key);
    }
  }
  check.verdict = check.removed.empty() ? ActionCheck::kKeep : ActionCheck::kReplace;
  return check;
}

std::string AnnotationLabel(const Value& annotation) {
  const Value* s = annotation.Get("Subtype");
  std::string type = s && s->IsName() ? s->text : "";
  if (type.empty()) return "an annotation of no known type";
  std::string label = "a " + type + " annotation";
  if (type == "FileAttachment") {
    label += " and its embedded file";
  } else if (In(type, {"Sound", "Movie", "Screen", "RichMedia", "3D"})) {
    label += " and its media";
  }
  return label;
}

// The removals planned for one document, carried out once all are known: every drop first,
// so no copy made afterwards reaches a dropped object.
struct Plan {
  std::vector<int64_t> drops;
  std::vector<std::pair<Value, Value>> owns;  // source reference, cleaned source value
  std::unordered_set<int64_t> owned;
};

void DropIfRef(Plan& plan, const Value& value) {
  if (value.IsRef()) plan.drops.push_back(value.integer);
}

// Checks /A or /PA of an annotation or bookmark: `cleaned` gets the entry as it is, cleaned,
// or not at all (then `changed` is set), and what goes is noted.
void CheckActionEntry(PdfFile& file, const std::string& key, const Value& value, Value& cleaned,
                      bool& changed, Plan& plan, Findings& findings, int page,
                      const std::string& where) {
  ActionCheck check = CheckAction(file, value);
  for (const std::string& label : check.removed) findings.Note(label + where, page);
  switch (check.verdict) {
    case ActionCheck::kKeep: cleaned.dict.emplace_back(key, value); return;
    case ActionCheck::kReplace:
      cleaned.dict.emplace_back(key, std::move(check.replacement));
      DropIfRef(plan, value);
      changed = true;
      return;
    case ActionCheck::kRemove:
      DropIfRef(plan, value);
      changed = true;
      return;
  }
}

// The annotation without what it may not keep; returns whether anything was taken out.
bool CleanAnnotation(PdfFile& file, const Value& annotation, Value& cleaned, Plan& plan,
                     Findings& findings, int page) {
  const Value* s = annotation.Get("Subtype");
  const std::string subtype = s && s->IsName() ? s->text : "";
  const bool widget = subtype == "Widget";
  cleaned = Value::Dict();
  bool changed = false;
  for (const auto& [key, value] : annotation.dict) {
    if (key == "A" || key == "PA") {
      CheckActionEntry(file, key, value, cleaned, changed, plan, findings, page, "");
    } else if (key == "AA") {
      findings.Note(widget ? "a form field's scripts" : "an annotation's event actions", page);
      changed = true;
    } else if (key == "Parent" && subtype != "Popup") {
      // A widget's parent is its form field: values, scripts and the other widgets.
      findings.Note(
          widget ? "a form field's data (its appearance is kept)" : "the annotation entry /Parent",
          page);
      changed = true;
    } else if (!KeptAnnotationKey(key)) {
      findings.Note(key == "AF" ? std::string("files associated with an annotation")
                                : "the annotation entry /" + key,
                    page);
      changed = true;
    } else {
      cleaned.dict.emplace_back(key, value);
    }
  }
  return changed;
}

std::string PageKeyLabel(const std::string& key) {
  if (key == "AA") return "page actions (run when the page opens or closes)";
  if (key == "AF") return "files associated with a page";
  if (key == "PieceInfo") return "private application data of a page";
  if (key == "PresSteps") return "presentation steps of a page";
  return "the page entry /" + key;
}

void PlanPages(PdfFile& file, const std::vector<Value>& page_refs, Plan& plan, Findings& findings) {
  for (size_t i = 0; i < page_refs.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const Value* page = file.Resolve(&page_refs[i]);
    if (page == nullptr || !page->IsDict()) continue;
    bool changed = false;

    Value annots;  // the page's kept annotations, when that list changed
    const Value* list = file.Resolve(page->Get("Annots"));
    if (list != nullptr && list->IsArray()) {
      Value kept = Value::Array();
      bool list_changed = false;
      for (const Value& a : list->array) {
        pdfio::Object scratch;
        const Value* annotation = Peek(file, &a, scratch);
        if (annotation == nullptr || !annotation->IsDict()) {
          kept.array.push_back(a);
          continue;
        }
        if (!KeepsAnnotation(*annotation)) {
          findings.Note(AnnotationLabel(*annotation), number);
          DropIfRef(plan, a);
          list_changed = true;
          continue;
        }
        Value cleaned;
        if (!CleanAnnotation(file, *annotation, cleaned, plan, findings, number)) {
          kept.array.push_back(a);
        } else if (a.IsRef()) {
          if (plan.owned.insert(a.integer).second) plan.owns.emplace_back(a, std::move(cleaned));
          kept.array.push_back(a);
        } else {
          kept.array.push_back(std::move(cleaned));
          list_changed = true;
        }
      }
      if (list_changed) annots = std::move(kept);
    }

    Value cleaned = Value::Dict();
    for (const auto& [key, value] : page->dict) {
      if (key == "Annots" && !annots.IsNull()) {
        cleaned.dict.emplace_back(key, annots);
        changed = true;
      } else if (KeptPageKey(key)) {
        cleaned.dict.emplace_back(key, value);
      } else {
        findings.Note(PageKeyLabel(key), number);
        if (key == "AA") DropIfRef(plan, value);
        changed = true;
      }
    }
    if (changed && page_refs[i].IsRef() && plan.owned.insert(page_refs[i].integer).second)
      plan.owns.emplace_back(page_refs[i], std::move(cleaned));
  }
}

// Bookmarks keep GoTo and web links only, like link annotations. Only so many levels and
// siblings are looked at; bookmarks past them are cut off (the bundle copies whatever an
// item points to, so an unchecked deeper bookmark would carry its action into the bundle).
// For the same reason every link between bookmarks that the copy keeps (/Prev, /Last,
// /Parent) must lead to a bookmark that was checked: one leading past a cut, or to a
// bookmark outside the chains (built to carry a script), is pointed back into them.
constexpr int kMaxOutlineDepth = 64;

bool IsRefTo(const Value* link, const Value& ref) {
  return link != nullptr && link->IsRef() && ref.IsRef() && link->integer == ref.integer &&
         link->generation == ref.generation;
}

// Sets `key` to `ref`, or removes it when `ref` is null.
void Relink(Value& dict, std::string_view key, const Value& ref) {
  if (ref.IsRef())
    dict.Set(key, ref);
  else
    dict.Remove(key);
}

// Walks the chain of bookmarks from `first` (children of `parent`, a reference, or null for
// the top level, whose /Parent the bundle writer sets) and returns the last one walked.
Value PlanOutlines(PdfFile& file, const Value* first, const Value& parent, Plan& plan,
                   Findings& findings, std::unordered_set<int64_t>& seen, int depth) {
  Value item_ref = first != nullptr ? *first : Value::Null();
  Value previous = Value::Null();
  for (int count = 0; item_ref.IsRef(); ++count) {
    if (!seen.insert(item_ref.integer).second) break;
    pdfio::Object scratch;
    const Value* item = Peek(file, &item_ref, scratch);
    if (item == nullptr || !item->IsDict()) break;
    const bool cut_children = depth + 1 >= kMaxOutlineDepth && item->Has("First");
    const bool cut_next = count + 1 >= kMaxOutlineSiblings && item->Has("Next");
    if (cut_children)
      findings.Note(
          "bookmarks nested more than " + std::to_string(kMaxOutlineDepth) + " levels deep", 0);
    if (cut_next)
      findings.Note(
          "bookmarks after the first " + std::to_string(kMaxOutlineSiblings) + " at one level", 0);
    const Value last_child = cut_children ? Value::Null()
                                          : PlanOutlines(file, item->Get("First"), item_ref, plan,
                                                         findings, seen, depth + 1);
    const bool relink_prev = item->Has("Prev") && !IsRefTo(item->Get("Prev"), previous);
    const bool relink_parent =
        parent.IsRef() && item->Has("Parent") && !IsRefTo(item->Get("Parent"), parent);
    const bool relink_last =
        !cut_children && item->Has("Last") && !IsRefTo(item->Get("Last"), last_child);
    if (item->Has("A") || cut_children || cut_next || relink_prev || relink_parent || relink_last) {
      Value cleaned = Value::Dict();
      bool changed = cut_children || cut_next || relink_prev || relink_parent || relink_last;
      for (const auto& [key, value] : item->dict) {
        if (key == "A")
          CheckActionEntry(file, key, value, cleaned, changed, plan, findings, 0, " on a bookmark");
        else if (!(cut_children && (key == "First" || key == "Last" || key == "Count")) &&
                 !(cut_next && key == "Next"))
          cleaned.dict.emplace_back(key, value);
      }
      if (relink_prev) Relink(cleaned, "Prev", previous);
      if (relink_parent) Relink(cleaned, "Parent", parent);
      if (relink_last) Relink(cleaned, "Last", last_child);
      if (changed && plan.owned.insert(item_ref.integer).second)
        plan.owns.emplace_back(item_ref, std::move(cleaned));
    }
    previous = item_ref;
    if (cut_next) break;
    const Value* next = item->Get("Next");
    item_ref = next != nullptr ? *next : Value::Null();
  }
  return previous;
}

// What the catalog has that a bundle never carries (the copier does not copy a source
// catalog), reported so the reader knows the original had it.
void NoteCatalog(PdfFile& file, const Value& catalog, Findings& findings) {
  if (const Value* open = file.Resolve(catalog.Get("OpenAction")); open && open->IsDict()) {
    ActionCheck check = CheckAction(file, *open);
    for (const std::string& label : check.removed)
      findings.Note(label + " run when the document opens", 0);
  }
  if (catalog.Has("AA")) findings.Note("document actions (run on close, save or print)", 0);
  if (const Value* names = file.Resolve(catalog.Get("Names")); names && names->IsDict()) {
    if (names->Has("JavaScript")) findings.Note("document-level JavaScript", 0);
    if (names->Has("EmbeddedFiles")) findings.Note("embedded files", 0);
  }
  if (const Value* form = file.Resolve(catalog.Get("AcroForm")); form && form->IsDict()) {
    if (form->Has("XFA")) findings.Note("an XFA form", 0);
  }
  if (catalog.Has("AF")) findings.Note("files associated with the document", 0);
}

}  // namespace

bool KeepsAnnotation(const Value& annotation) {
  const Value* s = annotation.Get("Subtype");
  return s != nullptr && s->IsName() && KeptSubtype(s->text);
}

std::vector<RemovedContent> StripActiveContent(Copier& copier,
                                               const std::vector<Value>& page_refs) {
  PdfFile& file = copier.source();
  Findings findings;
  Plan plan;
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  if (catalog != nullptr && catalog->IsDict()) NoteCatalog(file, *catalog, findings);
  PlanPages(file, page_refs, plan, findings);
  if (catalog != nullptr && catalog->IsDict()) {
    const Value* outlines = file.Resolve(catalog->Get("Outlines"));
    std::unordered_set<int64_t> seen;
    if (outlines != nullptr && outlines->IsDict())
      PlanOutlines(file, outlines->Get("First"), Value::Null(), plan, findings, seen, 0);
  }
  for (int64_t n : plan.drops) copier.Drop(n);
  for (auto& [ref, value] : plan.owns) {
    pdfio::Object cleaned;
    cleaned.value = std::move(value);
    copier.Own(ref, &cleaned);
  }
  return findings.Take();
}

std::string DescribePages(const std::vector<int>& pages) {
  std::string out = pages.size() == 1 ? "page " : "pages ";
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += i + 1 == pages.size() ? " and " : ", ";
    out += std::to_string(pages[i]);
  }
  return out;
}

}  // namespace ehcp
