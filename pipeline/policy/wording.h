#pragma once

// Wording a council writes with {placeholders}: the draft's own words (assembly.xml) and
// a rule's title, message and hint filled from its parameters (lint's rule set).

#include <map>
#include <string>

namespace ehcp {

// `text` with each {name} that `values` has replaced by its value; other {names} are kept
// as written (a rule's {item} and {detail} are filled later, per finding).
std::string FillWording(const std::string& text, const std::map<std::string, std::string>& values);

}  // namespace ehcp
