#include "loader/key_check.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "loader/libxml2_support.h"

namespace ehcp {
namespace {

constexpr char kXsdNamespace[] = "http://www.w3.org/2001/XMLSchema";
constexpr char kXmlNamespace[] = "http://www.w3.org/XML/1998/namespace";

// ---------- Paths ----------

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// ASCII NCNames only: anything else sends the schema to libxml2's check.
bool IsNcName(std::string_view s) {
  if (s.empty()) return false;
  auto start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!start(s[0])) return false;
  for (char c : s) {
    if (!start(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.') return false;
  }
  return true;
}

std::optional<KeyPathStep> CompileNameTest(std::string_view token,
                                           const std::map<std::string, std::string>& namespaces,
                                           std::string& why_not) {
  KeyPathStep step;
  if (token == "*") {
    step.any_namespace = true;
    return step;
  }
  std::string_view local = token;
  if (size_t colon = token.find(':'); colon != std::string_view::npos) {
    const std::string prefix(token.substr(0, colon));
    local = token.substr(colon + 1);
    if (!IsNcName(prefix)) {
      why_not = "a name test \"" + std::string(token) + "\"";
      return std::nullopt;
    }
    if (prefix == "xml") {
      step.ns = kXmlNamespace;
    } else if (auto it = namespaces.find(prefix); it != namespaces.end()) {
      step.ns = it->second;
    } else {
      why_not = "no namespace is bound to the prefix \"" + prefix + "\"";
      return std::nullopt;
    }
    if (local == "*") return step;
  }
  if (!IsNcName(local)) {
    why_not = "a name test \"" + std::string(token) + "\"";
    return std::nullopt;
  }
  step.local = std::string(local);
  return step;
}

std::optional<KeyPath> CompileAlternative(std::string_view path,
                                          const std::map<std::string, std::string>& namespaces,
                                          KeyPathRole role, std::string& why_not) {
  while (!path.empty() && IsBlank(path.front())) path.remove_prefix(1);
  while (!path.empty() && IsBlank(path.back())) path.remove_suffix(1);
  const bool field = role == KeyPathRole::kField;
  KeyPath compiled;
  if (path.empty()) {
    why_not = "an empty path";
    return std::nullopt;
  }
  for (char c : path) {
    if (IsBlank(c)) {
      why_not = "white space inside the path \"" + std::string(path) + "\"";
      return std::nullopt;
    }
  }
  if (path.find("::") != std::string_view::npos) {
    why_not = "an axis written out in \"" + std::string(path) + "\"";
    return std::nullopt;
  }
  if (path == ".") {
    if (field) {
      why_not = "a field that is the element's own value (\".\")";
      return std::nullopt;
    }
    compiled.self = true;
    return compiled;
  }
  if (path.starts_with(".//")) {
    if (field) {
      why_not = "\".//\" in a field";
      return std::nullopt;
    }
    compiled.descendants = true;
    path.remove_prefix(3);
  }
  for (size_t start = 0; start <= path.size();) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view token = path.substr(start, slash - start);
    const bool last = slash == path.size();
    if (token.empty() || token == ".") {
      why_not =
          "\"" + std::string(path) + "\" (only a leading \".//\" or a lone \".\" is supported)";
      return std::nullopt;
    }
    if (token.front() == '@') {
      if (!field || !last) {
        why_not = "an attribute step in a selector or in the middle of a field";
        return std::nullopt;
      }
      token.remove_prefix(1);
      // The tree keeps an attribute's local name only, so a field names an unprefixed one.
      if (!IsNcName(token)) {
        why_not = "the field attribute \"@" + std::string(token) + "\"";
        return std::nullopt;
      }
      compiled.attribute = KeyPathStep{std::string(token), {}, false};
    } else {
      std::optional<KeyPathStep> step = CompileNameTest(token, namespaces, why_not);
      if (!step) return std::nullopt;
      compiled.steps.push_back(std::move(*step));
    }
    start = slash + 1;
  }
  if (field && !compiled.attribute) {
    why_not = "a field that ends on an element (\"" + std::string(path) + "\")";
    return std::nullopt;
  }
  return compiled;
}

// ---------- The schema documents ----------

struct FreeXmlDoc {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

struct SchemaDocument {
  std::unique_ptr<xmlDoc, FreeXmlDoc> doc;
  std::string target_namespace;  // a chameleon include's is its includer's
  bool attributes_qualified = false;
  bool elements_qualified = false;
};

bool IsXsd(xmlNodePtr node, const char* local = nullptr) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         xmlStrEqual(node->ns->href, BAD_CAST kXsdNamespace) &&
         (local == nullptr || xmlStrEqual(node->name, BAD_CAST local));
}

std::optional<std::string> AttributeOf(xmlNodePtr node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, BAD_CAST name);
  if (value == nullptr) return std::nullopt;
  std::string out = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return out;
}

std::map<std::string, std::string> NamespacesInScope(xmlDocPtr doc, xmlNodePtr node) {
  std::map<std::string, std::string> out;
  xmlNsPtr* list = xmlGetNsList(doc, node);
  if (list == nullptr) return out;
  for (size_t i = 0; list[i] != nullptr; ++i) {
    const char* prefix = reinterpret_cast<const char*>(list[i]->prefix);
    const char* href = reinterpret_cast<const char*>(list[i]->href);
    out.emplace(prefix ? prefix : "", href ? href : "");
  }
  xmlFree(list);
  return out;
}

// A QName attribute's namespace and local name (an unprefixed one takes the default
// namespace, as type and base references do).
std::optional<std::pair<std::string, std::string>> ResolveQName(xmlDocPtr doc, xmlNodePtr node,
                                                                const std::string& qname) {
  std::string prefix, local = qname;
  if (size_t colon = qname.find(':'); colon != std::string::npos) {
    prefix = qname.substr(0, colon);
    local = qname.substr(colon + 1);
  }
  xmlNsPtr ns = xmlSearchNs(doc, node, prefix.empty() ? nullptr : BAD_CAST prefix.c_str());
  if (ns == nullptr) {
    if (!prefix.empty()) return std::nullopt;
    return std::make_pair(std::string(), local);
  }
  return std::make_pair(std::string(reinterpret_cast<const char*>(ns->href)), local);
}

class SchemaSet {
 public:
  bool Load(const std::filesystem::path& path, const std::string* includer_namespace,
            std::string& why_not) {
    std::error_code ec;
    std::string key = std::filesystem::weakly_canonical(path, ec).string() + "\n" +
                      (includer_namespace ? *includer_namespace : "");
    if (!loaded_.insert(key).second) return true;
    // Blank text and small text nodes kept inline: the documents are only walked, and
    // this read is a cost every process pays once per schema.
    xmlDocPtr raw = xmlReadFile(path.string().c_str(), nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                                    XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
    if (raw == nullptr || !IsXsd(xmlDocGetRootElement(raw), "schema")) {
      if (raw != nullptr) xmlFreeDoc(raw);
      why_not = "cannot read " + path.filename().string();
      return false;
    }
    SchemaDocument& document = documents_.emplace_back();
    document.doc.reset(raw);
    xmlNodePtr root = xmlDocGetRootElement(raw);
    document.target_namespace = AttributeOf(root, "targetNamespace")
                                    .value_or(includer_namespace ? *includer_namespace : "");
    document.attributes_qualified = AttributeOf(root, "attributeFormDefault") == "qualified";
    document.elements_qualified = AttributeOf(root, "elementFormDefault") == "qualified";
    const std::string target = document.target_namespace;
    for (xmlNodePtr child = root->children; child != nullptr; child = child->next) {
      if (IsXsd(child, "redefine") || IsXsd(child, "override")) {
        why_not = "xs:redefine in " + path.filename().string();
        return false;
      }
      const bool include = IsXsd(child, "include");
      if (!include && !IsXsd(child, "import")) continue;
      std::optional<std::string> location = AttributeOf(child, "schemaLocation");
      if (!location) continue;  // an import without a location brings no declarations
      if (!Load(path.parent_path() / *location, include ? &target : nullptr, why_not)) return false;
    }
    return true;
  }

  std::vector<SchemaDocument>& Documents() { return documents_; }

 private:
  std::vector<SchemaDocument> documents_;
  std::set<std::string> loaded_;
};

// How a simple type's values compare: libxml2 compares the values of string-derived types
// as strings, after the type's whiteSpace facet. Only collapsed strings are supported: the
// tree's values are collapsed too (and NFC, which changes no ASCII text).
enum class ValueSpace { kCollapsedString, kOther };

class TypeResolver {
 public:
  explicit TypeResolver(SchemaSet& schemas) : schemas_(schemas) {}

