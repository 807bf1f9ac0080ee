#include "docx/docx_styles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "docx/xml_text.h"

namespace ehcp::docx {
namespace {

// Today's look where the template's layout gives none (sizes in points).
constexpr std::string_view kHeadingColour = "1F3864";
constexpr std::string_view kLinkColour = "0B4F9E";
constexpr std::string_view kRuleColour = "7F7F7F";
constexpr std::string_view kHeaderFillColour = "DCE6F2";

// The styles below are filled in by StylesXml: @NAME@ marks a value from the layout.
// Sizes are in half-points: body text is 12 pt (24) everywhere, so nothing a reader
// needs is smaller than the accessibility floor. Colours keep at least 7:1 contrast.
constexpr std::string_view kStylesBeforeLang =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="@FONT@" w:hAnsi="@FONT@" w:eastAsia="@FONT@" w:cs="@FONT@"/>@TEXT@)"
    R"(<w:sz w:val="@BODY@"/><w:szCs w:val="@BODY@"/>)";

// Headings: the built-in lower-case names make pandoc and Word's navigation pane see them;
// the outline levels make LibreOffice tag them H1..H3 in a PDF.
constexpr std::string_view kStylesAfterLang =
    R"(</w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="@LINE@" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>)"
    R"(<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>)"
    R"(<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>)"
    R"(<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)"
    R"(<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:uiPriority w:val="10"/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@HEADC@"/><w:sz w:val="@TITLE@"/><w:szCs w:val="@TITLE@"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/>)"
    R"(<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@HEADC@"/><w:sz w:val="@H1@"/><w:szCs w:val="@H1@"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@HEADC@"/><w:sz w:val="@H2@"/><w:szCs w:val="@H2@"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/>@H3COLOUR@<w:sz w:val="@H3@"/><w:szCs w:val="@H3@"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="Lead"><w:name w:val="Lead"/><w:basedOn w:val="Normal"/><w:qFormat/>)"
    R"(<w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="ExplanatoryNote"><w:name w:val="Explanatory Note"/><w:basedOn w:val="Normal"/><w:qFormat/>)"
    R"(<w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="Quotation"><w:name w:val="Quotation"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>)"
    R"(<w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="@HEADC@"/></w:pBdr><w:spacing w:before="120" w:after="160"/><w:ind w:left="567"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>)"
    R"(<w:pPr><w:spacing w:after="80"/><w:ind w:left="720"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@HEADC@"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>)"
    R"(<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>@TABLESIZE@</w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableHeading"><w:name w:val="Table Heading"/><w:basedOn w:val="TableText"/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableRowHeading"><w:name w:val="Table Row Heading"/><w:basedOn w:val="TableText"/><w:qFormat/>)"
    R"(<w:rPr><w:b/><w:bCs/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="Picture"><w:name w:val="Picture"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:after="240"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableSeparator"><w:name w:val="Table Separator"/><w:basedOn w:val="Normal"/>)"
    R"(<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:qFormat/>)"
    R"(<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="160"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="@HEADC@"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>)"
    R"(<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="@TOCTAB@"/></w:tabs><w:spacing w:after="80"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>)"
    R"(<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="@TOCTAB@"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="284"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="TOC3"><w:name w:val="toc 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>)"
    R"(<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="@TOCTAB@"/></w:tabs><w:spacing w:after="60"/><w:ind w:left="567"/></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>)"
    R"(<w:pPr><w:tabs><w:tab w:val="right" w:pos="@TEXTW@"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>)"
    R"(<w:pPr><w:tabs><w:tab w:val="right" w:pos="@TEXTW@"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr></w:style>)"
    R"(<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>)"
    R"(<w:rPr><w:color w:val="@LINKC@"/><w:u w:val="single"/></w:rPr></w:style>)"
    R"(<w:style w:type="table" w:customStyle="1" w:styleId="PlanTable"><w:name w:val="Plan Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>)"
    R"(<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/><w:left w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/>)"
    R"(<w:bottom w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/><w:right w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/>)"
    R"(<w:insideH w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="@RULEC@"/></w:tblBorders>)"
    R"(<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>)"
    R"(<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="@FILLC@"/></w:tcPr></w:tblStylePr>)"
    R"(<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr></w:style>)"
    R"(</w:styles>)";

}  // namespace

std::string HeadingStyleId(int level) {
  return "Heading" + std::to_string(std::clamp(level, 1, 3));
}

