#pragma once

// word/styles.xml: every look in the document comes from a named style, so an officer
// restyles the plan in Word in one place and spacing never needs empty paragraphs.

#include <string>
#include <string_view>

#include "document/layout_spec.h"

namespace ehcp::docx {

// Style ids the body, header and footer refer to. Built-in styles use Word's ids and
// lower-case built-in names ("heading 1"), which Word, LibreOffice and pandoc all know.
// Custom style names must not be PDF structure types ("Figure", "Note", "Quote"):
// LibreOffice role-maps paragraph style names in a tagged PDF, and a style called
// "Figure" would remap the real Figure element (and its alt text) to P.
namespace style_id {
inline constexpr std::string_view kNormal = "Normal";
inline constexpr std::string_view kTitle = "Title";
inline constexpr std::string_view kSubtitle = "Subtitle";
inline constexpr std::string_view kLead = "Lead";
inline constexpr std::string_view kNote = "ExplanatoryNote";
inline constexpr std::string_view kQuote = "Quotation";
inline constexpr std::string_view kListParagraph = "ListParagraph";
inline constexpr std::string_view kCaption = "Caption";
inline constexpr std::string_view kTableHeading = "TableHeading";
inline constexpr std::string_view kTableRowHeading = "TableRowHeading";
inline constexpr std::string_view kTableText = "TableText";
inline constexpr std::string_view kTocHeading = "TOCHeading";
inline constexpr std::string_view kHeader = "Header";
inline constexpr std::string_view kFooter = "Footer";
inline constexpr std::string_view kPicture = "Picture";
inline constexpr std::string_view kTableSeparator = "TableSeparator";  // between two tables
inline constexpr std::string_view kHyperlink = "Hyperlink";            // character style
inline constexpr std::string_view kPlanTable = "PlanTable";            // table style
}  // namespace style_id

// "Heading1".."Heading3" and "TOC1".."TOC3"; `level` is clamped to 1..3.
std::string HeadingStyleId(int level);
std::string TocStyleId(int level);

// Page geometry shared by the section properties and the image/table sizing (twips):
// A4 with 2 cm margins, the advice form's page and a plan's when its template says none.
inline constexpr int kPageWidthTwips = 11906;   // A4
inline constexpr int kPageHeightTwips = 16838;  // A4
inline constexpr int kMarginTwips = 1134;       // 2 cm
inline constexpr int kTextWidthTwips = kPageWidthTwips - 2 * kMarginTwips;
inline constexpr int kCellMarginTwips = 85;  // left and right, in the Plan Table style

// A document's page in twips, from its template's layout (doc::LayoutSpec).
struct PageTwips {
  int width = kPageWidthTwips;
  int height = kPageHeightTwips;
  int top = kMarginTwips, right = kMarginTwips, bottom = kMarginTwips, left = kMarginTwips;
  int TextWidth() const { return width - left - right; }
};
PageTwips PageTwipsOf(const doc::LayoutSpec& spec);

// The DOCX's own look where the template's layout gives none: heading 1-3 sizes in points
// and the body's line spacing (Word's "auto" multiple). The page estimate reads them too.
inline constexpr double kWordHeadingSizes[] = {18, 15, 13};
inline constexpr double kWordLineSpacing = 1.15;

// The styles part; `lang` is the document language (BCP 47) set in the defaults, `spec`
// the font, sizes, spacing and colours (today's DOCX look where it gives none).
std::string StylesXml(std::string_view lang, const doc::LayoutSpec& spec);

}  // namespace ehcp::docx
