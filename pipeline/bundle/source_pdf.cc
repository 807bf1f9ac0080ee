#include "bundle/source_pdf.h"

#include <fstream>
#include <set>

#include "bundle/content_text_scan.h"
#include "bundle/source_pdf_internal.h"

namespace ehcp {

using namespace PoDoFo;

namespace {

constexpr std::uintmax_t kMaxPdfBytes = 512u * 1024 * 1024;

void Fail(DiagnosticList& diagnostics, const std::string& code, const std::string& message,
          const SourceLocation& where) {
  diagnostics.Error(code, message, where);
}

bool StreamShowsText(const PdfObject* stream) {
  if (stream == nullptr || !stream->HasStream()) return false;
  char* buffer = nullptr;
  pdf_long length = 0;
  stream->GetStream()->GetFilteredCopy(&buffer, &length);
  bool shows = ContentShowsText(std::string_view(buffer, static_cast<size_t>(length)));
  podofo_free(buffer);
  return shows;
}

// Text drawn by Form XObjects the page (or a form) uses, a few levels deep.
bool FormsShowText(const PdfVecObjects& objects, const PdfObject* resources,
                   std::set<PdfReference>& seen, int depth) {
  resources = Resolve(objects, resources);
  if (depth > 8 || resources == nullptr || !resources->IsDictionary()) return false;
  const PdfObject* xobjects = Resolve(objects, resources->GetDictionary().GetKey("XObject"));
  if (xobjects == nullptr || !xobjects->IsDictionary()) return false;
  for (const auto& [name, value] : xobjects->GetDictionary().GetKeys()) {
    if (!value->IsReference() || !seen.insert(value->GetReference()).second) continue;
    const PdfObject* form = Resolve(objects, value);
    if (form == nullptr || !form->IsDictionary()) continue;
    const PdfObject* subtype = form->GetDictionary().GetKey("Subtype");
    if (subtype == nullptr || !subtype->IsName() || subtype->GetName() != PdfName("Form")) continue;
    if (StreamShowsText(form)) return true;
    if (FormsShowText(objects, form->GetDictionary().GetKey("Resources"), seen, depth + 1))
      return true;
  }
  return false;
}

const PdfObject* InheritedResources(const PdfVecObjects& objects, const PdfObject* page) {
  for (int depth = 0; page != nullptr && page->IsDictionary() && depth < 64; ++depth) {
    if (const PdfObject* r = page->GetDictionary().GetKey("Resources")) return r;
    page = Resolve(objects, page->GetDictionary().GetKey("Parent"));
  }
  return nullptr;
}

bool PageShowsText(const PdfVecObjects& objects, const PdfObject* page) {
  const PdfObject* contents = Resolve(objects, page->GetDictionary().GetKey("Contents"));
  if (contents != nullptr && contents->IsArray()) {
    for (const auto& item : contents->GetArray())
      if (StreamShowsText(Resolve(objects, &item))) return true;
  } else if (StreamShowsText(contents)) {
    return true;
  }
  std::set<PdfReference> seen;
  return FormsShowText(objects, InheritedResources(objects, page), seen, 0);
}

}  // namespace

const PdfObject* Resolve(const PdfVecObjects& objects, const PdfObject* object) {
  for (int hops = 0; object != nullptr && object->IsReference() && hops < 32; ++hops)
    object = objects.GetObject(object->GetReference());
  return object != nullptr && object->IsReference() ? nullptr : object;
}

PdfObject* Resolve(PdfVecObjects& objects, PdfObject* object) {
  return const_cast<PdfObject*>(Resolve(static_cast<const PdfVecObjects&>(objects), object));
}

std::string Utf8(const PdfString& text) {
  if (!text.IsValid()) return {};
  PdfString unicode = text.ToUnicode();
  return unicode.GetStringUtf8();
}

SourcePdf::SourcePdf(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SourcePdf::~SourcePdf() = default;
int SourcePdf::PageCount() const {
  return static_cast<int>(impl_->pages.size());
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
  // PoDoFo reports to stdout/stderr by default; we report through diagnostics only.
  PdfError::EnableLogging(false);
  PdfError::EnableDebug(false);
  const std::string name = "document \"" + document + "\" (" + path.filename().string() + ")";
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    Fail(diagnostics, "bundle.unreadable", name + " cannot be read: " + ec.message(), where);
    return nullptr;
  }
  if (size > kMaxPdfBytes) {
    Fail(diagnostics, "bundle.too-large", name + " is larger than 512 MB", where);
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  {
    std::ifstream in(path, std::ios::binary);
    impl->bytes.resize(static_cast<size_t>(size));
    if (!in.read(impl->bytes.data(), static_cast<std::streamsize>(size))) {
      Fail(diagnostics, "bundle.unreadable", name + " cannot be read", where);
      return nullptr;
    }
  }
  // A PDF starts with "%PDF-" (readers accept it within the first 1024 bytes).
  if (impl->bytes.substr(0, 1024).find("%PDF-") == std::string::npos) {
    Fail(diagnostics, "bundle.not-pdf", name + " is not a PDF file (it has no %PDF- header)",
         where);
    return nullptr;
  }
  try {
    impl->document.LoadFromBuffer(impl->bytes.data(), static_cast<long>(impl->bytes.size()));
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword) {
      Fail(diagnostics, "bundle.encrypted",
           name + " is encrypted (password protected); ask for an unprotected copy", where);
    } else {
      const char* what = PdfError::ErrorMessage(e.GetError());
      Fail(diagnostics, "bundle.corrupt",
           name + " is damaged and cannot be read" +
               (what ? std::string(": ") + what : std::string()),
           where);
    }
    return nullptr;
  }
  if (impl->document.GetEncrypted()) {
    Fail(diagnostics, "bundle.encrypted",
         name +
             " is encrypted; every party must be able to read and search the bundle, so ask for an "
             "unencrypted copy",
         where);
    return nullptr;
  }
  try {
    const PdfVecObjects& objects = impl->document.GetObjects();
    int count = impl->document.GetPageCount();
    if (count <= 0) {
      Fail(diagnostics, "bundle.corrupt", name + " has no pages", where);
      return nullptr;
    }
    impl->pages.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
      PdfPage* page = impl->document.GetPage(i);
      if (page == nullptr || page->GetObject() == nullptr || !page->GetObject()->IsDictionary()) {
        Fail(diagnostics, "bundle.corrupt",
             name + ": page " + std::to_string(i + 1) + " is missing", where);
        return nullptr;
      }
      impl->pages.push_back(page->GetObject());
      if (!PageShowsText(objects, page->GetObject())) impl->pages_without_text.push_back(i + 1);
    }
    const PdfObject* root =
        Resolve(objects, impl->document.GetCatalog()->GetDictionary().GetKey("StructTreeRoot"));
    impl->tagged = root != nullptr && root->IsDictionary() && root->GetDictionary().HasKey("K");
  } catch (const PdfError& e) {
    const char* what = PdfError::ErrorMessage(e.GetError());
    Fail(
        diagnostics, "bundle.corrupt",
        name + " is damaged and cannot be read" + (what ? std::string(": ") + what : std::string()),
        where);
    return nullptr;
  }
  return std::unique_ptr<SourcePdf>(new SourcePdf(std::move(impl)));
}

}  // namespace ehcp
