// Tests of WritePdf and the layout engine on hand-built documents: atomic writes,
// errors instead of blank glyphs, determinism, and layout rules (headings never
// stranded, header rows tagged once, contents numbers).

#include "pdf/pdf_writer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "bundle/source_pdf.h"
#include "image/test_images.h"
#include "pdf/layout_engine.h"
#include "pdf/sample_documents.h"
#include "pdf_tools.h"
#include "pdfio/reader.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

PdfOptions Options() {
  PdfOptions options;
  options.source_date_epoch = 1767225600;  // 2026-01-01
  options.asset_root = testing::kAssets;
  return options;
}

std::string Messages(const DiagnosticList& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += FormatDiagnostic(d) + "\n";
  return out;
}

// The page count, read back with the bundle's PDF reader (-1 when it cannot read it).
int PageCount(const std::string& bytes) {
  DiagnosticList diagnostics;
  auto pdf = SourcePdf::OpenInMemory(bytes, "plan", SourceLocation{}, diagnostics);
  return pdf ? pdf->PageCount() : -1;
}

// Nothing but the expected files in `folder`: no temporary file left behind.
std::vector<std::string> Files(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(WritePdf, WritesATaggedPdf17) {
  TempFolder folder("ehcp-pdf-write");
  DiagnosticList diagnostics;
  ASSERT_TRUE(WritePdf(testing::SmallDocument(), Options(), folder.File("plan.pdf"), diagnostics))
      << Messages(diagnostics);
  EXPECT_FALSE(diagnostics.HasErrors());
  std::string bytes = testing::ReadFile(folder.File("plan.pdf"));
  EXPECT_EQ(bytes.rfind("%PDF-1.7\n", 0), 0u);
  EXPECT_NE(bytes.find("/StructTreeRoot"), std::string::npos);
  EXPECT_NE(bytes.find("pdfuaid:part>1<"), std::string::npos);
  EXPECT_EQ(Files(folder.Path()), std::vector<std::string>{"plan.pdf"});

  EXPECT_EQ(PageCount(bytes), 2);
  pdfio::PdfFile file(bytes);
  const pdfio::Value* info = file.Resolve(file.Trailer().Get("Info"));
  const pdfio::Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  ASSERT_TRUE(info != nullptr && catalog != nullptr);
  EXPECT_EQ(info->Get("Title")->text, "(Education, Health and Care plan: Maya Example)");
  ASSERT_NE(catalog->Get("Lang"), nullptr);
  EXPECT_EQ(catalog->Get("Lang")->text, "(en-GB)");
}

TEST(WritePdf, SameInputGivesIdenticalBytes) {
  TempFolder folder("ehcp-pdf-determinism");
  DiagnosticList diagnostics;
  ASSERT_TRUE(WritePdf(testing::LongPlanDocument(), Options(), folder.File("a.pdf"), diagnostics));
  ASSERT_TRUE(WritePdf(testing::LongPlanDocument(), Options(), folder.File("b.pdf"), diagnostics));
  std::string a = testing::ReadFile(folder.File("a.pdf"));
  EXPECT_GT(a.size(), 10000u);
  EXPECT_TRUE(a == testing::ReadFile(folder.File("b.pdf")));
  EXPECT_NE(a.find("D:20260101000000Z"), std::string::npos);
}

TEST(WritePdf, HonoursSourceDateEpochFromTheEnvironment) {
  TempFolder folder("ehcp-pdf-epoch");
  DiagnosticList diagnostics;
  PdfOptions options = Options();
  options.source_date_epoch.reset();
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);  // 2023-11-14T22:13:20Z
  bool ok = WritePdf(testing::SmallDocument(), options, folder.File("plan.pdf"), diagnostics);
  ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(ok) << Messages(diagnostics);
  EXPECT_NE(testing::ReadFile(folder.File("plan.pdf")).find("D:20231114221320Z"),
            std::string::npos);
}

