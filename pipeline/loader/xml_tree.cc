#include "loader/xml_tree.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "diagnostics/error_kind.h"
#include "loader/libxml2_support.h"
#include "loader/xml_text.h"
#include "output/input_file.h"

namespace ehcp {

// ---------- XmlElement accessors ----------

const XmlElement* XmlElement::Child(std::string_view local_name) const {
  for (const auto& child : children) {
    if (child.name == local_name) return &child;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::Children(std::string_view local_name) const {
  std::vector<const XmlElement*> out;
  for (const auto& child : children) {
    if (child.name == local_name) out.push_back(&child);
  }
  return out;
}

const std::string* XmlElement::Attribute(std::string_view local_name) const {
  for (const auto& attribute : attributes) {
    if (attribute.name == local_name) return &attribute.value;
  }
  return nullptr;
}

std::string XmlElement::AttributeOr(std::string_view local_name, std::string fallback) const {
  const std::string* value = Attribute(local_name);
  return value ? *value : std::move(fallback);
}

std::string XmlElement::ChildText(std::string_view local_name) const {
  const XmlElement* child = Child(local_name);
  return child ? child->text : std::string();
}

namespace {

// ---------- Source positions ----------

// Maps byte offsets of the raw input to lines and columns, and finds the start tag of
// every element in document order. libxml2 keeps only a line per node (and the line
// where the start tag *ends*), so columns come from our own scan of the bytes. The
// document is already known to be well formed when this runs.
class SourceMap {
 public:
  SourceMap(std::string_view bytes, std::shared_ptr<const std::string> file)
      : bytes_(bytes), file_(std::move(file)) {
    line_starts_.push_back(0);
    for (size_t i = 0; (i = bytes.find('\n', i)) != std::string_view::npos;)  // memchr
      line_starts_.push_back(++i);
    ScanStartTags();
  }

  SourceLocation At(size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line = static_cast<size_t>(it - line_starts_.begin());  // 1-based
    size_t column = offset - line_starts_[line - 1] + 1;
    return SourceLocation{file_, static_cast<int>(line), static_cast<int>(column)};
  }

  // As At, for offsets that mostly only grow (start tags in document order): `line` is the
  // 0-based line of the previous call, walked forward instead of a binary search each time.
  // Writes into `out` in place (a location built and moved there cost a copy of the file
  // name's shared pointer and a release per element).
  void AtFrom(size_t offset, size_t& line, SourceLocation& out) const {
    if (line >= line_starts_.size() || line_starts_[line] > offset) {
      line =
          static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                              line_starts_.begin() - 1);
    }
    while (line + 1 < line_starts_.size() && line_starts_[line + 1] <= offset) ++line;
    out.file = file_;
    out.line = static_cast<int>(line + 1);
    out.column = static_cast<int>(offset - line_starts_[line] + 1);
  }

  // Offsets of the n-th start tag's '<' and of the first byte after its '>'.
  size_t TagCount() const { return tags_.size(); }
  size_t TagStart(size_t n) const { return tags_[n].start; }
  size_t TagContent(size_t n) const { return tags_[n].content; }
  // Start tags directly inside the n-th one (exact for a well-formed document), so the
  // streamed tree can size each children vector once.
  size_t TagChildren(size_t n) const { return tags_[n].children; }

  // First non-blank byte at or after `offset` (for the location of text content).
  size_t SkipBlanks(size_t offset) const {
    while (offset < bytes_.size() && (bytes_[offset] == ' ' || bytes_[offset] == '\t' ||
                                      bytes_[offset] == '\n' || bytes_[offset] == '\r'))
      ++offset;
    return offset;
  }

  const std::shared_ptr<const std::string>& File() const { return file_; }

 private:
  struct Tag {
    size_t start;
    size_t content;
    size_t children = 0;
  };

  size_t Find(std::string_view what, size_t from) const {
    size_t at = bytes_.find(what, from);
    return at == std::string_view::npos ? bytes_.size() : at + what.size();
  }

  // The offset just past the '>' that closes a start tag whose name begins at `i`, or
  // past the end. A '>' inside a quoted attribute value does not close it. Jumps from
  // quote to quote with memchr (a tag is mostly attribute values) instead of a byte loop.
  size_t TagEnd(size_t i) const {
    const char* const data = bytes_.data();
    const char* const end = data + bytes_.size();
    const char* at = data + i;
    while (at < end) {
      const auto left = static_cast<size_t>(end - at);
      const char* close = static_cast<const char*>(std::memchr(at, '>', left));
      const char* limit = close ? close : end;
      const auto span = static_cast<size_t>(limit - at);
      const char* dq = static_cast<const char*>(std::memchr(at, '"', span));
      const char* sq = static_cast<const char*>(std::memchr(at, '\'', dq ? dq - at : span));
      const char* quote = sq ? sq : dq;
      if (quote == nullptr)
        return close ? static_cast<size_t>(close - data) + 1 : bytes_.size() + 1;
      const char* closing = static_cast<const char*>(
          std::memchr(quote + 1, *quote, static_cast<size_t>(end - quote - 1)));
      if (closing == nullptr) return bytes_.size() + 1;
      at = closing + 1;
    }
    return bytes_.size() + 1;
  }

  void ScanStartTags() {
    std::vector<size_t> open;  // start tags not yet closed, innermost last
    size_t i = 0;
    while ((i = bytes_.find('<', i)) != std::string_view::npos) {
      std::string_view rest = bytes_.substr(i);
      if (rest.starts_with("<!--")) {
        i = Find("-->", i + 4);
      } else if (rest.starts_with("<![CDATA[")) {
        i = Find("]]>", i + 9);
      } else if (rest.starts_with("<?")) {
        i = Find("?>", i + 2);
      } else if (rest.starts_with("</") || rest.starts_with("<!")) {
        if (rest[1] == '/' && !open.empty()) open.pop_back();
        i = Find(">", i + 2);
      } else {
        size_t start = i;
        i = TagEnd(i + 1);
        if (!open.empty()) ++tags_[open.back()].children;
        tags_.push_back(Tag{start, std::min(i, bytes_.size())});
        const bool empty = i <= bytes_.size() && i >= 2 && bytes_[i - 2] == '/';
        if (!empty) open.push_back(tags_.size() - 1);
      }
    }
  }

  std::string_view bytes_;
  std::shared_ptr<const std::string> file_;
  std::vector<size_t> line_starts_;
  std::vector<Tag> tags_;
};

// ---------- Text ----------

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// What the tree keeps of a value or an element's text: white space collapsed, then NFC.
std::string CleanText(std::string_view raw) {
  return xml_text::Clean(raw);
}

// The namespaces of one document, each made once and shared by its elements.
class NamespaceTable {
 public:
  // `uri` stays readable for the whole parse (libxml2 keeps one copy per declaration, or
  // one in its dictionary), so the same pointer as last time is the same namespace.
  XmlNamespace Get(const char* uri) {
    if (uri == last_uri_) return last_;
    last_uri_ = uri;
    for (const auto& known : known_) {
      if (*known == uri) return last_ = XmlNamespace(known);
    }
    return last_ = XmlNamespace(known_.emplace_back(std::make_shared<const std::string>(uri)));
  }

 private:
  std::vector<std::shared_ptr<const std::string>> known_;
  const char* last_uri_ = nullptr;
  XmlNamespace last_;
};

// ---------- Parsing ----------

struct ParseState {
  DiagnosticList* diagnostics;
  std::shared_ptr<const std::string> file;
  bool saw_doctype = false;
};

void CollectParseError(void* user, xmlErrorPtr error) {
  auto* state = static_cast<ParseState*>(user);
  if (error == nullptr || state == nullptr) return;
  if (state->saw_doctype) return;  // already reported once, clearly
  Diagnostic d;
  d.severity = error->level == XML_ERR_WARNING ? Severity::kWarning : Severity::kError;
  d.code = "xml.malformed";
  d.message = libxml2::CleanMessage(error->message);
  if (error->code == XML_ERR_INVALID_CHAR || error->code == XML_ERR_INVALID_ENCODING)
    d.code = "xml.encoding";
  d.location = SourceLocation{state->file, error->line, std::max(error->int2, 0)};
  state->diagnostics->Add(std::move(d));
}

// The parser's own structured-error hook (libxml2 passes the parser context). Errors go
// here rather than through libxml2's process-wide handler: threads parse at once (lint
// loads a plan while the rule set loads; caseloads run on all cores), and through the
// shared handler one file's errors were now and then reported under another's name.
void CollectParserError(void* context, xmlErrorPtr error) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  if (parser != nullptr) CollectParseError(parser->_private, error);
}

// SAX hook: called as soon as a DOCTYPE is seen, before any entity declaration in it is
// read. Our formats never need a DTD; stopping here keeps entity tricks (external
// entities, expansion bombs) from ever running.
void RefuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* parser = static_cast<xmlParserCtxtPtr>(ctx);
  auto* state = static_cast<ParseState*>(parser->_private);
  if (state != nullptr) state->saw_doctype = true;
  xmlStopParser(parser);
}

class TreeBuilder;

struct ValidationState {
  DiagnosticList* diagnostics;
  const TreeBuilder* builder;
  std::shared_ptr<const std::string> file;
};

class TreeBuilder {
 public:
  TreeBuilder(const SourceMap& map, const XmlLimits& limits, DiagnosticList& diagnostics)
      : map_(map), limits_(limits), diagnostics_(diagnostics) {}

