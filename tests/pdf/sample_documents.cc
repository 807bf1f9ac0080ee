#include "pdf/sample_documents.h"

#include <string>

namespace ehcp::testing {
namespace {

doc::Span Text(std::string text) {
  doc::Span span;
  span.text = std::move(text);
  return span;
}

doc::Span Bold(std::string text) {
  doc::Span span = Text(std::move(text));
  span.bold = true;
  return span;
}

doc::Span Link(std::string text, std::string target) {
  doc::Span span = Text(std::move(text));
  span.link = std::move(target);
  return span;
}

doc::Span Lang(std::string text, std::string lang) {
  doc::Span span = Text(std::move(text));
  span.lang = std::move(lang);
  return span;
}

doc::Paragraph Para(std::vector<doc::Span> spans,
                    doc::ParagraphStyle style = doc::ParagraphStyle::kBody) {
  doc::Paragraph paragraph;
  paragraph.spans = std::move(spans);
  paragraph.style = style;
  return paragraph;
}

doc::Heading Heading(int level, std::string text, std::string anchor, bool in_contents = true) {
  doc::Heading heading;
  heading.level = level;
  heading.text = std::move(text);
  heading.anchor = std::move(anchor);
  heading.in_contents = in_contents;
  return heading;
}

doc::TableCell Cell(std::string text) {
  doc::TableCell cell;
  cell.paragraphs.push_back(Para({Text(std::move(text))}));
  return cell;
}

std::string Repeat(const std::string& text, int times) {
  std::string out;
  for (int k = 0; k < times; ++k) out += text;
  return out;
}

void Furniture(doc::Document& document, const std::string& name) {
  document.title = "Education, Health and Care plan: " + name;
  document.subject = "Final EHC plan, version 2";
  document.author = "Example Borough Council";
  document.keywords = "EHC plan; EX-2026-0042";
  document.running_header = name + " \u2013 Final EHC plan";
  document.footer_left = "Example Borough Council";
}

}  // namespace

doc::Document SmallDocument() {
  doc::Document document;
  Furniture(document, "Maya Example");
  document.watermark = "DRAFT";
  auto& b = document.blocks;
  doc::Figure logo;
  logo.image_path = "logo.png";  // relative to the asset root the tests pass: tests/pdf/assets
  logo.alt = "Example Borough Council logo";
  logo.width_pt = 150;
  b.push_back(logo);
  b.push_back(Para({Text("Education, Health and Care plan")}, doc::ParagraphStyle::kTitle));
  b.push_back(Para({Text("Maya Example")}, doc::ParagraphStyle::kSubtitle));
  b.push_back(doc::TableOfContents{});
  b.push_back(doc::PageBreak{});
  b.push_back(Heading(1, "Section A: Maya's views, interests and aspirations", "section-a"));
  b.push_back(Para({Text("Maya likes drawing, swimming and her dog Biscuit. Her father, "),
                    Lang("مريم حداد", "ar"), Text(", speaks Arabic at home. See "),
                    Link("Section B", "#section-b"), Text(" for her needs.")}));
  b.push_back(Heading(2, "What people like and admire about Maya", "a-admire"));
  doc::ListBlock list;
  list.items.push_back(Para({Text("She is kind to younger children.")}));
  list.items.push_back(Para({Text("She keeps trying when work is hard.")}));
  b.push_back(list);
  b.push_back(Heading(1, "Section B: Special educational needs", "section-b"));
  doc::Table table;
  table.caption = "Maya's needs";
  table.description = "One row per need: the need and what it means for Maya.";
  table.header = {"Need", "Description"};
  table.column_widths = {1, 3};
  table.rows.push_back(
      {Cell("B1"), Cell("Maya finds it hard to follow spoken instructions in a noisy room.")});
  table.rows.push_back({Cell("B2"), Cell("Maya reads two years below her age.")});
  b.push_back(table);
  doc::ListBlock numbered;
  numbered.numbered = true;
  numbered.items.push_back(Para({Text("Read the plan with Maya.")}));
  numbered.items.push_back(
      Para({Text("Tell us your views within 15 days at "),
            Link("www.example.gov.uk/send", "https://www.example.gov.uk/send"), Text(".")}));
  b.push_back(numbered);
  return document;
}

doc::Document ArabicViewsDocument() {
  doc::Document document;
  Furniture(document, "Yusuf Example");
  auto& b = document.blocks;
  b.push_back(Heading(1, "Section A: Views, interests and aspirations", "section-a"));
  b.push_back(Para({Text("Yusuf's mother, "), Lang("مريم حداد", "ar"), Text(", said:")}));
  b.push_back(
      Para({Lang("يوسف ولد ذكي ولطيف. أريد أن يذهب إلى المدرسة دون خوف، وأن يكون له صديق واحد على "
                 "الأقل.",
                 "ar")}));
  b.push_back(Para({Text("How this was gathered: home visit, in Arabic.")}));
  return document;
}

doc::Document ShortTablesDocument() {
  doc::Document document;
  Furniture(document, "Yusuf Example");
  auto& b = document.blocks;
  for (int i = 1; i <= 16; ++i) {
    std::string id = "E" + std::to_string(i);
    b.push_back(Heading(2, "Outcome " + id, "outcome-" + id));
    b.push_back(Para({Text(
        "By the end of Year 8, Yusuf will take part in a club of his choice on at least three "
        "days a week for a full term, and will name one student he enjoys spending time with. "
        "This is outcome " +
        id + "." + Repeat(" He will say how it went.", i % 5))}));
    doc::Table facts;
    facts.caption = "About outcome " + id;
    facts.row_headers = true;
    facts.column_widths = {1, 2};
    facts.rows.push_back({Cell("By when"), Cell("By the end of Year 8 (21 July 2027)")});
    facts.rows.push_back({Cell("Needs it meets"), Cell("B1, B4")});
    facts.rows.push_back({Cell("Provision towards it"), Cell("F2, F3, F7")});
    facts.rows.push_back({Cell("Evidence"), Cell("K3")});
    b.push_back(facts);
  }
  doc::Table log;
  log.caption = "Review log";
  log.row_headers = true;
  log.column_widths = {1, 3};
  for (int i = 1; i <= 60; ++i)
    log.rows.push_back({Cell("Entry " + std::to_string(i)), Cell("Reviewed and agreed.")});
  b.push_back(log);
  return document;
}

doc::Document QuotationsDocument() {
  doc::Document document;
  Furniture(document, "Ruby Example");
  auto& b = document.blocks;
  for (int i = 1; i <= 40; ++i) {
    b.push_back(Para(
        {Text("\"Quotation " + std::to_string(i) +
              ": I like the base because my friends are here." +
              Repeat(" I want to go to town with them on Saturdays and choose what we do.", i % 6) +
              "\"")},
        doc::ParagraphStyle::kQuote));
  }
  return document;
}

doc::Document LongPlanDocument() {
  doc::Document document;
  Furniture(document, "Zuzanna Wiśniewska");
  auto& b = document.blocks;
  b.push_back(Para({Text("Education, Health and Care plan")}, doc::ParagraphStyle::kTitle));
  b.push_back(Para({Text("Zuzanna Wiśniewska")}, doc::ParagraphStyle::kSubtitle));
  b.push_back(Para({Text("Final plan, version 2")}, doc::ParagraphStyle::kSubtitle));
  b.push_back(Para({Text("Example Borough Council")}, doc::ParagraphStyle::kSubtitle));
  doc::Table details;
  details.caption = "Zuzanna's details";
  details.description = "Two columns: what each detail is, and the detail for Zuzanna.";
  details.row_headers = true;
  details.column_widths = {1, 2};
  details.rows.push_back({Cell("Legal name"), Cell("Zuzanna Wiśniewska")});
  details.rows.push_back({Cell("Date of birth"), Cell("14 March 2013")});
  details.rows.push_back({Cell("Home languages"), Cell("Polish, English")});
  doc::TableCell mother;
  mother.paragraphs.push_back(Para({Lang("مريم حداد", "ar"), Text(" (stepmother)")}));
  mother.paragraphs.push_back(Para({Text("Prefers letters in Arabic and English.")}));
  details.rows.push_back({Cell("Parent or carer"), mother});
  b.push_back(details);
  b.push_back(
      Para({Text("This plan sets out Zuzanna's special educational needs, the outcomes she is "
                 "working towards, and the provision that must be made to meet those needs.")},
           doc::ParagraphStyle::kLead));
  b.push_back(doc::TableOfContents{});
  b.push_back(doc::PageBreak{});

  const char* letters = "ABCDEFGHIJK";
  const char* titles[] = {"Views, interests and aspirations",
                          "Special educational needs",
                          "Health needs related to SEN",
                          "Social care needs related to SEN",
                          "Outcomes",
                          "Special educational provision",
                          "Health provision",
                          "Social care provision",
                          "Placement",
                          "Personal budget",
                          "Advice and information"};
  for (int s = 0; s < 11; ++s) {
    std::string letter(1, letters[s]);
    std::string anchor = "section-" + std::string(1, static_cast<char>(letters[s] + 32));
    b.push_back(Heading(1, "Section " + letter + ": " + titles[s], anchor));
    b.push_back(Para(
        {Text("This section is written with Zuzanna and her family. It uses the words they chose "
              "and says what matters most to them.")},
        doc::ParagraphStyle::kLead));
    for (int n = 1; n <= 2; ++n) {
      std::string sub = letter + std::to_string(n);
      b.push_back(Heading(
          2, sub + ": " + (n == 1 ? "Communication and interaction" : "Cognition and learning"),
          "need-" + sub));
      for (int p = 0; p < 2; ++p) {
        b.push_back(Para(
            {Text("Zuzanna understands more than she can say. In a quiet room with one adult she "
                  "follows two-step instructions; in a busy classroom she misses much of what is "
                  "said, and she may look as if she is not listening. Adults check she has "
                  "understood by asking her to show them, not by asking \u201cdo you "
                  "understand?\u201d "
                  "See "),
             Link("the outcomes in Section E", "#section-e"), Text(" and the provision in "),
             Link("Section F", "#section-f"), Text(".")}));
      }
      doc::ListBlock strengths;
      strengths.items.push_back(
          Para({Text("She remembers routines once she has practised them twice.")}));
      strengths.items.push_back(
          Para({Text("She enjoys maths puzzles and explains her thinking with objects "
                     "and drawings when words are hard to find.")}));
      strengths.items.push_back(
          Para({Text("She helps younger pupils in the library at lunch time.")}));
      b.push_back(strengths);
    }
    if (letters[s] == 'F' || letters[s] == 'G' || letters[s] == 'B') {
      doc::Paragraph label = Para({Bold("Provision for Zuzanna")});
      label.keep_with_next = true;
      b.push_back(label);
      doc::Table provision;
      provision.caption = "Section " + letter + " provision";
      provision.description =
          "One row per provision: what is provided, who provides it, how often, how "
          "long, group size, and the needs and outcomes it serves.";
      provision.header = {"Provision", "Who", "How often", "Group", "Serves"};
      provision.column_widths = {3.2, 1.6, 1.4, 1, 1.2};
      for (int r = 1; r <= 24; ++r) {
        doc::TableCell what;
        what.paragraphs.push_back(
            Para({Text("Small-group language session " + std::to_string(r) +
                       ": pre-teaching topic vocabulary with pictures and objects, "
                       "then using the words in short games.")}));
        if (r % 5 == 0)
          what.paragraphs.push_back(Para({Text("Reviewed every half term with parents.")}));
        provision.rows.push_back({what, Cell("Speech and language therapist (HCPC-registered)"),
                                  Cell("Weekly, 30 minutes"), Cell(r % 2 ? "1:1" : "1:3"),
                                  Cell(letter + "1, E" + std::to_string(r % 4 + 1))});
      }
      b.push_back(provision);
    }
    if (letters[s] == 'K') {
      doc::ListBlock advice;
      advice.numbered = true;
      for (int k = 1; k <= 12; ++k) {
        advice.items.push_back(Para({Text("Advice " + std::to_string(k) +
                                          ": report from the educational "
                                          "psychologist, dated " +
                                          std::to_string(k) + " May 2026.")}));
      }
      b.push_back(advice);
      b.push_back(Para(
          {Text("Signed on behalf of Example Borough Council by Ola Kowalczyk, SEND "
                "case officer, on 3 June 2026. Families can read more at "),
           Link("https://www.example.gov.uk/local-offer", "https://www.example.gov.uk/local-offer"),
           Text(".")}));
      b.push_back(Para({Text("\u201cI want to be a vet when I grow up.\u201d \u2013 Zuzanna")},
                       doc::ParagraphStyle::kQuote));
    }
  }
  return document;
}

}  // namespace ehcp::testing