TEST(WritePdf, UnprintableCharacterIsAnErrorAndNoFileIsWritten) {
  TempFolder folder("ehcp-pdf-unprintable");
  doc::Document document = testing::SmallDocument();
  doc::Paragraph paragraph;
  paragraph.spans.push_back({"Maya's favourite thing: \U0001F996 dinosaurs", false, false, "", ""});
  document.blocks.push_back(paragraph);
  DiagnosticList diagnostics;
  EXPECT_FALSE(WritePdf(document, Options(), folder.File("plan.pdf"), diagnostics));
  ASSERT_TRUE(diagnostics.HasErrors());
  std::string messages = Messages(diagnostics);
  EXPECT_NE(messages.find("U+1F996"), std::string::npos) << messages;
  EXPECT_NE(messages.find("favourite thing"), std::string::npos) << messages;
  EXPECT_TRUE(Files(folder.Path()).empty());
}

// Text measured ahead of a heading (to keep them on one page) is placed from that measure
// only when measuring reported nothing: a character no font can show is still an error,
// reported once, in a paragraph, a list and a table cell alike.
TEST(WritePdf, TextMeasuredAheadOfAHeadingStillReportsItsErrorsOnce) {
  auto render = [](doc::Block block) {
    doc::Document document = testing::SmallDocument();
    doc::Heading heading;
    heading.level = 2;
    heading.text = "What Maya enjoys";
    document.blocks.push_back(heading);
    document.blocks.push_back(std::move(block));
    std::string bytes;
    DiagnosticList diagnostics;
    EXPECT_FALSE(RenderPdf(document, Options(), bytes, diagnostics));
    EXPECT_EQ(diagnostics.Count(Severity::kError), 1) << Messages(diagnostics);
    EXPECT_NE(Messages(diagnostics).find("U+1F996"), std::string::npos) << Messages(diagnostics);
  };
  doc::Span span{"Dinosaurs \U0001F996 and drawing", false, false, "", ""};
  doc::Paragraph paragraph;
  paragraph.spans.push_back(span);
  render(paragraph);
  doc::ListBlock list;
  list.items.push_back(paragraph);
  render(list);
  doc::TableCell what, when;
  what.paragraphs.push_back(paragraph);
  when.paragraphs.push_back(
      doc::Paragraph{{{"Daily", false, false, "", ""}}, doc::ParagraphStyle::kBody, false, "", {}});
  doc::Table table;
  table.header = {"What", "When"};
  table.rows.push_back({what, when});
  render(table);
}

TEST(WritePdf, FailureLeavesAnExistingFileUntouched) {
  TempFolder folder("ehcp-pdf-keep");
  std::string path = folder.File("plan.pdf");
  { std::ofstream(path) << "old"; }
  doc::Document document = testing::SmallDocument();
  document.running_header = "Maya \U0001F600";
  DiagnosticList diagnostics;
  EXPECT_FALSE(WritePdf(document, Options(), path, diagnostics));
  EXPECT_EQ(testing::ReadFile(path), "old");
  EXPECT_EQ(Files(folder.Path()), std::vector<std::string>{"plan.pdf"});
}

TEST(WritePdf, RefusesImagesOutsideTheAssetRoot) {
  TempFolder folder("ehcp-pdf-image");
  doc::Document document = testing::SmallDocument();
  doc::Figure figure;
  figure.image_path = "../../../README.md";
  figure.alt = "Not a logo";
  document.blocks.push_back(figure);
  DiagnosticList diagnostics;
  EXPECT_FALSE(WritePdf(document, Options(), folder.File("plan.pdf"), diagnostics));
  EXPECT_NE(Messages(diagnostics).find("not inside the template folder"), std::string::npos)
      << Messages(diagnostics);
  EXPECT_TRUE(Files(folder.Path()).empty());
}