  // First pass: the depth limit, and each element's place in document order, which is
  // also the order of the start tags the SourceMap found. The place is kept in the
  // node's _private field (libxml2 leaves it to applications), so locations and paths
  // cost nothing until a diagnostic or the tree needs them.
  bool Index(xmlNodePtr node, int depth) {
    if (depth > limits_.max_depth) {
      diagnostics_.Error(
          "xml.limit",
          "elements are nested more than " + std::to_string(limits_.max_depth) + " levels deep",
          LocationOf(node));
      return false;
    }
    elements_.push_back(node);
    node->_private = reinterpret_cast<void*>(elements_.size());  // 1-based: 0 is "not indexed"
    for (xmlNodePtr child = node->children; child; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && !Index(child, depth + 1)) return false;
    }
    return true;
  }

  bool Indexed(xmlNodePtr node) const { return node != nullptr && node->_private != nullptr; }
  const std::vector<xmlNodePtr>& Elements() const { return elements_; }

  // "/plan/sectionF/provision[2]/meets": the element's path, with a position wherever it
  // has siblings of the same name.
  std::string PathOf(xmlNodePtr node) const {
    std::vector<std::string> steps;
    for (; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
      std::string step = reinterpret_cast<const char*>(node->name);
      if (node->parent != nullptr && node->parent->type == XML_ELEMENT_NODE) {
        int index = 0, total = 0;
        for (xmlNodePtr s = node->parent->children; s; s = s->next) {
          if (s->type != XML_ELEMENT_NODE || xmlStrcmp(s->name, node->name) != 0) continue;
          ++total;
          if (s == node) index = total;
        }
        if (total > 1) step += "[" + std::to_string(index) + "]";
      }
      steps.push_back(std::move(step));
    }
    std::string path;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) path += "/" + *it;
    return path;
  }

  XmlElement Build(xmlNodePtr node) {
    XmlElement element;
    Build(node, element);
    return element;
  }

  // Fills `element` in place: children are built straight into their parent's vector
  // (reserved first, so it never moves them) rather than built and then moved there.
  void Build(xmlNodePtr node, XmlElement& element) {
    // Names are constructed rather than assigned: a short name then costs a copy into the
    // string's own buffer, where assignment took the general replace path.
    element.name = std::string(reinterpret_cast<const char*>(node->name));
    if (node->ns && node->ns->href)
      element.ns = namespaces_.Get(reinterpret_cast<const char*>(node->ns->href));
    element.location = LocationOf(node);
    size_t attribute_count = 0;
    for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) ++attribute_count;
    element.attributes.reserve(attribute_count);
    for (xmlAttrPtr attr = node->properties; attr; attr = attr->next) {
      const bool xml_prefix =
          attr->ns && attr->ns->prefix && xmlStrcmp(attr->ns->prefix, BAD_CAST "xml") == 0;
      XmlAttribute& attribute = element.attributes.emplace_back(
          XmlAttribute{xml_prefix ? "xml:" + std::string(reinterpret_cast<const char*>(attr->name))
                                  : std::string(reinterpret_cast<const char*>(attr->name)),
                       {}});
      xmlNodePtr only = attr->children;
      if (only && only->type == XML_TEXT_NODE && only->next == nullptr && only->content) {
        // One text node (nearly every attribute): its content is the value, no copy needed.
        attribute.value = CleanText(reinterpret_cast<const char*>(only->content));
      } else if (xmlChar* value = xmlNodeListGetString(node->doc, attr->children, 1)) {
        attribute.value = CleanText(reinterpret_cast<const char*>(value));
        xmlFree(value);
      }
    }
    // Children are counted first so the vector never moves the elements it holds; the
    // text is read in place when it is one node, as it nearly always is.
    size_t element_children = 0, text_nodes = 0;
    std::string_view first_text;
    for (xmlNodePtr child = node->children; child; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) {
        ++element_children;
      } else if (IsText(child)) {
        if (text_nodes++ == 0) first_text = reinterpret_cast<const char*>(child->content);
      }
    }
    element.children.reserve(element_children);
    std::string joined_text;
    for (xmlNodePtr child = node->children; child; child = child->next) {
      if (child->type == XML_ELEMENT_NODE) {
        Build(child, element.children.emplace_back());
      } else if (text_nodes > 1 && IsText(child)) {
        joined_text += reinterpret_cast<const char*>(child->content);
      }
    }
    std::string_view raw_text = text_nodes > 1 ? std::string_view(joined_text) : first_text;
    if (raw_text.size() > limits_.max_text_bytes) {
      diagnostics_.Error("xml.limit",
                         "text of <" + element.name + "> is " + std::to_string(raw_text.size()) +
                             " bytes; the limit is " + std::to_string(limits_.max_text_bytes),
                         element.location);
      raw_text = {};
    }
    element.text = CleanText(raw_text);
    element.text_location = element.location;
    if (size_t n = TagIndex(node); n < map_.TagCount())
      element.text_location = map_.At(map_.SkipBlanks(map_.TagContent(n)));
  }

  static bool IsText(xmlNodePtr node) {
    return (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
           node->content != nullptr;
  }

  SourceLocation LocationOf(xmlNodePtr node) const {
    if (size_t n = TagIndex(node); n < map_.TagCount()) return map_.At(map_.TagStart(n));
    return SourceLocation{map_.File(), node ? static_cast<int>(xmlGetLineNo(node)) : 0, 0};
  }

 private:
  const SourceMap& map_;
  const XmlLimits& limits_;
  DiagnosticList& diagnostics_;
  // The element's start tag number, or past the end when it was not indexed.
  size_t TagIndex(xmlNodePtr node) const {
    if (!Indexed(node)) return map_.TagCount();
    return reinterpret_cast<size_t>(node->_private) - 1;
  }

  std::vector<xmlNodePtr> elements_;  // in document order
  NamespaceTable namespaces_;
};

