// Checks the DOCX package itself: parts, styles, language, tables, lists, links, page
// furniture, images, determinism and failure behaviour. The slow tests in
// docx_clients_test.cc open the same documents in LibreOffice, python-docx and pandoc.

#include "docx/docx_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <set>
#include <tuple>

#include "docx/docx_package_reader.h"
#include "docx/docx_pagination.h"
#include "docx/docx_structure_check.h"
#include "docx/docx_test_documents.h"
#include "docx/docx_test_support.h"
#include "image/test_images.h"

namespace ehcp {
namespace {

using testing::Describe;
using testing::ReadDocxParts;
using testing::RichDocument;
using testing::ScratchFolder;
using testing::WordText;

DocxOptions TestOptions() {
  DocxOptions options;
  options.source_date_epoch = 1700000000;  // 2023-11-14T22:13:20Z
  options.asset_root = EHCP_DOCX_TEST_DATA;
  return options;
}

class DocxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = scratch_.File("plan.docx");
    ASSERT_TRUE(WriteDocx(RichDocument(), TestOptions(), path_, diagnostics_))
        << Describe(diagnostics_);
    parts_ = ReadDocxParts(path_);
    ASSERT_TRUE(parts_.opened) << parts_.error;
    for (const auto& [name, data] : parts_.parts) {
      if (!name.ends_with(".xml") && !name.ends_with(".rels")) continue;
      auto result = xml_[name].load_buffer(data.data(), data.size());
      ASSERT_TRUE(result) << name << ": " << result.description();
    }
  }
  pugi::xml_node Root(const std::string& part) { return xml_[part].document_element(); }

  ScratchFolder scratch_;
  std::string path_;
  DiagnosticList diagnostics_;
  testing::DocxParts parts_;
  std::map<std::string, pugi::xml_document> xml_;
};

TEST_F(DocxWriterTest, PackageHasEveryPartWithContentTypesAndRelationships) {
  ASSERT_FALSE(parts_.names.empty());
  EXPECT_EQ(parts_.names.front(), "[Content_Types].xml");
  for (const char* part :
       {"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
        "word/numbering.xml", "word/settings.xml", "word/header1.xml", "word/footer1.xml",
        "docProps/core.xml", "docProps/app.xml", "word/media/image1.png"}) {
    EXPECT_EQ(parts_.parts.count(part), 1u) << part;
  }
  // Every XML part has a content type override; every relationship target exists.
  std::set<std::string> overrides;
  for (auto o : Root("[Content_Types].xml").children("Override"))
    overrides.insert(o.attribute("PartName").value());
  for (const auto& name : parts_.names) {
    if (name.ends_with(".xml") && name != "[Content_Types].xml") {
      EXPECT_EQ(overrides.count("/" + name), 1u) << name;
    }
  }
  EXPECT_TRUE(Root("[Content_Types].xml").find_child_by_attribute("Default", "Extension", "png"));
  for (auto r : Root("word/_rels/document.xml.rels").children("Relationship")) {
    if (std::string(r.attribute("TargetMode").value()) == "External") continue;
    EXPECT_EQ(parts_.parts.count(std::string("word/") + r.attribute("Target").value()), 1u)
        << r.attribute("Target").value();
  }
  for (auto r : Root("_rels/.rels").children("Relationship"))
    EXPECT_EQ(parts_.parts.count(r.attribute("Target").value()), 1u)
        << r.attribute("Target").value();
  EXPECT_TRUE(diagnostics_.Empty()) << Describe(diagnostics_);
}

TEST_F(DocxWriterTest, StructureRulesHold) {
  auto problems = testing::CheckDocxStructure(parts_.parts["word/document.xml"]);
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_TRUE(problems.empty()) << all;
}

TEST_F(DocxWriterTest, HeadingsUseBuiltInNamesAndOutlineLevels) {
  auto styles = Root("word/styles.xml");
  for (int level = 1; level <= 3; ++level) {
    std::string id = "Heading" + std::to_string(level);
    auto style = styles.find_child_by_attribute("w:style", "w:styleId", id.c_str());
    ASSERT_TRUE(style) << id;
    EXPECT_EQ(std::string(style.child("w:name").attribute("w:val").value()),
              "heading " + std::to_string(level));
    EXPECT_EQ(style.child("w:pPr").child("w:outlineLvl").attribute("w:val").as_int(-1), level - 1);
  }
  auto body = Root("word/document.xml");
  EXPECT_EQ(body.select_nodes("//w:p[w:pPr/w:pStyle/@w:val='Heading1']").size(), 3u);
  EXPECT_EQ(body.select_nodes("//w:p[w:pPr/w:pStyle/@w:val='Heading2']").size(), 2u);
  EXPECT_EQ(body.select_nodes("//w:p[w:pPr/w:pStyle/@w:val='Heading3']").size(), 1u);
  EXPECT_EQ(WordText(body.select_node("//w:p[w:pPr/w:pStyle/@w:val='Title']").node()),
            "Education, Health and Care plan");
  // Body text is at least 12 pt (24 half-points) in every style.
  EXPECT_EQ(styles.select_node("w:docDefaults/w:rPrDefault/w:rPr/w:sz")
                .node()
                .attribute("w:val")
                .as_int(),
            24);
  for (const auto& sz : styles.select_nodes("//w:sz"))
    EXPECT_GE(sz.node().attribute("w:val").as_int(), 24);
}

TEST_F(DocxWriterTest, DocumentLanguageAndOtherScripts) {
  auto lang = Root("word/styles.xml").select_node("w:docDefaults/w:rPrDefault/w:rPr/w:lang").node();
  EXPECT_STREQ(lang.attribute("w:val").value(), "en-GB");
  EXPECT_STREQ(Root("docProps/core.xml").child("dc:language").text().get(), "en-GB");
  auto body = Root("word/document.xml");
  // The Polish quotation is tagged pl; Arabic runs are right to left, tagged ar when known.
  auto polish = body.select_node("//w:r[w:rPr/w:lang/@w:val='pl']").node();
  EXPECT_EQ(WordText(polish), "“Lubię rysować i grać w piłkę.”");
  auto tagged_arabic = body.select_nodes("//w:r[w:rPr/w:lang/@w:bidi='ar']");
  ASSERT_GE(tagged_arabic.size(), 2u);
  for (const auto& r : tagged_arabic)
    EXPECT_TRUE(r.node().child("w:rPr").child("w:rtl")) << WordText(r.node());
  // The untagged Arabic name typed into an English sentence still gets its own RTL run.
  bool untagged_rtl_name = false;
  for (const auto& r : body.select_nodes("//w:r[w:rPr/w:rtl]")) {
    if (WordText(r.node()) == "مريم حداد" && !r.node().child("w:rPr").child("w:lang"))
      untagged_rtl_name = true;
  }
  EXPECT_TRUE(untagged_rtl_name);
  // A paragraph entirely in Arabic is a right-to-left paragraph; the mixed one is not.
  auto arabic_paragraph = body.select_node("//w:p[.//w:t='تحب مريم الرسم والقراءة.']").node();
  EXPECT_TRUE(arabic_paragraph.child("w:pPr").child("w:bidi"));
  auto mixed = body.select_node("//w:p[w:r/w:t='Her best friend is ']").node();
  ASSERT_TRUE(mixed);
  EXPECT_FALSE(mixed.child("w:pPr").child("w:bidi"));
}