TEST(WritePdf, RefusesAFileThatIsNotAnImage) {
  TempFolder folder("ehcp-pdf-badimage");
  std::string fake = folder.File("logo.png");
  { std::ofstream(fake) << "not a png"; }
  doc::Document document = testing::SmallDocument();
  std::get<doc::Figure>(document.blocks[0]).image_path = "logo.png";
  PdfOptions options = Options();
  options.asset_root = folder.Path();
  DiagnosticList diagnostics;
  EXPECT_FALSE(WritePdf(document, options, folder.File("plan.pdf"), diagnostics));
  EXPECT_NE(Messages(diagnostics).find("not a PNG or JPEG"), std::string::npos)
      << Messages(diagnostics);
  EXPECT_FALSE(fs::exists(folder.File("plan.pdf")));
}

// Writes `bytes` as the asset folder's logo.png and renders the small document (which
// opens with the logo) with that folder as the asset root.
bool RenderWithLogo(const TempFolder& folder, const std::string& bytes,
                    DiagnosticList& diagnostics) {
  { std::ofstream(folder.File("logo.png"), std::ios::binary) << bytes; }
  PdfOptions options = Options();
  options.asset_root = folder.Path();
  return WritePdf(testing::SmallDocument(), options, folder.File("plan.pdf"), diagnostics);
}

TEST(WritePdf, RefusesDamagedAndOversizedImagesAndWritesNothing) {
  std::string png = testing::MakePng(64, 64, 3, testing::GradientPixels(64, 64, 3));
  std::string jpeg = testing::MakeJpeg(64, 64, 3, testing::GradientPixels(64, 64, 3));
  const std::pair<const char*, std::string> cases[] = {
      {"20000 x 20000", testing::PngClaimingSize(20000, 20000)},
      {"damaged", png.substr(0, png.size() / 2)},
      {"CRC", testing::PngWithBadCrc(png)},
      {"JPEG data is damaged", testing::JpegWithBadScanData(jpeg)},
  };
  for (const auto& [expected, bytes] : cases) {
    TempFolder folder("ehcp-pdf-damaged-image");
    DiagnosticList diagnostics;
    EXPECT_FALSE(RenderWithLogo(folder, bytes, diagnostics)) << expected;
    ASSERT_TRUE(diagnostics.HasErrors());
    EXPECT_EQ(diagnostics.Items().back().code, "pdf.image");
    EXPECT_NE(Messages(diagnostics).find(expected), std::string::npos) << Messages(diagnostics);
    EXPECT_NE(Messages(diagnostics).find("logo.png"), std::string::npos) << Messages(diagnostics);
    EXPECT_EQ(Files(folder.Path()), std::vector<std::string>{"logo.png"});
  }
}

TEST(WritePdf, ImageWithAlphaGetsASoftMaskAndJpegItsColourSpace) {
  std::string rgba = testing::GradientPixels(30, 20, 4);
  for (size_t i = 3; i < rgba.size(); i += 4) rgba[i] = static_cast<char>(i % 256);
  const std::pair<std::string, std::vector<std::string>> cases[] = {
      {testing::MakePng(30, 20, 4, rgba), {"/ColorSpace/DeviceRGB", "/SMask "}},
      {testing::MakeJpeg(30, 20, 1, testing::GradientPixels(30, 20, 1)),
       {"/ColorSpace/DeviceGray"}},
      {testing::MakeJpeg(30, 20, 4, testing::GradientPixels(30, 20, 4)),
       {"/ColorSpace/DeviceCMYK"}},
  };
  for (const auto& [bytes, expected] : cases) {
    TempFolder folder("ehcp-pdf-image-kinds");
    DiagnosticList diagnostics;
    ASSERT_TRUE(RenderWithLogo(folder, bytes, diagnostics)) << Messages(diagnostics);
    std::string pdf = testing::ReadFile(folder.File("plan.pdf"));
    EXPECT_NE(pdf.find("/Subtype/Image/Width 30/Height 20"), std::string::npos);
    for (const auto& entry : expected) EXPECT_NE(pdf.find(entry), std::string::npos) << entry;
    EXPECT_EQ(pdf.find("/DCTDecode"), std::string::npos);  // no file bytes pass through
    EXPECT_EQ(PageCount(pdf), 2);
  }
}

