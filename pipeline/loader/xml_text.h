#pragma once

// Internal to the loader: what the element tree keeps of an element's text or an
// attribute's value. Split out of xml_tree.cc so the fast white-space collapse can be
// tested against the plain one.

#include <string>
#include <string_view>

namespace ehcp::xml_text {

// Runs of XML white space (space, tab, LF, CR) become one space and the ends are trimmed,
// as xs:token does; text in plans is prose, and line breaks in the XML source are not
// meaningful. `ascii` says whether the text is all ASCII (then it is already NFC).
std::string CollapseSpace(std::string_view text, bool& ascii);

// The same, one byte at a time: the definition CollapseSpace is tested against.
std::string CollapseSpaceSimple(std::string_view text, bool& ascii);

// White space collapsed, then NFC.
std::string Clean(std::string_view raw);

}  // namespace ehcp::xml_text
