// Opens DOCX files from WriteDocx in real clients: LibreOffice (to a tagged PDF, whose
// structure tree pdfinfo prints), python-docx and pandoc. Slow (LibreOffice takes a few
// seconds), so ctest labels this binary `slow` and the sanitizer run skips it.
//
// Documents: a hand-built draft with every block type (Arabic and Polish text, a long
// provision table, lists, links, logo, watermark) and, when the plan document builder is
// part of the build, every sample plan under samples/ rendered with templates/.
//
// Set EHCP_DOCX_KEEP=/some/folder to keep the DOCX and PDF files for a look (render pages
// with `pdftoppm -r 50 -png`).

#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "docx/docx_package_reader.h"
#include "docx/docx_structure_check.h"
#include "docx/docx_test_documents.h"
#include "docx/docx_test_support.h"
#include "docx/docx_writer.h"

#ifdef EHCP_DOCX_WITH_PLANS
#include "document/plan_document.h"
#include "loader/document_loader.h"
#endif

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::Quote;
using testing::RunProgram;

struct RenderedDocx {
  std::string docx;
  std::string pdf;
  std::string title;        // expected dc:title
  std::string struct_text;  // `pdfinfo -struct-text` of the PDF (slow: run once, shared)
  bool has_lists = true;    // the minimal plans (many-scripts-plan.xml) have none
};

// LibreOffice with a private profile (a shared one locks) writing a tagged PDF/UA file.
testing::ProgramResult ConvertWithLibreOffice(const std::vector<std::string>& docx_files,
                                              const fs::path& out_dir, const fs::path& profile) {
  std::string command =
      "soffice --headless --norestore -env:UserInstallation=file://" + profile.string() +
      " --convert-to " +
      Quote(
          "pdf:writer_pdf_Export:{\"UseTaggedPDF\":{\"type\":\"boolean\",\"value\":\"true\"},"
          "\"PDFUACompliance\":{\"type\":\"boolean\",\"value\":\"true\"}}") +
      " --outdir " + Quote(out_dir.string());
  for (const auto& file : docx_files) command += " " + Quote(file);
  return RunProgram(command);
}

class DocxClients : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* keep = std::getenv("EHCP_DOCX_KEEP");
    folder_ = keep
                  ? fs::path(keep)
                  : fs::temp_directory_path() / ("ehcp-docx-clients-" + std::to_string(::getpid()));
    fs::create_directories(folder_ / "pdf");
    documents_ = new std::vector<RenderedDocx>();

    DiagnosticList diagnostics;
    DocxOptions options;
    options.source_date_epoch = 1700000000;
    options.asset_root = EHCP_DOCX_TEST_DATA;
    doc::Document rich = testing::RichDocument();
    std::string rich_path = (folder_ / "rich-draft.docx").string();
    if (WriteDocx(rich, options, rich_path, diagnostics))
      documents_->push_back({rich_path, "", rich.title, ""});
#ifdef EHCP_DOCX_WITH_PLANS
    auto schemas = SchemaRegistry::WithDocumentSchemas(fs::path(EHCP_SOURCE_DIR) / "schemas");
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(EHCP_SAMPLES)) samples.push_back(entry.path());
    std::sort(samples.begin(), samples.end());
    // Names and views in 17 languages: LibreOffice must find a font for every script.
    samples.push_back(fs::path(EHCP_SOURCE_DIR) / "tests/data/many-scripts-plan.xml");
    int with_logo = 0;
    for (const auto& sample : samples) {
      fs::path plan_file = sample.extension() == ".xml" ? sample : sample / "plan.xml";
      if (!fs::exists(plan_file)) continue;
      LoadedDocument loaded = LoadDocument(plan_file.string(), *schemas);
      if (!loaded.Ok()) continue;  // samples/invalid and friends are the loader's business
      // Every sample with the neutral templates; one also with a council's branding and
      // logo (LibreOffice takes a second or more per document, so not every pairing).
      std::vector<std::string> sets = {"default"};
      if (!with_logo++) sets.push_back("exampleshire");
      for (const std::string& set : sets) {
        auto templates =
            LoadTemplateSet(fs::path(EHCP_SOURCE_DIR) / "templates" / set, diagnostics);
        if (!templates) continue;
        doc::Document document = BuildPlanDocument(*loaded.plan, *templates, diagnostics);
        DocxOptions plan_options = options;
        plan_options.asset_root = templates->folder;
        std::string path = (folder_ / (sample.stem().string() + "-" + set + ".docx")).string();
        if (WriteDocx(document, plan_options, path, diagnostics))
          documents_->push_back({path, "", document.title, "", sample.extension() != ".xml"});
      }
    }