TEST(WritePdf, ALogoChangedBetweenRendersIsReadAfresh) {
  // Encoded images are kept per process for a file's exact bytes; a changed file is not
  // served from that store, whether it became damaged or another good image.
  TempFolder folder("ehcp-pdf-image-changed");
  std::string first = testing::MakePng(30, 20, 3, testing::GradientPixels(30, 20, 3));
  for (int round = 0; round < 2; ++round) {
    DiagnosticList diagnostics;
    ASSERT_TRUE(RenderWithLogo(folder, first, diagnostics)) << Messages(diagnostics);
    EXPECT_NE(testing::ReadFile(folder.File("plan.pdf")).find("/Width 30/Height 20"),
              std::string::npos);
  }
  DiagnosticList damaged;
  EXPECT_FALSE(RenderWithLogo(folder, first.substr(0, first.size() - 20), damaged));
  EXPECT_NE(Messages(damaged).find("damaged"), std::string::npos) << Messages(damaged);
  DiagnosticList diagnostics;
  ASSERT_TRUE(RenderWithLogo(
      folder, testing::MakePng(31, 20, 3, testing::GradientPixels(31, 20, 3)), diagnostics))
      << Messages(diagnostics);
  EXPECT_NE(testing::ReadFile(folder.File("plan.pdf")).find("/Width 31/Height 20"),
            std::string::npos);
}

TEST(WritePdf, UnwritableFolderIsAnError) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(
      WritePdf(testing::SmallDocument(), Options(), "/nonexistent-folder/plan.pdf", diagnostics));
  EXPECT_TRUE(diagnostics.HasErrors());
}

TEST(WritePdf, EmptyDocumentStillGivesOneValidPage) {
  TempFolder folder("ehcp-pdf-empty");
  doc::Document document;
  document.title = "Empty";
  DiagnosticList diagnostics;
  ASSERT_TRUE(WritePdf(document, Options(), folder.File("plan.pdf"), diagnostics))
      << Messages(diagnostics);
  EXPECT_EQ(PageCount(testing::ReadFile(folder.File("plan.pdf"))), 1);
}

TEST(WritePdf, RowTallerThanAPageIsSplitLineByLine) {
  TempFolder folder("ehcp-pdf-tallrow");
  doc::Document document;
  document.title = "Tall row";
  doc::Table table;
  table.caption = "Provision";
  table.header = {"What", "Who"};
  doc::TableCell tall;
  for (int i = 0; i < 150; ++i) {
    doc::Paragraph paragraph;
    paragraph.spans.push_back(
        {"Step " + std::to_string(i + 1) + " of the programme.", false, false, "", ""});
    tall.paragraphs.push_back(paragraph);
  }
  doc::TableCell who;
  who.paragraphs.push_back(doc::Paragraph{
      {{"Teacher", false, false, "", ""}}, doc::ParagraphStyle::kBody, false, "", {}});
  table.rows.push_back({tall, who});
  document.blocks.push_back(table);
  DiagnosticList diagnostics;
  ASSERT_TRUE(WritePdf(document, Options(), folder.File("plan.pdf"), diagnostics))
      << Messages(diagnostics);
  EXPECT_GE(PageCount(testing::ReadFile(folder.File("plan.pdf"))), 4);
}

