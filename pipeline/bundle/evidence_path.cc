#include "bundle/evidence_path.h"

#include <system_error>

namespace ehcp {
namespace fs = std::filesystem;

namespace {

bool IsInside(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::optional<fs::path> ResolveEvidencePath(const fs::path& base_dir, const std::string& href,
                                            const fs::path& root, std::string& problem) {
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) {
    problem = "the evidence folder " + root.string() + " cannot be read: " + ec.message();
    return std::nullopt;
  }
  fs::path candidate = fs::path(href).is_absolute() ? fs::path(href) : base_dir / href;
  // Judge the path as written first, so "../x" is refused even when x does not exist.
  fs::path lexical = fs::absolute(candidate, ec).lexically_normal();
  fs::path lexical_root = fs::absolute(root, ec).lexically_normal();
  if (ec || !(IsInside(lexical, lexical_root) || IsInside(lexical, real_root))) {
    problem = "the path \"" + href + "\" leaves the evidence folder " + real_root.string();
    return std::nullopt;
  }
  if (!fs::exists(candidate, ec)) {
    problem = "the file \"" + href + "\" does not exist";
    return std::nullopt;
  }
  fs::path real = fs::canonical(candidate, ec);
  if (ec) {
    problem = "the file \"" + href + "\" cannot be read: " + ec.message();
    return std::nullopt;
  }
  if (!IsInside(real, real_root)) {
    problem = "the path \"" + href + "\" is a link to " + real.string() +
              ", outside the evidence folder " + real_root.string();
    return std::nullopt;
  }
  if (!fs::is_regular_file(real, ec)) {
    problem = "\"" + href + "\" is not a regular file";
    return std::nullopt;
  }
  return real;
}

}  // namespace ehcp
