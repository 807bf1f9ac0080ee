#include "bundle/file_digest.h"

#include <openssl/evp.h>

namespace ehcp {

namespace {

std::string Hex(const unsigned char* digest, unsigned length) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::optional<std::string> Sha256Of(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    return std::nullopt;
  return Hex(digest, length);
}

}  // namespace ehcp