TEST_F(DocxWriterTest, TablesHaveRepeatingHeadersCaptionsAndDescriptions) {
  auto body = Root("word/document.xml");
  auto tables = body.select_nodes("//w:tbl");
  ASSERT_EQ(tables.size(), 3u);
  auto provision = tables[1].node();
  EXPECT_STREQ(provision.select_node("w:tblPr/w:tblCaption").node().attribute("w:val").value(),
               "Provision for communication and interaction");
  EXPECT_STRNE(provision.select_node("w:tblPr/w:tblDescription").node().attribute("w:val").value(),
               "");
  // The caption is a Caption paragraph directly above the table.
  auto caption = provision.previous_sibling();
  EXPECT_STREQ(caption.child("w:pPr").child("w:pStyle").attribute("w:val").value(), "Caption");
  EXPECT_EQ(WordText(caption), "Provision for communication and interaction");
  auto rows = provision.select_nodes("w:tr");
  ASSERT_EQ(rows.size(), 41u);  // header + 40
  EXPECT_TRUE(rows[0].node().select_node("w:trPr/w:tblHeader"));
  EXPECT_EQ(WordText(rows[0].node().child("w:tc")), "Provision");
  for (size_t i = 1; i < rows.size(); ++i)
    EXPECT_FALSE(rows[i].node().select_node("w:trPr/w:tblHeader"));
  // Column widths fill the text width and follow the relative widths 4:2:2:1.5.
  auto grid = provision.select_nodes("w:tblGrid/w:gridCol");
  ASSERT_EQ(grid.size(), 4u);
  std::vector<int> w;
  for (const auto& g : grid) w.push_back(g.node().attribute("w:w").as_int());
  EXPECT_EQ(w[0] + w[1] + w[2] + w[3], 9638);
  EXPECT_GT(w[0], w[1]);
  EXPECT_GT(w[2], w[3]);
  // The key/value table marks its first column as row headers.
  auto details = tables[0].node();
  EXPECT_STREQ(details.select_node("w:tblPr/w:tblLook").node().attribute("w:firstColumn").value(),
               "1");
  EXPECT_STREQ(
      details.select_node("w:tr/w:tc/w:p/w:pPr/w:pStyle").node().attribute("w:val").value(),
      "TableRowHeading");
  // Two tables in a row stay two tables in Word: a separator paragraph sits between them.
  EXPECT_STREQ(tables[2]
                   .node()
                   .previous_sibling()
                   .select_node("w:pPr/w:pStyle")
                   .node()
                   .attribute("w:val")
                   .value(),
               "TableSeparator");
  // A short table stays on one page: every row but the last keeps with the next; a long
  // one (the 40 provision rows) may break between rows.
  auto detail_rows = details.select_nodes("w:tr");
  ASSERT_EQ(detail_rows.size(), 5u);
  for (size_t i = 0; i < detail_rows.size(); ++i) {
    for (const auto& p : detail_rows[i].node().select_nodes(".//w:p"))
      EXPECT_EQ(static_cast<bool>(p.node().select_node("w:pPr/w:keepNext")),
                i + 1 < detail_rows.size())
          << "row " << i;
  }
  EXPECT_FALSE(rows[5].node().select_node(".//w:p/w:pPr/w:keepNext"));
  // The paragraph after a table has room above it, as in the PDF.
  auto after = tables[2].node().next_sibling();
  EXPECT_EQ(WordText(after), "Contact the service by email to change an appointment.");
  EXPECT_STREQ(after.select_node("w:pPr/w:spacing").node().attribute("w:before").value(), "240");
}

TEST_F(DocxWriterTest, ListsUseRealNumberingAndNumberedListsRestart) {
  auto body = Root("word/document.xml");
  auto items = body.select_nodes("//w:p[w:pPr/w:numPr]");
  ASSERT_EQ(items.size(), 7u);
  std::set<std::string> num_ids;
  for (const auto& item : items) {
    EXPECT_STREQ(item.node().select_node("w:pPr/w:pStyle").node().attribute("w:val").value(),
                 "ListParagraph");
    num_ids.insert(
        item.node().select_node("w:pPr/w:numPr/w:numId").node().attribute("w:val").value());
  }
  EXPECT_EQ(num_ids, (std::set<std::string>{"1", "2", "3"}));
  auto numbering = Root("word/numbering.xml");
  EXPECT_STREQ(numbering.select_node("w:abstractNum[@w:abstractNumId='0']/w:lvl/w:numFmt")
                   .node()
                   .attribute("w:val")
                   .value(),
               "bullet");
  EXPECT_STREQ(numbering.select_node("w:abstractNum[@w:abstractNumId='1']/w:lvl/w:numFmt")
                   .node()
                   .attribute("w:val")
                   .value(),
               "decimal");
  for (const char* id : {"2", "3"}) {
    auto num = numbering.find_child_by_attribute("w:num", "w:numId", id);
    EXPECT_STREQ(num.child("w:abstractNumId").attribute("w:val").value(), "1");
    EXPECT_STREQ(num.select_node("w:lvlOverride/w:startOverride").node().attribute("w:val").value(),
                 "1");
  }
}

