#pragma once

// Wording a council writes with {placeholders}: the draft's own words (assembly.xml), a
// rule's title, message and hint filled from its parameters (lint's rule set) and the
// amendment notice (templates/amend/notice.json).

#include <map>
#include <string>
#include <string_view>

namespace ehcp {

// `text` with each {name} that `values` has replaced by its value; other {names} are kept
// as written (a rule's {item} and {detail} are filled later, per finding). A number's
// noun agrees with it in the wording itself: {name|one|other} is `one` when the value of
// name is 1 and `other` otherwise, so "within {weeks} {weeks|week|weeks}" reads "within 1
// week" and "within 6 weeks", and a council rewording it keeps the choice.
std::string FillWording(const std::string& text, const std::map<std::string, std::string>& values);

// The placeholder a {...} names: "weeks" for both {weeks} and {weeks|week|weeks}.
std::string_view PlaceholderName(std::string_view inside_braces);

// "1 day", "3 days": a count the code words itself (a finding's detail, a report line).
std::string Counted(long long count, std::string_view one, std::string_view other);

}  // namespace ehcp
