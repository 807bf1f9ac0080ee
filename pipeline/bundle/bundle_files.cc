#include "bundle/bundle_files.h"

#include <vector>

#include "bundle/evidence_path.h"

namespace ehcp {

namespace fs = std::filesystem;

FolderBundleFiles::FolderBundleFiles(fs::path manifest_folder, fs::path root)
    : manifest_folder_(std::move(manifest_folder)), root_(std::move(root)) {}

std::optional<fs::path> FolderBundleFiles::Resolve(const std::string& href,
                                                   std::string& problem) const {
  return ResolveEvidencePath(manifest_folder_, href, root_, problem);
}

std::unique_ptr<SourcePdf> FolderBundleFiles::OpenPdf(const BundleDocumentEntry& doc,
                                                      DiagnosticList& diagnostics) const {
  return SourcePdf::Open(doc.path, doc.title, doc.location, diagnostics);
}

LoadedDocument FolderBundleFiles::LoadPlan(const BundleDocumentEntry& doc,
                                           const SchemaRegistry& schemas) const {
  return LoadDocument(doc.path.string(), schemas);
}

UploadBundleFiles::UploadBundleFiles(const std::map<std::string, std::string>& files,
                                     const std::string& manifest_path)
    : files_(files) {
  size_t slash = manifest_path.rfind('/');
  if (slash != std::string::npos) manifest_folder_ = manifest_path.substr(0, slash);
}

std::optional<fs::path> UploadBundleFiles::Resolve(const std::string& href,
                                                   std::string& problem) const {
  // The upload is the evidence root: "..", from the manifest's folder, may reach files
  // beside that folder but never above the upload's top.
  if (href.empty() || href.front() == '/' || href.find('\\') != std::string::npos ||
      (href.size() >= 2 && href[1] == ':')) {
    problem = "the path \"" + href + "\" leaves the upload";
    return std::nullopt;
  }
  std::vector<std::string> parts;
  std::string joined = manifest_folder_.empty() ? href : manifest_folder_ + "/" + href;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string part = joined.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) {
        problem = "the path \"" + href + "\" leaves the upload";
        return std::nullopt;
      }
      parts.pop_back();
      continue;
    }
    parts.push_back(std::move(part));
  }
  std::string path;
  for (const auto& part : parts) path += (path.empty() ? "" : "/") + part;
  if (files_.count(path) == 0) {
    problem = "the file \"" + href + "\" is not in the upload";
    return std::nullopt;
  }
  return fs::path(path);
}

const std::string* UploadBundleFiles::Find(const fs::path& path) const {
  auto found = files_.find(path.generic_string());
  return found == files_.end() ? nullptr : &found->second;
}

std::unique_ptr<SourcePdf> UploadBundleFiles::OpenPdf(const BundleDocumentEntry& doc,
                                                      DiagnosticList& diagnostics) const {
  const std::string* bytes = Find(doc.path);
  if (bytes == nullptr) {  // Resolve admitted only files of the upload
    diagnostics.Error("bundle.path", "document \"" + doc.title + "\": not in the upload",
                      doc.location);
    return nullptr;
  }
  return SourcePdf::OpenInMemory(*bytes, doc.title, doc.location, diagnostics);
}

LoadedDocument UploadBundleFiles::LoadPlan(const BundleDocumentEntry& doc,
                                           const SchemaRegistry& schemas) const {
  const std::string* bytes = Find(doc.path);
  return ParseDocument(bytes ? std::string_view(*bytes) : std::string_view(),
                       doc.path.generic_string(), schemas);
}

}  // namespace ehcp