TEST(WritePdf, NarrowColumnsAndLongWordsStillLayOut) {
  TempFolder folder("ehcp-pdf-narrow");
  doc::Document document;
  document.title = "Narrow";
  doc::Table table;
  for (int c = 0; c < 14; ++c) table.header.push_back("Column" + std::to_string(c));
  std::vector<doc::TableCell> row;
  for (int c = 0; c < 14; ++c) {
    doc::TableCell cell;
    cell.paragraphs.push_back(
        doc::Paragraph{{{"Supercalifragilisticexpialidocious", false, false, "", ""}},
                       doc::ParagraphStyle::kBody,
                       false,
                       "",
                       {}});
    row.push_back(cell);
  }
  for (int r = 0; r < 5; ++r) table.rows.push_back(row);
  document.blocks.push_back(table);
  DiagnosticList diagnostics;
  EXPECT_TRUE(WritePdf(document, Options(), folder.File("plan.pdf"), diagnostics))
      << Messages(diagnostics);
  EXPECT_TRUE(fs::exists(folder.File("plan.pdf")));
}

// ------------------------------------------------------------------------- layout

class LongLayout : public ::testing::Test {
 protected:
  void SetUp() override {
    document_ = testing::LongPlanDocument();
    pdf::FigureImages images(testing::kAssets);
    pdf::LayoutEngine engine(fonts_, images, diagnostics_);
    ASSERT_TRUE(engine.Run(document_, layout_)) << Messages(diagnostics_);
  }

  // The page of an element's first marked content, searching its descendants.
  int FirstPage(int element) const {
    for (const auto& kid : layout_.tags.Element(element).kids) {
      if (kid.kind == pdf::TagKid::Kind::kMarkedContent) return kid.page;
      if (kid.kind == pdf::TagKid::Kind::kElement) {
        int page = FirstPage(kid.value);
        if (page >= 0) return page;
      }
    }
    return -1;
  }

  std::vector<int> Children(int element) const {
    std::vector<int> out;
    for (const auto& kid : layout_.tags.Element(element).kids) {
      if (kid.kind == pdf::TagKid::Kind::kElement) out.push_back(kid.value);
    }
    return out;
  }

  doc::Document document_;
  pdf::FontSet fonts_;
  DiagnosticList diagnostics_;
  pdf::Layout layout_;
};

TEST_F(LongLayout, IsAboutThirtyA4Pages) {
  EXPECT_GE(layout_.pages.size(), 20u);
  EXPECT_LE(layout_.pages.size(), 40u);
  EXPECT_NEAR(layout_.geometry.width, 595.28, 0.01);
  EXPECT_NEAR(layout_.geometry.height, 841.89, 0.01);
}

TEST_F(LongLayout, NoHeadingIsStrandedAtAPageFoot) {
  std::vector<int> top = Children(pdf::TagTree::kDocument);
  int checked = 0;
  for (size_t i = 0; i + 1 < top.size(); ++i) {
    const std::string& type = layout_.tags.Element(top[i]).type;
    if (type.size() != 2 || type[0] != 'H') continue;
    EXPECT_EQ(FirstPage(top[i]), FirstPage(top[i + 1]))
        << type << " #" << i << " is on a different page from what follows it";
    ++checked;
  }
  EXPECT_GT(checked, 30);
}

TEST_F(LongLayout, TablesSplitAcrossPagesWithTheHeaderRowTaggedOnce) {
  int split_tables = 0;
  for (int table : Children(pdf::TagTree::kDocument)) {
    if (layout_.tags.Element(table).type != "Table") continue;
    int heads = 0;
    std::set<int> pages;
    for (int part : Children(table)) {
      const std::string& type = layout_.tags.Element(part).type;
      if (type == "THead") {
        ++heads;
        EXPECT_EQ(Children(part).size(), 1u);  // one header row
        for (int cell : Children(Children(part)[0])) {
          EXPECT_EQ(layout_.tags.Element(cell).type, "TH");
          EXPECT_EQ(layout_.tags.Element(cell).scope, "Column");
        }
      }
      if (type == "TBody") {
        for (int row : Children(part)) pages.insert(FirstPage(row));
      }
    }
    EXPECT_LE(heads, 1);
    if (heads == 1 && pages.size() > 1) {
      ++split_tables;
      // Every continuation page repeats the header row, as an artifact.
      for (int page : pages) {
        if (page == *pages.begin()) continue;
        std::string content = layout_.pages[page].content.Take();
        EXPECT_NE(content.find("/Artifact BMC\nBT"), std::string::npos) << "page " << page + 1;
      }
    }
  }
  EXPECT_GE(split_tables, 3);
}

