#pragma once

#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// Expands command-line inputs: files stay as given; a folder becomes every *.xml file
// below it, sorted so output order is stable. A path that does not exist is reported.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      DiagnosticList& diagnostics);

// The inputs that name files rather than folders. Commands skip what they cannot handle
// (a case file, a contribution) only when it was found in a folder, not when named.
std::set<std::string> NamedFiles(const std::vector<std::string>& inputs);

}  // namespace ehcp
