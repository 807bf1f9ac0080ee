#pragma once

// Safe XML reading for every ehcp input (plans, contributions, rule files, manifests):
// parse with libxml2 under strict limits, reject any DOCTYPE, validate against the XSD
// registered for the root element, and hand back a plain element tree with source
// locations. A clean document is read in one pass (SAX events, the schema validating the
// stream); one with any problem is read again as a libxml2 document, which reports it.
// No libxml2 type leaves this unit.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"

namespace ehcp {

inline constexpr std::string_view kEhcpNamespace = "urn:ehcp:schema:1";

struct XmlAttribute {
  std::string name;  // local name; "xml:lang" for the xml: namespace
  std::string value;
};

// A namespace URI. The elements of a tree share one copy of each: a plan has a thousand
// elements in one namespace, and the URI is too long for std::string's inline buffer, so
// a string each was an allocation and a free per element.
class XmlNamespace {
 public:
  XmlNamespace() = default;
  explicit XmlNamespace(std::shared_ptr<const std::string> uri) : uri_(std::move(uri)) {}
  std::string_view View() const { return uri_ ? std::string_view(*uri_) : std::string_view(); }
  operator std::string_view() const { return View(); }
  friend bool operator==(const XmlNamespace& a, std::string_view b) { return a.View() == b; }
  friend bool operator==(const XmlNamespace& a, const XmlNamespace& b) {
    return a.View() == b.View();
  }

 private:
  std::shared_ptr<const std::string> uri_;
};

struct XmlElement {
  std::string name;  // local name
  XmlNamespace ns;   // namespace URI
  std::vector<XmlAttribute> attributes;
  std::vector<XmlElement> children;
  std::string text;              // the element's own character data, NFC-normalised, trimmed
  SourceLocation location;       // the '<' of the start tag
  SourceLocation text_location;  // the first non-blank character of `text`

  const XmlElement* Child(std::string_view local_name) const;
  std::vector<const XmlElement*> Children(std::string_view local_name) const;
  const std::string* Attribute(std::string_view local_name) const;
  std::string AttributeOr(std::string_view local_name, std::string fallback = {}) const;
  // Text of a child element, or empty.
  std::string ChildText(std::string_view local_name) const;
};

struct XmlLimits {
  size_t max_file_bytes = 16u * 1024 * 1024;
  int max_depth = 64;
  size_t max_text_bytes = 200'000;
};

// What a schema violation does to a parse. Strict: the document is refused (validate,
// render, assemble). Tolerant: the tree is still built and the violations are handed back
// apart from the errors, so the linter can read an imperfect plan and report its gaps as
// findings (a reviewer's plans are imperfect by definition).
enum class SchemaCheck { kStrict, kTolerant };

struct ParsedXml {
  // Set when the document is well formed and valid; in tolerant mode, whenever it is
  // well formed and of a known kind.
  std::optional<XmlElement> root;
  std::string root_name;  // the root element's local name, whenever well formed
  DiagnosticList diagnostics;
  // Tolerant mode only: the schema's complaints, with element paths (schema.invalid).
  DiagnosticList schema_violations;
};

// Reads `path` (refusing files over the limit) and parses it as ParseXmlMemory does.
ParsedXml ReadXmlFile(const std::string& path, const SchemaRegistry& schemas,
                      const XmlLimits& limits = {}, SchemaCheck check = SchemaCheck::kStrict);

// Parses `bytes` as UTF-8 XML named `display_name` in diagnostics. The root element's
// schema is looked up in `schemas`; an unknown root element is an error. Never reads
// any other file or the network, never expands entities.
ParsedXml ParseXmlMemory(std::string_view bytes, const std::string& display_name,
                         const SchemaRegistry& schemas, const XmlLimits& limits = {},
                         SchemaCheck check = SchemaCheck::kStrict);

}  // namespace ehcp