// Lays `document` out with the test assets; any error fails the test.
pdf::Layout LayOut(const doc::Document& document) {
  pdf::FontSet fonts;
  DiagnosticList diagnostics;
  pdf::FigureImages images(testing::kAssets);
  pdf::LayoutEngine engine(fonts, images, diagnostics);
  pdf::Layout layout;
  EXPECT_TRUE(engine.Run(document, layout)) << Messages(diagnostics);
  return layout;
}

// The template's layout sets the page, the margins, the type sizes and the colours; left
// out, the PDF keeps today's A4 with its own margins, sizes and navy headings.
TEST(PdfLayout, TemplateLayoutSetsPageMarginsSizesAndColours) {
  auto document = [](const doc::LayoutSpec& layout) {
    doc::Document d;
    d.layout = layout;
    doc::Heading heading;
    heading.text = "Section B";
    heading.anchor = "b";
    d.blocks.push_back(heading);
    doc::Paragraph paragraph;
    paragraph.spans.push_back(doc::Span{});
    paragraph.spans.back().text = "Words of the plan.";
    d.blocks.push_back(paragraph);
    return d;
  };
  auto content = [](pdf::Layout& layout) {
    std::string all;
    for (auto& page : layout.pages) all += page.content.Take();
    return all;
  };
  pdf::Layout today = LayOut(document(doc::LayoutSpec{}));
  EXPECT_DOUBLE_EQ(today.geometry.width, 595.28);
  EXPECT_DOUBLE_EQ(today.geometry.height, 841.89);
  EXPECT_DOUBLE_EQ(today.geometry.margin_left, 62);
  EXPECT_DOUBLE_EQ(today.geometry.margin_right, 62);
  EXPECT_DOUBLE_EQ(today.geometry.body_top, 841.89 - 84);
  EXPECT_DOUBLE_EQ(today.geometry.body_bottom, 72);
  std::string today_content = content(today);
  EXPECT_NE(today_content.find("0 0.16 0.33 rg"), std::string::npos) << today_content;
  EXPECT_NE(today_content.find(" 20 Tf"), std::string::npos);

  doc::LayoutSpec council;
  council.page_width = 612;
  council.page_height = 792;
  council.margins = doc::Margins{72, 54, 90, 54};
  council.heading_size[0] = 22;
  council.heading_colour = doc::Colour{0x00, 0x66, 0x33};
  council.text_colour = doc::Colour{0, 0, 0};
  council.body_size = 13;
  pdf::Layout own = LayOut(document(council));
  EXPECT_DOUBLE_EQ(own.geometry.width, 612);
  EXPECT_DOUBLE_EQ(own.geometry.height, 792);
  EXPECT_DOUBLE_EQ(own.geometry.margin_left, 54);
  EXPECT_DOUBLE_EQ(own.geometry.margin_right, 54);
  EXPECT_DOUBLE_EQ(own.geometry.body_top, 720);
  EXPECT_DOUBLE_EQ(own.geometry.body_bottom, 90);
  std::string own_content = content(own);
  EXPECT_NE(own_content.find("0 0.4 0.2 rg"), std::string::npos) << own_content;
  EXPECT_EQ(own_content.find("0 0.16 0.33 rg"), std::string::npos);
  EXPECT_NE(own_content.find("0 0 0 rg"), std::string::npos);
  EXPECT_NE(own_content.find(" 22 Tf"), std::string::npos);
  EXPECT_NE(own_content.find(" 13 Tf"), std::string::npos);
}