TEST_F(DocxWriterTest, InternalAndExternalLinksAndContents) {
  auto body = Root("word/document.xml");
  auto section_f = body.select_node(
                           "//w:p[w:pPr/w:pStyle/@w:val='Heading1'][.//w:t='Section F: Special "
                           "educational provision']")
                       .node();
  ASSERT_TRUE(section_f);
  std::string bookmark = section_f.child("w:bookmarkStart").attribute("w:name").value();
  EXPECT_EQ(bookmark, "section_f");
  auto internal = body.select_node("//w:hyperlink[.//w:t='the provision in section F']").node();
  EXPECT_EQ(std::string(internal.attribute("w:anchor").value()), bookmark);
  auto to_row = body.select_node("//w:hyperlink[.//w:t='F1']").node();
  EXPECT_STREQ(to_row.attribute("w:anchor").value(), "provision_f1");
  EXPECT_TRUE(body.select_node("//w:tc/w:p/w:bookmarkStart[@w:name='provision_f1']"));
  auto external = body.select_node("//w:hyperlink[.//w:t='SEND code of practice']").node();
  std::string rid = external.attribute("r:id").value();
  auto rel = Root("word/_rels/document.xml.rels")
                 .find_child_by_attribute("Relationship", "Id", rid.c_str());
  EXPECT_STREQ(rel.attribute("TargetMode").value(), "External");
  EXPECT_STREQ(rel.attribute("Target").value(),
               "https://www.gov.uk/government/publications/send-code-of-practice-0-to-25");
  // Contents: a TOC field whose result already lists the headings as links.
  EXPECT_TRUE(body.select_node("//w:instrText[contains(., 'TOC \\o')]"));
  auto entries = body.select_nodes(
      "//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC') and w:pPr/w:pStyle/@w:val!='TOCHeading']");
  ASSERT_EQ(entries.size(), 6u);
  // The entry's text, then (after its tab) the page number as a PAGEREF field's result.
  EXPECT_EQ(WordText(entries[0].node().select_node("w:hyperlink/w:r[1]").node()),
            "Section A: The views, interests and aspirations of Zuzanna and her parents");
  EXPECT_TRUE(entries[0].node().select_node("w:hyperlink/w:r/w:tab"));
  EXPECT_TRUE(
      entries[0].node().select_node("w:hyperlink//w:instrText[contains(., 'PAGEREF section_a')]"));
  EXPECT_STREQ(entries[0].node().select_node("w:hyperlink").node().attribute("w:anchor").value(),
               "section_a");
  EXPECT_TRUE(entries[5].node().select_node("w:r/w:fldChar[@w:fldCharType='end']"));
}

// Amendment notices: inserted words underlined, deleted words struck through, each after
// a bold word label of its own, and never tracked changes (w:ins / w:del).
TEST(DocxRevisions, InsertedAndDeletedWordsAreRealFormattingWithALabel) {
  doc::Document document;
  doc::Paragraph p;
  p.spans.push_back({"Reading practice ", false, false, "", ""});
  doc::Span deleted{"three", false, false, "", ""};
  deleted.revision = doc::Revision::kDeleted;
  deleted.revision_label = "deleted";
  doc::Span inserted{"two", false, false, "", ""};
  inserted.revision = doc::Revision::kInserted;
  inserted.revision_label = "inserted";
  p.spans.push_back(deleted);
  p.spans.push_back({" ", false, false, "", ""});
  p.spans.push_back(inserted);
  p.spans.push_back({" times a week.", false, false, "", ""});
  document.blocks.push_back(p);
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("notice.docx"), diagnostics))
      << Describe(diagnostics);
  testing::DocxParts parts = ReadDocxParts(scratch.File("notice.docx"));
  ASSERT_TRUE(parts.opened) << parts.error;
  const std::string& xml = parts.parts["word/document.xml"];
  EXPECT_EQ(xml.find("<w:ins"), std::string::npos);
  EXPECT_EQ(xml.find("<w:del"), std::string::npos);
  pugi::xml_document body;
  ASSERT_TRUE(body.load_buffer(xml.data(), xml.size()));
  auto run = [&](const char* text) {
    return body.select_node(("//w:r[w:t='" + std::string(text) + "']").c_str()).node();
  };
  ASSERT_TRUE(run("three"));
  EXPECT_TRUE(run("three").select_node("w:rPr/w:strike"));
  EXPECT_FALSE(run("three").select_node("w:rPr/w:u"));
  ASSERT_TRUE(run("two"));
  EXPECT_STREQ(run("two").select_node("w:rPr/w:u").node().attribute("w:val").value(), "single");
  EXPECT_FALSE(run("two").select_node("w:rPr/w:strike"));
  // The labels: bold, neither underlined nor struck through, just before their words.
  for (const char* label : {"deleted: ", "inserted: "}) {
    pugi::xml_node node = run(label);
    ASSERT_TRUE(node) << label;
    EXPECT_TRUE(node.select_node("w:rPr/w:b"));
    EXPECT_FALSE(node.select_node("w:rPr/w:u | w:rPr/w:strike"));
  }
  EXPECT_EQ(run("deleted: ").next_sibling("w:r"), run("three"));
  EXPECT_EQ(run("inserted: ").next_sibling("w:r"), run("two"));
  EXPECT_TRUE(testing::CheckDocxStructure(xml).empty());
}

TEST_F(DocxWriterTest, PageBreaksAttachToTheNextParagraph) {
  auto body = Root("word/document.xml");
  auto breaks = body.select_nodes("//w:p[w:pPr/w:pageBreakBefore]");
  ASSERT_EQ(breaks.size(), 3u);
  EXPECT_STREQ(breaks[0].node().select_node("w:pPr/w:pStyle").node().attribute("w:val").value(),
               "TOCHeading");
  EXPECT_EQ(WordText(breaks[2].node()), "Section F: Special educational provision");
}

TEST_F(DocxWriterTest, HeaderFooterAndWatermark) {
  auto header = Root("word/header1.xml");
  EXPECT_NE(WordText(header).find("Zuzanna Wiśniewska – Draft EHC plan"), std::string::npos);
  auto textpath = header.select_node("//v:shape/v:textpath").node();
  EXPECT_STREQ(textpath.attribute("string").value(), "DRAFT");
  auto footer = Root("word/footer1.xml");
  EXPECT_NE(WordText(footer).find("Northshire County Council"), std::string::npos);
  std::vector<std::string> fields;
  for (const auto& i : footer.select_nodes("//w:instrText"))
    fields.push_back(i.node().text().get());
  EXPECT_EQ(fields, (std::vector<std::string>{" PAGE ", " NUMPAGES "}));
  EXPECT_NE(WordText(footer).find("Page "), std::string::npos);
  auto sect = Root("word/document.xml").select_node("//w:body/w:sectPr").node();
  EXPECT_TRUE(sect.child("w:headerReference"));
  EXPECT_TRUE(sect.child("w:footerReference"));
}

