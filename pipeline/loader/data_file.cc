#include "loader/data_file.h"

namespace ehcp {

std::optional<XmlElement> ReadDataFile(const std::string& path, const SchemaRegistry& schemas,
                                       std::string_view expected_root,
                                       std::string_view wrong_root_code,
                                       DiagnosticList& diagnostics) {
  ParsedXml parsed = ReadXmlFile(path, schemas);
  diagnostics.Append(parsed.diagnostics);
  if (!parsed.root) return std::nullopt;
  if (parsed.root->name != expected_root) {
    diagnostics.Error(
        std::string(wrong_root_code),
        "expected <" + std::string(expected_root) + ">, found <" + parsed.root->name + ">",
        parsed.root->location);
    return std::nullopt;
  }
  return std::move(parsed.root);
}

}  // namespace ehcp
