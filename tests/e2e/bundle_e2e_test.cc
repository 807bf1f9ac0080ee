// End-to-end tests of `ehcp bundle`: the sample bundle is read back with real clients
// (qpdf, poppler, pikepdf) and the bad inputs are refused with nothing written.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "run_command.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;
using testing::RunShell;
using testing::ShellQuote;

const std::string kManifest = EHCP_SAMPLES "/bundle/manifest.xml";
const std::string kEvidence = EHCP_SAMPLES "/bundle/evidence/";

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ehcp-bundle-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The sample bundle, built once for all read-back tests.
class SampleBundle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    pdf_ = (dir_->path() / "bundle.pdf").string();
    json_ = (dir_->path() / "bundle.json").string();
    result_ = new testing::CommandResult(RunEhcp(
        {"bundle", kManifest, "--evidence-root", EHCP_SAMPLES, "-o", pdf_, "--page-map", json_}));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(result_->exit_code, 0) << result_->output; }

  static nlohmann::json PageMap() { return nlohmann::json::parse(testing::ReadFileText(json_)); }
  static nlohmann::json ReadBack() {
    auto r =
        RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SOURCE_DIR "/tests/bundle/check_bundle.py") +
                 " " + ShellQuote(pdf_));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return nlohmann::json::parse(r.output);
  }

  static TempDir* dir_;
  static std::string pdf_;
  static std::string json_;
  static testing::CommandResult* result_;
};

TempDir* SampleBundle::dir_ = nullptr;
std::string SampleBundle::pdf_;
std::string SampleBundle::json_;
testing::CommandResult* SampleBundle::result_ = nullptr;

TEST_F(SampleBundle, PassesQpdfCheck) {
  auto r = RunShell("qpdf --check " + ShellQuote(pdf_));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("No syntax or stream encoding errors"), std::string::npos) << r.output;
}

