#pragma once

// word/document.xml: the body writer turns the format-neutral document's blocks into
// WordprocessingML paragraphs and tables, in document order.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"
#include "docx/docx_numbering.h"
#include "docx/docx_package.h"

namespace ehcp::docx {

struct BodyContext {
  Relationships* relationships = nullptr;         // word/_rels/document.xml.rels: links, images
  ListNumbering* numbering = nullptr;             // numbered lists register their w:num here
  Package* media = nullptr;                       // receives word/media/* for figures
  std::filesystem::path asset_root;               // figures must lie inside it
  std::string header_relationship_id;             // empty = no header part
  std::string footer_relationship_id;             // empty = no footer part
  std::vector<std::string>* footnotes = nullptr;  // receives footnote texts, in order
  // The page of each doc::Heading block, in document order (docx_pagination.h): the
  // contents show them. Empty, or not one per heading: the contents have no numbers.
  std::vector<int> heading_pages;
};

// word/footnotes.xml for `footnotes` (plain text each), numbered from 1 as the body's
// references are, after Word's separator and continuation separator.
std::string FootnotesXml(const std::vector<std::string>& footnotes);

// The main document part. Headings get bookmarks named after their anchors, internal
// links and the contents (with a PAGEREF field per entry) point at them; unknown anchors and unsafe
// URLs are warnings and render as plain text. Returns nullopt (with an error) when a figure cannot
// be embedded.
std::optional<std::string> DocumentXml(const doc::Document& document, BodyContext& context,
                                       DiagnosticList& diagnostics);

// The widths of a table's `columns` in twips, filling the text width: each column has
// room for its longest word and shares the rest by the table's relative widths.
std::vector<int> TableColumnTwips(const doc::Table& table, size_t columns);

// A Word bookmark name for `anchor`: letters, digits and underscores, starting with a
// letter, at most 40 characters (Word's rules). Not unique by itself.
std::string BookmarkNameFor(const std::string& anchor);

}  // namespace ehcp::docx