#endif
    for (const auto& d : diagnostics) {
      if (d.severity == Severity::kError) setup_errors_ += FormatDiagnostic(d) + "\n";
    }
    std::vector<std::string> files;
    for (auto& document : *documents_) {
      files.push_back(document.docx);
      document.pdf =
          (folder_ / "pdf" / (fs::path(document.docx).stem().string() + ".pdf")).string();
    }
    conversion_ = ConvertWithLibreOffice(files, folder_ / "pdf", folder_ / "lo-profile");
    for (auto& document : *documents_) {
      if (fs::exists(document.pdf))
        document.struct_text = RunProgram("pdfinfo -struct-text " + Quote(document.pdf)).output;
    }
  }

  static void TearDownTestSuite() {
    std::error_code ec;
    if (std::getenv("EHCP_DOCX_KEEP") == nullptr) fs::remove_all(folder_, ec);
    fs::remove_all(folder_ / "lo-profile", ec);
    delete documents_;
  }

  static fs::path folder_;
  static std::vector<RenderedDocx>* documents_;
  static testing::ProgramResult conversion_;
  static std::string setup_errors_;
};

fs::path DocxClients::folder_;
std::vector<RenderedDocx>* DocxClients::documents_ = nullptr;
testing::ProgramResult DocxClients::conversion_;
std::string DocxClients::setup_errors_;

TEST_F(DocxClients, EveryDocumentWasWritten) {
  EXPECT_TRUE(setup_errors_.empty()) << setup_errors_;
#ifdef EHCP_DOCX_WITH_PLANS
  EXPECT_GE(documents_->size(), 3u);  // the hand-built draft and at least one sample plan
#endif
  ASSERT_FALSE(documents_->empty());
  for (const auto& document : *documents_) {
    auto parts = testing::ReadDocxParts(document.docx);
    ASSERT_TRUE(parts.opened) << document.docx << ": " << parts.error;
    std::string problems;
    for (const auto& p : testing::CheckDocxStructure(parts.parts["word/document.xml"]))
      problems += p + "\n";
    EXPECT_TRUE(problems.empty()) << document.docx << ":\n" << problems;
  }
}

TEST_F(DocxClients, LibreOfficeConvertsEveryDocxToATaggedPdf) {
  EXPECT_EQ(conversion_.exit_code, 0) << conversion_.output;
  for (const auto& document : *documents_) {
    ASSERT_TRUE(fs::exists(document.pdf)) << document.docx << " was not converted:\n"
                                          << conversion_.output;
    auto info = RunProgram("pdfinfo " + Quote(document.pdf));
    ASSERT_EQ(info.exit_code, 0) << info.output;
    EXPECT_NE(info.output.find("Tagged:          yes"), std::string::npos) << info.output;
    // LibreOffice copies dc:title into the PDF; it is the document's accessible title.
    EXPECT_NE(info.output.find("Title:           " + document.title), std::string::npos)
        << info.output;
  }
}

// One element of `pdfinfo -struct-text` output: its type and its attribute lines.
struct StructElement {
  std::string type;                     // "H1", "TH", "Figure", ...
  std::vector<std::string> attributes;  // "/Scope /Column", "/Alt (...)"
};

// Parses the indented tree pdfinfo prints: element lines ("TH:", "P (block):"), attribute
// lines starting with "/" under them, and quoted text lines.
std::vector<StructElement> ParseStructText(const std::string& text) {
  std::vector<StructElement> elements;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] == '"') continue;
    std::string body = line.substr(start);
    if (body[0] == '/') {
      if (!elements.empty()) elements.back().attributes.push_back(body);
      continue;
    }
    size_t end = body.find_first_of(" :");
    elements.push_back({body.substr(0, end), {}});
  }
  return elements;
}

bool HasElement(const std::vector<StructElement>& elements, const std::string& type,
                const std::string& attribute_prefix = "") {
  for (const auto& e : elements) {
    if (e.type != type) continue;
    if (attribute_prefix.empty()) return true;
    for (const auto& a : e.attributes)
      if (a.rfind(attribute_prefix, 0) == 0) return true;
  }
  return false;
}

TEST_F(DocxClients, TaggedPdfHasHeadingsHeaderCellsAndLists) {
  for (const auto& document : *documents_) {
    if (!fs::exists(document.pdf)) continue;  // reported by the conversion test
    SCOPED_TRACE(document.docx);
    auto elements = ParseStructText(document.struct_text);
    EXPECT_TRUE(HasElement(elements, "H1"));
    EXPECT_TRUE(HasElement(elements, "H2"));
    EXPECT_TRUE(HasElement(elements, "TH", "/Scope /Column"));
    EXPECT_TRUE(HasElement(elements, "TD"));
    EXPECT_EQ(HasElement(elements, "L"), document.has_lists);
    EXPECT_EQ(HasElement(elements, "LI"), document.has_lists);
    EXPECT_TRUE(HasElement(elements, "Link"));
  }
}

