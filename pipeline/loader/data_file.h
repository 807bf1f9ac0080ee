#pragma once

// Policy files under quality/ (bundle rules, the provision grammar, the words of council
// plans) are read the same way: parsed and validated against the schema of their root
// element, and refused when the root is not the one the caller reads. One function, so
// each loader starts from the root it expects.

#include <optional>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic.h"
#include "loader/schema_registry.h"
#include "loader/xml_tree.h"

namespace ehcp {

// The root of the file at `path` when it is well formed, valid and named `expected_root`;
// otherwise nothing, with the parser's diagnostics or an error `wrong_root_code` saying
// which root was found.
std::optional<XmlElement> ReadDataFile(const std::string& path, const SchemaRegistry& schemas,
                                       std::string_view expected_root,
                                       std::string_view wrong_root_code,
                                       DiagnosticList& diagnostics);

}  // namespace ehcp
