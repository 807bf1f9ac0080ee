#include "bundle/front_matter.h"

#include <cstdio>

namespace ehcp {

using namespace PoDoFo;

namespace {

constexpr double kPageWidth = 595.276;  // A4
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.7;  // 20 mm
constexpr double kTop = kPageHeight - 60;
constexpr double kBottom = 60;  // clear of the page stamp
constexpr double kTableSize = 10;
constexpr double kTableLine = 13;
constexpr double kCellPad = 4;
constexpr double kHeadingHeight = 30;
constexpr double kHeaderHeight = kTableLine + 2 * kCellPad;
constexpr double kIndexTitleHeight = 40;

struct Column {
  const char* header;
  double x;
  double width;
};
constexpr Column kColumns[] = {
    {"Tab", kMargin, 36},        {"Document", kMargin + 36, 205}, {"Author", kMargin + 241, 120},
    {"Date", kMargin + 361, 64}, {"Pages", kMargin + 425, 56.5},
};

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// Decodes UTF-8; invalid bytes come back as U+FFFD.
std::vector<char32_t> CodePoints(const std::string& text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + static_cast<size_t>(extra) >= text.size())) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(extra) + 1;
  }
  return out;
}

double Width(PdfFont* font, double size, const std::string& text) {
  font->SetFontSize(static_cast<float>(size));
  return font->GetFontMetrics()->StringWidth(
      PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str())));
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

// Content-stream and structure helpers for one page being drawn.
struct PageCanvas {
  PdfPage* page = nullptr;
  std::string content;
  void UseFont(PdfFont* font) {
    page->AddResource(font->GetIdentifier(), font->GetObject()->Reference(), PdfName("Font"));
  }
  void Tagged(StructTreeBuilder& tree, PdfObject* element, const char* tag,
              const std::string& ops) {
    int mcid = tree.AddContent(element, page->GetObject());
    content +=
        std::string("/") + tag + " <</MCID " + std::to_string(mcid) + ">> BDC\n" + ops + "EMC\n";
  }
  void Artifact(const std::string& ops) { content += "/Artifact BMC\n" + ops + "EMC\n"; }
  void Finish() {
    PdfStream* stream = page->GetContentsForAppending()->GetStream();
    stream->Set(content.data(), static_cast<pdf_long>(content.size()));
    page->GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
  }
};

PdfObject* AddCell(StructTreeBuilder& tree, PdfObject* row, const char* type, const char* scope) {
  PdfObject* cell = tree.AddElement(row, type);
  if (scope != nullptr) {
    PdfDictionary attributes;
    attributes.AddKey("O", PdfName("Table"));
    attributes.AddKey("Scope", PdfName(scope));
    cell->GetDictionary().AddKey("A", attributes);
  }
  return cell;
}

}  // namespace