void CollectValidationError(void* user, xmlErrorPtr error) {
  auto* state = static_cast<ValidationState*>(user);
  if (error == nullptr) return;
  Diagnostic d;
  d.severity = error->level == XML_ERR_WARNING ? Severity::kWarning : Severity::kError;
  d.code = "schema.invalid";
  d.message = libxml2::CleanMessage(error->message);
  // Messages name elements as {urn:ehcp:schema:1}name; the namespace is noise to a reader.
  const std::string ns = "{" + std::string(kEhcpNamespace) + "}";
  for (size_t at; (at = d.message.find(ns)) != std::string::npos;) d.message.erase(at, ns.size());
  d.location = SourceLocation{state->file, error->line, 0};
  // Identity-constraint errors point at the element that holds the key, or at an
  // attribute; report the element.
  auto* node = static_cast<xmlNodePtr>(error->node);
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  const TreeBuilder& builder = *state->builder;
  if (builder.Indexed(node)) {
    d.location = builder.LocationOf(node);
    d.element_path = builder.PathOf(node);
  } else if (error->line > 0) {
    // Key/keyref errors come without a node; find the element the message names on the
    // reported line.
    std::string named;
    if (auto at = d.message.find("Element '"); at != std::string::npos) {
      auto end = d.message.find('\'', at + 9);
      if (end != std::string::npos) named = d.message.substr(at + 9, end - at - 9);
    }
    for (xmlNodePtr candidate : builder.Elements()) {
      SourceLocation location = builder.LocationOf(candidate);
      if (location.line != error->line) continue;
      if (!named.empty() && named != reinterpret_cast<const char*>(candidate->name)) continue;
      d.location = location;
      d.element_path = builder.PathOf(candidate);
      break;
    }
  }
  state->diagnostics->Add(std::move(d));
}

