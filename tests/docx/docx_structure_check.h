#pragma once

// The structural rules every DOCX from ehcp keeps, checked on document.xml itself
// (clients cannot all see them: pandoc treats any first row as a header, for example):
//  * every table has marked headers: its first row repeats as a header (w:tblHeader), or
//    it is a key/value table whose first column holds row headers;
//  * every row has w:cantSplit;
//  * no paragraph is empty (spacing comes from styles), except the one paragraph an
//    empty table cell must hold and the separator Word needs between two tables;
//  * every internal link and contents entry points at an existing bookmark.

#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "docx/docx_package_reader.h"

namespace ehcp::testing {

inline std::vector<std::string> CheckDocxStructure(const std::string& document_xml) {
  std::vector<std::string> problems;
  pugi::xml_document xml;
  auto parsed = xml.load_string(document_xml.c_str());
  if (!parsed) return {"document.xml does not parse: " + std::string(parsed.description())};

  int table_number = 0;
  for (const auto& t : xml.select_nodes("//w:tbl")) {
    ++table_number;
    pugi::xml_node table = t.node();
    pugi::xml_node first_row = table.child("w:tr");
    bool header_row = first_row.child("w:trPr").child("w:tblHeader") != nullptr;
    bool row_headers =
        std::string(table.child("w:tblPr").child("w:tblLook").attribute("w:firstColumn").value()) ==
        "1";
    if (!header_row && !row_headers)
      problems.push_back("table " + std::to_string(table_number) +
                         " has neither a header row nor row headers");
    for (pugi::xml_node row : table.children("w:tr")) {
      if (row.child("w:trPr").child("w:cantSplit") == nullptr)
        problems.push_back("table " + std::to_string(table_number) +
                           " has a row without cantSplit");
    }
    if (row_headers) {
      for (pugi::xml_node row : table.children("w:tr")) {
        if (row.child("w:trPr").child("w:tblHeader")) continue;
        std::string style = row.child("w:tc")
                                .child("w:p")
                                .child("w:pPr")
                                .child("w:pStyle")
                                .attribute("w:val")
                                .value();
        if (style != "TableRowHeading")
          problems.push_back("table " + std::to_string(table_number) +
                             " has a row whose first cell is not a row header");
      }
    }
  }

  int paragraph_number = 0;
  for (const auto& p : xml.select_nodes("//w:p")) {
    ++paragraph_number;
    pugi::xml_node paragraph = p.node();
    bool has_content = !WordText(paragraph).empty() || paragraph.select_node(".//w:drawing") ||
                       paragraph.select_node(".//w:br[@w:type='page']");
    if (has_content) continue;
    pugi::xml_node cell = paragraph.parent();
    bool only_paragraph_of_cell =
        std::string(cell.name()) == "w:tc" && cell.select_nodes("w:p").size() == 1;
    std::string style = paragraph.child("w:pPr").child("w:pStyle").attribute("w:val").value();
    bool table_separator = style == "TableSeparator" &&
                           std::string(paragraph.previous_sibling().name()) == "w:tbl" &&
                           std::string(paragraph.next_sibling().name()) == "w:tbl";
    if (!only_paragraph_of_cell && !table_separator)
      problems.push_back("paragraph " + std::to_string(paragraph_number) + " is empty");
  }

  std::set<std::string> bookmarks;
  for (const auto& b : xml.select_nodes("//w:bookmarkStart"))
    bookmarks.insert(b.node().attribute("w:name").value());
  for (const auto& h : xml.select_nodes("//w:hyperlink[@w:anchor]")) {
    std::string anchor = h.node().attribute("w:anchor").value();
    if (bookmarks.count(anchor) == 0)
      problems.push_back("link to missing bookmark '" + anchor + "'");
  }
  return problems;
}

}  // namespace ehcp::testing