std::string TocStyleId(int level) {
  return "TOC" + std::to_string(std::clamp(level, 1, 3));
}

PageTwips PageTwipsOf(const doc::LayoutSpec& spec) {
  auto twips = [](double points) { return static_cast<int>(std::lround(points * 20)); };
  PageTwips page;
  page.width = twips(spec.page_width);
  page.height = twips(spec.page_height);
  if (spec.margins) {
    page.top = twips(spec.margins->top);
    page.right = twips(spec.margins->right);
    page.bottom = twips(spec.margins->bottom);
    page.left = twips(spec.margins->left);
  }
  return page;
}

std::string StylesXml(std::string_view lang, const doc::LayoutSpec& spec) {
  auto half_points = [](double points) { return std::to_string(std::lround(points * 2)); };
  auto hex = [](const std::optional<doc::Colour>& colour, std::string_view fallback) {
    if (!colour) return std::string(fallback);
    char out[7];
    std::snprintf(out, sizeof out, "%02X%02X%02X", colour->r, colour->g, colour->b);
    return std::string(out);
  };
  std::string heading = hex(spec.heading_colour, kHeadingColour);
  // Right tabs: the header's and footer's at the text's right edge, the contents' page
  // numbers just inside it.
  int text_width = PageTwipsOf(spec).TextWidth();
  // Values left out of the template keep today's DOCX look (see layout_spec.h).
  const std::pair<std::string_view, std::string> values[] = {
      {"@FONT@",
       [&] {
         std::string name;
         AppendXmlAttribute(name, spec.font_family);
         return name;
       }()},
      {"@TEXT@", spec.text_colour ? "<w:color w:val=\"" + hex(spec.text_colour, "") + "\"/>" : ""},
      {"@BODY@", half_points(spec.body_size)},
      {"@LINE@", std::to_string(std::lround(spec.line_spacing.value_or(kWordLineSpacing) * 240))},
      {"@TITLE@", half_points(spec.title_size)},
      {"@H1@", half_points(spec.HeadingSizeOr(1, kWordHeadingSizes[0]))},
      {"@H2@", half_points(spec.HeadingSizeOr(2, kWordHeadingSizes[1]))},
      {"@H3@", half_points(spec.HeadingSizeOr(3, kWordHeadingSizes[2]))},
      // Heading 3 is black unless the template gives a heading colour, as the PDF's is.
      {"@H3COLOUR@", spec.heading_colour ? "<w:color w:val=\"" + heading + "\"/>" : ""},
      {"@HEADC@", heading},
      {"@TABLESIZE@", spec.table_size == spec.body_size
                          ? std::string()
                          : "<w:rPr><w:sz w:val=\"" + half_points(spec.table_size) +
                                "\"/><w:szCs w:val=\"" + half_points(spec.table_size) +
                                "\"/></w:rPr>"},
      {"@LINKC@", hex(spec.link_colour, kLinkColour)},
      {"@RULEC@", hex(spec.rule_colour, kRuleColour)},
      {"@FILLC@", hex(spec.table_header_colour, kHeaderFillColour)},
      {"@TEXTW@", std::to_string(text_width)},
      {"@TOCTAB@", std::to_string(text_width - 10)},
  };
  std::string xml;
  xml.reserve(kStylesBeforeLang.size() + kStylesAfterLang.size() + 512);
  auto fill = [&](std::string_view text) {
    for (size_t at = 0; at < text.size();) {
      size_t mark = text.find('@', at);
      if (mark == std::string_view::npos) {
        xml += text.substr(at);
        break;
      }
      xml += text.substr(at, mark - at);
      size_t end = text.find('@', mark + 1);
      std::string_view name = text.substr(mark, end - mark + 1);
      for (const auto& [key, value] : values) {
        if (key == name) xml += value;
      }
      at = end + 1;
    }
  };
  fill(kStylesBeforeLang);
  // The document language for Latin and East Asian text; complex-script runs carry their
  // own w:lang w:bidi, so the bidi default is only a fallback for untagged Arabic script.
  xml += "<w:lang w:val=\"";
  AppendXmlAttribute(xml, lang.empty() ? std::string_view("en-GB") : lang);
  xml += "\" w:eastAsia=\"";
  AppendXmlAttribute(xml, lang.empty() ? std::string_view("en-GB") : lang);
  xml += "\" w:bidi=\"ar-SA\"/>";
  fill(kStylesAfterLang);
  return xml;
}

}  // namespace ehcp::docx