// A file saved as UTF-16 with a byte order mark (Windows tools do this) is read as the
// same text in UTF-8; line breaks are kept, so lines in diagnostics are the file's. An
// unpaired surrogate is an error at its line. Returns false when `bytes` is not UTF-16.
bool ConvertUtf16WithBom(std::string_view bytes, const std::shared_ptr<const std::string>& file,
                         std::string& utf8, DiagnosticList& diagnostics) {
  if (bytes.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(bytes[0]), b1 = static_cast<unsigned char>(bytes[1]);
  const bool little = b0 == 0xFF && b1 == 0xFE;
  if (!little && !(b0 == 0xFE && b1 == 0xFF)) return false;
  auto unit = [&](size_t i) {
    auto lo = static_cast<unsigned char>(bytes[i + (little ? 0 : 1)]);
    auto hi = static_cast<unsigned char>(bytes[i + (little ? 1 : 0)]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  utf8.reserve(bytes.size());
  int line = 1;
  for (size_t i = 2; i < bytes.size(); i += 2) {
    if (i + 1 >= bytes.size()) {
      diagnostics.Error("xml.encoding", "the UTF-16 file ends in the middle of a character",
                        SourceLocation{file, line, 0});
      return true;
    }
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 &&
        unit(i + 2) <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      diagnostics.Error("xml.encoding", "invalid UTF-16: an unpaired surrogate",
                        SourceLocation{file, line, 0});
      return true;
    }
    if (cp == '\n') ++line;
    if (cp < 0x80) {
      utf8 += static_cast<char>(cp);
    } else if (cp < 0x800) {
      utf8 += static_cast<char>(0xC0 | cp >> 6);
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      utf8 += static_cast<char>(0xE0 | cp >> 12);
      utf8 += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | cp >> 18);
      utf8 += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return true;
}

struct DocFree {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};
struct ParserFree {
  void operator()(xmlParserCtxtPtr ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// NONET: never the network. No NOENT (entities stay unexpanded), no DTDLOAD, no HUGE
// (libxml2's own depth and text-size limits stay on).
// A converted UTF-16 file still declares encoding="UTF-16"; its bytes are UTF-8 now.
// COMPACT keeps short text (the white space between elements) inside its node instead of
// in an allocation of its own; nothing here changes the tree after parsing.
int ParseOptions(bool was_utf16) {
  return XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
         (was_utf16 ? XML_PARSE_IGNORE_ENC : 0);
}

// ---------- Streaming: the tree straight from SAX events ----------
//
// A document that is well formed, within the limits and valid (nearly every one a service
// sees) is read in one pass: libxml2's SAX2 events build XmlElement directly and the schema
// validates the same stream through xmlSchemaSAXPlug, so no libxml2 document is built or
// freed. Anything else (an error or warning of any kind, a DOCTYPE, an unusual prolog)
// makes the streamed result worthless and the document is read again by the tree path
// below, which alone reports problems: streamed errors carry no node, come at other
// moments (key/keyref at the end of their scope) and would need the whole document before
// they could be trusted, so every diagnostic keeps coming from one place.

// Set by any libxml2 error or warning during a streamed parse; per thread, since threads
// parse at once.
thread_local bool t_stream_problem = false;

void NoteStreamProblem(void*, xmlErrorPtr) {
  t_stream_problem = true;
}

// The root element's local name and namespace, read from the bytes: the plug needs its
// schema before the first event. Empty when the prolog holds anything but white space, an
// XML declaration, processing instructions and comments, or the namespace is not a plain
// quoted value; the caller then takes the tree path. The parser's own root is checked
// against this on its start tag.
struct PeekedRoot {
  std::string_view name;
  std::string_view ns;
};

std::optional<PeekedRoot> PeekRoot(std::string_view b) {
  size_t i = b.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto skip_space = [&] {
    while (i < b.size() && IsXmlSpace(b[i])) ++i;
  };
  auto skip_past = [&](std::string_view end) {
    size_t at = b.find(end, i);
    if (at == std::string_view::npos) return false;
    i = at + end.size();
    return true;
  };
  for (;;) {
    skip_space();
    std::string_view rest = b.substr(i);
    if (rest.starts_with("<?")) {
      if (!skip_past("?>")) return std::nullopt;
    } else if (rest.starts_with("<!--")) {
      i += 4;
      if (!skip_past("-->")) return std::nullopt;
    } else if (rest.starts_with("<") && rest.size() > 1 &&
               (std::isalpha(static_cast<unsigned char>(rest[1])) || rest[1] == '_')) {
      ++i;
      break;
    } else {
      return std::nullopt;
    }
  }
  auto name_end = [&](size_t from) {
    while (from < b.size() && !IsXmlSpace(b[from]) && b[from] != '/' && b[from] != '>' &&
           b[from] != '=')
      ++from;
    return from;
  };
  size_t end = name_end(i);
  std::string_view qname = b.substr(i, end - i);
  i = end;
  std::string_view prefix, local = qname;
  if (size_t colon = qname.find(':'); colon != std::string_view::npos) {
    prefix = qname.substr(0, colon);
    local = qname.substr(colon + 1);
    if (prefix.empty() || local.empty() || local.find(':') != std::string_view::npos)
      return std::nullopt;
  }
  std::optional<std::string_view> ns;
  for (;;) {
    skip_space();
    if (i >= b.size()) return std::nullopt;
    if (b[i] == '>' || b[i] == '/') break;
    end = name_end(i);
    std::string_view attribute = b.substr(i, end - i);
    i = end;
    skip_space();
    if (i >= b.size() || b[i] != '=') return std::nullopt;
    ++i;
    skip_space();
    if (i >= b.size() || (b[i] != '"' && b[i] != '\'')) return std::nullopt;
    const char quote = b[i++];
    size_t close = b.find(quote, i);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view value = b.substr(i, close - i);
    i = close + 1;
    const bool declares = prefix.empty()
                              ? attribute == "xmlns"
                              : attribute.starts_with("xmlns:") && attribute.substr(6) == prefix;
    if (!declares) continue;
    for (char c : value) {
      if (c == '&' || c == '<' || IsXmlSpace(c)) return std::nullopt;
    }
    ns = value;
  }
  if (!ns && !prefix.empty()) return std::nullopt;
  return PeekedRoot{local, ns.value_or(std::string_view())};
}

// Builds XmlElement from SAX2 events, as TreeBuilder::Build does from libxml2's tree.
class StreamBuilder {
 public:
  StreamBuilder(const SourceMap& map, const XmlLimits& limits, PeekedRoot root)
      : map_(map), limits_(limits), root_(root) {}

  // Anything the tree path would report, or anything this builder cannot vouch for.
  bool Failed() const { return failed_; }
  bool Complete() const { return !failed_ && closed_root_; }
  XmlElement TakeRoot() { return std::move(root_element_); }
  void SetParser(xmlParserCtxtPtr parser) { parser_ = parser; }

  void Fail() {
    failed_ = true;
    xmlStopParser(parser_);
  }

  static void OnStart(void* ctx, const xmlChar* localname, const xmlChar* prefix,
                      const xmlChar* uri, int, const xmlChar**, int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) {
    static_cast<StreamBuilder*>(ctx)->Start(localname, prefix, uri, nb_attributes, nb_defaulted,
                                            attributes);
  }
  static void OnEnd(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    static_cast<StreamBuilder*>(ctx)->End();
  }
  static void OnText(void* ctx, const xmlChar* text, int length) {
    auto* self = static_cast<StreamBuilder*>(ctx);
    if (self->open_.empty()) return;
    self->texts_[self->open_.size() - 1].append(reinterpret_cast<const char*>(text),
                                                static_cast<size_t>(length));
  }
  static void OnDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    static_cast<StreamBuilder*>(ctx)->Fail();
  }

 private:
  void Start(const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri, int nb_attributes,
             int nb_defaulted, const xmlChar** attributes) {
    if (failed_) return;
    const char* name = reinterpret_cast<const char*>(localname);
    const char* ns = uri ? reinterpret_cast<const char*>(uri) : "";
    XmlElement* element = nullptr;
    if (open_.empty()) {
      // One root, the one the schema was chosen for.
      if (started_root_ || root_.name != name || root_.ns != ns) return Fail();
      started_root_ = true;
      element = &root_element_;
    } else {
      element = &open_.back()->children.emplace_back();
    }
    (void)prefix;
    // The tree path's depth limit (the root is depth 1); libxml2's own is far higher.
    if (static_cast<int>(open_.size()) + 1 > limits_.max_depth) return Fail();
    const size_t n = next_tag_++;
    if (n >= map_.TagCount() || nb_defaulted != 0) return Fail();
    element->name = std::string(name);
    if (uri) element->ns = namespaces_.Get(ns);
    map_.AtFrom(map_.TagStart(n), tag_line_, element->location);
    map_.AtFrom(map_.SkipBlanks(map_.TagContent(n)), text_line_, element->text_location);
    if (size_t children = map_.TagChildren(n)) element->children.reserve(children);
    if (nb_attributes > 0) element->attributes.reserve(static_cast<size_t>(nb_attributes));
    for (int a = 0; a < nb_attributes; ++a) {
      const xmlChar** at = attributes + 5 * a;  // localname, prefix, URI, value, end
      const char* local = reinterpret_cast<const char*>(at[0]);
      const bool xml_prefix = at[1] && xmlStrcmp(at[1], BAD_CAST "xml") == 0;
      // libxml2's tree checks xml:id as an ID and may warn; leave that to the tree path.
      if (xml_prefix && std::strcmp(local, "id") == 0) return Fail();
      std::string_view raw(reinterpret_cast<const char*>(at[3]),
                           static_cast<size_t>(at[4] - at[3]));
      element->attributes.emplace_back(
          XmlAttribute{xml_prefix ? "xml:" + std::string(local) : std::string(local),
                       CleanText(DecodeAmpersands(raw))});
    }
    if (texts_.size() <= open_.size()) texts_.emplace_back();
    texts_[open_.size()].clear();
    open_.push_back(element);
  }

  void End() {
    if (failed_ || open_.empty()) return;
    XmlElement& element = *open_.back();
    const std::string& raw = texts_[open_.size() - 1];
    if (raw.size() > limits_.max_text_bytes) return Fail();
    element.text = CleanText(raw);
    open_.pop_back();
    if (open_.empty()) closed_root_ = true;
  }

  // Without entity substitution libxml2 hands an attribute's '&' (from &amp; or &#38;) on
  // as "&#38;", which its tree builder turns back into '&'; every other reference arrives
  // decoded. Returns `raw` itself when there is none.
  std::string_view DecodeAmpersands(std::string_view raw) {
    if (raw.find('&') == std::string_view::npos) return raw;
    decoded_.clear();
    for (size_t i = 0; i < raw.size();) {
      if (raw.substr(i).starts_with("&#38;")) {
        decoded_ += '&';
        i += 5;
      } else {
        decoded_ += raw[i++];
      }
    }
    return decoded_;
  }

  const SourceMap& map_;
  const XmlLimits& limits_;
  PeekedRoot root_;
  xmlParserCtxtPtr parser_ = nullptr;
  XmlElement root_element_;
  std::vector<XmlElement*> open_;   // a child is added only to the innermost open element,
                                    // so no open element is ever moved
  std::vector<std::string> texts_;  // raw text of each open element, by depth; reused
  std::string decoded_;
  NamespaceTable namespaces_;
  size_t next_tag_ = 0;
  size_t tag_line_ = 0, text_line_ = 0;  // where AtFrom last found a tag and a text
  bool started_root_ = false;
  bool closed_root_ = false;
  bool failed_ = false;
};

struct ValidCtxtFree {
  void operator()(xmlSchemaValidCtxtPtr validator) const { xmlSchemaFreeValidCtxt(validator); }
};

// The streamed read: the result when the document is well formed, within the limits and
// valid with nothing to report, otherwise nothing (the caller reads it again as a tree).
std::optional<ParsedXml> ParseStreamed(std::string_view bytes, const std::string& display_name,
                                       const std::shared_ptr<const std::string>& file,
                                       const SchemaRegistry& schemas, const XmlLimits& limits,
                                       SchemaCheck check, bool was_utf16) {
  std::optional<PeekedRoot> root = PeekRoot(bytes);
  if (!root || root->ns != kEhcpNamespace) return std::nullopt;
  DiagnosticList lookup;
  const std::string root_name(root->name);
  // Validated without the identity constraints, which a strict read then checks on the
  // tree it built, when KeyCheck supports all of the schema's: libxml2's own check of them
  // by XPath streaming cost as much as the rest of the validation. Whatever that check
  // finds is read again by the tree path, with libxml2's check, which reports it.
  const CompiledSchema* schema = schemas.Find(root_name, lookup, IdentityConstraints::kSkipped);
  if (schema == nullptr || !lookup.Empty()) return std::nullopt;
  const KeyCheck* key_check = nullptr;
  if (check == SchemaCheck::kStrict) {
    key_check = schema->Keys();
    if (key_check == nullptr)
      schema = schemas.Find(root_name, lookup, IdentityConstraints::kChecked);
    if (schema == nullptr || !lookup.Empty()) return std::nullopt;
  }
  std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtFree> validator(
      xmlSchemaNewValidCtxt(schema->Get()));
  std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
  if (!validator || !parser || parser->sax == nullptr) return std::nullopt;

  SourceMap map(bytes, file);
  StreamBuilder builder(map, limits, *root);
  builder.SetParser(parser.get());
  xmlSAXHandler* sax = parser->sax;
  std::memset(sax, 0, sizeof(*sax));
  sax->initialized = XML_SAX2_MAGIC;
  sax->startElementNs = StreamBuilder::OnStart;
  sax->endElementNs = StreamBuilder::OnEnd;
  sax->characters = StreamBuilder::OnText;
  sax->ignorableWhitespace = StreamBuilder::OnText;  // blanks are text, as in the tree
  sax->cdataBlock = StreamBuilder::OnText;
  sax->internalSubset = StreamBuilder::OnDoctype;
  parser->userData = &builder;

  t_stream_problem = false;
  xmlSchemaSetValidStructuredErrors(validator.get(), NoteStreamProblem, nullptr);
  xmlSchemaSAXPlugPtr plug = xmlSchemaSAXPlug(validator.get(), &parser->sax, &parser->userData);
  if (plug == nullptr) return std::nullopt;
  // The plug's handlers leave serror unset, so the parser's errors and warnings come to
  // the thread's structured handler.
  xmlSetStructuredErrorFunc(nullptr, NoteStreamProblem);
  xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()),
                    display_name.c_str(), "UTF-8", ParseOptions(was_utf16));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlSchemaSAXUnplug(plug);
  const bool valid = xmlSchemaIsValid(validator.get()) == 1;
  if (t_stream_problem || !valid || !parser->wellFormed || parser->errNo != 0 ||
      !builder.Complete()) {
    // libxml2 2.9.14 leaks the key/keyref matchers of elements still open when a stream
    // stops (its clean-up frees the matcher cache before it clears the open elements, whose
    // matchers then go to that cache). A second plug and unplug frees the cache.
    xmlSAXHandlerPtr no_handler = nullptr;
    void* no_user_data = nullptr;
    if (xmlSchemaSAXPlugPtr again = xmlSchemaSAXPlug(validator.get(), &no_handler, &no_user_data))
      xmlSchemaSAXUnplug(again);
    return std::nullopt;
  }

  ParsedXml result;
  result.root_name = root_name;
  result.root = builder.TakeRoot();
  if (key_check != nullptr && !key_check->Holds(*result.root)) return std::nullopt;
  return result;
}

}  // namespace

ParsedXml ParseXmlMemory(std::string_view bytes, const std::string& display_name,
                         const SchemaRegistry& schemas, const XmlLimits& limits,
                         SchemaCheck check) {
  libxml2::Initialise();
  ParsedXml result;
  auto file = std::make_shared<const std::string>(display_name);

  if (bytes.size() > limits.max_file_bytes) {
    result.diagnostics.Error("xml.limit",
                             "file is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                                 std::to_string(limits.max_file_bytes) + " bytes",
                             SourceLocation{file, 0, 0});
    return result;
  }
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return result;
  std::string converted;
  const bool was_utf16 = ConvertUtf16WithBom(bytes, file, converted, result.diagnostics);
  if (result.diagnostics.HasErrors()) return result;
  if (was_utf16) bytes = converted;

  if (std::optional<ParsedXml> streamed =
          ParseStreamed(bytes, display_name, file, schemas, limits, check, was_utf16))
    return std::move(*streamed);

  ParseState state{&result.diagnostics, file, false};
  std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
  if (!parser) {
    result.diagnostics.Error("xml.internal", "cannot create an XML parser", SourceLocation{file});
    return result;
  }
  parser->_private = &state;
  parser->sax->internalSubset = RefuseDoctype;
  parser->sax->serror = CollectParserError;
  // Only errors raised without a parser context reach the process-wide handler.
  xmlSetStructuredErrorFunc(&state, CollectParseError);
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()),
                        display_name.c_str(), "UTF-8", ParseOptions(was_utf16)));
  xmlSetStructuredErrorFunc(nullptr, nullptr);

  if (state.saw_doctype) {
    size_t at = bytes.find("<!DOCTYPE");
    SourceMap map(bytes.substr(0, at == std::string_view::npos ? 0 : at + 1), file);
    result.diagnostics.Error(
        "xml.doctype",
        "DOCTYPE declarations are not allowed: ehcp never reads DTDs or entities (external "
        "entities and entity expansion are refused for safety)",
        at == std::string_view::npos ? SourceLocation{file, 1, 1} : map.At(at));
    return result;
  }
  if (!doc || !parser->wellFormed || result.diagnostics.HasErrors()) {
    if (!result.diagnostics.HasErrors())
      result.diagnostics.Error("xml.malformed", "document is not well-formed XML",
                               SourceLocation{file, 1, 1});
    return result;
  }
  xmlNodePtr root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) {
    result.diagnostics.Error("xml.malformed", "document has no root element",
                             SourceLocation{file, 1, 1});
    return result;
  }

  SourceMap map(bytes, file);
  TreeBuilder builder(map, limits, result.diagnostics);
  if (!builder.Index(root, 1)) return result;

  std::string root_name = reinterpret_cast<const char*>(root->name);
  result.root_name = root_name;
  std::string root_ns =
      root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  const CompiledSchema* schema = nullptr;
  if (root_ns == kEhcpNamespace)
    schema = schemas.Find(root_name, result.diagnostics,
                          check == SchemaCheck::kTolerant ? IdentityConstraints::kSkipped
                                                          : IdentityConstraints::kChecked);
  if (schema == nullptr) {
    if (result.diagnostics.HasErrors()) return result;  // the schema itself failed
    result.diagnostics.Error(
        "xml.unknown-root",
        "root element <" + root_name +
            (root_ns.empty() ? "" : "> in namespace \"" + root_ns + "\"") +
            (root_ns.empty() ? "> has no namespace" : "") +
            " is not an ehcp document (expected a plan or contribution in namespace \"" +
            std::string(kEhcpNamespace) + "\")",
        builder.LocationOf(root));
    return result;
  }

  DiagnosticList& violations =
      check == SchemaCheck::kTolerant ? result.schema_violations : result.diagnostics;
  ValidationState validation{&violations, &builder, file};
  xmlSchemaValidCtxtPtr validator = xmlSchemaNewValidCtxt(schema->Get());
  if (validator == nullptr) {
    result.diagnostics.Error("xml.internal", "cannot create a schema validator",
                             SourceLocation{file});
    return result;
  }
  xmlSchemaSetValidStructuredErrors(validator, CollectValidationError, &validation);
  int rc = xmlSchemaValidateDoc(validator, doc.get());
  xmlSchemaFreeValidCtxt(validator);
  if (rc != 0) {
    if (!violations.HasErrors())
      violations.Error("schema.invalid", "document does not match its schema",
                       builder.LocationOf(root));
    if (check == SchemaCheck::kStrict) return result;
  }

  XmlElement tree = builder.Build(root);
  if (result.diagnostics.HasErrors()) return result;
  result.root = std::move(tree);
  return result;
}

ParsedXml ReadXmlFile(const std::string& path, const SchemaRegistry& schemas,
                      const XmlLimits& limits, SchemaCheck check) {
  InputFile input = ReadInputFile(path, limits.max_file_bytes);
  if (!input.Ok()) {
    ParsedXml result;
    result.diagnostics.Error(
        input.status == InputFileStatus::kTooLarge ? "xml.limit" : kReadFailedCode, input.problem,
        FileLocation(path));
    return result;
  }
  return ParseXmlMemory(input.bytes, path, schemas, limits, check);
}

}  // namespace ehcp