TEST_F(DocxClients, TaggedPdfKeepsAltTextAndRightToLeftText) {
  const auto& rich = documents_->front();
  ASSERT_TRUE(fs::exists(rich.pdf));
  auto elements = ParseStructText(rich.struct_text);
  EXPECT_TRUE(HasElement(elements, "Figure"));
  // The Arabic paragraph is laid out right to left (pdfinfo prints its letters in visual
  // order, so look for a letter rather than the word).
  bool right_to_left = false;
  for (const auto& e : elements) {
    for (const auto& a : e.attributes) right_to_left = right_to_left || a == "/WritingMode /RlTb";
  }
  EXPECT_TRUE(right_to_left);
  EXPECT_NE(rich.struct_text.find("م"), std::string::npos);
  EXPECT_NE(rich.struct_text.find("Wiśniewska"), std::string::npos);
  // pdfinfo does not print /Alt; pikepdf reads the Figure's alternative text.
  auto alt =
      RunProgram("/usr/bin/python3 -c " +
                 Quote("import sys, pikepdf\n"
                       "pdf = pikepdf.open(sys.argv[1])\n"
                       "def walk(e):\n"
                       "    if isinstance(e, pikepdf.Dictionary):\n"
                       "        if e.get('/S') == pikepdf.Name('/Figure') and '/Alt' in e: "
                       "print('ALT=' + str(e.Alt))\n"
                       "        k = e.get('/K')\n"
                       "        for c in (k if isinstance(k, pikepdf.Array) else [k]): walk(c)\n"
                       "walk(pdf.Root.StructTreeRoot)\n") +
                 " " + Quote(rich.pdf));
  EXPECT_NE(alt.output.find("ALT=Northshire County Council logo\n"), std::string::npos)
      << alt.output;
}

#ifdef EHCP_DOCX_WITH_PLANS
// LibreOffice opens the plan written in 17 languages and draws each script in a font that
// has it (the w:rFonts slots and w:lang of each run), and the text is in its PDF.
TEST_F(DocxClients, LibreOfficeDrawsEveryScriptOfTheManyScriptsPlan) {
  auto many = std::find_if(documents_->begin(), documents_->end(), [](const RenderedDocx& d) {
    return d.docx.find("many-scripts-plan") != std::string::npos;
  });
  ASSERT_NE(many, documents_->end());
  ASSERT_TRUE(fs::exists(many->pdf)) << conversion_.output;
  auto fonts = RunProgram("pdffonts " + Quote(many->pdf));
  for (const char* font : {"+DroidSansFallback", "+NanumGothic", "+NotoSansEthiopic-Regular",
                           "+NotoSansThai-Regular", "+NotoSansTamil-Regular"})
    EXPECT_NE(fonts.output.find(font), std::string::npos) << font << "\n" << fonts.output;
  auto text = RunProgram("pdftotext -enc UTF-8 " + Quote(many->pdf) + " -");
  for (const char* words : {"我希望孩子在学校开心。", "제 아들이 학교에서 행복했으면 좋겠어요.",
                            "ልጄ በትምህርት ቤት ደስተኛ እንዲሆን እፈልጋለሁ።"})
    EXPECT_NE(text.output.find(words), std::string::npos) << words << "\n" << text.output;
}
#endif

// The contents' page numbers (PAGEREF results from the layout estimate) against the
// pages LibreOffice itself puts the headings on. The floor: at least 80% of entries exact
// and every one within a page (measured: 152 of 173 exact, all within one, on the
// samples; docs/engineering.md).
struct ContentsEntry {
  std::string text;
  int page = 0;  // 0: no number
};

std::vector<ContentsEntry> ContentsEntries(const std::string& document_xml) {
  std::vector<ContentsEntry> entries;
  pugi::xml_document xml;
  if (!xml.load_string(document_xml.c_str())) return entries;
  for (const auto& p : xml.select_nodes("//w:p[starts-with(w:pPr/w:pStyle/@w:val, 'TOC') and "
                                        "w:pPr/w:pStyle/@w:val!='TOCHeading']")) {
    ContentsEntry entry;
    bool after_tab = false;
    for (const auto& node : p.node().select_nodes(".//w:r/*")) {
      std::string name = node.node().name();
      if (name == "w:tab") after_tab = true;
      if (name != "w:t") continue;
      if (after_tab) {
        entry.page = std::atoi(node.node().text().get());
      } else {
        entry.text += node.node().text().get();
      }
    }
    entries.push_back(entry);
  }
  return entries;
}

