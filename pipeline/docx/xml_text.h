#pragma once

// Appending untrusted UTF-8 text to hand-built WordprocessingML. The parts are built as
// strings (fast, and byte-stable), so every piece of plan text goes through these.

#include <string>
#include <string_view>

namespace ehcp::docx {

// Appends `text` as XML character data: escapes & < > and drops what XML 1.0 cannot
// carry (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, malformed UTF-8, encoded
// surrogates), so one stray byte in a plan can never make the package unreadable.
void AppendXmlText(std::string& out, std::string_view text);

// As AppendXmlText, for a double-quoted attribute value: also escapes " and encodes
// TAB/LF/CR as character references so attribute normalisation keeps them.
void AppendXmlAttribute(std::string& out, std::string_view text);

// Returns `text` with the characters XML 1.0 cannot carry dropped (no escaping).
std::string XmlLegalText(std::string_view text);

}  // namespace ehcp::docx
