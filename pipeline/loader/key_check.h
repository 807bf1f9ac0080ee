#pragma once

// A schema's xs:key, xs:unique and xs:keyref, compiled from the XSD into small matchers
// that run on the loader's element tree. The strict read validates against the schema
// without them (libxml2 checks them by streaming XPath, about half of a strict read) and
// then asks this check whether they hold. When it finds anything (a duplicate, a missing
// field, a dangling reference) or anything it cannot vouch for, the document is read
// again with libxml2's own check, which reports it: so this check only has to be right
// about clean documents, and says "holds" only when libxml2 2.9.14 would report nothing.
// No libxml2 type appears here.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loader/xml_tree.h"

namespace ehcp {

// One name test of a constraint's path: "e:need", "*", "e:*", or an attribute's "@id".
struct KeyPathStep {
  std::string local;           // empty: any local name ("*", "p:*")
  std::string ns;              // namespace URI; empty: no namespace
  bool any_namespace = false;  // "*"
};

// One alternative of a selector or field: "e:sectionB/e:need", ".//e:meets", ".",
// "e:a/@b".
struct KeyPath {
  bool self = false;                     // "." (selectors only)
  bool descendants = false;              // starts with ".//" (selectors only)
  std::vector<KeyPathStep> steps;        // child steps, in order
  std::optional<KeyPathStep> attribute;  // fields: the final "@name"
};

enum class KeyPathRole { kSelector, kField };

// Compiles an xs:selector or xs:field XPath (the subset XSD 1.0 allows, §3.11.6) with
// its prefixes resolved through `namespaces` (prefix to URI; "xml" is always bound, and
// an unprefixed name is in no namespace, as XSD 1.0 and libxml2 read it). Returns nothing,
// and says why in `why_not`, for what this check does not support: axes written out
// ("child::"), white space inside a path, "." anywhere but alone, ".//" in a field, a field
// that ends on an element or on "@*" or on a prefixed attribute.
std::optional<std::vector<KeyPath>> CompileKeyPath(
    std::string_view xpath, const std::map<std::string, std::string>& namespaces, KeyPathRole role,
    std::string& why_not);

class KeyCheck {
 public:
  enum class Kind { kKey, kUnique, kKeyref };
  struct Constraint {
    Kind kind = Kind::kKey;
    std::string name;
    // The element declaration the constraint belongs to. Every element of this name is
    // treated as its scope: more scopes than libxml2 uses can only find more, and what is
    // found is read again by libxml2.
    std::string scope_local;
    std::string scope_ns;
    std::vector<KeyPath> selector;
    std::vector<std::vector<KeyPath>> fields;
    size_t refer = 0;  // a keyref's key or unique, an index into Constraints()
  };

  // Compiles the constraints that `xsd` itself declares (those of files it includes stay
  // in the constraint-free schema, which libxml2 still checks). The files it includes and
  // imports are read for the types of the fields' attributes. Returns nullptr, with the
  // reason in `why_not`, when any constraint is beyond this check: then the schema keeps
  // libxml2's check. Reads only through libxml2's guarded loader, never the network.
  static std::unique_ptr<KeyCheck> Compile(const std::filesystem::path& xsd, std::string& why_not);

  // True when every constraint holds on the tree under `root` and libxml2 would report
  // nothing; false when one is broken or when this check cannot be sure (a nested scope,
  // a value with non-ASCII text that NFC may have changed, a field that matches twice).
  bool Holds(const XmlElement& root) const;

  const std::vector<Constraint>& Constraints() const { return constraints_; }

 private:
  struct Scope {
    std::string local;
    std::string ns;
    std::vector<size_t> constraints;  // keys and uniques before the keyrefs
  };
  bool Walk(const XmlElement& element, std::vector<char>& open) const;
  bool HoldsIn(const XmlElement& scope, const Scope& constraints) const;

  std::vector<Constraint> constraints_;
  std::vector<Scope> scopes_;
};

}  // namespace ehcp
