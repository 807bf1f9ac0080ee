#pragma once

#include <set>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace ehcp {

// Expands command-line inputs: files stay as given; a folder becomes every file below it
// with one of `extensions` (*.xml unless told; `lint` also takes a council's *.docx),
// sorted so output order is stable. Word's lock files ("~$plan.docx") are never taken. A
// path that does not exist is reported.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      DiagnosticList& diagnostics,
                                      const std::set<std::string>& extensions = {".xml"});

// The inputs that name files rather than folders. Commands skip what they cannot handle
// (a case file, a contribution) only when it was found in a folder, not when named.
std::set<std::string> NamedFiles(const std::vector<std::string>& inputs);

}  // namespace ehcp