TEST_F(SampleBundle, PdfinfoSeesEveryPageTaggedAndTitled) {
  auto r = RunShell("pdfinfo " + ShellQuote(pdf_));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  int pages = PageMap()["total_pages"];
  EXPECT_GT(pages, 20);
  EXPECT_NE(r.output.find("Pages:           " + std::to_string(pages) + "\n"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("Tagged:          yes"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Title:           Hearing bundle EH998/26/00042: Yusuf Haddad"),
            std::string::npos);
}

TEST_F(SampleBundle, PrintsThePageMapAndTheSha256OfTheFile) {
  nlohmann::json map = PageMap();
  auto sum = RunShell("sha256sum " + ShellQuote(pdf_));
  ASSERT_EQ(sum.exit_code, 0);
  std::string sha = sum.output.substr(0, 64);
  EXPECT_EQ(map["sha256"], sha);
  EXPECT_NE(result_->output.find("SHA-256: " + sha), std::string::npos) << result_->output;
  EXPECT_NE(result_->output.find("A1   3         Decision letter: final EHC plan issued"),
            std::string::npos)
      << result_->output;

  // Documents in section order, by date within a section, pages continuous.
  const auto& docs = map["documents"];
  ASSERT_EQ(docs.size(), 6u);
  std::vector<std::string> tabs, titles;
  int next = map["front_matter_pages"].get<int>() + 1;
  for (const auto& d : docs) {
    tabs.push_back(d["tab"]);
    titles.push_back(d["title"]);
    EXPECT_EQ(d["first_page"], next) << d.dump();
    next = d["last_page"].get<int>() + 1;
  }
  EXPECT_EQ(next - 1, map["total_pages"]);
  EXPECT_EQ(tabs, (std::vector<std::string>{"A1", "A2", "A3", "B1", "C1", "D1"}));
  EXPECT_EQ(titles[0], "Decision letter: final EHC plan issued");
  EXPECT_EQ(titles[1], "Notice of appeal");
  EXPECT_EQ(titles[3], "Final EHC plan for Yusuf Haddad");
  EXPECT_EQ(docs[1]["tagged"], false);
  EXPECT_EQ(docs[3]["tagged"], true);
  EXPECT_GT(docs[3]["pages"].get<int>(), 10);  // the plan, rendered on the fly
}

TEST_F(SampleBundle, EveryPageCarriesItsStampInTheSamePlace) {
  auto r = RunShell("pdftotext -layout " + ShellQuote(pdf_) + " -");
  ASSERT_EQ(r.exit_code, 0);
  int total = PageMap()["total_pages"];
  std::vector<std::string> pages;
  std::stringstream text(r.output);
  std::string page;
  while (std::getline(text, page, '\f')) pages.push_back(page);
  ASSERT_GE(static_cast<int>(pages.size()), total);
  for (int i = 0; i < total; ++i) {
    std::string stamp = "Page " + std::to_string(i + 1) + " of " + std::to_string(total);
    EXPECT_NE(pages[static_cast<size_t>(i)].find(stamp), std::string::npos) << "page " << i + 1;
  }
  // The plan keeps its own numbers, labelled so they are not mistaken for the bundle's.
  EXPECT_NE(r.output.find("Plan page 1 of"), std::string::npos);

  // Same place: the stamp's bounding box is identical on a cover, a plan and an evidence page.
  auto bbox = RunShell("pdftotext -bbox " + ShellQuote(pdf_) + " -");
  ASSERT_EQ(bbox.exit_code, 0);
  std::vector<std::string> page_blocks;
  for (size_t at = bbox.output.find("<page "); at != std::string::npos;) {
    size_t next = bbox.output.find("<page ", at + 1);
    page_blocks.push_back(
        bbox.output.substr(at, next == std::string::npos ? std::string::npos : next - at));
    at = next;
  }
  ASSERT_EQ(static_cast<int>(page_blocks.size()), total);
  // The stamp is right-aligned and drawn last: its last word ends at the same point.
  auto attribute = [](const std::string& tag, const std::string& name) {
    size_t at = tag.find(name + "=\"");
    return std::stod(tag.substr(at + name.size() + 2));
  };
  std::vector<std::pair<double, double>> ends;
  // A cover, the index, a plan page and two evidence pages (the last two pages of the
  // bundle: page 40 was one until the plan's layout took fewer pages).
  for (int p : {1, 2, 10, total - 1, total}) {
    const std::string& block = page_blocks[static_cast<size_t>(p - 1)];
    size_t tag = block.rfind("<word ");
    ASSERT_NE(tag, std::string::npos) << "page " << p;
    std::string word = block.substr(tag, block.find("</word>", tag) - tag);
    EXPECT_NE(word.find(">" + std::to_string(total)), std::string::npos) << word;
    ends.emplace_back(attribute(word, "xMax"), attribute(word, "yMax"));
  }
  for (const auto& [x, y] : ends) {
    EXPECT_NEAR(x, ends[0].first, 0.1);  // LibreOffice's A4 is 0.02 pt wider than PoDoFo's
    EXPECT_NEAR(y, ends[0].second, 0.1);
  }
}

TEST_F(SampleBundle, IndexListsEveryDocumentWithDateAndPages) {
  auto r = RunShell("pdftotext -f 2 -l 2 -layout " + ShellQuote(pdf_) + " -");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("Index"), std::string::npos);
  EXPECT_NE(r.output.find("A. Appeal documents (pages 3\u20135)"), std::string::npos) << r.output;
  const nlohmann::json map = PageMap();  // kept alive: the loop below iterates into it
  for (const auto& d : map["documents"]) {
    int first = d["first_page"], last = d["last_page"];
    std::string pages = first == last ? std::to_string(first)
                                      : std::to_string(first) + "\u2013" + std::to_string(last);
    std::string date = d["date"].get<std::string>();
    std::string uk = date.substr(8, 2) + "/" + date.substr(5, 2) + "/" + date.substr(0, 4);
    std::string tab = d["tab"];
    size_t row = r.output.find(tab + "  ");
    ASSERT_NE(row, std::string::npos) << tab << "\n" << r.output;
    std::string line = r.output.substr(row, r.output.find('\n', row) - row);
    EXPECT_NE(line.find(uk), std::string::npos) << line;
    EXPECT_NE(line.find(pages), std::string::npos) << line;
  }
}

TEST_F(SampleBundle, IndexEntriesLinkToEachDocumentsFirstPage) {
  nlohmann::json back = ReadBack();
  std::map<std::string, int> first;
  const nlohmann::json map = PageMap();
  for (const auto& d : map["documents"])
    first[d["tab"].get<std::string>()] = d["first_page"].get<int>();
  // A title over two lines has a link annotation per line, each going to the same page.
  std::set<std::string> linked;
  for (const auto& link : back["links"]) {
    if (link["page"] != 2) continue;
    std::string contents = link["contents"];
    std::string tab = contents.substr(6, 2);  // "Go to A1, ..."
    ASSERT_TRUE(first.count(tab)) << contents;
    EXPECT_EQ(link["target"], first[tab]) << contents;
    EXPECT_NE(contents.find("page " + std::to_string(first[tab])), std::string::npos) << contents;
    linked.insert(tab);
  }
  EXPECT_EQ(linked.size(), 6u);
}

TEST_F(SampleBundle, BookmarksNestSectionDocumentAndTheDocumentsOwn) {
  nlohmann::json outline = ReadBack()["outline"];
  ASSERT_EQ(outline.size(), 6u);  // cover, index, four sections
  EXPECT_EQ(outline[0]["title"], "Cover sheet");
  EXPECT_EQ(outline[2]["title"], "A. Appeal documents");
  EXPECT_EQ(outline[3]["title"], "B. EHC plan and appendices");
  const auto& plan = outline[3]["kids"][0];
  EXPECT_EQ(plan["title"], "B1 Final EHC plan for Yusuf Haddad");
  EXPECT_EQ(plan["page"], 6);
  ASSERT_GE(plan["kids"].size(), 10u);  // the plan's own section bookmarks, re-pointed
  bool found_b = false;
  for (const auto& inner : plan["kids"]) {
    if (inner["title"].get<std::string>().rfind("Section B", 0) == 0) {
      found_b = true;
      EXPECT_GT(inner["page"].get<int>(), 6);
      EXPECT_LE(inner["page"].get<int>(), PageMap()["documents"][3]["last_page"].get<int>());
    }
  }
  EXPECT_TRUE(found_b) << plan.dump();
  const auto& ep = outline[5]["kids"][0];
  EXPECT_EQ(ep["title"], "D1 Educational psychology report");
  ASSERT_FALSE(ep["kids"].empty());
  EXPECT_FALSE(ep["kids"][0]["kids"].empty());  // report > Executive summary, ...
}

TEST_F(SampleBundle, StructureTreesAreMergedAndConsistent) {
  nlohmann::json back = ReadBack();
  EXPECT_TRUE(back["problems"].empty()) << back["problems"].dump();
  EXPECT_EQ(back["lang"], "en-GB");
  EXPECT_TRUE(back["display_doc_title"].get<bool>());
  EXPECT_TRUE(back["marked"].get<bool>());
  EXPECT_EQ(back["xmp_title"], "Hearing bundle EH998/26/00042: Yusuf Haddad");
  EXPECT_EQ(back["stamped_pages"], PageMap()["total_pages"]);
  const auto& kids = back["struct"]["document_kids"];
  ASSERT_EQ(kids.size(), 6u);  // cover, index, four sections
  EXPECT_EQ(kids[0]["title"], "Cover sheet");
  EXPECT_EQ(kids[2]["type"], "Part");
  EXPECT_EQ(kids[2]["kids"][0]["title"], "A1 Decision letter: final EHC plan issued");
  // The tagged letter's own tree hangs under its Sect; the untagged notice gets one P per page.
  EXPECT_EQ(kids[2]["kids"][0]["kid_types"][0], "Sect");
  EXPECT_EQ(kids[2]["kids"][1]["kid_types"][0], "P");

  auto r = RunShell("pdfinfo -struct-text " + ShellQuote(pdf_));
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("Section B"), std::string::npos);
  EXPECT_NE(r.output.find("Educational psychology report"), std::string::npos);
}

