#include "document/document_dump.h"

#include <filesystem>
#include <sstream>

namespace ehcp::doc {
namespace {

std::string_view StyleName(ParagraphStyle style) {
  switch (style) {
    case ParagraphStyle::kBody: return "body";
    case ParagraphStyle::kTitle: return "title";
    case ParagraphStyle::kSubtitle: return "subtitle";
    case ParagraphStyle::kLead: return "lead";
    case ParagraphStyle::kNote: return "note";
    case ParagraphStyle::kQuote: return "quote";
  }
  return "?";
}

// Spans inline: plain text as is; styled or linked runs in brackets so the dump shows
// everything a writer would render differently.
std::string SpansText(const std::vector<Span>& spans) {
  std::string out;
  for (const auto& span : spans) {
    std::string attrs;
    if (span.bold) attrs += " bold";
    if (span.italic) attrs += " italic";
    if (span.underline) attrs += " underline";
    if (span.strike) attrs += " strike";
    if (!span.lang.empty()) attrs += " lang=" + span.lang;
    if (!span.link.empty()) attrs += " link=" + span.link;
    if (attrs.empty()) {
      out += span.text;
    } else {
      out += "[" + attrs.substr(1) + ": " + span.text + "]";
    }
    if (!span.footnote.empty()) out += "[footnote: " + span.footnote + "]";
  }
  return out;
}

std::string ParagraphText(const Paragraph& p) {
  std::string prefix;
  if (p.style != ParagraphStyle::kBody) prefix += std::string(StyleName(p.style)) + " ";
  if (p.keep_with_next) prefix += "keep ";
  if (!p.anchor.empty()) prefix += "#" + p.anchor + " ";
  if (!prefix.empty()) prefix = "(" + prefix.substr(0, prefix.size() - 1) + ") ";
  return prefix + SpansText(p.spans);
}

struct Dumper {
  std::ostringstream out;

  void operator()(const Heading& h) {
    out << "H" << h.level << " #" << h.anchor << (h.in_contents ? "" : " (not in contents)") << ": "
        << h.text << "\n";
  }
  void operator()(const Paragraph& p) { out << "P " << ParagraphText(p) << "\n"; }
  void operator()(const ListBlock& list) {
    out << (list.numbered ? "LIST numbered" : "LIST") << "\n";
    for (const auto& item : list.items) out << "  - " << ParagraphText(item) << "\n";
  }
  void operator()(const Table& t) {
    out << "TABLE \"" << t.caption << "\"" << (t.row_headers ? " (row headers)" : "") << "\n";
    out << "  description: " << t.description << "\n";
    if (!t.column_widths.empty()) {
      out << "  widths:";
      for (double w : t.column_widths) out << " " << w;
      out << "\n";
    }
    if (!t.header.empty()) {
      out << "  header:";
      for (const auto& h : t.header) out << " | " << h;
      out << " |\n";
    }
    for (size_t r = 0; r < t.rows.size(); ++r) {
      out << "  row " << r + 1 << ":\n";
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        const auto& cell = t.rows[r][c];
        std::string label = c < t.header.size() ? t.header[c] : "col " + std::to_string(c + 1);
        if (cell.paragraphs.empty()) out << "    [" << label << "] (empty)\n";
        for (const auto& p : cell.paragraphs)
          out << "    [" << label << "] " << ParagraphText(p) << "\n";
      }
    }
  }
  void operator()(const Figure& f) {
    out << "FIGURE " << std::filesystem::path(f.image_path).filename().string();
    if (f.width_pt > 0) out << " width=" << f.width_pt << "pt";
    out << " alt=\"" << f.alt << "\"\n";
  }
  void operator()(const TableOfContents& toc) { out << "CONTENTS \"" << toc.title << "\"\n"; }
  void operator()(const PageBreak&) { out << "PAGE BREAK\n"; }
};

}  // namespace

std::string DumpDocument(const Document& document) {
  Dumper d;
  d.out << "title: " << document.title << "\n"
        << "subject: " << document.subject << "\n"
        << "author: " << document.author << "\n"
        << "lang: " << document.lang << "\n"
        << "keywords: " << document.keywords << "\n"
        << "running header: " << document.running_header << "\n"
        << "footer: " << document.footer_left << "\n"
        << (document.footer_reference.empty()
                ? ""
                : "footer reference: " + document.footer_reference + "\n")
        << "page label: " << document.page_label << "\n"
        << "watermark: " << document.watermark.value_or("(none)") << "\n"
        << "---\n";
  for (const auto& block : document.blocks) std::visit(d, block);
  return d.out.str();
}

}  // namespace ehcp::doc
