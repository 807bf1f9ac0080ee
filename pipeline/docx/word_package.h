#pragma once

// The parts every Word package ehcp writes shares (a plan's DOCX, an advice form): the
// package relationships, core and app properties, the main document and its
// relationships, styles, numbering when there are lists, and settings, in that order. One
// place writes them, so the two packages cannot drift apart.

#include <cstdint>
#include <optional>
#include <string>

#include "document/document.h"
#include "docx/docx_package.h"

namespace ehcp::docx {

struct WordParts {
  std::string document_xml;                               // word/document.xml
  const Relationships* document_relationships = nullptr;  // word/_rels/document.xml.rels
  std::optional<std::string> numbering_xml;  // word/numbering.xml, when the body has lists
  std::string settings_xml;                  // word/settings.xml
};

// A package with those parts. `properties` gives the title, subject, author and language
// of the core properties, app properties and styles; `epoch_seconds` their dates.
// Writer-specific parts (header, footer, footnotes, media) are added after these.
Package StartWordPackage(const doc::Document& properties, int64_t epoch_seconds, WordParts parts);

}  // namespace ehcp::docx
