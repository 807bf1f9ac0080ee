#include "output/output_guard.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "diagnostics/error_kind.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

std::string ResolvedPath(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? fs::absolute(path, ec).lexically_normal().string() : resolved.string();
}

struct KindRow {
  OutputKind kind;
  std::string_view what;                     // for messages
  std::vector<std::string_view> extensions;  // lower case; the first is suggested
};

const std::vector<KindRow>& KindTable() {
  static const std::vector<KindRow> kTable = {
      {OutputKind::kPdf, "a PDF", {".pdf"}},
      {OutputKind::kDocx, "a Word document", {".docx"}},
      {OutputKind::kXml, "XML", {".xml"}},
      {OutputKind::kHtml, "an HTML page", {".html", ".htm"}},
      {OutputKind::kJson, "JSON", {".json"}},
      {OutputKind::kSarif, "a SARIF log", {".sarif", ".json"}},
      {OutputKind::kText, "text", {".txt"}},
  };
  return kTable;
}

const KindRow& RowOf(OutputKind kind) {
  for (const auto& row : KindTable())
    if (row.kind == kind) return row;
  return KindTable().back();
}

std::string LowerExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool HasExtension(const KindRow& row, const std::string& ext) {
  return std::find(row.extensions.begin(), row.extensions.end(), ext) != row.extensions.end();
}

// True when `ext` is the extension of some kind other than `row`'s.
bool IsAnotherKinds(const KindRow& row, const std::string& ext) {
  for (const auto& other : KindTable())
    if (other.kind != row.kind && other.kind != OutputKind::kText && HasExtension(other, ext))
      return true;
  return false;
}

bool Accepts(const KindRow& row, const std::string& ext) {
  if (HasExtension(row, ext)) return true;
  // A text report may have any name a file of another kind would not have.
  return row.kind == OutputKind::kText && !IsAnotherKinds(row, ext);
}

}  // namespace

OutputKind ReportKind(const std::string& format) {
  if (format == "json") return OutputKind::kJson;
  if (format == "sarif") return OutputKind::kSarif;
  if (format == "html") return OutputKind::kHtml;
  return OutputKind::kText;
}

bool CheckOutputKind(const fs::path& output, OutputKind kind, DiagnosticList& diagnostics) {
  // A FIFO or device is written into and has no kind, nor has a name under /dev
  // (/dev/stdout sent to a file the shell has already opened: `> "$(mktemp)"`). Otherwise
  // the name that is replaced is the one a symbolic link leads to.
  if (output.lexically_normal().string().rfind("/dev/", 0) == 0) return true;
  fs::path named = output;
  struct stat st {};
  const bool exists = ::stat(output.c_str(), &st) == 0;
  if (exists) {
    if (!S_ISREG(st.st_mode)) return true;
    std::error_code ec;
    if (fs::is_symlink(output, ec)) named = ResolvedPath(output);
  }
  const KindRow& row = RowOf(kind);
  const std::string ext = LowerExtension(named);
  if (Accepts(row, ext)) return true;
  // An empty file made to be written into, such as `mktemp`'s /tmp/tmp.Xq3bT0aLzc, holds
  // nothing to lose; its random "extension" (or none) is no kind, so it is filled as asked.
  if (exists && st.st_size == 0 && !IsAnotherKinds(row, ext)) return true;
  std::string message = "this output is " + std::string(row.what) + ", but its name " +
                        (ext.empty() ? std::string("has no extension")
                                     : "ends \"" + named.extension().string() + "\"");
  if (named != output) message += " (" + output.string() + " leads to " + named.string() + ")";
  message += ": refusing to write it, so that no file of another kind is replaced; name it ";
  message += "\"" + named.stem().string() + std::string(row.extensions.front()) + "\"";
  diagnostics.Error(kOutputKindCode, message, FileLocation(output.string()));
  return false;
}

void OutputGuard::AddInput(const fs::path& input) {
  const std::string name = input.string();
  struct stat st {};
  if (::stat(input.c_str(), &st) == 0)
    inputs_by_identity_.emplace(Identity{st.st_dev, st.st_ino}, name);
  inputs_by_path_.emplace(ResolvedPath(input), name);
}

void OutputGuard::AddInputs(const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) AddInput(input);
}

bool OutputGuard::ClaimOutput(const fs::path& output, OutputKind kind,
                              DiagnosticList& diagnostics) {
  const std::string name = output.string();
  const std::string resolved = ResolvedPath(output);
  auto refuse = [&](const std::string& message) {
    diagnostics.Error(kWriteFailedCode, message, FileLocation(name));
    return false;
  };
  auto same_as = [&](const std::string& other) {
    return other == name ? std::string() : " (the same file as " + other + ")";
  };
  struct stat st {};
  const bool exists = ::stat(output.c_str(), &st) == 0;
  const Identity identity{st.st_dev, st.st_ino};
  if (exists) {
    if (auto it = inputs_by_identity_.find(identity); it != inputs_by_identity_.end())
      return refuse("refusing to overwrite an input file" + same_as(it->second));
  }
  if (auto it = inputs_by_path_.find(resolved); it != inputs_by_path_.end())
    return refuse("refusing to overwrite an input file" + same_as(it->second));
  if (exists) {
    if (auto it = outputs_by_identity_.find(identity); it != outputs_by_identity_.end())
      return refuse("two outputs of this run are the same file" + same_as(it->second) +
                    "; give each output its own file");
  }
  if (auto it = outputs_by_path_.find(resolved); it != outputs_by_path_.end())
    return refuse("two outputs of this run are the same file" + same_as(it->second) +
                  "; give each output its own file");
  if (!CheckOutputKind(output, kind, diagnostics)) return false;
  if (exists) outputs_by_identity_.emplace(identity, name);
  outputs_by_path_.emplace(resolved, name);
  return true;
}

}  // namespace ehcp
