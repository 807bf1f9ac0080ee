#include "serve/upload.h"

namespace ehcp::serve {
namespace {

bool IsZipType(std::string_view content_type) {
  return content_type.rfind("application/zip", 0) == 0 ||
         content_type.rfind("application/x-zip-compressed", 0) == 0;
}

bool EndsWith(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// "case1/case.xml", "case1/contributions/a.xml" -> "case.xml", "contributions/a.xml".
void StripOneTopFolder(std::vector<UploadedFile>& files) {
  if (files.empty()) return;
  size_t slash = files.front().path.find('/');
  if (slash == std::string::npos) return;
  std::string top = files.front().path.substr(0, slash + 1);
  for (const auto& file : files)
    if (file.path.rfind(top, 0) != 0) return;
  for (auto& file : files) file.path.erase(0, top.size());
}

}  // namespace

bool IsWordType(std::string_view content_type) {
  return content_type.rfind(
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0) == 0;
}

bool CarriesZip(const HttpRequest& request) {
  if (request.parts.empty()) return IsZipType(request.content_type);
  return request.parts.size() == 1 && (IsZipType(request.parts.front().content_type) ||
                                       EndsWith(request.parts.front().filename, ".zip"));
}

std::optional<std::vector<UploadedFile>> ReadUpload(const HttpRequest& request,
                                                    DiagnosticList& diagnostics) {
  if (CarriesZip(request)) {
    const bool body = request.parts.empty();
    const std::string name = body || request.parts.front().filename.empty()
                                 ? "upload.zip"
                                 : request.parts.front().filename;
    auto files = ParseZipFolder(body ? request.body : request.parts.front().content, name,
                                diagnostics, kUploadZipLimits);
    if (files) StripOneTopFolder(*files);
    return files;
  }
  std::vector<UploadedFile> files;
  for (const auto& part : request.parts) {
    if (!IsSafeRelativePath(part.filename)) {
      diagnostics.Error("zip.path",
                        "the file name \"" + part.filename +
                            "\" of a part is empty, absolute or leaves the folder (\"..\")",
                        FileLocation("upload"));
      return std::nullopt;
    }
    files.push_back(UploadedFile{part.filename, part.content});
  }
  return files;
}

}  // namespace ehcp::serve
