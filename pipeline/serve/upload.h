#pragma once

// The files a request carries when it carries a folder: a ZIP body (application/zip), a
// multipart body with one ZIP part, or a multipart body whose parts are the files (each
// named by its part's file name). Read whole into memory with the safe ZIP reader
// (docx_reader/zip_archive.h); nothing is written to disk.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "docx_reader/zip_archive.h"
#include "serve/http_message.h"

namespace ehcp::serve {

// Limits for a folder sent as a ZIP: tighter than a Word document's, since every worker
// may hold one and the body itself is at most --max-body.
inline constexpr ZipLimits kUploadZipLimits{1000, 32u * 1024 * 1024, 64u * 1024 * 1024, 200};

// Whether the body is a ZIP (by its Content-Type, or one multipart part that is a .zip).
bool CarriesZip(const HttpRequest& request);

// Whether a Content-Type is a Word document's (a DOCX is a ZIP too, but one plan, not a
// folder).
bool IsWordType(std::string_view content_type);

// The upload's files, paths relative to its top. A ZIP of one folder ("case1/case.xml",
// "case1/contributions/…") is read as that folder's contents ("case.xml", …). Nothing, with
// one error naming the upload, when the ZIP is refused ([zip.unreadable], [zip.limit],
// [zip.path]) or a part's file name is not a safe relative path ([zip.path]).
std::optional<std::vector<UploadedFile>> ReadUpload(const HttpRequest& request,
                                                    DiagnosticList& diagnostics);

}  // namespace ehcp::serve
