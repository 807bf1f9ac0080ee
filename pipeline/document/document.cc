#include "document/document.h"

namespace ehcp::doc {

std::string MakeAnchor(const std::string& text) {
  std::string out;
  bool pending_hyphen = false;
  for (unsigned char c : text) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c - 'A' + 'a');
      alnum = true;
    }
    if (alnum) {
      if (pending_hyphen && !out.empty()) out += '-';
      pending_hyphen = false;
      out += static_cast<char>(c);
    } else {
      // Everything else (spaces, punctuation, non-ASCII bytes) separates words.
      pending_hyphen = true;
    }
  }
  return out.empty() ? "x" : out;
}

}  // namespace ehcp::doc
