#include "cli/input_files.h"

#include <algorithm>
#include <filesystem>

#include "diagnostics/error_kind.h"

namespace ehcp {

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      DiagnosticList& diagnostics,
                                      const std::set<std::string>& extensions) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(
               input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& path = it->path();
        if (it->is_regular_file(ec) && extensions.count(path.extension().string()) > 0 &&
            !path.filename().string().starts_with("~$"))
          found.push_back(path.string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      diagnostics.Error(kReadFailedCode, "no such file or folder", FileLocation(input));
    }
  }
  return files;
}

std::set<std::string> NamedFiles(const std::vector<std::string>& inputs) {
  std::set<std::string> named;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(input, ec)) named.insert(input);
  }
  return named;
}

}  // namespace ehcp