std::string Squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Each page's lines, from `pdftotext` (pages end with a form feed).
std::vector<std::vector<std::string>> PageLines(const std::string& pdf) {
  auto text = RunProgram("pdftotext -enc UTF-8 " + Quote(pdf) + " -").output;
  std::vector<std::vector<std::string>> pages(1);
  std::string line;
  for (char c : text) {
    if (c == '\n' || c == '\f') {
      if (!Squeeze(line).empty()) pages.back().push_back(Squeeze(line));
      line.clear();
      if (c == '\f') pages.emplace_back();
    } else {
      line += c;
    }
  }
  return pages;
}

// The page (1-based) at or after `from` where a line is `heading` (or begins it, when the
// heading wraps), skipping contents lines with their dotted leaders; 0 if none.
int FindHeading(const std::vector<std::vector<std::string>>& pages, const std::string& heading,
                size_t from) {
  std::string wanted = Squeeze(heading);
  for (size_t page = from; page < pages.size(); ++page) {
    const auto& lines = pages[page];
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].find("....") != std::string::npos) continue;
      if (lines[i] == wanted) return static_cast<int>(page) + 1;
      if (lines[i].size() >= 12 && i + 1 < lines.size() && wanted.rfind(lines[i], 0) == 0 &&
          wanted.rfind(lines[i] + " " + lines[i + 1], 0) == 0)
        return static_cast<int>(page) + 1;
    }
  }
  return 0;
}

TEST_F(DocxClients, ContentsPageNumbersAgreeWithLibreOfficesPagination) {
  int total = 0, exact = 0, within_one = 0, not_found = 0;
  std::string report;
  for (const auto& document : *documents_) {
    if (!fs::exists(document.pdf)) continue;  // reported by the conversion test
    auto parts = testing::ReadDocxParts(document.docx);
    std::vector<ContentsEntry> entries = ContentsEntries(parts.parts["word/document.xml"]);
    auto pages = PageLines(document.pdf);
    // Headings are looked for in order (an "about me" page may come before the contents,
    // whose own lines have dotted leaders).
    size_t from = 0;
    int numbered = 0, document_exact = 0;
    std::string differences;
    for (const auto& entry : entries) {
      if (entry.page == 0) continue;  // laid out without a shaper here: no numbers
      int found = FindHeading(pages, entry.text, from);
      ++numbered;
      if (found == 0) {
        differences += "  not found: " + entry.text + "\n";
        ++not_found;
        continue;
      }
      from = static_cast<size_t>(found - 1);
      document_exact += found == entry.page;
      within_one += std::abs(found - entry.page) <= 1;
      if (found != entry.page)
        differences += "  " + entry.text + ": contents " + std::to_string(entry.page) +
                       ", LibreOffice " + std::to_string(found) + "\n";
    }
    total += numbered;
    exact += document_exact;
    report += fs::path(document.docx).filename().string() + ": " + std::to_string(document_exact) +
              " of " + std::to_string(numbered) + " exact\n" + differences;
  }
  std::cout << "contents page numbers: " << exact << " of " << total << " exact, " << within_one
            << " within one page\n"
            << report;
  ASSERT_GT(total, 50) << report;
  EXPECT_EQ(not_found, 0) << report;
  EXPECT_GE(exact * 10, total * 8) << report;
  EXPECT_EQ(within_one, total - not_found) << report;
}

