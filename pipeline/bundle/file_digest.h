#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ehcp {

// The SHA-256 of a file's bytes as 64 lower-case hex digits (OpenSSL EVP), or nothing
// when the file cannot be read.
std::optional<std::string> Sha256OfFile(const std::filesystem::path& path);
// The SHA-256 of `bytes`, the same way.
std::optional<std::string> Sha256Of(std::string_view bytes);

}  // namespace ehcp
