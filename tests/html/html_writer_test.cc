// The HTML writer: escaping that no text of a plan can get through, the page's
// accessibility structure (landmarks, headings, table headers with scope, lang and dir),
// embedded images only from the template folder, and the page template's slots.

#include "html/html_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "html/html_text.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

const fs::path kTemplates = fs::path(EHCP_SOURCE_DIR) / "templates";

HtmlOptions Options() {
  HtmlOptions options;
  options.page_template = testing::ReadFileText(kTemplates / "default/plan.html");
  options.page_template_file = (kTemplates / "default/plan.html").string();
  options.asset_root = kTemplates / "exampleshire";
  return options;
}

std::string Render(const doc::Document& document, HtmlOptions options = Options()) {
  DiagnosticList diagnostics;
  std::string bytes;
  EXPECT_TRUE(RenderHtml(document, options, bytes, diagnostics));
  for (const auto& d : diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  return bytes;
}

doc::Paragraph Para(std::vector<doc::Span> spans,
                    doc::ParagraphStyle style = doc::ParagraphStyle::kBody) {
  doc::Paragraph p;
  p.spans = std::move(spans);
  p.style = style;
  return p;
}

doc::Span Text(std::string text, std::string lang = {}) {
  doc::Span span;
  span.text = std::move(text);
  span.lang = std::move(lang);
  return span;
}

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Reads every tag of the page the way a browser's tokenizer would at its simplest: a
// "<" is always markup (text never holds one), each tag is an allowed element with
// allowed attributes, each value is double-quoted. Returns a problem, or empty.
std::string CheckMarkup(const std::string& page) {
  static const std::set<std::string> kElements{
      "!DOCTYPE", "html",   "head",  "meta",       "title", "style", "body", "a",     "header",
      "main",     "footer", "nav",   "h1",         "h2",    "h3",    "h4",   "p",     "strong",
      "em",       "span",   "bdi",   "blockquote", "ul",    "ol",    "li",   "table", "caption",
      "colgroup", "col",    "thead", "tbody",      "tr",    "th",    "td",   "img",   "div"};
  static const std::set<std::string> kAttributes{
      "lang", "dir", "charset", "name",       "content",          "http-equiv",      "class",
      "href", "id",  "scope",   "data-label", "aria-describedby", "aria-labelledby", "style",
      "src",  "alt", "width",   "height"};
  size_t at = 0;
  // The style sheet's text is the template's own, not the plan's.
  size_t style_open = page.find("<style>"), style_close = page.find("</style>");
  while ((at = page.find('<', at)) != std::string::npos) {
    if (at > style_open && at < style_close) {
      at = style_close;
      continue;
    }
    if (page.compare(at, 4, "<!--") == 0) {
      at = page.find("-->", at);
      if (at == std::string::npos) return "unclosed comment";
      continue;
    }
    size_t i = at + 1;
    if (i < page.size() && page[i] == '/') ++i;
    size_t name_end = page.find_first_of(" >", i);
    std::string name = page.substr(i, name_end - i);
    if (!kElements.count(name)) return "element <" + name + "> at " + std::to_string(at);
    i = name_end;
    while (i < page.size() && page[i] != '>') {
      if (page[i] == ' ') {
        ++i;
        continue;
      }
      size_t eq = page.find_first_of("= >", i);
      std::string attribute = page.substr(i, eq - i);
      if (name == "!DOCTYPE" && attribute == "html") {
        i = eq;
        continue;
      }
      if (!kAttributes.count(attribute)) return "attribute " + attribute + " on <" + name + ">";
      if (eq >= page.size() || page[eq] != '=' || page[eq + 1] != '"')
        return "unquoted " + attribute;
      size_t close = page.find('"', eq + 2);
      if (close == std::string::npos) return "unclosed " + attribute;
      std::string value = page.substr(eq + 2, close - eq - 2);
      if (value.find('<') != std::string::npos || value.find('>') != std::string::npos)
        return attribute + " holds < or >";
      if ((attribute == "href" || attribute == "src") && value.rfind("#", 0) != 0 &&
          value.rfind("https://", 0) != 0 && value.rfind("data:image/", 0) != 0)
        return attribute + "=\"" + value + "\"";
      i = close + 1;
    }
    at = i;
  }
  return {};
}

TEST(HtmlText, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html::Escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(html::Escape("a & \"b\""), "a &amp; &quot;b&quot;");
  EXPECT_EQ(html::Escape("&amp;"), "&amp;amp;");
}

TEST(HtmlText, DropsControlsBidiOverridesAndNoncharacters) {
  // U+202E (right-to-left override), U+2066 (isolate), NUL, ESC, DEL, U+0085, U+FFFF.
  EXPECT_EQ(html::Escape("Maya\xE2\x80\xAE"
                         "evil\xE2\x81\xA6"
                         "x\x01\x1B\x7F\xC2\x85\xEF\xBF\xBF"),
            "Mayaevilx");
  EXPECT_EQ(html::Escape(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(html::Escape("line\nnext\ttab"), "line\nnext\ttab");
  // Right-to-left and left-to-right marks are ordinary characters and stay.
  EXPECT_EQ(html::Escape("\xE2\x80\x8F"), "\xE2\x80\x8F");
}

TEST(HtmlText, ReplacesBytesThatAreNotUtf8) {
  EXPECT_EQ(html::Escape("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(html::Escape("\xC0\xBC"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // an overlong "<"
  EXPECT_EQ(html::Escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(html::Escape("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
  EXPECT_EQ(html::Escape("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"),
            "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85");  // سلام
}

TEST(HtmlText, LinksOnlyToThePageOrTheWeb) {
  EXPECT_EQ(html::SafeHref("#need-b1"), "#need-b1");
  EXPECT_EQ(html::SafeHref("#\"><script>"), "#---script-");
  EXPECT_EQ(html::SafeHref("https://example.org/a?b=1&c=2"), "https://example.org/a?b=1&amp;c=2");
  EXPECT_EQ(html::SafeHref("mailto:send.team@exampleshire.example"),
            "mailto:send.team@exampleshire.example");
  EXPECT_EQ(html::SafeHref("javascript:alert(1)"), "");
  EXPECT_EQ(html::SafeHref("JaVaScRiPt:alert(1)"), "");
  EXPECT_EQ(html::SafeHref("data:text/html,<b>"), "");
  EXPECT_EQ(html::SafeHref("https://x.example/\" onmouseover=\"x"), "");
  EXPECT_EQ(html::SafeLang("ar"), "ar");
  EXPECT_EQ(html::SafeLang("en\" onclick=\"x"), "");
  EXPECT_EQ(html::SafeId("need B1\"<"), "need-B1--");
}

TEST(HtmlText, Base64) {
  EXPECT_EQ(html::Base64(""), "");
  EXPECT_EQ(html::Base64("f"), "Zg==");
  EXPECT_EQ(html::Base64("fo"), "Zm8=");
  EXPECT_EQ(html::Base64("foo"), "Zm9v");
  EXPECT_EQ(html::Base64(std::string("\xFF\x00\x10", 3)), "/wAQ");
}

// Every text and attribute of a document filled with hostile strings, many times over:
// the page's markup is only ever the writer's own.
TEST(HtmlWriter, HostileTextNeverBecomesMarkup) {
  const std::vector<std::string> pieces{"<script>alert(1)</script>",
                                        "\"",
                                        "'",
                                        "<",
                                        ">",
                                        "&",
                                        "&lt;",
                                        "\" onload=\"x",
                                        "' onerror='x",
                                        "javascript:alert(1)",
                                        "<img src=x onerror=alert(1)>",
                                        "</table>",
                                        "<!--",
                                        "-->",
                                        "{{body}}",
                                        "{{title}}",
                                        "\xE2\x80\xAE",
                                        "\xE2\x81\xA7",
                                        "\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85",
                                        "\xFF",
                                        "\xC0\xBC",
                                        std::string(1, '\0'),
                                        "\x1B[31m",
                                        " ",
                                        "Maya",
                                        "\n",
                                        "<style>",
                                        "</style>",
                                        "]]>",
                                        "<svg/onload=alert(1)>"};
  std::mt19937 random(20261207);
  auto hostile = [&] {
    std::string text;
    for (int n = 1 + static_cast<int>(random() % 6); n > 0; --n)
      text += pieces[random() % pieces.size()];
    return text;
  };
  for (int round = 0; round < 200; ++round) {
    doc::Document d;
    d.title = hostile();
    d.subject = hostile();
    d.author = hostile();
    d.keywords = hostile();
    d.lang = hostile();
    d.running_header = hostile();
    d.footer_left = hostile();
    d.watermark = hostile();
    doc::Span link = Text(hostile(), hostile());
    link.link = round % 2 ? "#" + hostile() : hostile();
    link.bold = true;
    doc::Paragraph p = Para({Text(hostile()), link, Text(hostile(), "ar")});
    p.anchor = hostile();
    d.blocks.push_back(Para({Text(hostile())}, doc::ParagraphStyle::kTitle));
    d.blocks.push_back(doc::Heading{1, hostile(), hostile(), true, {}});
    d.blocks.push_back(p);
    d.blocks.push_back(Para({Text(hostile())}, doc::ParagraphStyle::kQuote));
    d.blocks.push_back(doc::ListBlock{false, {Para({Text(hostile())})}});
    doc::Table t;
    t.caption = hostile();
    t.description = hostile();
    t.header = {hostile(), hostile()};
    t.row_headers = true;
    t.rows = {{doc::TableCell{{Para({Text(hostile())})}},
               doc::TableCell{{Para({Text(hostile(), hostile())})}}}};
    d.blocks.push_back(t);
    d.blocks.push_back(doc::TableOfContents{hostile()});
    std::string page = Render(d);
    ASSERT_EQ(CheckMarkup(page), "") << page;
    EXPECT_FALSE(Has(page, "<script")) << page;
    EXPECT_FALSE(Has(page, "\xE2\x80\xAE")) << "a bidi override reached the page";
    EXPECT_FALSE(Has(page, std::string(1, '\0')));
  }
}

doc::Document Sample() {
  doc::Document d;
  d.title = "Education, Health and Care plan: Maya Example";
  d.lang = "en-GB";
  d.running_header = "Maya Example – Draft EHC plan";
  d.footer_left = "Exampleshire County Council";
  d.watermark = "DRAFT";
  d.blocks.push_back(Para({Text("Education, Health and Care plan")}, doc::ParagraphStyle::kTitle));
  d.blocks.push_back(doc::TableOfContents{"Contents"});
  d.blocks.push_back(doc::PageBreak{});
  d.blocks.push_back(doc::Heading{1, "Section A: Views", "section-a", true, {}});
  d.blocks.push_back(doc::Heading{2, "Interests", "section-a-interests", true, {}});
  d.blocks.push_back(doc::Heading{3, "Not listed", "hidden", false, {}});
  d.blocks.push_back(doc::Heading{1, "Section B: Needs", "section-b", true, {}});
  // A parent's words in Arabic, and an Arabic name inside an English sentence.
  d.blocks.push_back(
      Para({Text("\xD8\xAA\xD8\xAD\xD8\xA8 \xD9\x85\xD8\xB1\xD9\x8A\xD9\x85 Minecraft", "ar")}));
  d.blocks.push_back(
      Para({Text("Maya's stepmother "), Text("\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85"), Text(" said")}));
  d.blocks.push_back(Para({Text("Dzień dobry", "pl")}, doc::ParagraphStyle::kQuote));
  doc::Table t;
  t.caption = "Section F: Special educational provision";
  t.description = "One row for each item of provision.";
  t.header = {"Provision", "How often"};
  t.column_widths = {3, 1};
  t.rows = {{doc::TableCell{{Para({Text("Speech and language therapy")})}},
             doc::TableCell{{Para({Text("Weekly")})}}}};
  d.blocks.push_back(t);
  doc::Table kv;
  kv.caption = "Maya's details";
  kv.row_headers = true;
  kv.rows = {{doc::TableCell{{Para({Text("Date of birth")})}},
              doc::TableCell{{Para({Text("1 May 2014")})}}}};
  d.blocks.push_back(kv);
  return d;
}

TEST(HtmlWriter, LandmarksHeadingsAndContents) {
  std::string page = Render(Sample());
  EXPECT_TRUE(Has(page, "<html lang=\"en-GB\" dir=\"ltr\">"));
  EXPECT_TRUE(Has(page, "<title>Education, Health and Care plan: Maya Example</title>"));
  EXPECT_TRUE(Has(page, "<header class=\"banner\">"));
  EXPECT_TRUE(Has(page, "<main id=\"main\">"));
  EXPECT_TRUE(Has(page, "<footer>\n<p>Exampleshire County Council</p>"));
  EXPECT_TRUE(Has(page, "<p class=\"watermark\">DRAFT</p>"));
  EXPECT_TRUE(Has(page, "<h1 class=\"title\">Education, Health and Care plan</h1>"));
  EXPECT_TRUE(Has(page, "<h2 id=\"section-a\">Section A: Views</h2>"));
  EXPECT_TRUE(Has(page, "<h3 id=\"section-a-interests\">Interests</h3>"));
  EXPECT_TRUE(Has(page, "<h4 id=\"hidden\">Not listed</h4>"));
  // Contents: nested lists of links, the unlisted heading left out.
  EXPECT_TRUE(Has(
      page,
      "<nav class=\"contents\" aria-labelledby=\"contents-title\">\n<h2 "
      "id=\"contents-title\">Contents</h2>\n"
      "<ol><li><a href=\"#section-a\">Section A: Views</a><ol><li><a href=\"#section-a-interests\">"
      "Interests</a></li>\n</ol></li>\n<li><a href=\"#section-b\">Section B: "
      "Needs</a></li></ol>\n</nav>"))
      << page;
  EXPECT_FALSE(Has(page, "href=\"#hidden\""));
  EXPECT_TRUE(Has(page, "<div class=\"page-break\"></div>"));
  EXPECT_FALSE(Has(page, "<script"));
}

TEST(HtmlWriter, TablesHaveCaptionsHeadersWithScopeAndColumnLabels) {
  std::string page = Render(Sample());
  EXPECT_TRUE(Has(page,
                  "<table aria-describedby=\"table-1-summary\">\n<caption>Section F: Special "
                  "educational provision</caption>"));
  EXPECT_TRUE(Has(page, "<colgroup><col style=\"width:75%\"><col style=\"width:25%\"></colgroup>"));
  EXPECT_TRUE(Has(
      page,
      "<thead><tr><th scope=\"col\">Provision</th><th scope=\"col\">How often</th></tr></thead>"));
  EXPECT_TRUE(Has(page, "<td data-label=\"How often\"><p>Weekly</p></td>")) << page;
  EXPECT_TRUE(Has(
      page,
      "<p id=\"table-1-summary\" class=\"table-summary\">One row for each item of provision.</p>"));
  EXPECT_TRUE(
      Has(page, "<tr><th scope=\"row\"><p>Date of birth</p></th><td><p>1 May 2014</p></td></tr>"));
}

TEST(HtmlWriter, LanguageAndDirectionOfRuns) {
  std::string page = Render(Sample());
  // The Arabic paragraph reads right to left as a whole, tagged with its language.
  EXPECT_TRUE(Has(page, "<p dir=\"rtl\"><span lang=\"ar\">\xD8\xAA\xD8\xAD\xD8\xA8")) << page;
  // An untagged Arabic name in English is isolated, and the sentence stays left to right.
  EXPECT_TRUE(
      Has(page, "<p>Maya&#39;s stepmother <bdi>\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85</bdi> said</p>"))
      << page;
  EXPECT_TRUE(
      Has(page,
          "<blockquote class=\"quote\"><p><span lang=\"pl\">Dzień dobry</span></p></blockquote>"));
  doc::Document arabic = Sample();
  arabic.lang = "ar";
  EXPECT_TRUE(Has(Render(arabic), "<html lang=\"ar\" dir=\"rtl\">"));
}

TEST(HtmlWriter, SameDocumentSameBytes) {
  EXPECT_EQ(Render(Sample()), Render(Sample()));
}

TEST(HtmlWriter, LogoIsEmbeddedFromTheTemplateFolderOnly) {
  doc::Document d = Sample();
  d.blocks.insert(d.blocks.begin(),
                  doc::Figure{"logo.png", "Exampleshire County Council logo", 54});
  std::string page = Render(d);
  EXPECT_TRUE(Has(page, "<p class=\"figure\"><img src=\"data:image/png;base64,iVBORw0KGgo"))
      << page.substr(0, 4000);
  EXPECT_TRUE(Has(page, "alt=\"Exampleshire County Council logo\" width=\"72\""));

  doc::Document outside = Sample();
  outside.blocks.push_back(doc::Figure{"../default/template.json", "x", 0});
  DiagnosticList diagnostics;
  std::string bytes;
  EXPECT_FALSE(RenderHtml(outside, Options(), bytes, diagnostics));
  ASSERT_FALSE(diagnostics.Empty());
  EXPECT_EQ(diagnostics.Items()[0].code, "html.image");
  outside.blocks.back() = doc::Figure{"/etc/passwd", "x", 0};
  EXPECT_FALSE(RenderHtml(outside, Options(), bytes, diagnostics));
  EXPECT_TRUE(bytes.empty());
}

// The template's "layout" reaches the page as far as it applies to one: colours, the font
// by family, type sizes relative to the reader's own, line spacing, and the printed page.
TEST(HtmlWriter, TheTemplatesLayoutReachesThePage) {
  doc::Document plain = Sample();
  std::string page = Render(plain);
  EXPECT_EQ(page.find("template.json \"layout\""), std::string::npos) << "no layout, no style";
  EXPECT_NE(page.find("</style>\n</head>"), std::string::npos);

  doc::Document d = Sample();
  d.layout.text_colour = doc::Colour{0x10, 0x20, 0x30};
  d.layout.heading_colour = doc::Colour{0x00, 0x5E, 0x42};
  d.layout.link_colour = doc::Colour{0x1D, 0x4F, 0x91};
  d.layout.font_family = "Open Sans";
  d.layout.body_size = 14;
  d.layout.heading_size[0] = 21;
  d.layout.line_spacing = 1.6;
  d.layout.margins = doc::Margins{72, 54, 72, 54};
  page = Render(d);
  size_t style = page.find("<style>\n/* template.json \"layout\" */\n");
  ASSERT_NE(style, std::string::npos) << page.substr(0, 4000);
  EXPECT_GT(style, page.find("</style>")) << "after the template's own styles, so it wins";
  EXPECT_LT(style, page.find("</head>"));
  std::string css = page.substr(style, page.find("</style>", style) - style);
  EXPECT_NE(css.find(":root { --ink: #102030; --link: #1D4F91; }"), std::string::npos) << css;
  EXPECT_NE(css.find("body { font-family: \"Open Sans\", sans-serif; font-size: 1.167rem; "
                     "line-height: 1.6; }"),
            std::string::npos)
      << css;
  EXPECT_NE(css.find("h1, h2, h3, h4 { color: #005E42; }"), std::string::npos) << css;
  EXPECT_NE(css.find("h2 { font-size: 1.5em; }"), std::string::npos) << css;  // 21 / 14
  EXPECT_EQ(css.find("h3 {"), std::string::npos) << "only what the template sets";
  EXPECT_NE(css.find("@media print {\n  body { font-size: 14pt; }\n  @page { size: 595.28pt "
                     "841.89pt; margin: 72pt 54pt 72pt 54pt; }\n}"),
            std::string::npos)
      << css;
  EXPECT_EQ(css.find("px"), std::string::npos) << "no fixed screen sizes";
}

TEST(HtmlWriter, PageTemplateNeedsABodyAndKnownSlotsOnly) {
  HtmlOptions options = Options();
  DiagnosticList diagnostics;
  std::string bytes;
  options.page_template = "<html><body></body></html>";
  EXPECT_FALSE(RenderHtml(Sample(), options, bytes, diagnostics));
  ASSERT_EQ(diagnostics.Items().size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "html.template");
  EXPECT_NE(diagnostics.Items()[0].message.find("{{body}}"), std::string::npos);

  DiagnosticList unknown;
  options.page_template = "<html><body>{{body}}{{child.name}}</body></html>";
  EXPECT_FALSE(RenderHtml(Sample(), options, bytes, unknown));
  ASSERT_EQ(unknown.Items().size(), 1u);
  EXPECT_NE(unknown.Items()[0].message.find("{{child.name}}"), std::string::npos);

  // A slot's value is inserted once: a plan whose text holds "{{body}}" stays text.
  DiagnosticList fine;
  options.page_template = "<html lang=\"{{lang}}\"><body>{{body}}</body></html>";
  doc::Document d;
  d.blocks.push_back(Para({Text("{{body}} {{title}}")}));
  ASSERT_TRUE(RenderHtml(d, options, bytes, fine));
  EXPECT_EQ(bytes, "<html lang=\"en-GB\"><body><p>{{body}} {{title}}</p>\n</body></html>");
}

}  // namespace
}  // namespace ehcp