TEST_F(DocxClients, PythonDocxReadsTitleHeadingStylesAndTables) {
  for (const auto& document : *documents_) {
    SCOPED_TRACE(document.docx);
    auto read =
        RunProgram("/usr/bin/python3 -c " +
                   Quote("import sys, docx\n"
                         "d = docx.Document(sys.argv[1])\n"
                         "print('TITLE=' + d.core_properties.title)\n"
                         "print('LANG=' + str(d.core_properties.language))\n"
                         "for p in d.paragraphs:\n"
                         "    if p.style.name.startswith('Heading'): print('HEADING=' + "
                         "p.style.name + '|' + p.text)\n"
                         "for t in d.tables:\n"
                         "    print('TABLE=' + ' | '.join(c.text for c in t.rows[0].cells))\n"
                         "    print('CELL=' + t.rows[-1].cells[0].text)\n") +
                   " " + Quote(document.docx));
    ASSERT_EQ(read.exit_code, 0) << read.output;
    EXPECT_NE(read.output.find("TITLE=" + document.title + "\n"), std::string::npos) << read.output;
    EXPECT_NE(read.output.find("LANG=en-GB\n"), std::string::npos);
    EXPECT_NE(read.output.find("HEADING=Heading 1|"), std::string::npos) << read.output;
    EXPECT_NE(read.output.find("HEADING=Heading 2|"), std::string::npos);
    EXPECT_NE(read.output.find("TABLE="), std::string::npos);
  }
  // The hand-built document's own words come back.
  auto read =
      RunProgram("/usr/bin/python3 -c " +
                 Quote("import sys, docx\nd = docx.Document(sys.argv[1])\n"
                       "print([c.text for c in d.tables[1].rows[0].cells])\n"
                       "print(d.tables[1].rows[40].cells[0].text)\n"
                       "print([p.text for p in d.paragraphs if p.style.name == 'Heading 1'])\n") +
                 " " + Quote(documents_->front().docx));
  EXPECT_NE(read.output.find("['Provision', 'Who', 'How often', 'Outcomes']"), std::string::npos)
      << read.output;
  EXPECT_NE(read.output.find("Small-group language session 40,"), std::string::npos) << read.output;
  EXPECT_NE(read.output.find("'Section F: Special educational provision'"), std::string::npos)
      << read.output;
}

TEST_F(DocxClients, PandocReadsHeadingsListsAndTableHeaders) {
  for (const auto& document : *documents_) {
    SCOPED_TRACE(document.docx);
    auto html = RunProgram("pandoc -f docx -t html --wrap=none " + Quote(document.docx));
    ASSERT_EQ(html.exit_code, 0) << html.output;
    EXPECT_NE(html.output.find("<h1"), std::string::npos);
    EXPECT_NE(html.output.find("<h2"), std::string::npos);
    EXPECT_NE(html.output.find("<th"), std::string::npos);
    EXPECT_EQ(html.output.find("<ul>") != std::string::npos ||
                  html.output.find("<ol") != std::string::npos,
              document.has_lists);
  }
  auto html = RunProgram("pandoc -f docx -t html --wrap=none " + Quote(documents_->front().docx));
  const std::string& h = html.output;
  EXPECT_NE(h.find(">Section F: Special educational provision</h1>"), std::string::npos) << h;
  EXPECT_NE(h.find(">What Zuzanna says</h2>"), std::string::npos);
  EXPECT_NE(h.find("<th>How often</th>"), std::string::npos);
  EXPECT_NE(h.find("<ol"), std::string::npos);
  EXPECT_NE(h.find("<li><p>Drawing animals</p></li>"), std::string::npos);
  // Internal links reach their headings and table rows; Arabic keeps its direction.
  EXPECT_NE(
      h.find("href=\"#section-f-special-educational-provision\">the provision in section F</a>"),
      std::string::npos);
  EXPECT_NE(h.find("id=\"provision_f1\""), std::string::npos);
  EXPECT_NE(h.find("<span dir=\"rtl\">مريم حداد</span>"), std::string::npos);
  EXPECT_NE(h.find("alt=\"Northshire County Council logo\""), std::string::npos);
}

// Copies `source` to `target` with `part` replaced by `bytes` (libzip, no compression).
bool ReplacePart(const std::string& source, const std::string& target, const std::string& part,
                 const std::string& bytes) {
  fs::copy_file(source, target, fs::copy_options::overwrite_existing);
  zip_t* archive = zip_open(target.c_str(), 0, nullptr);
  if (archive == nullptr) return false;
  zip_source_t* data = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
  bool ok = data != nullptr && zip_file_add(archive, part.c_str(), data, ZIP_FL_OVERWRITE) >= 0;
  return zip_close(archive) == 0 && ok;
}

// The other tests rely on LibreOffice refusing broken packages; this shows it does, so
// a malformed part from the writer could not slip through as a "successful" conversion.
TEST_F(DocxClients, LibreOfficeRejectsAMalformedPart) {
  const auto& rich = documents_->front();
  auto parts = testing::ReadDocxParts(rich.docx);
  std::string document_xml = parts.parts["word/document.xml"];
  std::string broken = document_xml.substr(0, document_xml.size() / 2);  // cut mid-element
  fs::path folder = folder_ / "malformed";
  fs::create_directories(folder);
  std::string target = (folder / "malformed.docx").string();
  ASSERT_TRUE(ReplacePart(rich.docx, target, "word/document.xml", broken));
  auto result = ConvertWithLibreOffice({target}, folder, folder_ / "lo-profile");
  EXPECT_FALSE(fs::exists(folder / "malformed.pdf")) << result.output;
}

}  // namespace
}  // namespace ehcp
