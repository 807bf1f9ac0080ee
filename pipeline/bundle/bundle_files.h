#pragma once

// Where the documents a bundle manifest names are read from: a folder on disk (`ehcp
// bundle`) or the files of an upload held in memory (`ehcp serve`, /v1/bundle). The
// builder sees only this interface, so one builder serves both and an upload never
// touches the disk.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bundle/bundle_manifest.h"
#include "bundle/source_pdf.h"
#include "loader/document_loader.h"

namespace ehcp {

class BundleFileSource {
 public:
  virtual ~BundleFileSource() = default;
  // `href` as written in the manifest -> the file it names, or nothing with `problem`
  // when it leaves the source (absolute, "..", a link out) or names no file.
  virtual std::optional<std::filesystem::path> Resolve(const std::string& href,
                                                       std::string& problem) const = 0;
  // A resolved PDF (the document's `path`), opened as SourcePdf::Open does.
  virtual std::unique_ptr<SourcePdf> OpenPdf(const BundleDocumentEntry& doc,
                                             DiagnosticList& diagnostics) const = 0;
  // A resolved plan XML, loaded as LoadDocument does.
  virtual LoadedDocument LoadPlan(const BundleDocumentEntry& doc,
                                  const SchemaRegistry& schemas) const = 0;
};

// Files under `root`, hrefs relative to `manifest_folder` (ResolveEvidencePath's rules).
class FolderBundleFiles : public BundleFileSource {
 public:
  FolderBundleFiles(std::filesystem::path manifest_folder, std::filesystem::path root);
  std::optional<std::filesystem::path> Resolve(const std::string& href,
                                               std::string& problem) const override;
  std::unique_ptr<SourcePdf> OpenPdf(const BundleDocumentEntry& doc,
                                     DiagnosticList& diagnostics) const override;
  LoadedDocument LoadPlan(const BundleDocumentEntry& doc,
                          const SchemaRegistry& schemas) const override;

 private:
  std::filesystem::path manifest_folder_, root_;
};

// An upload: file paths inside it ("evidence/01-letter.pdf") -> bytes, and the
// manifest's own path there. An href is joined to the manifest's folder and normalised
// without the file system; it must name a file of the upload and never rise above its top.
class UploadBundleFiles : public BundleFileSource {
 public:
  UploadBundleFiles(const std::map<std::string, std::string>& files,
                    const std::string& manifest_path);
  std::optional<std::filesystem::path> Resolve(const std::string& href,
                                               std::string& problem) const override;
  std::unique_ptr<SourcePdf> OpenPdf(const BundleDocumentEntry& doc,
                                     DiagnosticList& diagnostics) const override;
  LoadedDocument LoadPlan(const BundleDocumentEntry& doc,
                          const SchemaRegistry& schemas) const override;

 private:
  const std::string* Find(const std::filesystem::path& path) const;
  const std::map<std::string, std::string>& files_;
  std::string manifest_folder_;
};

}  // namespace ehcp