TEST_F(DocxWriterTest, LogoIsInlineWithAltTextAndNaturalAspect) {
  auto body = Root("word/document.xml");
  auto inline_drawing = body.select_node("//wp:inline").node();
  ASSERT_TRUE(inline_drawing);
  EXPECT_STREQ(inline_drawing.child("wp:docPr").attribute("descr").value(),
               "Northshire County Council logo");
  EXPECT_STREQ(body.select_node("//pic:cNvPr").node().attribute("descr").value(),
               "Northshire County Council logo");
  // 120 pt wide; the 240x80 logo keeps its 3:1 aspect.
  EXPECT_EQ(inline_drawing.child("wp:extent").attribute("cx").as_llong(), 120 * 12700);
  EXPECT_EQ(inline_drawing.child("wp:extent").attribute("cy").as_llong(), 40 * 12700);
  // Editable: nothing floats, no text boxes, no absolutely placed shapes in the body.
  EXPECT_FALSE(body.select_node("//wp:anchor"));
  EXPECT_FALSE(body.select_node("//w:txbxContent"));
  EXPECT_FALSE(body.select_node("//w:pict"));
  EXPECT_EQ(parts_.parts["word/media/image1.png"],
            testing::ReadFileBytes(EHCP_DOCX_TEST_DATA "/council-logo.png"));
}

TEST_F(DocxWriterTest, TextIsEscapedAndControlCharactersDropped) {
  auto body = Root("word/document.xml");
  auto paragraph = body.select_node("//w:p[w:r/w:t[starts-with(., 'Tricky text')]]").node();
  ASSERT_TRUE(paragraph);
  EXPECT_EQ(
      WordText(paragraph),
      "Tricky text: a < b && c > d, \"quoted\", tabhere, linebreak, controlchar bold and italic.");
  EXPECT_TRUE(paragraph.select_node(".//w:tab"));
  EXPECT_TRUE(paragraph.select_node(".//w:br"));
  EXPECT_TRUE(paragraph.select_node("w:r[w:rPr/w:b]/w:t[.='bold']"));
  EXPECT_TRUE(paragraph.select_node("w:r[w:rPr/w:i]/w:t[.='italic']"));
}

TEST_F(DocxWriterTest, CorePropertiesCarryTitleSubjectAuthorAndFixedDates) {
  auto core = Root("docProps/core.xml");
  EXPECT_STREQ(core.child("dc:title").text().get(),
               "Education, Health and Care plan: Zuzanna Wiśniewska");
  EXPECT_STREQ(core.child("dc:subject").text().get(), "Draft EHC plan, version 1");
  EXPECT_STREQ(core.child("dc:creator").text().get(), "Northshire County Council");
  EXPECT_STREQ(core.child("dcterms:created").text().get(), "2023-11-14T22:13:20Z");
  EXPECT_STREQ(core.child("dcterms:modified").text().get(), "2023-11-14T22:13:20Z");
}

TEST(DocxTables, NarrowColumnsStillFitTheirLongestWord) {
  ScratchFolder scratch;
  doc::Document document;
  doc::Table table;
  table.caption = "Outcomes";
  table.header = {"Description", "Towards outcomes"};
  table.column_widths = {20, 0.5};
  table.rows = {{testing::Cell("Short words only"), testing::Cell("E1")}};
  document.blocks.push_back(table);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("t.docx"), diagnostics));
  pugi::xml_document xml;
  ASSERT_TRUE(
      xml.load_string(ReadDocxParts(scratch.File("t.docx")).parts["word/document.xml"].c_str()));
  auto grid = xml.select_nodes("//w:gridCol");
  ASSERT_EQ(grid.size(), 2u);
  // "outcomes": 8 bold characters at 12 pt need about 1075 twips plus cell margins,
  // far more than the 0.5/20.5 share (235 twips) the relative widths alone would give.
  EXPECT_GE(grid[1].node().attribute("w:w").as_int(), 1075 + 170);
  EXPECT_EQ(grid[0].node().attribute("w:w").as_int() + grid[1].node().attribute("w:w").as_int(),
            9638);
}

// The template's layout reaches the page, the table widths and every style that shows
// it; left out, the DOCX keeps today's look (A4, 2 cm, Arial 12 pt, navy headings).
TEST(DocxLayout, TemplateLayoutSetsPageFontSizesAndColours) {
  auto write = [](const doc::LayoutSpec& layout, std::string& document_xml,
                  std::string& styles_xml) {
    ScratchFolder scratch;
    doc::Document document;
    document.layout = layout;
    doc::Heading heading;
    heading.text = "Section B";
    heading.anchor = "b";
    document.blocks.push_back(heading);
    doc::Table table;
    table.caption = "Needs";
    table.header = {"Need", "Outcomes"};
    table.rows = {{testing::Cell("Reading"), testing::Cell("E1")}};
    document.blocks.push_back(table);
    DiagnosticList diagnostics;
    ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("l.docx"), diagnostics))
        << Describe(diagnostics);
    auto parts = ReadDocxParts(scratch.File("l.docx"));
    document_xml = parts.parts["word/document.xml"];
    styles_xml = parts.parts["word/styles.xml"];
  };
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  std::string body, styles;
  write(doc::LayoutSpec{}, body, styles);
  EXPECT_NE(body.find(R"(<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134")"
                      R"( w:bottom="1134" w:left="1134")"),
            std::string::npos);
  EXPECT_NE(
      styles.find(
          R"(<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="24"/>)"),
      std::string::npos);
  EXPECT_NE(styles.find(R"(w:line="276")"), std::string::npos);
  EXPECT_EQ(count(styles, R"(<w:color w:val="1F3864"/>)"), 5u);  // Title, H1, H2, caption, TOC
  EXPECT_EQ(count(styles, "w:fill=\"DCE6F2\""), 1u);
  EXPECT_EQ(count(styles, "w:pos=\"9638\""), 2u);

  doc::LayoutSpec council;
  council.page_width = 612;
  council.page_height = 792;
  council.margins = doc::Margins{72, 54, 72, 54};
  council.font_family = "Verdana";
  council.body_size = 13;
  council.table_size = 12.5;
  council.heading_size[0] = 22;
  council.line_spacing = 1.5;
  council.text_colour = doc::Colour{0, 0, 0};
  council.heading_colour = doc::Colour{0x00, 0x5E, 0x42};
  council.table_header_colour = doc::Colour{0xE3, 0xF1, 0xEA};
  write(council, body, styles);
  EXPECT_NE(body.find(R"(<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1080")"
                      R"( w:bottom="1440" w:left="1080")"),
            std::string::npos)
      << body;
  // The table spans the text width: 12240 - 2 x 1080.
  EXPECT_NE(body.find(R"(<w:tblW w:w="10080")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:cs="Verdana"/><w:color w:val="000000"/><w:sz w:val="26"/>)"),
            std::string::npos)
      << styles;
  EXPECT_NE(styles.find(R"(w:line="360")"), std::string::npos);
  EXPECT_NE(styles.find(R"(<w:sz w:val="44"/>)"), std::string::npos);  // heading 1
  EXPECT_NE(styles.find(R"(<w:rPr><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr>)"),
            std::string::npos);  // table text
  EXPECT_EQ(count(styles, "1F3864"), 0u);
  // Title, H1, H2, H3 (black until a colour is given), caption, TOC; the quotation's bar.
  EXPECT_EQ(count(styles, R"(<w:color w:val="005E42"/>)"), 6u);
  EXPECT_EQ(count(styles, R"(w:color="005E42")"), 1u);
  EXPECT_EQ(count(styles, "w:fill=\"E3F1EA\""), 1u);
  EXPECT_EQ(count(styles, "w:pos=\"10080\""), 2u);  // header and footer right tabs
  EXPECT_EQ(count(styles, "w:pos=\"10070\""), 3u);  // contents page numbers
}

