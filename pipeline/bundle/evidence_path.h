#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ehcp {

// Resolves `href` (relative to `base_dir`, or absolute) to a regular file that lies inside
// `root` once every symbolic link and ".." is resolved. Evidence files come from outside
// the council's control (parents' uploads), so a manifest must not be able to pull in
// /etc/passwd or another child's file through "../" or a link. On failure returns nothing
// and sets `problem` to a sentence for the user.
std::optional<std::filesystem::path> ResolveEvidencePath(const std::filesystem::path& base_dir,
                                                         const std::string& href,
                                                         const std::filesystem::path& root,
                                                         std::string& problem);

}  // namespace ehcp
