#include "html/html_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <variant>
#include <vector>

#include "document/text_direction.h"
#include "html/html_text.h"
#include "image/image_file.h"
#include "output/atomic_output.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using html::Escape;

// True when `path` is `root` or lies below it (both already canonical).
bool IsInside(const fs::path& path, const fs::path& root) {
  auto [root_end, unused] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  (void)unused;
  return root_end == root.end();
}

class PageWriter {
 public:
  PageWriter(const doc::Document& document, const HtmlOptions& options, DiagnosticList& diagnostics)
      : document_(document), options_(options), diagnostics_(diagnostics) {
    for (const auto& block : document.blocks) {
      if (const auto* h = std::get_if<doc::Heading>(&block)) headings_.push_back(h);
    }
  }

  std::string Body() {
    std::string out;
    for (const auto& block : document_.blocks)
      std::visit([&](const auto& b) { Write(b, out); }, block);
    return out;
  }

  std::string Banner() const {
    std::string out;
    if (!document_.running_header.empty())
      out += "<p class=\"running-header\">" + Escape(document_.running_header) + "</p>\n";
    if (document_.watermark)
      out += "<p class=\"watermark\">" + Escape(*document_.watermark) + "</p>\n";
    return out;
  }

  std::string Footer() const {
    return document_.footer_left.empty() ? std::string()
                                         : "<p>" + Escape(document_.footer_left) + "</p>\n";
  }

 private:
  // The id a heading is written with and linked to: its anchor, or its place.
  std::string HeadingId(const doc::Heading& heading) const {
    std::string id = html::SafeId(heading.anchor);
    if (!id.empty()) return id;
    auto at = std::find(headings_.begin(), headings_.end(), &heading);
    return "heading-" + std::to_string(at - headings_.begin() + 1);
  }

  // Headings start at h2: the cover's title is the page's one h1.
  static int HtmlLevel(int level) { return std::clamp(level, 1, 3) + 1; }

  void Write(const doc::Heading& h, std::string& out) {
    std::string tag = "h" + std::to_string(HtmlLevel(h.level));
    out += "<" + tag + " id=\"" + HeadingId(h) + "\"" + DirAttribute(h.text) + ">" +
           Escape(h.text) + "</" + tag + ">\n";
  }

  // dir="rtl" on a block that reads right to left (the rule both other writers use).
  static std::string DirAttribute(const std::vector<doc::Span>& spans) {
    return ReadsRightToLeft(spans) ? " dir=\"rtl\"" : "";
  }
  static std::string DirAttribute(const std::string& text) {
    return ReadsRightToLeft(text) ? " dir=\"rtl\"" : "";
  }

  // A run: its language and direction, emphasis, and link.
  static std::string Spans(const std::vector<doc::Span>& spans, bool block_rtl) {
    std::string out;
    for (const auto& span : spans) {
      std::string text = Escape(span.text);
      if (text.empty()) continue;
      if (span.bold) text = "<strong>" + text + "</strong>";
      if (span.italic) text = "<em>" + text + "</em>";
      if (std::string href = html::SafeHref(span.link); !href.empty())
        text = "<a href=\"" + href + "\">" + text + "</a>";
      std::string lang = html::SafeLang(span.lang);
      bool rtl = ContainsRightToLeftText(span.text);
      if (!lang.empty()) {
        std::string dir =
            IsRightToLeftLanguage(lang) || rtl ? (block_rtl ? "" : " dir=\"rtl\"") : "";
        text = "<span lang=\"" + lang + "\"" + dir + ">" + text + "</span>";
      } else if (rtl && !block_rtl) {
        // A name in Arabic script inside English: isolated, so it neither turns the
        // sentence round nor is turned round by it.
        text = "<bdi>" + text + "</bdi>";
      }
      out += text;
    }
    return out;
  }

  static const char* StyleClass(doc::ParagraphStyle style) {
    switch (style) {
      case doc::ParagraphStyle::kBody: return "";
      case doc::ParagraphStyle::kTitle: return "title";
      case doc::ParagraphStyle::kSubtitle: return "subtitle";
      case doc::ParagraphStyle::kLead: return "lead";
      case doc::ParagraphStyle::kNote: return "note";
      case doc::ParagraphStyle::kQuote: return "quote";
    }
    return "";
  }

