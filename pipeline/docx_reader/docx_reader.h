#pragma once

// Reads a Word document (DOCX) back as plain paragraphs: their text, the plan field marks
// around them (document/field_mark.h) and where they sit (paragraph, or table, row and
// column). No ZIP or XML library type leaves this unit.
//
// The file is someone's Word document, so it is read defensively: an encrypted or
// password-protected file (an OLE compound file, not a ZIP), a macro-enabled file, a
// corrupt ZIP, a ZIP bomb (entry size, total size and compression ratio are checked
// before anything is inflated) and a file over the size limit are refused with one error
// naming the file. Nothing is ever fetched: external relationships (linked images,
// templates) and embedded objects are noted and ignored.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "document/document.h"

namespace ehcp {

// A place in a Word document, for messages: "paragraph 12" or "table 3, row 4, column 2".
struct WordPlace {
  int paragraph = 0;  // 1-based among the body's paragraphs (table cells included)
  int table = 0;      // 1-based; 0 = not in a table
  int row = 0;
  int column = 0;
  std::string ToString() const;
};

struct WordParagraph {
  std::string text;  // accepted text: deletions left out, insertions kept
  // The fields whose bookmarks cover it, or whose tagged content controls hold it.
  std::vector<doc::FieldMark> marks;
  WordPlace place;
};

struct WordDocument {
  std::vector<WordParagraph> paragraphs;  // in reading order
};

struct DocxLimits {
  size_t max_file_bytes = 32u * 1024 * 1024;
  size_t max_entries = 2000;
  size_t max_entry_bytes = 64u * 1024 * 1024;   // uncompressed, one part
  size_t max_total_bytes = 128u * 1024 * 1024;  // uncompressed, the parts we read
  double max_ratio = 200;                       // uncompressed / compressed, one part
};

// Reads the file at `path` (refusing files over the limit) as ParseDocx does.
std::optional<WordDocument> ReadDocxFile(const std::string& path, DiagnosticList& diagnostics,
                                         const DocxLimits& limits = {});

// Reads `bytes` as a DOCX package named `display_name` in diagnostics. Errors use the code
// "docx.unreadable" (the input cannot be read: exit 2); notes are "docx.ignored".
std::optional<WordDocument> ParseDocx(std::string_view bytes, const std::string& display_name,
                                      DiagnosticList& diagnostics, const DocxLimits& limits = {});

}  // namespace ehcp
