#pragma once

// Documents built by hand for the DOCX tests: fictional children, names in Arabic and
// Polish script, long tables, lists, links, a logo and a draft watermark.

#include <string>
#include <vector>

#include "document/document.h"

namespace ehcp::testing {

// A span; designated fields keep -Wmissing-field-initializers quiet.
inline doc::Span S(std::string text, std::string lang = "", std::string link = "",
                   bool bold = false, bool italic = false) {
  doc::Span span;
  span.text = std::move(text);
  span.lang = std::move(lang);
  span.link = std::move(link);
  span.bold = bold;
  span.italic = italic;
  return span;
}

inline doc::Paragraph Para(std::string text,
                           doc::ParagraphStyle style = doc::ParagraphStyle::kBody) {
  doc::Paragraph p;
  p.spans.push_back(S(std::move(text)));
  p.style = style;
  return p;
}

inline doc::Paragraph Para(std::vector<doc::Span> spans) {
  doc::Paragraph p;
  p.spans = std::move(spans);
  return p;
}

inline doc::TableCell Cell(std::string text) {
  return doc::TableCell{{Para(std::move(text))}};
}

inline doc::Heading Head(int level, std::string text, std::string anchor) {
  doc::Heading h;
  h.level = level;
  h.text = std::move(text);
  h.anchor = std::move(anchor);
  return h;
}

// A draft plan for a fictional child, exercising every block type.
inline doc::Document RichDocument(int provision_rows = 40) {
  doc::Document d;
  d.title = "Education, Health and Care plan: Zuzanna Wiśniewska";
  d.subject = "Draft EHC plan, version 1";
  d.author = "Northshire County Council";
  d.keywords = "EHC plan; SEND";
  d.running_header = "Zuzanna Wiśniewska – Draft EHC plan";
  d.footer_left = "Northshire County Council";
  d.watermark = "DRAFT";

  d.blocks.push_back(doc::Figure{"council-logo.png", "Northshire County Council logo", 120});
  d.blocks.push_back(Para("Education, Health and Care plan", doc::ParagraphStyle::kTitle));
  d.blocks.push_back(Para("Zuzanna Wiśniewska", doc::ParagraphStyle::kSubtitle));
  d.blocks.push_back(Para("Draft plan issued for consultation", doc::ParagraphStyle::kSubtitle));
  doc::Table details;
  details.caption = "Child's details";
  details.description = "Name, date of birth, home languages and the parent's name.";
  details.row_headers = true;
  details.column_widths = {1, 2};
  details.rows = {
      {Cell("Name"), Cell("Zuzanna Wiśniewska")},
      {Cell("Date of birth"), Cell("4 March 2016")},
      {Cell("Home languages"), Cell("Polish, English")},
      {Cell("Friend named in section A"), doc::TableCell{{Para({S("مريم حداد", "ar")})}}},
      {Cell("Parent"), Cell("Agnieszka Wiśniewska")}};
  d.blocks.push_back(details);
  d.blocks.push_back(doc::PageBreak{});
  d.blocks.push_back(doc::TableOfContents{});
  d.blocks.push_back(doc::PageBreak{});

  d.blocks.push_back(
      Head(1, "Section A: The views, interests and aspirations of Zuzanna and her parents",
           "section-a"));
  d.blocks.push_back(Para("This section records what Zuzanna and her family told us.",
                          doc::ParagraphStyle::kLead));
  d.blocks.push_back(Head(2, "What Zuzanna says", "section-a-child"));
  doc::Paragraph quote;
  quote.style = doc::ParagraphStyle::kQuote;
  quote.spans = {S("“Lubię rysować i grać w piłkę.”", "pl", "", false, true),
                 S(" (I like drawing and playing football.)")};
  d.blocks.push_back(quote);
  doc::Paragraph friend_para;
  friend_para.spans = {S("Her best friend is "), S("مريم حداد", "ar"),
                       S(", and she also wrote her friend's name herself: مريم حداد.")};
  d.blocks.push_back(friend_para);
  doc::Paragraph arabic;
  arabic.spans = {S("تحب مريم الرسم والقراءة.", "ar")};
  d.blocks.push_back(arabic);
  doc::ListBlock likes;
  likes.items = {Para("Drawing animals"), Para("Football at lunchtime"),
                 Para("Reading with her sister")};
  d.blocks.push_back(likes);

  d.blocks.push_back(Head(1, "Section B: Special educational needs", "section-b"));
  doc::Paragraph special;
  special.spans = {S("Tricky text: a < b && c > d, \"quoted\", tab\there, line\nbreak, control\x01"
                     "char "),
                   S("bold", "", "", true), S(" and "), S("italic", "", "", false, true), S(".")};
  d.blocks.push_back(special);
  doc::ListBlock steps;
  steps.numbered = true;
  steps.items = {Para("Speech and language therapy assessment"),
                 Para("Occupational therapy review")};
  d.blocks.push_back(steps);
  doc::ListBlock steps2;
  steps2.numbered = true;
  steps2.items = {Para("Second list restarts at one"), Para("Another step")};
  d.blocks.push_back(steps2);
  doc::Paragraph links;
  links.spans = {S("See "),
                 S("the provision in section F", "", "#section-f"),
                 S(" and the "),
                 S("SEND code of practice", "",
                   "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25"),
                 S("; the first provision is "),
                 S("F1", "", "#provision-f1"),
                 S(".")};
  d.blocks.push_back(links);
  d.blocks.push_back(Para("", doc::ParagraphStyle::kBody));  // must not become an empty paragraph

  d.blocks.push_back(doc::PageBreak{});
  d.blocks.push_back(Head(1, "Section F: Special educational provision", "section-f"));
  d.blocks.push_back(Head(2, "Provision for communication and interaction", "section-f-ci"));
  doc::Table provision;
  provision.caption = "Provision for communication and interaction";
  provision.description =
      "Each provision with who provides it, how often, for how long and the outcomes it serves.";
  provision.header = {"Provision", "Who", "How often", "Outcomes"};
  provision.column_widths = {4, 2, 2, 1.5};
  for (int i = 1; i <= provision_rows; ++i) {
    provision.rows.push_back({Cell("Small-group language session " + std::to_string(i) +
                                   ", using visual supports and pre-taught vocabulary."),
                              Cell("Speech and language therapist"), Cell("Weekly, 30 minutes"),
                              Cell(i % 3 == 0 ? "" : "F1, F2")});
  }
  provision.rows[0][0].paragraphs[0].anchor = "provision-f1";
  d.blocks.push_back(provision);
  doc::Table second;
  second.header = {"Agency", "Contact"};
  second.rows = {{Cell("Northshire SALT service"), Cell("salt@northshire.example")}};
  d.blocks.push_back(second);
  d.blocks.push_back(Para("Contact the service by email to change an appointment."));
  d.blocks.push_back(Head(3, "Reviewing the provision", ""));
  d.blocks.push_back(
      Para("The provision will be reviewed at the annual review.", doc::ParagraphStyle::kNote));
  return d;
}

}  // namespace ehcp::testing