TEST(DocxDeterminism, SameInputGivesIdenticalBytesInAnyTimeZone) {
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  std::string tz_before = std::getenv("TZ") ? std::getenv("TZ") : "";
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  ASSERT_TRUE(WriteDocx(RichDocument(), TestOptions(), scratch.File("a.docx"), diagnostics))
      << Describe(diagnostics);
  ::setenv("TZ", "America/New_York", 1);
  ::tzset();
  ASSERT_TRUE(WriteDocx(RichDocument(), TestOptions(), scratch.File("b.docx"), diagnostics))
      << Describe(diagnostics);
  if (tz_before.empty())
    ::unsetenv("TZ");
  else
    ::setenv("TZ", tz_before.c_str(), 1);
  ::tzset();
  std::string a = testing::ReadFileBytes(scratch.File("a.docx"));
  ASSERT_GT(a.size(), 1000u);
  EXPECT_EQ(a, testing::ReadFileBytes(scratch.File("b.docx")));

  // The ZIP entries carry the fixed time as UTC DOS fields: bytes 10..13 of the first
  // local file header hold its DOS time and date.
  auto time = static_cast<unsigned>(static_cast<unsigned char>(a[10]) |
                                    (static_cast<unsigned char>(a[11]) << 8));
  auto date = static_cast<unsigned>(static_cast<unsigned char>(a[12]) |
                                    (static_cast<unsigned char>(a[13]) << 8));
  EXPECT_EQ(date >> 9, 2023u - 1980u);
  EXPECT_EQ((date >> 5) & 0xF, 11u);
  EXPECT_EQ(date & 0x1F, 14u);
  EXPECT_EQ(time >> 11, 22u);
  EXPECT_EQ((time >> 5) & 0x3F, 13u);

  // A different SOURCE_DATE_EPOCH changes the stamps, so the option is really used.
  DocxOptions later = TestOptions();
  later.source_date_epoch = 1800000000;
  ASSERT_TRUE(WriteDocx(RichDocument(), later, scratch.File("c.docx"), diagnostics));
  EXPECT_NE(a, testing::ReadFileBytes(scratch.File("c.docx")));
}

TEST(DocxDeterminism, SourceDateEpochFromTheEnvironment) {
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  DocxOptions options = TestOptions();
  options.source_date_epoch.reset();
  const char* outer = std::getenv("SOURCE_DATE_EPOCH");  // a CI run may set it
  std::string saved = outer ? outer : "";
  ::setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
  bool written = WriteDocx(RichDocument(2), options, scratch.File("env.docx"), diagnostics);
  if (outer)
    ::setenv("SOURCE_DATE_EPOCH", saved.c_str(), 1);
  else
    ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(written) << Describe(diagnostics);
  auto parts = ReadDocxParts(scratch.File("env.docx"));
  EXPECT_NE(parts.parts["docProps/core.xml"].find("2020-09-13T12:26:40Z"), std::string::npos);
}

// Nothing but the complete file may ever appear: no partial output, no temporary files.
void ExpectFolderEmpty(const ScratchFolder& scratch) {
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(scratch.Path()))
    left.push_back(entry.path().string());
  EXPECT_TRUE(left.empty()) << left.front();
}

TEST(DocxFailures, ImageOutsideTheTemplateFolderIsRefused) {
  ScratchFolder scratch;
  for (std::string path :
       {"../docx_writer_test.cc", "/etc/hostname", "../../../../../../etc/passwd"}) {
    doc::Document document = RichDocument(2);
    document.blocks.insert(document.blocks.begin(), doc::Figure{path, "escape", 0});
    DiagnosticList diagnostics;
    EXPECT_FALSE(WriteDocx(document, TestOptions(), scratch.File("out.docx"), diagnostics)) << path;
    ASSERT_TRUE(diagnostics.HasErrors());
    EXPECT_EQ(diagnostics.Items().back().code, "docx.image.outside-assets")
        << Describe(diagnostics);
    ExpectFolderEmpty(scratch);
  }
}

TEST(DocxFailures, MissingOrBrokenImageIsAnError) {
  ScratchFolder scratch;
  std::filesystem::create_directories(scratch.Path() / "assets");
  std::string png = testing::ReadFileBytes(EHCP_DOCX_TEST_DATA "/council-logo.png");
  png[40] = static_cast<char>(png[40] ^ 0x55);  // inside a chunk: its CRC no longer matches
  { std::ofstream(scratch.Path() / "assets" / "broken.png", std::ios::binary) << png; }
  DocxOptions options = TestOptions();
  options.asset_root = scratch.Path() / "assets";
  for (auto [name, code] :
       {std::pair{"missing.png", "docx.image.unreadable"}, {"broken.png", "docx.image.format"}}) {
    doc::Document document;
    document.blocks.push_back(doc::Figure{name, "logo", 0});
    DiagnosticList diagnostics;
    EXPECT_FALSE(WriteDocx(document, options, scratch.File("out.docx"), diagnostics));
    ASSERT_TRUE(diagnostics.HasErrors());
    EXPECT_EQ(diagnostics.Items().back().code, code) << Describe(diagnostics);
    EXPECT_FALSE(std::filesystem::exists(scratch.File("out.docx")));
  }
}

