#pragma once

// One PDF that goes into a bundle, opened once and read only: the same parsed document is
// checked here and later copied into the bundle, so no file is parsed twice.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

class SourcePdf {
 public:
  // Opens `path`. A file that is not a PDF, is encrypted, or is too damaged to read is an
  // error that names `document` (the title in the manifest) and returns nullptr.
  static std::unique_ptr<SourcePdf> Open(const std::filesystem::path& path,
                                         const std::string& document, const SourceLocation& where,
                                         DiagnosticList& diagnostics);
  // The same for a PDF made in memory (a plan rendered into the bundle).
  static std::unique_ptr<SourcePdf> OpenInMemory(std::string bytes, const std::string& document,
                                                 const SourceLocation& where,
                                                 DiagnosticList& diagnostics);
  ~SourcePdf();
  SourcePdf(const SourcePdf&) = delete;
  SourcePdf& operator=(const SourcePdf&) = delete;

  int PageCount() const;
  // The file has a structure tree (it is a tagged PDF).
  bool Tagged() const;
  // 1-based numbers of pages whose content shows no text at all (scans that need OCR).
  const std::vector<int>& PagesWithoutText() const;

  struct Impl;  // the parsed document; see source_pdf_internal.h (bundle stage only)
  Impl& impl() { return *impl_; }

 private:
  explicit SourcePdf(std::unique_ptr<Impl> impl);
  static std::unique_ptr<SourcePdf> FromBytes(std::string bytes, const std::string& name,
                                              const SourceLocation& where,
                                              DiagnosticList& diagnostics);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ehcp
