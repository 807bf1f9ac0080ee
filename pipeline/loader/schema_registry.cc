#include "loader/schema_registry.h"

#include <libxml/parser.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlerror.h>

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
  mutable std::once_flag compiled;
  mutable std::unique_ptr<CompiledSchema> schema;
  mutable DiagnosticList compile_errors;
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

const CompiledSchema* SchemaRegistry::Find(const std::string& local_name,
                                           DiagnosticList& diagnostics) const {
  auto it = entries_.find(local_name);
  if (it == entries_.end()) return nullptr;
  const Entry& entry = *it->second;
  std::call_once(entry.compiled, [&] {
    std::string path = (dir_ / entry.xsd_file).string();
    xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt(path.c_str());
    if (parser == nullptr) {
      entry.compile_errors.Error("schema.compile", "cannot create schema parser",
                                 FileLocation(path));
      return;
    }
    xmlSchemaSetParserStructuredErrors(parser, CollectSchemaError, &entry.compile_errors);
    xmlSchemaPtr schema = xmlSchemaParse(parser);
    xmlSchemaFreeParserCtxt(parser);
    if (schema == nullptr) {
      if (entry.compile_errors.Empty())
        entry.compile_errors.Error("schema.compile", "schema failed to compile",
                                   FileLocation(path));
      return;
    }
    entry.schema = std::make_unique<CompiledSchema>(schema);
  });
  if (!entry.schema) diagnostics.Append(entry.compile_errors);
  return entry.schema.get();
}

}  // namespace ehcp
