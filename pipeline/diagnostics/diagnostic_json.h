#pragma once

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// The JSON form of a diagnostic, shared by every command's --format json.
nlohmann::json DiagnosticToJson(const Diagnostic& diagnostic);

// Serialises `json` (indented by `indent` spaces, or on one line when -1) as every
// command writes JSON: bytes that are not UTF-8 (a file name, a tag name in a message)
// become U+FFFD, so the output is always valid JSON and never an exception.
std::string DumpJson(const nlohmann::json& json, int indent = -1);

}  // namespace ehcp