  // A paragraph as <p> (the title as the page's h1, the child's words as a blockquote).
  static std::string ParagraphHtml(const doc::Paragraph& p, bool first_title) {
    bool rtl = ReadsRightToLeft(p.spans);
    std::string attributes;
    if (std::string id = html::SafeId(p.anchor); !id.empty()) attributes += " id=\"" + id + "\"";
    std::string classes = StyleClass(p.style);
    if (p.keep_with_next) classes += classes.empty() ? "keep" : " keep";
    if (!classes.empty()) attributes += " class=\"" + classes + "\"";
    if (rtl) attributes += " dir=\"rtl\"";
    std::string content = Spans(p.spans, rtl);
    if (p.style == doc::ParagraphStyle::kTitle && first_title)
      return "<h1" + attributes + ">" + content + "</h1>";
    if (p.style == doc::ParagraphStyle::kQuote)
      return "<blockquote" + attributes + "><p>" + content + "</p></blockquote>";
    return "<p" + attributes + ">" + content + "</p>";
  }

  void Write(const doc::Paragraph& p, std::string& out) {
    bool first_title = p.style == doc::ParagraphStyle::kTitle && !title_written_;
    if (first_title) title_written_ = true;
    out += ParagraphHtml(p, first_title) + "\n";
  }

  void Write(const doc::ListBlock& list, std::string& out) {
    const char* tag = list.numbered ? "ol" : "ul";
    out += std::string("<") + tag + ">\n";
    for (const auto& item : list.items) {
      std::string attributes;
      if (std::string id = html::SafeId(item.anchor); !id.empty())
        attributes += " id=\"" + id + "\"";
      bool rtl = ReadsRightToLeft(item.spans);
      if (rtl) attributes += " dir=\"rtl\"";
      out += "<li" + attributes + ">" + Spans(item.spans, rtl) + "</li>\n";
    }
    out += std::string("</") + tag + ">\n";
  }