  // The value space of an xs:attribute's (or xs:restriction's base) type.
  ValueSpace OfDeclaration(xmlDocPtr doc, xmlNodePtr node, int depth = 0) {
    if (depth > 32) return ValueSpace::kOther;
    if (std::optional<std::string> type = AttributeOf(node, "type"))
      return OfReference(doc, node, *type, depth);
    for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
      if (IsXsd(child, "simpleType")) return OfSimpleType(doc, child, depth + 1);
    }
    return ValueSpace::kOther;  // anySimpleType
  }

 private:
  enum class Space { kPreserve, kReplace, kCollapse, kUnsupported };

  ValueSpace OfReference(xmlDocPtr doc, xmlNodePtr node, const std::string& qname, int depth) {
    Space space = Resolve(doc, node, qname, depth);
    return space == Space::kCollapse ? ValueSpace::kCollapsedString : ValueSpace::kOther;
  }

  ValueSpace OfSimpleType(xmlDocPtr doc, xmlNodePtr simple_type, int depth) {
    return ResolveSimpleType(doc, simple_type, depth) == Space::kCollapse
               ? ValueSpace::kCollapsedString
               : ValueSpace::kOther;
  }

  static Space Builtin(const std::string& local) {
    if (local == "string") return Space::kPreserve;
    if (local == "normalizedString") return Space::kReplace;
    static const std::set<std::string> kCollapsedStrings = {
        "token", "language", "NMTOKEN", "Name", "NCName", "ID", "IDREF", "ENTITY"};
    return kCollapsedStrings.count(local) ? Space::kCollapse : Space::kUnsupported;
  }

