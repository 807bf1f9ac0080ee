#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ehcp {

// The SHA-256 of `bytes` as 64 lower-case hex digits (OpenSSL EVP), or nothing when
// OpenSSL fails.
std::optional<std::string> Sha256Of(std::string_view bytes);

}  // namespace ehcp
