#pragma once

// The rendered-document model: what a plan looks like as a document (headings,
// paragraphs, lists, tables, figures), independent of the output format. The plan
// document builder turns a Plan plus templates/ into one Document; the PDF and DOCX
// writers render the same Document, so the two formats never disagree on sections,
// order, labels or wording.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "document/layout_spec.h"

namespace ehcp::doc {

// Words an amendment inserts into or deletes from a plan (the reg 22 notice). Writers
// mark them so that the mark survives black-and-white printing (underline, strike-through)
// and a screen reader announces it; never as tracked changes, which a family's Word may
// hide or accept.
enum class Revision { kNone, kInserted, kDeleted };

// A run of text with one style. `lang` is set when the run is in another language than
// the document (a name in Arabic script, a quotation in Polish), so writers can tag it
// and choose direction and font.
struct Span {
  std::string text;  // UTF-8, NFC
  bool bold = false;
  bool italic = false;
  std::string lang;
  // A link: "#anchor" for a place in this document (a heading's or paragraph's anchor),
  // or a URL.
  std::string link;
  Revision revision = Revision::kNone;
  // With a revision: the word label shown before the words and read out with them
  // ("inserted", "deleted"; the template's wording). PDF: the label is drawn inside the
  // words' Span, which says "label: words" as /ActualText; DOCX: a bold run of its own.
  // ({} so the shorter brace initialisers elsewhere stay free of missing-field warnings.)
  std::string revision_label{};
  // With initializers, so the spans written {text, bold, italic, lang, link}
  // stay as they were. Underline and strike-through mark agreed and proposed changes in
  // the tribunal's working document (Word only: the PDF writer does not draw them, and no
  // plan document sets them).
  bool underline = false;
  bool strike = false;
  // A footnote placed after this span (a real Word footnote; the working document's
  // evidence references). Empty = none. Not shown by the PDF writer.
  std::string footnote{};
};

enum class ParagraphStyle {
  kBody,
  kTitle,     // the document title on the cover
  kSubtitle,  // cover lines under the title
  kLead,      // an introductory sentence under a section heading
  kNote,      // smaller explanatory text (still at least 12 pt in the PDF)
  kQuote,     // the child's or a parent's own words
};

// Where a paragraph's words come from in the plan, so an edited document can be read
// back (ehcp import): the item's id, the field, and which paragraph of the field (0 for a
// one-paragraph field). Writers that can carry it keep it with the paragraph; empty = the
// words are the template's, not the plan's.
struct FieldMark {
  std::string item_id;  // "F1", "H1.2"
  std::string field;    // short, letters only: "row", "description", "role", "often", ...
  int part = 0;
  bool Empty() const { return item_id.empty(); }
};

struct Paragraph {
  std::vector<Span> spans;
  ParagraphStyle style = ParagraphStyle::kBody;
  // Keep with the next block (a label above a table, say): writers avoid a page break
  // between them.
  bool keep_with_next = false;
  // A link target inside the document ("advice-k2", "provision-f1"): writers place a named
  // destination (PDF) or bookmark (DOCX) here so "#anchor" links can point at a table row.
  // Unique across headings and paragraphs; empty = none.
  std::string anchor;
  FieldMark mark;
};

struct Heading {
  int level = 1;  // 1..3
  std::string text;
  // Unique id for links, contents entries and bookmarks: "section-b", "need-B1".
  std::string anchor;
  bool in_contents = true;  // listed in the contents and bookmarks
  FieldMark mark;           // the item a heading names ("Outcome E1"), for ehcp import
};

struct ListBlock {
  bool numbered = false;
  std::vector<Paragraph> items;
};

struct TableCell {
  std::vector<Paragraph> paragraphs;
};

struct Table {
  std::string caption;              // shown above the table; also its accessible name
  std::string description;          // the table's alternative text / summary
  std::vector<std::string> header;  // column headers (TH, scope column); repeated on each page
  // Relative column widths (any unit); empty = equal widths.
  std::vector<double> column_widths;
  std::vector<std::vector<TableCell>> rows;
  // The first cell of each row heads that row (TH, scope row): key/value tables.
  // (Tables are set on portrait A4 at 12 pt: keep them to about five columns, or words
  // break mid-word; put several labelled facts in one cell instead.)
  bool row_headers = false;
};

struct Figure {
  std::string image_path;  // PNG or JPEG inside the template folder
  std::string alt;         // alternative text; empty only when decorative
  double width_pt = 0;     // 0 = natural size
};

// Where the contents list goes; writers fill it from the headings with in_contents.
struct TableOfContents {
  std::string title = "Contents";
};

struct PageBreak {};

using Block =
    std::variant<Heading, Paragraph, ListBlock, Table, Figure, TableOfContents, PageBreak>;

struct Document {
  // Metadata: PDF Info/XMP and DOCX core properties.
  std::string title;    // "Education, Health and Care plan: Maya Example"
  std::string subject;  // "Final EHC plan, version 2"
  std::string author;   // the council
  std::string lang = "en-GB";
  std::string keywords;

  // Page furniture (artifacts in the PDF, header/footer parts in DOCX).
  std::string running_header;  // "Maya Example – Final EHC plan"
  std::string footer_left;     // e.g. the council name
  // A second footer line on an issued plan: its reference, version and issue date, so a
  // page printed or copied on its own still says which plan it belongs to.
  std::string footer_reference;
  std::string page_label = "Page {page} of {pages}";
  std::optional<std::string> watermark;  // "DRAFT" on drafts

  // Page size, margins, font, type sizes and colours: the template's, read by every writer.
  LayoutSpec layout;

  std::vector<Block> blocks;
};

// Builds a heading anchor from free text: lower case ASCII letters, digits and hyphens.
std::string MakeAnchor(const std::string& text);

}  // namespace ehcp::doc
