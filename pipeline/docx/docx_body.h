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

// A contents entry's page number in document.xml: the entry's tab and PAGEREF field
// span [begin, end) and the number goes at `number`; `heading` counts doc::Heading blocks.
struct ContentsNumberSlot {
  size_t begin = 0, number = 0, end = 0;
  size_t heading = 0;
};

struct BodyContext {
  Relationships* relationships = nullptr;         // word/_rels/document.xml.rels: links, images
  ListNumbering* numbering = nullptr;             // numbered lists register their w:num here
  Package* media = nullptr;                       // receives word/media/* for figures
  std::filesystem::path asset_root;               // figures must lie inside it
  std::string header_relationship_id;             // empty = no header part
  std::string footer_relationship_id;             // empty = no footer part
  std::vector<std::string>* footnotes = nullptr;  // receives footnote texts, in order
  // Receives where each contents entry's page number goes (null: no numbers), filled in
  // by FillContentsNumbers once the layout estimate (docx_pagination.h) is done.
  std::vector<ContentsNumberSlot>* contents_numbers = nullptr;
};

// `xml` with each slot's number filled in from `pages` (the page of each heading, in
// order); without pages the entries' tabs and fields are left out.
std::string FillContentsNumbers(const std::string& xml,
                                const std::vector<ContentsNumberSlot>& slots,
                                const std::optional<std::vector<int>>& pages);

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
std::vector<int> TableColumnTwips(const doc::Table& table, size_t columns, int text_width);

// A Word bookmark name for `anchor`: letters, digits and underscores, starting with a
// letter, at most 40 characters (Word's rules). Not unique by itself.
std::string BookmarkNameFor(const std::string& anchor);

}  // namespace ehcp::docx