TEST(DocxFailures, DamagedOrOversizedImageIsRefusedAndNothingWritten) {
  ScratchFolder scratch;
  std::filesystem::create_directories(scratch.Path() / "assets");
  DocxOptions options = TestOptions();
  options.asset_root = scratch.Path() / "assets";
  std::string png = testing::MakePng(64, 64, 3, testing::GradientPixels(64, 64, 3));
  std::string jpeg = testing::MakeJpeg(64, 64, 3, testing::GradientPixels(64, 64, 3));
  const std::pair<const char*, std::string> cases[] = {
      {"20000 x 20000", testing::PngClaimingSize(20000, 20000)},
      {"damaged", png.substr(0, png.size() / 2)},
      {"CRC", testing::PngWithBadCrc(png)},
      {"JPEG data is damaged", testing::JpegWithBadScanData(jpeg)},
      {"JPEG data is damaged", jpeg.substr(0, jpeg.size() / 2)},
  };
  for (const auto& [expected, bytes] : cases) {
    { std::ofstream(scratch.Path() / "assets" / "logo.img", std::ios::binary) << bytes; }
    doc::Document document;
    document.blocks.push_back(doc::Figure{"logo.img", "logo", 0});
    DiagnosticList diagnostics;
    EXPECT_FALSE(WriteDocx(document, options, scratch.File("out.docx"), diagnostics)) << expected;
    ASSERT_TRUE(diagnostics.HasErrors());
    EXPECT_EQ(diagnostics.Items().back().code, "docx.image.format") << Describe(diagnostics);
    EXPECT_NE(Describe(diagnostics).find(expected), std::string::npos) << Describe(diagnostics);
    EXPECT_FALSE(std::filesystem::exists(scratch.File("out.docx")));
  }
}

TEST(DocxImages, ImagesThatDecodeAreEmbeddedAsTheyAreAtTheirSize) {
  ScratchFolder scratch;
  std::filesystem::create_directories(scratch.Path() / "assets");
  DocxOptions options = TestOptions();
  options.asset_root = scratch.Path() / "assets";
  std::string rgba = testing::GradientPixels(120, 40, 4);
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = static_cast<char>(i % 256);
  const std::tuple<std::string, std::string, std::string> cases[] = {
      {"alpha.png", "png", testing::MakePng(120, 40, 4, rgba)},
      {"grey.jpg", "jpeg", testing::MakeJpeg(120, 40, 1, testing::GradientPixels(120, 40, 1))},
      {"cmyk.jpg", "jpeg", testing::MakeJpeg(120, 40, 4, testing::GradientPixels(120, 40, 4))},
  };
  for (const auto& [name, extension, bytes] : cases) {
    { std::ofstream(scratch.Path() / "assets" / name, std::ios::binary) << bytes; }
    doc::Document document;
    document.blocks.push_back(doc::Figure{name, "Council logo", 0});
    DiagnosticList diagnostics;
    ASSERT_TRUE(WriteDocx(document, options, scratch.File("out.docx"), diagnostics))
        << Describe(diagnostics);
    auto parts = ReadDocxParts(scratch.File("out.docx"));
    EXPECT_EQ(parts.parts["word/media/image1." + extension], bytes) << name;
    // 120 x 40 pixels at 96 dpi (the files record none): 90 x 30 pt.
    EXPECT_NE(parts.parts["word/document.xml"].find("cx=\"1143000\" cy=\"381000\""),
              std::string::npos)
        << name;
  }
}

TEST(DocxFailures, UnwritableTargetLeavesNothingBehind) {
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  EXPECT_FALSE(WriteDocx(RichDocument(2), TestOptions(), scratch.File("no-such-folder/plan.docx"),
                         diagnostics));
  EXPECT_TRUE(diagnostics.HasErrors());
  ExpectFolderEmpty(scratch);
}

TEST(DocxFailures, ExistingFileIsReplacedOnlyByACompleteOne) {
  ScratchFolder scratch;
  std::string target = scratch.File("plan.docx");
  { std::ofstream(target) << "previous version"; }
  doc::Document document = RichDocument(2);
  document.blocks.push_back(doc::Figure{"/etc/hostname", "escape", 0});
  DiagnosticList diagnostics;
  EXPECT_FALSE(WriteDocx(document, TestOptions(), target, diagnostics));
  EXPECT_EQ(testing::ReadFileBytes(target), "previous version");
}

TEST(DocxEdgeCases, EmptyDocumentIsAValidPackage) {
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  doc::Document document;
  document.page_label.clear();
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("empty.docx"), diagnostics))
      << Describe(diagnostics);
  auto parts = ReadDocxParts(scratch.File("empty.docx"));
  ASSERT_TRUE(parts.opened);
  EXPECT_EQ(parts.parts.count("word/header1.xml"), 0u);  // nothing to put in it
  EXPECT_EQ(parts.parts.count("word/footer1.xml"), 0u);
  pugi::xml_document body;
  ASSERT_TRUE(body.load_string(parts.parts["word/document.xml"].c_str()));
  EXPECT_TRUE(body.select_node("/w:document/w:body/w:sectPr"));
  EXPECT_FALSE(body.select_node("//w:headerReference"));
}