TEST(TableLayout, ShortTablesStayWholeAndHeaderlessTablesRepeatNoEmptyHeader) {
  pdf::Layout layout = LayOut(testing::ShortTablesDocument());
  const auto& tags = layout.tags;
  auto pages_of = [&](int element, auto&& self, std::set<int>& pages) -> void {
    for (const auto& kid : tags.Element(element).kids) {
      if (kid.kind == pdf::TagKid::Kind::kMarkedContent) pages.insert(kid.page);
      if (kid.kind == pdf::TagKid::Kind::kElement) self(kid.value, self, pages);
    }
  };
  int short_tables = 0, split_long = 0;
  for (const auto& kid : tags.Element(pdf::TagTree::kDocument).kids) {
    if (kid.kind != pdf::TagKid::Kind::kElement || tags.Element(kid.value).type != "Table")
      continue;
    std::set<int> pages;
    pages_of(kid.value, pages_of, pages);
    size_t rows = 0;
    for (const auto& part : tags.Element(kid.value).kids)
      if (part.kind == pdf::TagKid::Kind::kElement && tags.Element(part.value).type == "TBody")
        rows = tags.Element(part.value).kids.size();
    if (rows == 4) {
      ++short_tables;
      EXPECT_EQ(pages.size(), 1u) << "a four-row table was split, table " << short_tables;
    } else {
      split_long += pages.size() > 1;
    }
  }
  EXPECT_EQ(short_tables, 16);
  EXPECT_EQ(split_long, 1);
  ASSERT_GT(layout.pages.size(), 3u);
  // No table has a header row, so no page draws a header row's fill.
  for (size_t p = 0; p < layout.pages.size(); ++p)
    EXPECT_EQ(layout.pages[p].content.Take().find("0.9 0.92 0.95 rg"), std::string::npos)
        << "page " << p + 1;
}

TEST(QuotationLayout, EveryPieceOfAQuotationHasItsBar) {
  pdf::Layout layout = LayOut(testing::QuotationsDocument());
  // Per page, the quotations (P elements) with text on it, and the bars drawn (2 pt rules).
  std::map<int, int> quotations;
  for (const auto& kid : layout.tags.Element(pdf::TagTree::kDocument).kids) {
    if (kid.kind != pdf::TagKid::Kind::kElement || layout.tags.Element(kid.value).type != "P")
      continue;
    std::set<int> pages;
    for (const auto& part : layout.tags.Element(kid.value).kids)
      if (part.kind == pdf::TagKid::Kind::kMarkedContent) pages.insert(part.page);
    for (int page : pages) ++quotations[page];
  }
  ASSERT_GT(quotations.size(), 2u);
  for (const auto& [page, count] : quotations) {
    std::string content = layout.pages[static_cast<size_t>(page)].content.Take();
    int bars = 0;
    for (size_t at = content.find("RG\n2 w"); at != std::string::npos;
         at = content.find("RG\n2 w", at + 1))
      ++bars;
    EXPECT_EQ(bars, count) << "page " << page + 1;
  }
}

TEST_F(LongLayout, RowHeadersAreScopeRow) {
  int rows = 0;
  for (const auto& element : layout_.tags.Elements()) {
    if (element.type == "TH" && element.scope == "Row") ++rows;
  }
  EXPECT_EQ(rows, 4);  // the four rows of the details table
}

TEST_F(LongLayout, ArabicNameIsASpanWithLangAndActualText) {
  int found = 0;
  for (const auto& element : layout_.tags.Elements()) {
    if (element.type == "Span" && element.lang == "ar") {
      EXPECT_EQ(element.actual_text, "مريم حداد");
      ++found;
    }
  }
  EXPECT_EQ(found, 1);
}

