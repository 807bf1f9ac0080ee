#include "bundle/source_pdf.h"

#include <set>

#include "bundle/content_text_scan.h"
#include "bundle/source_pdf_internal.h"
#include "output/input_file.h"

namespace ehcp {

using pdfio::Object;
using pdfio::PdfFile;
using pdfio::Value;

namespace {

constexpr std::uintmax_t kMaxPdfBytes = 512u * 1024 * 1024;

void Fail(DiagnosticList& diagnostics, const std::string& code, const std::string& message,
          const SourceLocation& where) {
  diagnostics.Error(code, message, where);
}

bool StreamShowsText(PdfFile& file, const Object* stream) {
  if (stream == nullptr || !stream->has_stream) return false;
  // Text usually comes early: the stream is decoded a prefix at a time. A prefix is cut
  // before its last whitespace, so every token in it is whole and means what it means in
  // the full stream.
  std::optional<bool> shows =
      file.ScanDecoded(*stream, [](std::string_view content, bool complete) {
        if (!complete) {
          size_t cut = content.find_last_of(std::string_view(" \t\r\n\f\0", 6));
          if (cut == std::string_view::npos) return false;
          content = content.substr(0, cut);
        }
        return ContentShowsText(content);
      });
  // A stream it cannot decode (a filter it does not read) may well hold text: calling the
  // page a scanned image would tag it as a Figure and hide that text, so it counts as text.
  return shows.value_or(true);
}

const Object* ObjectOf(PdfFile& file, const Value* v) {
  return v != nullptr && v->IsRef() ? file.Get(v->integer) : nullptr;
}

// Text drawn by Form XObjects the page (or a form) uses, a few levels deep.
bool FormsShowText(PdfFile& file, const Value* resources, std::set<int64_t>& seen, int depth) {
  resources = file.Resolve(resources);
  if (depth > 8 || resources == nullptr || !resources->IsDict()) return false;
  const Value* xobjects = file.Resolve(resources->Get("XObject"));
  if (xobjects == nullptr || !xobjects->IsDict()) return false;
  for (const auto& [name, value] : xobjects->dict) {
    if (!value.IsRef() || !seen.insert(value.integer).second) continue;
    const Object* form = ObjectOf(file, &value);
    if (form == nullptr || !form->value.IsDict()) continue;
    const Value* subtype = form->value.Get("Subtype");
    if (subtype == nullptr || !subtype->IsName("Form")) continue;
    if (StreamShowsText(file, form)) return true;
    if (FormsShowText(file, form->value.Get("Resources"), seen, depth + 1)) return true;
  }
  return false;
}

const Value* InheritedResources(PdfFile& file, const Value* page) {
  for (int depth = 0; page != nullptr && page->IsDict() && depth < 64; ++depth) {
    if (const Value* r = page->Get("Resources")) return r;
    page = file.Resolve(page->Get("Parent"));
  }
  return nullptr;
}

bool PageShowsText(PdfFile& file, const Value* page) {
  const Value* contents = page->Get("Contents");
  const Value* resolved = file.Resolve(contents);
  if (resolved != nullptr && resolved->IsArray()) {
    for (const Value& item : resolved->array)
      if (StreamShowsText(file, ObjectOf(file, &item))) return true;
  } else if (StreamShowsText(file, ObjectOf(file, contents))) {
    return true;
  }
  std::set<int64_t> seen;
  return FormsShowText(file, InheritedResources(file, page), seen, 0);
}

// Collects page references under `node` (a page tree node), in order.
void CollectPages(PdfFile& file, const Value& ref, std::vector<Value>& pages,
                  std::set<int64_t>& seen, int depth) {
  if (!ref.IsRef()) throw pdfio::ParseError("a page tree entry is not a reference");
  if (depth > 64 || !seen.insert(ref.integer).second)
    throw pdfio::ParseError("the page tree loops");
  const Object* node = file.Get(ref.integer);
  if (node == nullptr || !node->value.IsDict()) throw pdfio::ParseError("a page is missing");
  const Value* type = node->value.Get("Type");
  const Value* kids = file.Resolve(node->value.Get("Kids"));
  bool is_page = type != nullptr ? type->IsName("Page") : kids == nullptr;
  if (is_page) {
    pages.push_back(ref);
    return;
  }
  if (kids == nullptr || !kids->IsArray()) return;
  for (const Value& kid : kids->array) CollectPages(file, kid, pages, seen, depth + 1);
}

}  // namespace

void ReadSourcePdf(SourcePdf::Impl& impl, bool& encrypted) {
  impl.file = std::make_unique<PdfFile>(impl.bytes);
  PdfFile& file = *impl.file;
  encrypted = file.Encrypted();
  if (encrypted) return;
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  if (catalog == nullptr || !catalog->IsDict()) throw pdfio::ParseError("the catalog is missing");
  const Value* pages = catalog->Get("Pages");
  std::set<int64_t> seen;
  if (pages != nullptr) CollectPages(file, *pages, impl.page_refs, seen, 0);
  for (size_t i = 0; i < impl.page_refs.size(); ++i) {
    const Value* page = file.Resolve(&impl.page_refs[i]);
    if (!PageShowsText(file, page)) impl.pages_without_text.push_back(static_cast<int>(i) + 1);
  }
  const Value* root = file.Resolve(catalog->Get("StructTreeRoot"));
  impl.tagged = root != nullptr && root->IsDict() && root->Has("K");
}

SourcePdf::SourcePdf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SourcePdf::~SourcePdf() = default;
int SourcePdf::PageCount() const {
  return static_cast<int>(impl_->page_refs.size());
}
bool SourcePdf::Tagged() const {
  return impl_->tagged;
}
const std::vector<int>& SourcePdf::PagesWithoutText() const {
  return impl_->pages_without_text;
}

std::unique_ptr<SourcePdf> SourcePdf::Open(const std::filesystem::path& path,
                                           const std::string& document, const SourceLocation& where,
                                           DiagnosticList& diagnostics) {
  const std::string name = "document \"" + document + "\" (" + path.filename().string() + ")";
  InputFile file = ReadInputFile(path.string(), kMaxPdfBytes);
  if (file.status == InputFileStatus::kTooLarge) {
    Fail(diagnostics, "bundle.too-large", name + " is larger than 512 MB", where);
    return nullptr;
  }
  if (!file.Ok()) {
    Fail(diagnostics, "bundle.unreadable", name + " cannot be read: " + file.problem, where);
    return nullptr;
  }
  return FromBytes(std::move(file.bytes), name, where, diagnostics);
}

std::unique_ptr<SourcePdf> SourcePdf::OpenInMemory(std::string bytes, const std::string& document,
                                                   const SourceLocation& where,
                                                   DiagnosticList& diagnostics) {
  return FromBytes(std::move(bytes), "document \"" + document + "\"", where, diagnostics);
}

std::unique_ptr<SourcePdf> SourcePdf::FromBytes(std::string bytes, const std::string& name,
                                                const SourceLocation& where,
                                                DiagnosticList& diagnostics) {
  auto impl = std::make_unique<Impl>();
  impl->name = name;
  impl->owned = std::move(bytes);
  impl->bytes = impl->owned;
  // A PDF starts with "%PDF-" (readers accept it within the first 1024 bytes).
  if (impl->bytes.substr(0, 1024).find("%PDF-") == std::string::npos) {
    Fail(diagnostics, "bundle.not-pdf", name + " is not a PDF file (it has no %PDF- header)",
         where);
    return nullptr;
  }
  bool encrypted = false;
  try {
    ReadSourcePdf(*impl, encrypted);
  } catch (const pdfio::ParseError& e) {
    Fail(diagnostics, "bundle.corrupt", name + " is damaged and cannot be read: " + e.what(),
         where);
    return nullptr;
  } catch (const std::exception& e) {
    // A library error (a number out of range, say) is still about this document.
    Fail(diagnostics, "bundle.corrupt",
         name + " is damaged and cannot be read (internal error: " + e.what() + ")", where);
    return nullptr;
  }
  if (encrypted) {
    Fail(diagnostics, "bundle.encrypted",
         name +
             " is encrypted; every party must be able to read and search the bundle, so ask for an "
             "unencrypted copy",
         where);
    return nullptr;
  }
  if (impl->page_refs.empty()) {
    Fail(diagnostics, "bundle.corrupt",
         impl->file->Recovered() ? name + " is damaged and cannot be read: no pages were found"
                                 : name + " has no pages",
         where);
    return nullptr;
  }
  return std::unique_ptr<SourcePdf>(new SourcePdf(std::move(impl)));
}

}  // namespace ehcp