  Space Resolve(xmlDocPtr doc, xmlNodePtr node, const std::string& qname, int depth) {
    if (depth > 32) return Space::kUnsupported;
    auto name = ResolveQName(doc, node, qname);
    if (!name) return Space::kUnsupported;
    if (name->first == kXsdNamespace) return Builtin(name->second);
    for (SchemaDocument& document : schemas_.Documents()) {
      if (document.target_namespace != name->first) continue;
      for (xmlNodePtr child = xmlDocGetRootElement(document.doc.get())->children; child;
           child = child->next) {
        if (IsXsd(child, "simpleType") && AttributeOf(child, "name") == name->second)
          return ResolveSimpleType(document.doc.get(), child, depth + 1);
      }
    }
    return Space::kUnsupported;
  }

  Space ResolveSimpleType(xmlDocPtr doc, xmlNodePtr simple_type, int depth) {
    if (depth > 32) return Space::kUnsupported;
    for (xmlNodePtr child = simple_type->children; child != nullptr; child = child->next) {
      if (IsXsd(child, "list") || IsXsd(child, "union")) return Space::kUnsupported;
      if (!IsXsd(child, "restriction")) continue;
      Space space = Space::kUnsupported;
      if (std::optional<std::string> base = AttributeOf(child, "base")) {
        space = Resolve(doc, child, *base, depth + 1);
      } else {
        for (xmlNodePtr inner = child->children; inner; inner = inner->next) {
          if (IsXsd(inner, "simpleType")) space = ResolveSimpleType(doc, inner, depth + 1);
        }
      }
      if (space == Space::kUnsupported) return space;
      for (xmlNodePtr facet = child->children; facet; facet = facet->next) {
        if (!IsXsd(facet, "whiteSpace")) continue;
        std::optional<std::string> value = AttributeOf(facet, "value");
        if (value == "collapse")
          space = Space::kCollapse;
        else if (value == "replace" && space != Space::kCollapse)
          space = Space::kReplace;
      }
      return space;
    }
    return Space::kUnsupported;
  }

  SchemaSet& schemas_;
};

void ForEachXsd(xmlNodePtr node, const char* local, const auto& visit) {
  for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (IsXsd(child, local)) visit(child);
    ForEachXsd(child, local, visit);
  }
}

