#include "loader/schema_registry.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemastypes.h>

#include <mutex>
#include <set>

#include "loader/libxml2_support.h"

namespace ehcp {
namespace libxml2 {
namespace {

std::mutex g_allowed_mutex;
std::set<std::string>& AllowedFolders() {
  static std::set<std::string> folders;
  return folders;
}
xmlExternalEntityLoader g_default_loader = nullptr;

bool IsInsideAllowedFolder(const char* url) {
  if (url == nullptr) return false;
  std::string path = url;
  if (path.rfind("file://", 0) == 0) path = path.substr(7);
  if (path.find("://") != std::string::npos) return false;  // http, ftp, ...
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  if (ec) return false;
  std::string resolved = canonical.string();
  std::lock_guard lock(g_allowed_mutex);
  for (const auto& folder : AllowedFolders()) {
    if (resolved.size() > folder.size() && resolved.compare(0, folder.size(), folder) == 0 &&
        resolved[folder.size()] == '/')
      return true;
  }
  return false;
}

// Every external resource libxml2 wants (DTDs, entities, XSD includes) comes through
// here; only our own schema files get through.
xmlParserInputPtr GuardedLoader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  if (IsInsideAllowedFolder(url)) return g_default_loader(url, id, ctxt);
  return nullptr;
}

}  // namespace

void Initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // libxml2 2.9 builds its table of XSD built-in types lazily, on the first schema
    // compile, without a lock: two threads compiling their first schemas at once (lint
    // loads the plan and the rule set in parallel) corrupted it under ASan. Build it here.
    xmlSchemaInitTypes();
    g_default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(GuardedLoader);
  });
}

void AllowSchemaFolder(const std::filesystem::path& dir) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(dir, ec);
  std::lock_guard lock(g_allowed_mutex);
  AllowedFolders().insert(ec ? dir.string() : canonical.string());
}

std::string CleanMessage(const char* message) {
  std::string out = message ? message : "unknown error";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace libxml2

struct SchemaRegistry::Entry {
  std::string xsd_file;
  struct FreeDoc {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  struct Variant {
    std::once_flag compiled;
    // The schema document, kept for as long as the schema compiled from it (declared first
    // so it is freed after the schema): libxml2 may point into it.
    std::unique_ptr<xmlDoc, FreeDoc> source;
    std::unique_ptr<CompiledSchema> schema;
    DiagnosticList compile_errors;
  };
  mutable Variant variants[2];  // by IdentityConstraints
};

SchemaRegistry::SchemaRegistry(std::filesystem::path schema_dir) : dir_(std::move(schema_dir)) {
  libxml2::Initialise();
  libxml2::AllowSchemaFolder(dir_);
}

SchemaRegistry::~SchemaRegistry() = default;

std::unique_ptr<SchemaRegistry> SchemaRegistry::WithDocumentSchemas(std::filesystem::path dir) {
  auto registry = std::make_unique<SchemaRegistry>(std::move(dir));
  registry->Register("plan", "ehcp-plan-1.xsd");
  registry->Register("contribution", "ehcp-contribution-1.xsd");
  return registry;
}

void SchemaRegistry::Register(const std::string& local_name, const std::string& xsd_file) {
  auto entry = std::make_unique<Entry>();
  entry->xsd_file = xsd_file;
  entries_[local_name] = std::move(entry);
}

static void CollectSchemaError(void* user, xmlErrorPtr error) {
  auto* diagnostics = static_cast<DiagnosticList*>(user);
  if (error == nullptr || error->level == XML_ERR_WARNING) return;
  diagnostics->Error("schema.compile", libxml2::CleanMessage(error->message),
                     FileLocation(error->file ? error->file : "", error->line, error->int2));
}

namespace {

// Removes xs:key, xs:keyref and xs:unique from a parsed schema document.
void RemoveIdentityConstraints(xmlNodePtr node) {
  static const xmlChar kXsd[] = "http://www.w3.org/2001/XMLSchema";
  for (xmlNodePtr child = node->children; child != nullptr;) {
    xmlNodePtr next = child->next;
    if (child->type == XML_ELEMENT_NODE && child->ns != nullptr &&
        xmlStrEqual(child->ns->href, kXsd) &&
        (xmlStrEqual(child->name, BAD_CAST "key") || xmlStrEqual(child->name, BAD_CAST "keyref") ||
         xmlStrEqual(child->name, BAD_CAST "unique"))) {
      xmlUnlinkNode(child);
      xmlFreeNode(child);
    } else if (child->type == XML_ELEMENT_NODE) {
      RemoveIdentityConstraints(child);
    }
    child = next;
  }
}

xmlSchemaParserCtxtPtr NewParser(const std::string& path, IdentityConstraints constraints,
                                 xmlDocPtr& doc) {
  doc = nullptr;
  if (constraints == IdentityConstraints::kChecked) return xmlSchemaNewParserCtxt(path.c_str());
  // Parsed from a file in the schema folder, so its includes resolve beside it.
  doc = xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET);
  if (doc == nullptr || xmlDocGetRootElement(doc) == nullptr) return nullptr;
  RemoveIdentityConstraints(xmlDocGetRootElement(doc));
  return xmlSchemaNewDocParserCtxt(doc);
}

}  // namespace

const CompiledSchema* SchemaRegistry::Find(const std::string& local_name,
                                           DiagnosticList& diagnostics,
                                           IdentityConstraints constraints) const {
  auto it = entries_.find(local_name);
  if (it == entries_.end()) return nullptr;
  Entry::Variant& entry = it->second->variants[static_cast<int>(constraints)];
  std::call_once(entry.compiled, [&] {
    std::string path = (dir_ / it->second->xsd_file).string();
    xmlDocPtr doc = nullptr;
    xmlSchemaParserCtxtPtr parser = NewParser(path, constraints, doc);
    if (parser == nullptr) {
      if (doc != nullptr) xmlFreeDoc(doc);
      entry.compile_errors.Error("schema.compile", "cannot read the schema", FileLocation(path));
      return;
    }
    xmlSchemaSetParserStructuredErrors(parser, CollectSchemaError, &entry.compile_errors);
    entry.source.reset(doc);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (schema == nullptr) {
      if (entry.compile_errors.Empty())
        entry.compile_errors.Error("schema.compile", "schema failed to compile",
                                   FileLocation(path));
      return;
    }
    entry.schema = std::make_unique<CompiledSchema>(schema, path);
  });
  if (!entry.schema) diagnostics.Append(entry.compile_errors);
  return entry.schema.get();
}

}  // namespace ehcp
