#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// Expands command-line inputs: files stay as given; a folder becomes every *.xml file
// below it, sorted so output order is stable. A path that does not exist is reported.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      DiagnosticList& diagnostics);

}  // namespace ehcp