// Whether every declaration of an unprefixed attribute `local` in the schema set gives a
// collapsed string with no default or fixed value (libxml2 would compute a defaulted one
// the tree does not hold), and no attribute of that local name lives in another namespace
// (the tree keeps local names only).
bool FieldAttributeSupported(SchemaSet& schemas, const std::string& local, std::string& why_not) {
  static const std::set<std::string> kXsiNames = {"type", "nil", "schemaLocation",
                                                  "noNamespaceSchemaLocation"};
  if (kXsiNames.count(local)) {
    why_not = "a field attribute named like an xsi: attribute (@" + local + ")";
    return false;
  }
  TypeResolver types(schemas);
  bool supported = true;
  for (SchemaDocument& document : schemas.Documents()) {
    xmlNodePtr root = xmlDocGetRootElement(document.doc.get());
    ForEachXsd(root, "attribute", [&](xmlNodePtr declaration) {
      if (!supported) return;
      std::optional<std::string> name = AttributeOf(declaration, "name");
      if (!name || *name != local) return;
      const bool global = IsXsd(declaration->parent, "schema");
      std::optional<std::string> form = AttributeOf(declaration, "form");
      const bool qualified =
          global || (form ? *form == "qualified" : document.attributes_qualified);
      const std::string ns = qualified ? document.target_namespace : std::string();
      if (ns == kXmlNamespace) return;  // xml:id and the like stay "xml:" in the tree
      if (!ns.empty()) {
        why_not = "an attribute \"" + local + "\" in namespace " + ns;
        supported = false;
      } else if (AttributeOf(declaration, "default") || AttributeOf(declaration, "fixed")) {
        why_not = "a default or fixed value for the field attribute @" + local;
        supported = false;
      } else if (types.OfDeclaration(document.doc.get(), declaration) !=
                 ValueSpace::kCollapsedString) {
        why_not = "the field attribute @" + local +
                  " has a type whose values are not compared as collapsed strings";
        supported = false;
      }
    });
  }
  return supported;
}

bool HasWildcards(SchemaSet& schemas) {
  bool found = false;
  for (SchemaDocument& document : schemas.Documents()) {
    xmlNodePtr root = xmlDocGetRootElement(document.doc.get());
    ForEachXsd(root, "any", [&](xmlNodePtr) { found = true; });
    ForEachXsd(root, "anyAttribute", [&](xmlNodePtr) { found = true; });
  }
  return found;
}

// ---------- Matching on the tree ----------

bool StepMatches(const XmlElement& element, const KeyPathStep& step) {
  if (step.any_namespace) return true;
  // The name first: it differs more often, and sooner, than the namespace.
  if (!step.local.empty() && element.name != step.local) return false;
  return element.ns.View() == step.ns;
}

void MatchSteps(const XmlElement& from, const std::vector<KeyPathStep>& steps, size_t next,
                std::vector<const XmlElement*>& out) {
  for (const XmlElement& child : from.children) {
    if (!StepMatches(child, steps[next])) continue;
    if (next + 1 == steps.size()) {
      out.push_back(&child);
    } else {
      MatchSteps(child, steps, next + 1, out);
    }
  }
}

void MatchEverywhere(const XmlElement& from, const std::vector<KeyPathStep>& steps,
                     std::vector<const XmlElement*>& out) {
  MatchSteps(from, steps, 0, out);
  for (const XmlElement& child : from.children) MatchEverywhere(child, steps, out);
}