// The tribunal working document's marks: underline and strike-through as run properties,
// and a span's footnote as a real Word footnote (word/footnotes.xml, numbered from 1 after
// Word's separators, which settings.xml names). A document without footnotes has no part.
TEST(DocxFootnotes, UnderlineStrikeAndFootnotesAreWordsOwn) {
  doc::Document document;
  doc::Span agreed = testing::S("agreed");
  agreed.underline = true;
  agreed.footnote = "First note.";
  doc::Span deleted = testing::S("deleted");
  deleted.strike = true;
  deleted.bold = true;
  deleted.footnote = "Second note.";
  document.blocks.push_back(
      testing::Para({testing::S("Plain "), agreed, testing::S(" "), deleted}));
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("notes.docx"), diagnostics))
      << Describe(diagnostics);
  auto parts = ReadDocxParts(scratch.File("notes.docx"));
  ASSERT_TRUE(parts.opened);
  pugi::xml_document body, notes, settings;
  ASSERT_TRUE(body.load_string(parts.parts["word/document.xml"].c_str()));
  ASSERT_TRUE(notes.load_string(parts.parts["word/footnotes.xml"].c_str()));
  ASSERT_TRUE(settings.load_string(parts.parts["word/settings.xml"].c_str()));
  EXPECT_TRUE(body.select_node("//w:r[w:t='agreed']/w:rPr/w:u[@w:val='single']"));
  EXPECT_FALSE(body.select_node("//w:r[w:t='agreed']/w:rPr/w:strike"));
  EXPECT_TRUE(body.select_node("//w:r[w:t='deleted']/w:rPr/w:strike"));
  EXPECT_TRUE(body.select_node("//w:r[w:t='deleted']/w:rPr/w:b"));
  auto references = body.select_nodes("//w:footnoteReference");
  ASSERT_EQ(references.size(), 2u);
  EXPECT_STREQ(references[0].node().attribute("w:id").value(), "1");
  EXPECT_STREQ(references[1].node().attribute("w:id").value(), "2");
  EXPECT_TRUE(notes.select_node("/w:footnotes/w:footnote[@w:id='-1' and @w:type='separator']"));
  EXPECT_TRUE(
      notes.select_node("/w:footnotes/w:footnote[@w:id='0' and @w:type='continuationSeparator']"));
  EXPECT_FALSE(notes.select_node("//w:footnote[@w:type]//w:footnoteRef"));
  EXPECT_EQ(WordText(notes.select_node("//w:footnote[@w:id='2']").node()), " Second note.");
  EXPECT_TRUE(notes.select_node("//w:footnote[@w:id='1']//w:footnoteRef"));
  EXPECT_TRUE(settings.select_node("//w:footnotePr/w:footnote[@w:id='-1']"));
  EXPECT_NE(parts.parts["[Content_Types].xml"].find("/word/footnotes.xml"), std::string::npos);
  EXPECT_NE(parts.parts["word/_rels/document.xml.rels"].find("Target=\"footnotes.xml\""),
            std::string::npos);
  EXPECT_TRUE(testing::CheckDocxStructure(parts.parts["word/document.xml"]).empty());

  doc::Document plain;
  plain.blocks.push_back(testing::Para("No notes."));
  ASSERT_TRUE(WriteDocx(plain, TestOptions(), scratch.File("plain.docx"), diagnostics));
  auto plain_parts = ReadDocxParts(scratch.File("plain.docx"));
  EXPECT_EQ(plain_parts.parts.count("word/footnotes.xml"), 0u);
  EXPECT_EQ(plain_parts.parts["word/settings.xml"].find("footnotePr"), std::string::npos);
}

TEST(DocxEdgeCases, ArbitraryBytesNeverBreakTheXml) {
  // Every byte value, in runs, headings, captions, alt text and page furniture: the
  // parts must still parse (malformed UTF-8 and XML-illegal characters are dropped).
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  bytes += "\xC3\x28 \xE2\x82 \xF0\x9F\x98\x80 \xED\xA0\x80 \xEF\xBF\xBF";
  doc::Document document;
  document.title = document.subject = document.author = document.running_header = bytes;
  document.footer_left = document.page_label = bytes + "{page}{pages}{";
  document.watermark = bytes;
  document.blocks.push_back(testing::Head(1, bytes, bytes));
  document.blocks.push_back(
      testing::Para({testing::S(bytes, bytes), testing::S(bytes, "", "#" + bytes)}));
  doc::Table table;
  table.caption = table.description = bytes;
  table.header = {bytes};
  table.rows = {{testing::Cell(bytes)}};
  document.blocks.push_back(table);
  document.blocks.push_back(doc::TableOfContents{bytes});
  ScratchFolder scratch;
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("bytes.docx"), diagnostics))
      << Describe(diagnostics);
  auto parts = ReadDocxParts(scratch.File("bytes.docx"));
  ASSERT_TRUE(parts.opened);
  // xmllint (libxml2) is strict about characters XML forbids, where pugixml is lenient.
  for (const auto& [name, data] : parts.parts) {
    std::string file = scratch.File("part.xml");
    { std::ofstream(file, std::ios::binary) << data; }
    auto lint = testing::RunProgram("xmllint --noout " + testing::Quote(file));
    EXPECT_EQ(lint.exit_code, 0) << name << ": " << lint.output;
  }
  EXPECT_TRUE(testing::CheckDocxStructure(parts.parts["word/document.xml"]).empty());
}

TEST(DocxEdgeCases, UnknownAnchorsAndUnsafeLinksBecomePlainTextWithWarnings) {
  ScratchFolder scratch;
  doc::Document document;
  doc::Paragraph p;
  p.spans = {testing::S("nowhere", "", "#no-such-heading"), testing::S(" and "),
             testing::S("script", "", "javascript:alert(1)")};
  document.blocks.push_back(p);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), scratch.File("links.docx"), diagnostics));
  EXPECT_EQ(diagnostics.Count(Severity::kWarning), 2);
  auto parts = ReadDocxParts(scratch.File("links.docx"));
  EXPECT_EQ(parts.parts["word/document.xml"].find("w:hyperlink"), std::string::npos);
  EXPECT_EQ(parts.parts["word/_rels/document.xml.rels"].find("javascript"), std::string::npos);
  EXPECT_NE(parts.parts["word/document.xml"].find("nowhere"), std::string::npos);
}

// ---------------------------------------------------------------- contents and rows

// A plan-like document long enough for several pages: contents, then sections of long
// paragraphs under level-1 and level-2 headings.
doc::Document PagedDocument() {
  doc::Document document;
  document.title = "Plan for Zuzanna";
  document.blocks.push_back(testing::Para("Plan for Zuzanna", doc::ParagraphStyle::kTitle));
  document.blocks.push_back(doc::PageBreak{});
  doc::TableOfContents contents;
  contents.title = "Contents";
  document.blocks.push_back(contents);
  document.blocks.push_back(doc::PageBreak{});
  std::string sentence =
      "Zuzanna enjoys drawing, building with bricks and talking about the animals she "
      "has seen at the farm with her grandmother. ";
  for (int section = 0; section < 6; ++section) {
    doc::Heading heading;
    heading.level = 1;
    heading.text = "Section " + std::string(1, static_cast<char>('A' + section));
    heading.anchor = "section-" + std::string(1, static_cast<char>('a' + section));
    document.blocks.push_back(heading);
    for (int part = 0; part < 2; ++part) {
      doc::Heading sub;
      sub.level = 2;
      sub.text = heading.text + " part " + std::to_string(part + 1);
      sub.anchor = heading.anchor + "-" + std::to_string(part + 1);
      document.blocks.push_back(sub);
      std::string long_text;
      for (int i = 0; i < 6 + section * 3; ++i) long_text += sentence;
      document.blocks.push_back(testing::Para(long_text));
    }
  }
  return document;
}