// Amendment notices: each inserted or deleted run is a Span that says what it is
// (label and words as /ActualText) with its decoration as a layout attribute; the label
// is drawn (it survives printing) inside that Span, and the underline or strike-through
// is an artifact line in the text's colour.
TEST(RevisionLayout, InsertedAndDeletedWordsAreAnnouncedAndDecorated) {
  doc::Document document;
  document.title = "Proposed amendments";
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
  pdf::FontSet fonts;
  DiagnosticList diagnostics;
  pdf::Layout layout;
  pdf::FigureImages images(testing::kAssets);
  pdf::LayoutEngine engine(fonts, images, diagnostics);
  ASSERT_TRUE(engine.Run(document, layout)) << Messages(diagnostics);
  std::map<std::string, std::string> decoration;  // actual text -> decoration
  for (const auto& element : layout.tags.Elements()) {
    if (element.type != "Span") continue;
    decoration[element.actual_text] = element.text_decoration;
    EXPECT_FALSE(element.kids.empty());
  }
  EXPECT_EQ(decoration, (std::map<std::string, std::string>{{"deleted: three", "LineThrough"},
                                                            {"inserted: two", "Underline"}}));
  ASSERT_EQ(layout.pages.size(), 1u);
  // Two more lines drawn than for the same words without revisions.
  auto strokes = [](const pdf::Layout& laid_out) {
    std::string content = laid_out.pages[0].content.Take();
    size_t count = 0;
    for (size_t at = content.find("l S\n"); at != std::string::npos;
         at = content.find("l S\n", at + 1))
      ++count;
    return count;
  };
  doc::Document plain = document;
  for (auto& span : std::get<doc::Paragraph>(plain.blocks[0]).spans)
    span.revision = doc::Revision::kNone;
  pdf::Layout plain_layout;
  pdf::LayoutEngine plain_engine(fonts, images, diagnostics);
  ASSERT_TRUE(plain_engine.Run(plain, plain_layout)) << Messages(diagnostics);
  EXPECT_EQ(strokes(layout), strokes(plain_layout) + 2);

  std::string bytes;
  ASSERT_TRUE(RenderPdf(document, Options(), bytes, diagnostics)) << Messages(diagnostics);
  EXPECT_NE(bytes.find("/TextDecorationType/LineThrough"), std::string::npos);
  EXPECT_NE(bytes.find("/TextDecorationType/Underline"), std::string::npos);
}

TEST_F(LongLayout, ContentsListsEveryHeadingWithItsPage) {
  size_t listed = 0;
  for (const auto& block : document_.blocks) {
    const auto* heading = std::get_if<doc::Heading>(&block);
    if (heading != nullptr && heading->in_contents) ++listed;
  }
  ASSERT_EQ(layout_.contents_numbers.size(), listed);
  std::map<std::string, int> page_of;
  for (const auto& h : layout_.headings) page_of[h.anchor] = h.page;
  for (const auto& number : layout_.contents_numbers) {
    ASSERT_TRUE(page_of.count(number.anchor)) << number.anchor;
    EXPECT_LE(number.page, page_of[number.anchor]);
  }
}

TEST_F(LongLayout, EveryLinkAnnotationBelongsToALinkElement) {
  ASSERT_FALSE(layout_.links.empty());
  for (const auto& link : layout_.links) {
    ASSERT_GE(link.element, 0);
    EXPECT_EQ(layout_.tags.Element(link.element).type, "Link");
    EXPECT_FALSE(link.contents.empty());
    EXPECT_GT(link.rect.width, 0);
  }
}

TEST_F(LongLayout, NothingIsDrawnOutsideTheBody) {
  for (const auto& heading : layout_.headings) {
    EXPECT_LE(heading.top, layout_.geometry.body_top + 0.01);
    EXPECT_GE(heading.top, layout_.geometry.body_bottom);
  }
}

}  // namespace
}  // namespace ehcp