void Select(const XmlElement& scope, const std::vector<KeyPath>& paths,
            std::vector<const XmlElement*>& out) {
  out.clear();
  for (const KeyPath& path : paths) {
    if (path.self) {
      out.push_back(&scope);
    } else if (path.descendants) {
      MatchEverywhere(scope, path.steps, out);
    } else {
      MatchSteps(scope, path.steps, 0, out);
    }
  }
  if (paths.size() > 1) {  // a node selected by two alternatives is one node
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
}

bool IsAscii(const std::string& value) {
  return std::all_of(value.begin(), value.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The field's value on `target`: how many nodes it selects (0, 1, or 2 for "more"), and
// the value when one.
int FieldValue(const XmlElement& target, const std::vector<KeyPath>& field,
               std::vector<const XmlElement*>& scratch, const std::string*& value) {
  int found = 0;
  for (const KeyPath& path : field) {
    scratch.clear();
    if (path.steps.empty()) {
      scratch.push_back(&target);
    } else {
      MatchSteps(target, path.steps, 0, scratch);
    }
    for (const XmlElement* element : scratch) {
      for (const XmlAttribute& attribute : element->attributes) {
        if (attribute.name != path.attribute->local) continue;
        if (++found > 1) return 2;
        value = &attribute.value;
      }
    }
  }
  return found;
}

}  // namespace

std::optional<std::vector<KeyPath>> CompileKeyPath(
    std::string_view xpath, const std::map<std::string, std::string>& namespaces, KeyPathRole role,
    std::string& why_not) {
  std::vector<KeyPath> alternatives;
  for (size_t start = 0; start <= xpath.size();) {
    size_t bar = xpath.find('|', start);
    if (bar == std::string_view::npos) bar = xpath.size();
    std::optional<KeyPath> path =
        CompileAlternative(xpath.substr(start, bar - start), namespaces, role, why_not);
    if (!path) return std::nullopt;
    alternatives.push_back(std::move(*path));
    start = bar + 1;
  }
  return alternatives;
}

std::unique_ptr<KeyCheck> KeyCheck::Compile(const std::filesystem::path& xsd,
                                            std::string& why_not) {
  libxml2::Initialise();
  SchemaSet schemas;
  if (!schemas.Load(xsd, nullptr, why_not)) return nullptr;
  // An element or attribute let in by a wildcard may have no declared type, and then no
  // value libxml2 can compare; keep such schemas on libxml2's check.
  if (HasWildcards(schemas)) {
    why_not = "a wildcard (xs:any or xs:anyAttribute)";
    return nullptr;
  }
  auto check = std::make_unique<KeyCheck>();
  SchemaDocument& main = schemas.Documents().front();
  xmlDocPtr doc = main.doc.get();
  struct Declared {
    xmlNodePtr element;  // the xs:element it belongs to
    std::string refer;   // a keyref's refer, local name
  };
  std::vector<Declared> declared;
  std::set<std::string> field_attributes;
  bool every_element_qualified = true;
  for (SchemaDocument& document : schemas.Documents()) {
    if (document.target_namespace.empty() || !document.elements_qualified)
      every_element_qualified = false;
    ForEachXsd(xmlDocGetRootElement(document.doc.get()), "element", [&](xmlNodePtr element) {
      if (AttributeOf(element, "form") == "unqualified") every_element_qualified = false;
    });
  }
  bool ok = true;
  auto compile = [&](xmlNodePtr node) {
    if (!ok) return;
    Constraint constraint;
    constraint.kind = IsXsd(node, "key")      ? Kind::kKey
                      : IsXsd(node, "unique") ? Kind::kUnique
                                              : Kind::kKeyref;
    constraint.name = AttributeOf(node, "name").value_or("");
    xmlNodePtr element = node->parent;
    std::optional<std::string> element_name =
        IsXsd(element, "element") ? AttributeOf(element, "name") : std::nullopt;
    if (!element_name) {
      why_not = "constraint " + constraint.name + " is not on a named element declaration";
      ok = false;
      return;
    }
    const bool global = IsXsd(element->parent, "schema");
    std::optional<std::string> form = AttributeOf(element, "form");
    const bool qualified = global || (form ? *form == "qualified" : main.elements_qualified);
    constraint.scope_local = *element_name;
    constraint.scope_ns = qualified ? main.target_namespace : std::string();
    for (xmlNodePtr part = node->children; part != nullptr && ok; part = part->next) {
      const bool selector = IsXsd(part, "selector");
      if (!selector && !IsXsd(part, "field")) continue;
      std::string xpath = AttributeOf(part, "xpath").value_or("");
      std::optional<std::vector<KeyPath>> compiled =
          CompileKeyPath(xpath, NamespacesInScope(doc, part),
                         selector ? KeyPathRole::kSelector : KeyPathRole::kField, why_not);
      if (!compiled) {
        why_not = constraint.name + ": " + why_not;
        ok = false;
        return;
      }
      if (selector) {
        constraint.selector = std::move(*compiled);
      } else {
        constraint.fields.push_back(std::move(*compiled));
      }
    }
    if (constraint.selector.empty() || constraint.fields.empty()) {
      why_not = constraint.name + ": no selector or no field";
      ok = false;
      return;
    }
    // A selector that can select nothing (an unprefixed name where every element is in a
    // namespace, as in the bundle and rule schemas) needs no types for its fields.
    const bool can_select = std::any_of(
        constraint.selector.begin(), constraint.selector.end(), [&](const KeyPath& path) {
          return !every_element_qualified ||
                 std::none_of(path.steps.begin(), path.steps.end(), [](const KeyPathStep& step) {
                   return !step.any_namespace && step.ns.empty();
                 });
        });
    if (can_select) {
      for (const auto& field : constraint.fields) {
        for (const KeyPath& path : field) field_attributes.insert(path.attribute->local);
      }
    }
    std::string refer;
    if (constraint.kind == Kind::kKeyref) {
      refer = AttributeOf(node, "refer").value_or("");
      if (size_t colon = refer.find(':'); colon != std::string::npos) refer.erase(0, colon + 1);
    }
    declared.push_back(Declared{element, refer});
    check->constraints_.push_back(std::move(constraint));
  };
  xmlNodePtr root = xmlDocGetRootElement(doc);
  ForEachXsd(root, nullptr, [&](xmlNodePtr node) {
    if (IsXsd(node, "key") || IsXsd(node, "unique") || IsXsd(node, "keyref")) compile(node);
  });
  if (!ok) return nullptr;
  for (const std::string& local : field_attributes) {
    if (!FieldAttributeSupported(schemas, local, why_not)) return nullptr;
  }
  // A keyref is checked against the key or unique of the same element declaration; one
  // that refers to a constraint of a descendant's declaration (whose tables libxml2 carries
  // upwards) stays with libxml2.
  for (size_t i = 0; i < check->constraints_.size(); ++i) {
    Constraint& constraint = check->constraints_[i];
    if (constraint.kind != Kind::kKeyref) continue;
    bool found = false;
    for (size_t j = 0; j < check->constraints_.size(); ++j) {
      const Constraint& target = check->constraints_[j];
      if (target.kind == Kind::kKeyref || target.name != declared[i].refer ||
          declared[j].element != declared[i].element)
        continue;
      if (target.fields.size() != constraint.fields.size()) break;
      constraint.refer = j;
      found = true;
    }
    if (!found) {
      why_not = "keyref " + constraint.name + " refers to a constraint of another element";
      return nullptr;
    }
  }
  for (size_t i = 0; i < check->constraints_.size(); ++i) {
    const Constraint& constraint = check->constraints_[i];
    auto scope = std::find_if(check->scopes_.begin(), check->scopes_.end(), [&](const Scope& s) {
      return s.local == constraint.scope_local && s.ns == constraint.scope_ns;
    });
    if (scope == check->scopes_.end())
      scope = check->scopes_.insert(check->scopes_.end(),
                                    Scope{constraint.scope_local, constraint.scope_ns, {}});
    scope->constraints.push_back(i);
  }
  for (Scope& scope : check->scopes_) {
    std::stable_partition(scope.constraints.begin(), scope.constraints.end(),
                          [&](size_t i) { return check->constraints_[i].kind != Kind::kKeyref; });
  }
  return check;
}

bool KeyCheck::Holds(const XmlElement& root) const {
  if (scopes_.empty()) return true;
  std::vector<char> open(scopes_.size(), 0);
  return Walk(root, open);
}

bool KeyCheck::Walk(const XmlElement& element, std::vector<char>& open) const {
  std::vector<size_t> entered;
  for (size_t s = 0; s < scopes_.size(); ++s) {
    const Scope& scope = scopes_[s];
    if (element.name != scope.local || element.ns.View() != scope.ns) continue;
    // libxml2 carries a nested scope's keys up to the outer one; not modelled here.
    if (open[s]) return false;
    if (!HoldsIn(element, scope)) return false;
    open[s] = 1;
    entered.push_back(s);
  }
  for (const XmlElement& child : element.children) {
    if (!Walk(child, open)) return false;
  }
  for (size_t s : entered) open[s] = 0;
  return true;
}

bool KeyCheck::HoldsIn(const XmlElement& scope, const Scope& in_scope) const {
  std::vector<std::unordered_set<std::string>> tables(constraints_.size());
  std::vector<const XmlElement*> targets, scratch;
  std::string sequence;
  for (size_t index : in_scope.constraints) {
    const Constraint& constraint = constraints_[index];
    Select(scope, constraint.selector, targets);
    for (const XmlElement* target : targets) {
      sequence.clear();
      bool complete = true;
      for (const std::vector<KeyPath>& field : constraint.fields) {
        const std::string* value = nullptr;
        const int found = FieldValue(*target, field, scratch, value);
        if (found > 1)
          return false;  // libxml2: "evaluates to a node-set with more than one member"
        if (found == 0) {
          complete = false;
          break;
        }
        // NFC may have merged values libxml2 keeps apart.
        if (!IsAscii(*value)) return false;
        if (constraint.fields.size() > 1) sequence += std::to_string(value->size()) + ':';
        sequence += *value;
      }
      if (!complete) {
        if (constraint.kind == Kind::kKey) return false;  // "Not all fields ... evaluate to a node"
        continue;                                         // a unique or keyref skips the node
      }
      if (constraint.kind == Kind::kKeyref) {
        if (tables[constraint.refer].count(sequence) == 0) return false;
      } else if (!tables[index].insert(sequence).second) {
        return false;  // "Duplicate key-sequence"
      }
    }
  }
  return true;
}

}  // namespace ehcp