TEST(DocxContents, EveryEntryShowsTheLayoutsPageAsAPagerefResult) {
  testing::ScratchFolder scratch;
  doc::Document document = PagedDocument();
  auto pages = docx::EstimateHeadingPages(document, EHCP_DOCX_TEST_DATA);
  ASSERT_TRUE(pages.has_value());
  ASSERT_EQ(pages->size(), 18u);  // 6 sections, 2 parts each
  EXPECT_EQ(pages->front(), 3);   // cover, contents, then Section A on a page of its own
  EXPECT_GT(pages->back(), pages->front() + 3);  // the sections fill several pages
  EXPECT_TRUE(std::is_sorted(pages->begin(), pages->end()));

  std::string path = scratch.File("paged.docx");
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), path, diagnostics)) << Describe(diagnostics);
  auto parts = ReadDocxParts(path);
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(parts.parts["word/document.xml"].c_str()));
  auto entries = xml.select_nodes(
      "//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC') and w:pPr/w:pStyle/@w:val!='TOCHeading']");
  ASSERT_EQ(entries.size(), pages->size());
  for (size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(i);
    pugi::xml_node link = entries[i].node().child("w:hyperlink");
    std::string bookmark = link.attribute("w:anchor").value();
    ASSERT_TRUE(xml.select_node(("//w:bookmarkStart[@w:name='" + bookmark + "']").c_str()));
    // text, tab, then begin / PAGEREF bookmark \h / separate / the number / end, as Word
    // writes a contents entry, inside the entry's link.
    std::vector<std::string> sequence;
    for (pugi::xml_node run : link.children("w:r")) {
      if (run.child("w:tab")) sequence.push_back("tab");
      if (auto field = run.child("w:fldChar"))
        sequence.push_back(field.attribute("w:fldCharType").value());
      if (auto instruction = run.child("w:instrText")) sequence.push_back(instruction.text().get());
      if (auto text = run.child("w:t"); text && !sequence.empty())
        sequence.push_back(text.text().get());
    }
    std::vector<std::string> expected = {
        "tab", "begin", " PAGEREF " + bookmark + " \\h ", "separate", std::to_string((*pages)[i]),
        "end"};
    EXPECT_EQ(sequence, expected);
  }
  // Not marked dirty, and no update on open: Word would ask the officer about fields
  // "that may refer to other files" (docs/engineering.md).
  EXPECT_FALSE(xml.select_node("//w:fldChar[@w:dirty]"));
  EXPECT_EQ(parts.parts["word/settings.xml"].find("updateFields"), std::string::npos);
}

TEST(DocxContents, WithoutALayoutTheEntriesHaveNoNumbers) {
  // A character no font here draws: the layout cannot run, the DOCX (where Word picks
  // its own font) is still written, its contents listed as links without numbers.
  testing::ScratchFolder scratch;
  doc::Document document = PagedDocument();
  std::get<doc::Heading>(document.blocks[4]).text = "Section A: dinosaurs \U0001F996";
  EXPECT_FALSE(docx::EstimateHeadingPages(document, EHCP_DOCX_TEST_DATA).has_value());
  std::string path = scratch.File("unpaged.docx");
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), path, diagnostics)) << Describe(diagnostics);
  auto parts = ReadDocxParts(path);
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(parts.parts["word/document.xml"].c_str()));
  EXPECT_EQ(xml.select_nodes("//w:hyperlink[w:r/w:t]").size(), 18u);
  EXPECT_FALSE(xml.select_node("//w:instrText[contains(., 'PAGEREF')]"));
  EXPECT_TRUE(diagnostics.Empty()) << Describe(diagnostics);
}

TEST(DocxTables, ShortRowsKeepTogetherAndTallRowsSplit) {
  testing::ScratchFolder scratch;
  doc::Document document;
  document.title = "Provision";
  doc::Table table;
  table.caption = "Provision for communication and interaction";
  table.header = {"Provision", "Who", "How often"};
  table.column_widths = {4, 2, 2};
  std::string long_text;
  for (int i = 0; i < 40; ++i)
    long_text += "A speech and language therapist works with Zuzanna in a small group. ";
  table.rows.push_back(
      {testing::Cell("Visual timetable"), testing::Cell("Teacher"), testing::Cell("Daily")});
  table.rows.push_back(
      {testing::Cell(long_text), testing::Cell("Therapist"), testing::Cell("Weekly")});
  document.blocks.push_back(table);
  std::string path = scratch.File("rows.docx");
  DiagnosticList diagnostics;
  ASSERT_TRUE(WriteDocx(document, TestOptions(), path, diagnostics)) << Describe(diagnostics);
  auto parts = ReadDocxParts(path);
  pugi::xml_document xml;
  ASSERT_TRUE(xml.load_string(parts.parts["word/document.xml"].c_str()));
  auto rows = xml.select_nodes("//w:tr");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].node().select_node("w:trPr/w:tblHeader"));  // repeats on each page
  EXPECT_TRUE(rows[0].node().select_node("w:trPr/w:cantSplit"));
  EXPECT_TRUE(rows[1].node().select_node("w:trPr/w:cantSplit"));   // one line: kept whole
  EXPECT_FALSE(rows[2].node().select_node("w:trPr/w:cantSplit"));  // ~2,800 characters
  EXPECT_GT(testing::RowTwips(rows[2].node()), testing::kKeepRowWholeTwips);
  EXPECT_LT(testing::RowTwips(rows[1].node()), testing::kKeepRowWholeTwips);
  auto problems = testing::CheckDocxStructure(parts.parts["word/document.xml"]);
  EXPECT_TRUE(problems.empty()) << problems.front();

  // The structure check refuses a tall row that cannot split, and a short one that can.
  std::string xml_text = parts.parts["word/document.xml"];
  std::string swapped = xml_text;
  size_t tall = swapped.rfind("<w:tr>");
  swapped.replace(tall, 6, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
  EXPECT_EQ(testing::CheckDocxStructure(swapped).size(), 1u);
  size_t short_row = xml_text.find("<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc>");
  ASSERT_NE(short_row, std::string::npos);
  xml_text.replace(short_row, std::string_view("<w:tr><w:trPr><w:cantSplit/></w:trPr>").size(),
                   "<w:tr>");
  EXPECT_EQ(testing::CheckDocxStructure(xml_text).size(), 1u);
}

}  // namespace
}  // namespace ehcp