TEST_F(SampleBundle, EvidenceWithoutActiveContentIsNotReported) {
  EXPECT_EQ(result_->output.find("bundle.active-content"), std::string::npos) << result_->output;
  for (const auto& doc : PageMap()["documents"])
    EXPECT_TRUE(doc["active_content_removed"].empty()) << doc.dump(1);
}

TEST(BundleCommand, SameInputsGiveByteIdenticalBundles) {
  TempDir dir;
  fs::path a = dir.path() / "a.pdf", b = dir.path() / "b.pdf";
  auto first = RunEhcp({"bundle", kManifest, "--evidence-root", EHCP_SAMPLES, "-o", a.string()});
  auto second = RunEhcp({"bundle", kManifest, "--evidence-root", EHCP_SAMPLES, "-o", b.string()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  ASSERT_EQ(second.exit_code, 0) << second.output;
  std::string bytes = testing::ReadFileText(a);
  EXPECT_GT(bytes.size(), 10000u);
  EXPECT_TRUE(bytes == testing::ReadFileText(b)) << "the two bundles differ";
  size_t sha = first.output.find("SHA-256: ");
  ASSERT_NE(sha, std::string::npos);
  EXPECT_NE(second.output.find(first.output.substr(sha, 73)), std::string::npos);
}

// ---------- Bad inputs: refused, naming the document, nothing written ----------

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty());
    fs::create_directories(dir_.path() / "case");
    fs::copy_file(kEvidence + "01-decision-letter.pdf", dir_.path() / "case" / "letter.pdf");
    fs::create_directories(dir_.path() / "out");
  }
  fs::path Case() const { return dir_.path() / "case"; }
  fs::path Output() const { return dir_.path() / "out" / "bundle.pdf"; }

  // A manifest with the good letter and one more document at `href`.
  void WriteManifest(const std::string& href, const std::string& appeal = "section-b-f",
                     const std::string& section = "parent-evidence") {
    std::ofstream(Case() / "manifest.xml")
        << "<bundle xmlns=\"urn:ehcp:schema:1\">\n"
           "  <tribunalReference>EH998/26/00099</tribunalReference><appealType>"
        << appeal
        << "</appealType>\n"
           "  <child><name>Test Child</name></child><localAuthority>Northmoor Borough "
           "Council</localAuthority>\n"
           "  <hearingDate>2027-01-19</hearingDate><issue number=\"1\" date=\"2026-12-01\"/>\n"
           "  <preparedBy>Test</preparedBy>\n"
           "  <section ref=\"appeal-documents\"><document "
           "party=\"local-authority\"><title>Decision letter</title>"
           "<date>2026-09-11</date><author>Council</author><pdf "
           "href=\"letter.pdf\"/></document></section>\n"
           "  <section ref=\""
        << section
        << "\"><document party=\"parent\"><title>Parent's report</title>"
           "<date>2026-10-01</date><author>Parent</author><pdf href=\""
        << href
        << "\"/></document></section>\n"
           "</bundle>\n";
  }

  testing::CommandResult Bundle() {
    return RunEhcp({"bundle", (Case() / "manifest.xml").string(), "-o", Output().string()});
  }

  void ExpectRefused(const testing::CommandResult& r, const std::string& phrase) {
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("Parent's report"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(phrase), std::string::npos) << r.output;
    EXPECT_FALSE(fs::exists(Output()));
    EXPECT_TRUE(fs::is_empty(dir_.path() / "out")) << "a temporary file was left behind";
  }

  TempDir dir_;
};

