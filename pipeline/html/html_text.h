#pragma once

// Text and attribute values for the HTML plan, made safe once here: every character of
// the plan reaches the page through these functions, so a name typed as "<script>" or
// with a stray quote is shown as typed and can never become markup.

#include <string>
#include <string_view>

namespace ehcp::html {

// `utf8` as HTML character data or a quoted attribute value: & < > " ' escaped; control
// characters (other than tab and newline), bidi embedding/override/isolate controls
// (each writer decides direction itself) and noncharacters dropped; bytes that are not
// UTF-8 replaced by U+FFFD.
std::string Escape(std::string_view utf8);

// An id for an element (and its "#id" link): ASCII letters, digits, "-" and "_" kept,
// anything else "-"; empty when nothing is left.
std::string SafeId(std::string_view anchor);

// A BCP 47 tag for a lang attribute: letters, digits and "-" only, or empty.
std::string SafeLang(std::string_view lang);

// An href for a link: "#id" for a place in the page, or an http(s) or mailto URL,
// escaped; empty for anything else (javascript:, data:, a relative path), which is then
// shown as text without a link.
std::string SafeHref(std::string_view link);

// Standard base64 (RFC 4648, padded), for images embedded as data: URLs.
std::string Base64(std::string_view bytes);

}  // namespace ehcp::html
