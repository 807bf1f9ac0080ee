#include "bundle/front_matter.h"

#include <cstdio>

namespace ehcp {
namespace {

constexpr const char* kLinkPrefix = "urn:ehcp:bundle-document:";

doc::Paragraph Text(const std::string& text, bool bold = false) {
  doc::Paragraph paragraph;
  doc::Span span;
  span.text = text;
  span.bold = bold;
  paragraph.spans.push_back(std::move(span));
  return paragraph;
}

doc::TableCell Cell(doc::Paragraph paragraph) {
  doc::TableCell cell;
  cell.paragraphs.push_back(std::move(paragraph));
  return cell;
}

std::string DateText(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", date.day, date.month, date.year);
  return buffer;
}

std::string PageRange(int first, int last) {
  return first == last ? std::to_string(first)
                       : std::to_string(first) + "\u2013" + std::to_string(last);
}

}  // namespace

std::string IndexLinkTarget(size_t n) {
  return kLinkPrefix + std::to_string(n);
}

std::optional<size_t> ParseIndexLinkTarget(const std::string& target) {
  const std::string prefix = kLinkPrefix;
  if (target.size() <= prefix.size() || target.compare(0, prefix.size(), prefix) != 0)
    return std::nullopt;
  size_t n = 0;
  for (size_t i = prefix.size(); i < target.size(); ++i) {
    if (target[i] < '0' || target[i] > '9' || n > 1000000) return std::nullopt;
    n = n * 10 + static_cast<size_t>(target[i] - '0');
  }
  return n;
}

std::string IndexLinkDescription(const OrderedDocument& document) {
  return "Go to " + document.tab + ", " + document.entry->title + ", page " +
         std::to_string(document.first_page);
}

doc::Document FrontMatterDocument(const BundleManifest& manifest, const BundleRules& rules,
                                  const std::vector<OrderedSection>& sections, int total_pages) {
  doc::Document d;
  d.title = "Hearing bundle " + manifest.tribunal_reference + ": " + manifest.child_name;
  d.subject = "Cover sheet and index";
  d.author = manifest.local_authority;
  d.lang = manifest.lang;
  d.page_label.clear();  // no footer: the bundle stamps its own page numbers

  // ----- Cover -----
  doc::Heading title;
  title.level = 1;
  title.text = "Hearing bundle";
  title.anchor = "cover";
  d.blocks.push_back(title);
  doc::Paragraph tribunal = Text("First-tier Tribunal (Special Educational Needs and Disability)");
  tribunal.style = doc::ParagraphStyle::kSubtitle;
  d.blocks.push_back(tribunal);

  const AppealTypeRule* appeal = rules.FindAppealType(manifest.appeal_type);
  int documents = 0;
  for (const auto& s : sections) documents += static_cast<int>(s.documents.size());
  std::vector<std::pair<std::string, std::string>> facts = {
      {"Tribunal reference", manifest.tribunal_reference},
      {"Child or young person", manifest.child_name},
  };
  if (manifest.child_date_of_birth)
    facts.push_back({"Date of birth", manifest.child_date_of_birth->ToLongEnglish()});
  facts.insert(facts.end(), {{"Local authority", manifest.local_authority},
                             {"Appeal", appeal ? appeal->title : manifest.appeal_type},
                             {"Hearing date", manifest.hearing_date.ToLongEnglish()},
                             {"Bundle issue", "Issue " + std::to_string(manifest.issue_number) +
                                                  ", " + manifest.issue_date.ToLongEnglish()},
                             {"Prepared by", manifest.prepared_by},
                             {"Pages", "1 to " + std::to_string(total_pages)},
                             {"Documents", std::to_string(documents)}});
  doc::Table cover;
  cover.description = "The appeal this bundle is for";
  cover.row_headers = true;
  cover.column_widths = {2, 3};
  for (const auto& [key, value] : facts)
    cover.rows.push_back({Cell(Text(key, true)), Cell(Text(value))});
  d.blocks.push_back(cover);
  d.blocks.push_back(Text(
      "Page numbers are stamped at the foot of every page and run continuously from this cover "
      "sheet. Please refer to pages by these numbers. Every party receives an identical copy of "
      "this bundle; the SHA-256 fingerprint printed when it was made lets anyone confirm they "
      "hold the same file."));
  d.blocks.push_back(doc::PageBreak{});

  // ----- Index -----
  doc::Heading index;
  index.level = 1;
  index.text = "Index";
  index.anchor = "index";
  d.blocks.push_back(index);
  size_t n = 0;
  for (const OrderedSection& section : sections) {
    doc::Heading heading;
    heading.level = 2;
    heading.text = section.letter + ". " + section.rule->title;
    if (!section.documents.empty()) {
      const int first = section.documents.front().first_page;
      const int last = section.documents.back().last_page;
      heading.text += (first == last ? " (page " : " (pages ") + PageRange(first, last) + ")";
    }
    heading.anchor = "section-" + doc::MakeAnchor(section.letter);
    d.blocks.push_back(heading);
    doc::Table table;
    table.description = "Documents in section " + section.letter + ", " + section.rule->title;
    table.header = {"Tab", "Document", "Author", "Date", "Pages"};
    table.column_widths = {42, 178, 118, 82, 70};
    for (const OrderedDocument& document : section.documents) {
      doc::Paragraph title_text = Text(document.entry->title);
      title_text.spans[0].link = IndexLinkTarget(n++);
      table.rows.push_back({Cell(Text(document.tab)), Cell(std::move(title_text)),
                            Cell(Text(document.entry->author)),
                            Cell(Text(DateText(document.entry->date))),
                            Cell(Text(PageRange(document.first_page, document.last_page)))});
    }
    if (!table.rows.empty()) d.blocks.push_back(std::move(table));
  }
  return d;
}

}  // namespace ehcp
