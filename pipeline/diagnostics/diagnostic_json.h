#pragma once

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// The JSON form of a diagnostic, shared by every command's --format json.
nlohmann::json DiagnosticToJson(const Diagnostic& diagnostic);

}  // namespace ehcp