TEST_F(BadInput, CorruptPdfIsRefused) {
  std::string bytes = testing::ReadFileText(kEvidence + "03-la-response.pdf");
  std::ofstream(Case() / "report.pdf", std::ios::binary) << bytes.substr(0, 700) << "garbage";
  WriteManifest("report.pdf");
  ExpectRefused(Bundle(), "is damaged and cannot be read");
}

TEST_F(BadInput, EncryptedPdfIsRefused) {
  auto r = RunShell("qpdf --encrypt u o 256 -- " + ShellQuote(kEvidence + "03-la-response.pdf") +
                    " " + ShellQuote((Case() / "report.pdf").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  WriteManifest("report.pdf");
  ExpectRefused(Bundle(), "is encrypted");
}

TEST_F(BadInput, EncryptedPdfWithAnEmptyUserPasswordIsRefused) {
  auto r =
      RunShell("qpdf --encrypt '' owner 256 -- " + ShellQuote(kEvidence + "03-la-response.pdf") +
               " " + ShellQuote((Case() / "report.pdf").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  WriteManifest("report.pdf");
  ExpectRefused(Bundle(), "is encrypted");
}

TEST_F(BadInput, NonPdfRenamedToPdfIsRefused) {
  std::ofstream(Case() / "report.pdf") << "PK\x03\x04 this is really a Word document\n";
  WriteManifest("report.pdf");
  ExpectRefused(Bundle(), "is not a PDF file");
}

TEST_F(BadInput, PathEscapingTheFolderIsRefused) {
  fs::copy_file(kEvidence + "03-la-response.pdf", dir_.path() / "outside.pdf");
  WriteManifest("../outside.pdf");
  ExpectRefused(Bundle(), "leaves the evidence folder");
  WriteManifest((dir_.path() / "outside.pdf").string());
  ExpectRefused(Bundle(), "leaves the evidence folder");
  fs::create_symlink(dir_.path() / "outside.pdf", Case() / "link.pdf");
  WriteManifest("link.pdf");
  ExpectRefused(Bundle(), "is a link to");
}

TEST_F(BadInput, OverLimitBundleIsRefusedWithTheNumbers) {
  // 76 one-page documents' worth of pages in one file: the per-party limit for a
  // Section I appeal is 75.
  std::string command = "qpdf --empty --pages";
  for (int i = 0; i < 76; ++i) command += " " + ShellQuote(kEvidence + "01-decision-letter.pdf");
  command += " -- " + ShellQuote((Case() / "report.pdf").string());
  auto r = RunShell(command);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  WriteManifest("report.pdf", "section-i");
  auto result = Bundle();
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("section \"Parent's evidence\" has 76 pages"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("is 75 (1 over)"), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(Output()));
}

TEST_F(BadInput, PagesWithoutTextAreFlaggedButTheBundleIsWritten) {
  // A page that only paints (a scan has an image and no text operators).
  auto r = RunShell("/usr/bin/python3 -c " +
                    ShellQuote("import pikepdf,sys\n"
                               "p=pikepdf.new()\n"
                               "p.add_blank_page(page_size=(595,842))\n"
                               "p.pages[0].Contents=p.make_stream(b'0.5 g 50 50 400 600 re f')\n"
                               "p.save(sys.argv[1])\n") +
                    " " + ShellQuote((Case() / "report.pdf").string()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  WriteManifest("report.pdf");
  auto result = Bundle();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(
                "warning: document \"Parent's report\": page 1 of the document has no text layer"),
            std::string::npos)
      << result.output;
  EXPECT_TRUE(fs::exists(Output()));
  auto info = RunShell("pdfinfo -struct " + ShellQuote(Output().string()));
  EXPECT_NE(info.output.find("Figure"), std::string::npos) << info.output;
}

// Issue #21: evidence full of active content (tests/bundle/make_hostile_pdf.py) is bundled
// without any of it: no scripts, launches, form submissions, media or embedded files (the
// marker in each is nowhere in the decompressed bundle), web links and jumps kept, one
// warning per kind naming the document and the pages, and the same list in the page map.
TEST_F(BadInput, ActiveContentIsStrippedReportedAndWebLinksKept) {
  const std::string report = (Case() / "report.pdf").string();
  auto made = RunShell("/usr/bin/python3 " +
                       ShellQuote(EHCP_SOURCE_DIR "/tests/bundle/make_hostile_pdf.py") + " " +
                       ShellQuote(report));
  ASSERT_EQ(made.exit_code, 0) << made.output;
  auto before = RunShell("/usr/bin/python3 " +
                         ShellQuote(EHCP_SOURCE_DIR "/tests/bundle/check_active_content.py") + " " +
                         ShellQuote(report) + " EHCP-HOSTILE-PAYLOAD");
  ASSERT_EQ(before.exit_code, 0) << before.output;
  nlohmann::json source = nlohmann::json::parse(before.output);
  ASSERT_GT(source["found"].size(), 20u) << before.output;  // the generator really is hostile
  ASSERT_TRUE(source["marker_in_file"].get<bool>());

  WriteManifest("report.pdf");
  const std::string map = (dir_.path() / "out" / "bundle.json").string();
  auto result = RunEhcp(
      {"bundle", (Case() / "manifest.xml").string(), "-o", Output().string(), "--page-map", map});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  for (const char* warning :
       {"warning: document \"Parent's report\": removed page actions (run when the page opens "
        "or closes) from page 1 of the document [bundle.active-content]",
        "removed a JavaScript action from page 1 of the document",
        "removed a Launch action (starts a program or opens a file) from page 1",
        "removed a link to a javascript: address (not a web page) from page 1",
        "removed a JavaScript action chained after another from page 1",
        "removed a FileAttachment annotation and its embedded file from page 2",
        "removed a Sound annotation and its media from page 2",
        "removed a Movie annotation and its media from page 2",
        "removed a Screen annotation and its media from page 2",
        "removed a RichMedia annotation and its media from page 2",
        "removed a 3D annotation and its media from page 2",
        "removed a SubmitForm action (sends form data) from page 2",
        "removed a form field's scripts from page 2",
        "removed a JavaScript action on a bookmark from the document",
        "removed a JavaScript action run when the document opens",
        "removed document-level JavaScript", "removed embedded files"})
    EXPECT_NE(result.output.find(warning), std::string::npos) << warning << "\n" << result.output;

  auto after = RunShell("/usr/bin/python3 " +
                        ShellQuote(EHCP_SOURCE_DIR "/tests/bundle/check_active_content.py") + " " +
                        ShellQuote(Output().string()) + " EHCP-HOSTILE-PAYLOAD");
  ASSERT_EQ(after.exit_code, 0) << after.output;
  nlohmann::json bundle = nlohmann::json::parse(after.output);
  EXPECT_TRUE(bundle["found"].empty()) << after.output;
  EXPECT_FALSE(bundle["marker_in_file"].get<bool>()) << "a script or file reached the bundle";
  EXPECT_EQ(bundle["links"], source["links"]) << after.output;

  // Still a sound, tagged bundle: qpdf and the read-back find nothing wrong, and the GoTo
  // link still lands on the document's second page.
  auto check = RunShell("qpdf --check " + ShellQuote(Output().string()));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  auto back =
      RunShell("/usr/bin/python3 " + ShellQuote(EHCP_SOURCE_DIR "/tests/bundle/check_bundle.py") +
               " " + ShellQuote(Output().string()));
  ASSERT_EQ(back.exit_code, 0) << back.output;
  EXPECT_TRUE(nlohmann::json::parse(back.output)["problems"].empty()) << back.output;

  nlohmann::json page_map = nlohmann::json::parse(testing::ReadFileText(map));
  const nlohmann::json& doc = page_map["documents"][1];
  ASSERT_EQ(doc["title"], "Parent's report");
  const int first = doc["first_page"];
  bool attachment = false;
  for (const auto& r : doc["active_content_removed"])
    if (r["what"] == "a FileAttachment annotation and its embedded file")
      attachment = r["pages"] == nlohmann::json::array({first + 1});
  EXPECT_TRUE(attachment) << doc.dump(1);
  EXPECT_TRUE(page_map["documents"][0]["active_content_removed"].empty());
}

TEST_F(BadInput, UnknownSectionIsRefused) {
  WriteManifest("letter.pdf", "section-b-f", "closing-speeches");
  auto result = Bundle();
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("unknown bundle section \"closing-speeches\""), std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(Output()));
}

TEST(BundleCommandUsage, MissingManifestIsAUsageError) {
  auto r = RunEhcp({"bundle", "/nonexistent/manifest.xml", "-o", "/tmp/never-written.pdf"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("cannot read the bundle manifest"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists("/tmp/never-written.pdf"));
  auto no_output = RunEhcp({"bundle", kManifest});
  EXPECT_EQ(no_output.exit_code, 2) << no_output.output;
}

TEST_F(BadInput, RefusesToOverwriteAnInput) {
  WriteManifest("letter.pdf");
  std::string before = testing::ReadFileText(Case() / "letter.pdf");
  auto r = RunEhcp(
      {"bundle", (Case() / "manifest.xml").string(), "-o", (Case() / "letter.pdf").string()});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("refusing to overwrite an input file"), std::string::npos) << r.output;
  EXPECT_EQ(testing::ReadFileText(Case() / "letter.pdf"), before);
}

// ---------- A plan drawn with the template set the manifest names ----------

class PlanTemplate : public BadInput {
 protected:
  // The letter and the sample plan, with template="NAME" when `name` is given.
  void WritePlanManifest(const std::string& name) {
    fs::copy_file(EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml", Case() / "plan.xml",
                  fs::copy_options::overwrite_existing);
    std::string attribute = name.empty() ? "" : " template=\"" + name + "\"";
    std::ofstream(Case() / "manifest.xml")
        << "<bundle xmlns=\"urn:ehcp:schema:1\">\n"
           "  <tribunalReference>EH998/26/00099</tribunalReference>"
           "<appealType>section-b-f</appealType>\n"
           "  <child><name>Test Child</name></child><localAuthority>Northmoor Borough "
           "Council</localAuthority>\n"
           "  <hearingDate>2027-01-19</hearingDate><issue number=\"1\" date=\"2026-12-01\"/>\n"
           "  <preparedBy>Test</preparedBy>\n"
           "  <section ref=\"appeal-documents\"><document "
           "party=\"local-authority\"><title>Decision letter</title>"
           "<date>2026-09-11</date><author>Council</author><pdf "
           "href=\"letter.pdf\"/></document>\n"
           "  <document party=\"local-authority\"><title>The EHC plan</title>"
           "<date>2026-09-11</date><author>Council</author><plan href=\"plan.xml\""
        << attribute
        << "/></document></section>\n"
           "</bundle>\n";
  }
  std::string BundleText() {
    return RunShell("pdftotext -enc UTF-8 " + ShellQuote(Output().string()) + " -").output;
  }
};

// The plan's pages carry the named council's branding (its name on the cover and in the
// footer, its contact lines); without the attribute the default set draws it, as before.
TEST_F(PlanTemplate, PlanPagesUseTheNamedTemplateSet) {
  WritePlanManifest("exampleshire");
  auto branded = Bundle();
  ASSERT_EQ(branded.exit_code, 0) << branded.output;
  std::string text = BundleText();
  // The cover's council line (the words after it wrap onto the next line).
  EXPECT_NE(text.find("Issued by Exampleshire County Council SEND"), std::string::npos) << text;
  EXPECT_NE(text.find("Exampleshire SENDIASS"), std::string::npos);
  EXPECT_NE(text.find("Plan page 1 of"), std::string::npos);

  WritePlanManifest("");
  auto plain = Bundle();
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(BundleText().find("Exampleshire"), std::string::npos);
}

TEST_F(PlanTemplate, AnUnknownTemplateSetIsRefusedNamingTheDocument) {
  WritePlanManifest("nowhereshire");
  auto r = Bundle();
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("document \"The EHC plan\": there is no template set \"nowhereshire\""),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("[bundle.template]"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(Output()));
  // A path is not a name: the schema refuses it before any folder is looked at.
  WritePlanManifest("../default");
  auto path = Bundle();
  EXPECT_EQ(path.exit_code, 1) << path.output;
  EXPECT_NE(path.output.find("[schema.invalid]"), std::string::npos) << path.output;
  EXPECT_FALSE(fs::exists(Output()));
}

}  // namespace
}  // namespace ehcp
