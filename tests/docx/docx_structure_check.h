#pragma once

// The structural rules every DOCX from ehcp keeps, checked on document.xml itself
// (clients cannot all see them: pandoc treats any first row as a header, for example):
//  * every table has marked headers: its first row repeats as a header (w:tblHeader), or
//    it is a key/value table whose first column holds row headers;
//  * the header row has w:cantSplit; a body row has it when it is short (at most a third
//    of the page's text height by the writer's estimate, RowTwips below) and not when
//    it is tall, so a long provision splits across pages (rows within a tenth of the
//    limit may go either way: the estimate here sees the XML, the writer's the model);
//  * no paragraph is empty (spacing comes from styles), except the one paragraph an
//    empty table cell must hold and the separator Word needs between two tables;
//  * every internal link and contents entry points at an existing bookmark.

#include <algorithm>
#include <cmath>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <vector>

#include "docx/docx_package_reader.h"

namespace ehcp::testing {

// A third of A4's text height between 2 cm margins, in twips.
constexpr double kKeepRowWholeTwips = (16838 - 2 * 1134) / 3;

// A row's height as the writer estimates it: each cell paragraph's characters at 0.5 em
// of 12 pt (0.56 em bold) wrapped to the cell's width less its margins, 276 twips a line
// and 80 of spacing a paragraph, plus 114 of cell margins.
inline double RowTwips(pugi::xml_node row) {
  double tallest = 0;
  for (pugi::xml_node cell : row.children("w:tc")) {
    double usable =
        std::max(cell.child("w:tcPr").child("w:tcW").attribute("w:w").as_double() - 170, 1.0);
    double height = 0;
    for (pugi::xml_node paragraph : cell.children("w:p")) {
      double text = 0;
      bool any = false;
      for (const auto& r : paragraph.select_nodes(".//w:r[w:t]")) {
        bool bold = r.node().child("w:rPr").child("w:b") != nullptr;
        for (pugi::xml_node t : r.node().children("w:t")) {
          double characters = 0;
          for (const char* c = t.text().get(); *c != '\0'; ++c)
            characters += (static_cast<unsigned char>(*c) & 0xC0) != 0x80 ? 1 : 0;
          text += characters * (bold ? 0.56 : 0.5) * 240;
          any = any || characters > 0;
        }
      }
      if (!any) continue;
      height += std::max(1.0, std::ceil(text / usable)) * 276 + 80;
    }
    tallest = std::max(tallest, height);
  }
  return tallest + 114;
}

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
    int row_number = 0;
    for (pugi::xml_node row : table.children("w:tr")) {
      ++row_number;
      bool cant_split = row.child("w:trPr").child("w:cantSplit") != nullptr;
      std::string where =
          "table " + std::to_string(table_number) + " row " + std::to_string(row_number);
      if (row.child("w:trPr").child("w:tblHeader")) {
        if (!cant_split) problems.push_back(where + ": the header row may split");
        continue;
      }
      double height = RowTwips(row);
      if (!cant_split && height < 0.9 * kKeepRowWholeTwips)
        problems.push_back(where + ": a short row (" + std::to_string(height) +
                           " twips) may split");
      if (cant_split && height > 1.1 * kKeepRowWholeTwips)
        problems.push_back(where + ": a tall row (" + std::to_string(height) +
                           " twips) cannot split");
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