std::string HexText(PdfFont* font, const std::string& text) {
  PdfString string(reinterpret_cast<const pdf_utf8*>(text.c_str()));
  if (font->IsSubsetting())
    font->AddUsedSubsettingGlyphs(string, static_cast<long>(string.GetCharacterLength()));
  PdfRefCountedBuffer encoded = font->GetEncoding()->ConvertToEncoding(string, font);
  static const char kHex[] = "0123456789ABCDEF";
  std::string hex;
  hex.reserve(static_cast<size_t>(encoded.GetSize()) * 2);
  for (size_t i = 0; i < static_cast<size_t>(encoded.GetSize()); ++i) {
    unsigned char c = static_cast<unsigned char>(encoded.GetBuffer()[i]);
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

std::string TextOperators(PdfFont* font, double size, double x, double y, const std::string& text,
                          const std::string& resource) {
  return "BT /" + (resource.empty() ? font->GetIdentifier().GetName() : resource) + " " +
         Number(size) + " Tf " + Number(x) + " " + Number(y) + " Td <" + HexText(font, text) +
         "> Tj ET\n";
}

FrontMatter::FrontMatter(const BundleManifest& manifest, const BundleRules& rules,
                         const std::vector<OrderedSection>& sections, FrontMatterFonts fonts)
    : manifest_(manifest), rules_(rules), sections_(sections), fonts_(fonts) {}

void FrontMatter::CheckGlyphs(PdfFont* font, const std::string& text,
                              DiagnosticList& diagnostics) const {
  for (char32_t cp : CodePoints(text)) {
    if (cp == ' ' || cp == 0x2013) continue;
    if (cp > 0xFFFF || font->GetFontMetrics()->GetGlyphId(static_cast<long>(cp)) == 0) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      diagnostics.Error("bundle.glyph",
                        std::string("the cover or index cannot show character ") + code + " in \"" +
                            text + "\"; write it in Latin script in the manifest",
                        manifest_.location);
      return;
    }
  }
}

std::vector<std::string> FrontMatter::Wrap(PdfFont* font, double size, const std::string& text,
                                           double width) const {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    size_t space = text.find(' ', i);
    std::string word = text.substr(i, space == std::string::npos ? std::string::npos : space - i);
    i = space == std::string::npos ? text.size() : space + 1;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (Width(font, size, candidate) <= width || line.empty()) {
      line = candidate;
    } else {
      lines.push_back(line + " ");  // the trailing space keeps words apart when text is extracted
      line = word;
    }
    // A single word wider than the column is broken between characters.
    while (Width(font, size, line) > width) {
      std::string head;
      size_t used = 0;
      for (size_t k = 0; k < line.size();) {
        size_t len = 1;
        unsigned char c = static_cast<unsigned char>(line[k]);
        if (c >= 0xF0)
          len = 4;
        else if (c >= 0xE0)
          len = 3;
        else if (c >= 0xC0)
          len = 2;
        if (!head.empty() && Width(font, size, head + line.substr(k, len)) > width) break;
        head += line.substr(k, len);
        k += len;
        used = k;
      }
      if (used == 0 || used >= line.size()) break;
      lines.push_back(head);
      line = line.substr(used);
    }
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

int FrontMatter::Layout(DiagnosticList& diagnostics) {
  size_t errors_before = static_cast<size_t>(diagnostics.Count(Severity::kError));
  const AppealTypeRule* appeal = rules_.FindAppealType(manifest_.appeal_type);
  int documents = 0;
  for (const auto& s : sections_) documents += static_cast<int>(s.documents.size());
  cover_rows_ = {
      {"Tribunal reference", manifest_.tribunal_reference},
      {"Child or young person", manifest_.child_name},
  };
  if (manifest_.child_date_of_birth)
    cover_rows_.push_back({"Date of birth", manifest_.child_date_of_birth->ToLongEnglish()});
  cover_rows_.insert(cover_rows_.end(),
                     {{"Local authority", manifest_.local_authority},
                      {"Appeal", appeal ? appeal->title : manifest_.appeal_type},
                      {"Hearing date", manifest_.hearing_date.ToLongEnglish()},
                      {"Bundle issue", "Issue " + std::to_string(manifest_.issue_number) + ", " +
                                           manifest_.issue_date.ToLongEnglish()},
                      {"Prepared by", manifest_.prepared_by},
                      {"Documents", std::to_string(documents)}});
  for (const auto& [key, value] : cover_rows_) CheckGlyphs(fonts_.regular, value, diagnostics);

  rows_.assign(sections_.size(), {});
  for (size_t s = 0; s < sections_.size(); ++s) {
    CheckGlyphs(fonts_.bold, sections_[s].rule->title, diagnostics);
    for (const auto& doc : sections_[s].documents) {
      CheckGlyphs(fonts_.regular, doc.entry->title, diagnostics);
      CheckGlyphs(fonts_.regular, doc.entry->author, diagnostics);
      Row row;
      row.document = &doc;
      row.title_lines =
          Wrap(fonts_.regular, kTableSize, doc.entry->title, kColumns[1].width - 2 * kCellPad);
      row.author_lines =
          Wrap(fonts_.regular, kTableSize, doc.entry->author, kColumns[2].width - 2 * kCellPad);
      size_t lines = std::max(row.title_lines.size(), row.author_lines.size());
      row.height = 2 * kCellPad + kTableLine * static_cast<double>(lines);
      rows_[s].push_back(std::move(row));
    }
  }
  if (static_cast<size_t>(diagnostics.Count(Severity::kError)) > errors_before) return 0;

  index_pages_.clear();
  index_pages_.emplace_back();
  double y = kTop - kIndexTitleHeight;
  for (size_t s = 0; s < sections_.size(); ++s) {
    double first_row = rows_[s].empty() ? 0 : rows_[s][0].height;
    if (y - (kHeadingHeight + kHeaderHeight + first_row) < kBottom) {
      index_pages_.emplace_back();
      y = kTop;
    }
    index_pages_.back().blocks.push_back({Block::kSectionHeading, s, 0, y, false});
    y -= kHeadingHeight;
    index_pages_.back().blocks.push_back({Block::kTableHeader, s, 0, y, false});
    y -= kHeaderHeight;
    for (size_t r = 0; r < rows_[s].size(); ++r) {
      if (y - rows_[s][r].height < kBottom) {
        index_pages_.emplace_back();
        y = kTop;
        index_pages_.back().blocks.push_back({Block::kTableHeader, s, 0, y, true});
        y -= kHeaderHeight;
      }
      index_pages_.back().blocks.push_back({Block::kRow, s, r, y, false});
      y -= rows_[s][r].height;
    }
    y -= 12;
  }
  return 1 + static_cast<int>(index_pages_.size());
}

std::vector<IndexLink> FrontMatter::Draw(PdfMemDocument& doc, StructTreeBuilder& tree,
                                         PdfObject* parent, int total_pages) {
  const PdfRect a4(0, 0, kPageWidth, kPageHeight);
  // ----- Cover -----
  PdfObject* cover = tree.AddElement(parent, "Sect");
  cover->GetDictionary().AddKey("T", PdfString("Cover sheet"));
  PageCanvas canvas;
  canvas.page = doc.CreatePage(a4);
  canvas.UseFont(fonts_.regular);
  canvas.UseFont(fonts_.bold);
  double y = kPageHeight - 100;
  canvas.Tagged(tree, tree.AddElement(cover, "H1"), "H1",
                TextOperators(fonts_.bold, 24, kMargin, y, "Hearing bundle"));
  y -= 28;
  canvas.Tagged(tree, tree.AddElement(cover, "P"), "P",
                TextOperators(fonts_.regular, 13, kMargin, y,
                              "First-tier Tribunal (Special Educational Needs and Disability)"));
  y -= 40;
  PdfObject* table = tree.AddElement(cover, "Table");
  std::vector<std::pair<std::string, std::string>> rows = cover_rows_;
  rows.insert(rows.end() - 1, {"Pages", "1 to " + std::to_string(total_pages)});
  for (const auto& [key, value] : rows) {
    PdfObject* tr = tree.AddElement(table, "TR");
    canvas.Tagged(tree, AddCell(tree, tr, "TH", "Row"), "TH",
                  TextOperators(fonts_.bold, 12, kMargin, y, key));
    auto lines = Wrap(fonts_.regular, 12, value, kPageWidth - kMargin - 210);
    std::string ops;
    for (size_t i = 0; i < lines.size(); ++i)
      ops += TextOperators(fonts_.regular, 12, kMargin + 170, y - 16 * static_cast<double>(i),
                           lines[i]);
    canvas.Tagged(tree, AddCell(tree, tr, "TD", nullptr), "TD", ops);
    y -= 16 * static_cast<double>(lines.size()) + 8;
  }
  y -= 24;
  const std::string note =
      "Page numbers are stamped at the foot of every page and run continuously from this cover "
      "sheet. "
      "Please refer to pages by these numbers. Every party receives an identical copy of this "
      "bundle; "
      "the SHA-256 fingerprint printed when it was made lets anyone confirm they hold the same "
      "file.";
  std::string note_ops;
  auto note_lines = Wrap(fonts_.regular, 11, note, kPageWidth - 2 * kMargin);
  for (size_t i = 0; i < note_lines.size(); ++i)
    note_ops +=
        TextOperators(fonts_.regular, 11, kMargin, y - 15 * static_cast<double>(i), note_lines[i]);
  canvas.Tagged(tree, tree.AddElement(cover, "P"), "P", note_ops);
  canvas.Finish();

  // ----- Index -----
  std::vector<IndexLink> links;
  PdfObject* index = tree.AddElement(parent, "Sect");
  index->GetDictionary().AddKey("T", PdfString("Index"));
  std::vector<PdfObject*> tables(sections_.size(), nullptr);
  for (size_t p = 0; p < index_pages_.size(); ++p) {
    PageCanvas page;
    page.page = doc.CreatePage(a4);
    page.UseFont(fonts_.regular);
    page.UseFont(fonts_.bold);
    if (p == 0)
      page.Tagged(tree, tree.AddElement(index, "H1"), "H1",
                  TextOperators(fonts_.bold, 20, kMargin, kTop - 20, "Index"));
    for (const Block& block : index_pages_[p].blocks) {
      const OrderedSection& section = sections_[block.section];
      if (block.kind == Block::kSectionHeading) {
        std::string text = section.letter + ". " + section.rule->title;
        if (!section.documents.empty())
          text +=
              " (pages " +
              PageRange(section.documents.front().first_page, section.documents.back().last_page) +
              ")";
        page.Tagged(tree, tree.AddElement(index, "H2"), "H2",
                    TextOperators(fonts_.bold, 13, kMargin, block.top - 20, text));
        tables[block.section] = tree.AddElement(index, "Table");
      } else if (block.kind == Block::kTableHeader) {
        double baseline = block.top - kCellPad - 10;
        std::string rule =
            "0.5 w 0.4 G " + Number(kMargin) + " " + Number(block.top - kHeaderHeight) + " m " +
            Number(kPageWidth - kMargin) + " " + Number(block.top - kHeaderHeight) + " l S\n";
        if (block.repeated) {
          std::string ops;
          for (const Column& c : kColumns)
            ops += TextOperators(fonts_.bold, kTableSize, c.x + kCellPad, baseline, c.header);
          page.Artifact(ops + rule);
        } else {
          PdfObject* tr = tree.AddElement(tables[block.section], "TR");
          for (const Column& c : kColumns)
            page.Tagged(tree, AddCell(tree, tr, "TH", "Column"), "TH",
                        TextOperators(fonts_.bold, kTableSize, c.x + kCellPad, baseline, c.header));
          page.Artifact(rule);
        }
      } else {
        const Row& row = rows_[block.section][block.row];
        const OrderedDocument& d = *row.document;
        double baseline = block.top - kCellPad - 10;
        PdfObject* tr = tree.AddElement(tables[block.section], "TR");
        auto cell = [&](size_t column, const std::vector<std::string>& lines, PdfObject* element) {
          std::string ops;
          for (size_t i = 0; i < lines.size(); ++i)
            ops += TextOperators(fonts_.regular, kTableSize, kColumns[column].x + kCellPad,
                                 baseline - kTableLine * static_cast<double>(i), lines[i]);
          page.Tagged(tree, element, column == 1 ? "Link" : "TD", ops);
        };
        cell(0, {d.tab}, AddCell(tree, tr, "TD", nullptr));
        PdfObject* title_cell = AddCell(tree, tr, "TD", nullptr);
        PdfObject* link = tree.AddElement(title_cell, "Link");
        cell(1, row.title_lines, link);
        cell(2, row.author_lines, AddCell(tree, tr, "TD", nullptr));
        cell(3, {DateText(d.entry->date)}, AddCell(tree, tr, "TD", nullptr));
        cell(4, {PageRange(d.first_page, d.last_page)}, AddCell(tree, tr, "TD", nullptr));
        // The link covers the document's cell; its target is filled in after merging.
        PdfObject* annotation = doc.GetObjects().CreateObject("Annot");
        PdfDictionary& a = annotation->GetDictionary();
        a.AddKey("Subtype", PdfName("Link"));
        PdfArray rect;
        rect.push_back(kColumns[1].x);
        rect.push_back(block.top - row.height);
        rect.push_back(kColumns[1].x + kColumns[1].width);
        rect.push_back(block.top);
        a.AddKey("Rect", rect);
        PdfArray border;
        border.push_back(static_cast<pdf_int64>(0));
        border.push_back(static_cast<pdf_int64>(0));
        border.push_back(static_cast<pdf_int64>(0));
        a.AddKey("Border", border);
        a.AddKey("F", static_cast<pdf_int64>(4));  // print
        a.AddKey("P", page.page->GetObject()->Reference());
        std::string contents =
            "Go to " + d.tab + ", " + d.entry->title + ", page " + std::to_string(d.first_page);
        a.AddKey("Contents", PdfString(reinterpret_cast<const pdf_utf8*>(contents.c_str())));
        PdfDictionary& page_dict = page.page->GetObject()->GetDictionary();
        if (!page_dict.HasKey("Annots")) page_dict.AddKey("Annots", PdfArray());
        page_dict.GetKey("Annots")->GetArray().push_back(annotation->Reference());
        tree.AddAnnotation(link, annotation, page.page->GetObject());
        links.push_back({annotation, &d});
        page.Artifact("0.25 w 0.75 G " + Number(kMargin) + " " + Number(block.top - row.height) +
                      " m " + Number(kPageWidth - kMargin) + " " + Number(block.top - row.height) +
                      " l S\n");
      }
    }
    page.Finish();
  }
  return links;
}

}  // namespace ehcp