  void Write(const doc::Table& table, std::string& out) {
    int number = ++tables_;
    std::string summary_id = "table-" + std::to_string(number) + "-summary";
    // On a phone the rows stack (templates' CSS): each cell says which column it is in.
    out += "<table";
    if (!table.description.empty()) out += " aria-describedby=\"" + summary_id + "\"";
    out += ">\n";
    if (!table.caption.empty()) out += "<caption>" + Escape(table.caption) + "</caption>\n";
    size_t columns = table.header.size();
    for (const auto& row : table.rows) columns = std::max(columns, row.size());
    if (!table.column_widths.empty() && table.column_widths.size() == columns) {
      double total = 0;
      for (double w : table.column_widths) total += std::max(0.0, w);
      if (total > 0) {
        out += "<colgroup>";
        for (double w : table.column_widths) {
          out += "<col style=\"width:" +
                 std::to_string(static_cast<int>(std::lround(std::max(0.0, w) / total * 100))) +
                 "%\">";
        }
        out += "</colgroup>\n";
      }
    }
    if (!table.header.empty()) {
      out += "<thead><tr>";
      for (const auto& h : table.header) out += "<th scope=\"col\">" + Escape(h) + "</th>";
      out += "</tr></thead>\n";
    }
    out += "<tbody>\n";
    for (const auto& row : table.rows) {
      out += "<tr>";
      for (size_t c = 0; c < row.size(); ++c) {
        bool heads_row = table.row_headers && c == 0;
        std::string tag = heads_row ? "th" : "td";
        std::string attributes = heads_row ? " scope=\"row\"" : "";
        if (!heads_row && c < table.header.size() && !table.header[c].empty())
          attributes += " data-label=\"" + Escape(table.header[c]) + "\"";
        out += "<" + tag + attributes + ">";
        for (const auto& p : row[c].paragraphs) out += ParagraphHtml(p, false);
        out += "</" + tag + ">";
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (!table.description.empty())
      out += "<p id=\"" + summary_id + "\" class=\"table-summary\">" + Escape(table.description) +
             "</p>\n";
  }

  void Write(const doc::Figure& figure, std::string& out) {
    std::error_code ec;
    fs::path root =
        options_.asset_root.empty() ? fs::path() : fs::canonical(options_.asset_root, ec);
    fs::path requested(figure.image_path);
    fs::path resolved =
        root.empty() ? fs::path()
                     : fs::canonical(requested.is_absolute() ? requested : root / requested, ec);
    if (root.empty() || ec || !IsInside(resolved, root)) {
      diagnostics_.Error(
          "html.image",
          "image '" + figure.image_path + "' is not a file inside the template folder",
          FileLocation(figure.image_path));
      return;
    }
    image::ImageResult decoded = image::ReadImageFile(resolved);
    if (!decoded.Ok()) {
      diagnostics_.Error("html.image",
                         "image '" + figure.image_path + "' cannot be used: " + decoded.message,
                         FileLocation(figure.image_path));
      return;
    }
    const char* type =
        decoded.image.format == image::ImageFormat::kPng ? "image/png" : "image/jpeg";
    std::string size;
    if (figure.width_pt > 0 && decoded.image.width > 0) {
      // CSS pixels are 0.75 pt.
      double width = figure.width_pt * 4 / 3;
      double height = width * decoded.image.height / decoded.image.width;
      size = " width=\"" + std::to_string(std::lround(width)) + "\" height=\"" +
             std::to_string(std::lround(height)) + "\"";
    }
    out += "<p class=\"figure\"><img src=\"data:" + std::string(type) + ";base64," +
           html::Base64(decoded.bytes) + "\" alt=\"" + Escape(figure.alt) + "\"" + size + "></p>\n";
  }

  // The contents as nested lists of links, one level per heading level.
  void Write(const doc::TableOfContents& toc, std::string& out) {
    out +=
        "<nav class=\"contents\" aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">" +
        Escape(toc.title) + "</h2>\n";
    std::vector<int> open;  // levels of the open lists; each but a just-opened one has an open <li>
    for (const doc::Heading* h : headings_) {
      if (!h->in_contents) continue;
      int level = std::clamp(h->level, 1, 3);
      if (open.empty() || level > open.back()) {
        out += "<ol>";
        open.push_back(level);
      } else {
        out += "</li>\n";
        while (open.size() > 1 && level < open.back()) {
          out += "</ol></li>\n";
          open.pop_back();
        }
      }
      out += "<li><a href=\"#" + HeadingId(*h) + "\">" + Escape(h->text) + "</a>";
    }
    if (!open.empty()) out += "</li>";
    while (!open.empty()) {
      out += "</ol>";
      open.pop_back();
      if (!open.empty()) out += "</li>";
    }
    out += "\n</nav>\n";
  }

  void Write(const doc::PageBreak&, std::string& out) {
    out += "<div class=\"page-break\"></div>\n";
  }

  const doc::Document& document_;
  const HtmlOptions& options_;
  DiagnosticList& diagnostics_;
  std::vector<const doc::Heading*> headings_;
  int tables_ = 0;
  bool title_written_ = false;
};

std::string CssColour(const doc::Colour& c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02X%02X%02X", c.r, c.g, c.b);
  return text;
}

// A size as CSS wants it: at most three decimals, no trailing zeros ("1.167", "1.5").
std::string CssNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

// The template's "layout" as far as it applies to a web page, as a <style> after the page
// template's own: colours as the template's CSS variables; the font by its family, with a
// generic fallback; type sizes relative (the body in rem of the reader's own size, where
// 12 pt is 1rem, headings in em of the body), so a reader who enlarges text still can;
// line spacing; and, in print only, the page size and margins. Only what the template sets
// is written (the PDF and DOCX defaults are not the page's), so a template with no layout
// gives no <style> at all.
std::string LayoutStyle(const doc::LayoutSpec& layout) {
  const doc::LayoutSpec defaults;
  std::string root, body, headings, print;
  auto variable = [&](const char* name, const std::optional<doc::Colour>& c) {
    if (c) root += std::string(" --") + name + ": " + CssColour(*c) + ";";
  };
  variable("ink", layout.text_colour);
  variable("link", layout.link_colour);
  variable("rule", layout.rule_colour);
  variable("shade", layout.table_header_colour);
  // The loader lets a family hold only letters, digits, spaces and hyphens, so it is safe
  // inside quotes.
  if (layout.font_family != defaults.font_family)
    body += " font-family: \"" + layout.font_family + "\", sans-serif;";
  if (layout.body_size != defaults.body_size)
    body += " font-size: " + CssNumber(layout.body_size / 12) + "rem;";
  if (layout.line_spacing) body += " line-height: " + CssNumber(*layout.line_spacing) + ";";
  if (layout.heading_colour)
    headings += "h1, h2, h3, h4 { color: " + CssColour(*layout.heading_colour) + "; }\n";
  if (layout.title_size != defaults.title_size)
    headings += "h1 { font-size: " + CssNumber(layout.title_size / layout.body_size) + "em; }\n";
  for (int level = 1; level <= 3; ++level)
    if (layout.heading_size[level - 1])
      headings += "h" + std::to_string(level + 1) +
                  " { font-size: " + CssNumber(*layout.heading_size[level - 1] / layout.body_size) +
                  "em; }\n";
  if (layout.table_size != defaults.table_size)
    headings +=
        "th, td { font-size: " + CssNumber(layout.table_size / layout.body_size) + "em; }\n";
  if (layout.body_size != defaults.body_size)
    print += "  body { font-size: " + CssNumber(layout.body_size) + "pt; }\n";
  if (layout.margins || layout.page_width != defaults.page_width ||
      layout.page_height != defaults.page_height) {
    print += "  @page { size: " + CssNumber(layout.page_width) + "pt " +
             CssNumber(layout.page_height) + "pt;";
    if (const auto& m = layout.margins)
      print += " margin: " + CssNumber(m->top) + "pt " + CssNumber(m->right) + "pt " +
               CssNumber(m->bottom) + "pt " + CssNumber(m->left) + "pt;";
    print += " }\n";
  }
  std::string css;
  if (!root.empty()) css += ":root {" + root + " }\n";
  if (!body.empty()) css += "body {" + body + " }\n";
  css += headings;
  if (!print.empty()) css += "@media print {\n" + print + "}\n";
  return css.empty() ? std::string()
                     : "<style>\n/* template.json \"layout\" */\n" + css + "</style>\n";
}

}  // namespace

bool RenderHtml(const doc::Document& document, const HtmlOptions& options, std::string& bytes,
                DiagnosticList& caller_diagnostics) {
  DiagnosticList diagnostics;
  struct AppendOnExit {
    DiagnosticList& from;
    DiagnosticList& to;
    ~AppendOnExit() { to.Append(from); }
  } append{diagnostics, caller_diagnostics};
  SourceLocation where =
      FileLocation(options.page_template_file.empty() ? "plan.html" : options.page_template_file);
  const std::string& page = options.page_template;
  if (page.find("{{body}}") == std::string::npos) {
    diagnostics.Error("html.template",
                      "the HTML page template has no {{body}}: nowhere to put the plan", where);
    return false;
  }
  PageWriter writer(document, options, diagnostics);
  std::string lang = html::SafeLang(document.lang);
  if (lang.empty()) lang = "en-GB";
  const std::pair<std::string, std::string> slots[] = {
      {"lang", lang},
      {"dir", IsRightToLeftLanguage(lang) ? "rtl" : "ltr"},
      {"title", Escape(document.title)},
      {"description", Escape(document.subject)},
      {"author", Escape(document.author)},
      {"keywords", Escape(document.keywords)},
      {"banner", writer.Banner()},
      {"body", writer.Body()},
      {"footer", writer.Footer()},
      {"layout", LayoutStyle(document.layout)},
  };
  std::string out;
  out.reserve(page.size() + 256 * 1024);
  for (size_t at = 0; at < page.size();) {
    size_t open = page.find("{{", at);
    if (open == std::string::npos) {
      out.append(page, at, std::string::npos);
      break;
    }
    out.append(page, at, open - at);
    size_t close = page.find("}}", open + 2);
    std::string name =
        close == std::string::npos ? std::string() : page.substr(open + 2, close - open - 2);
    auto slot = std::find_if(std::begin(slots), std::end(slots),
                             [&](const auto& s) { return s.first == name; });
    if (slot == std::end(slots)) {
      diagnostics.Error(
          "html.template",
          "the HTML page template has \"{{" + name.substr(0, 40) +
              "}}\"; it may use {{lang}}, {{dir}}, {{title}}, {{description}}, {{author}}, "
              "{{keywords}}, {{layout}}, {{banner}}, {{body}} and {{footer}}",
          where);
      return false;
    }
    out += slot->second;
    at = close + 2;
  }
  if (diagnostics.HasErrors()) return false;
  bytes = std::move(out);
  return true;
}

bool WriteHtml(const doc::Document& document, const HtmlOptions& options, const std::string& path,
               DiagnosticList& diagnostics) {
  std::string bytes;
  DiagnosticList local;
  bool ok = RenderHtml(document, options, bytes, local) &&
            WriteFileAtomically(path, bytes, local, Durability::kReproducible);
  diagnostics.Append(local);
  return ok;
}

}  // namespace ehcp
