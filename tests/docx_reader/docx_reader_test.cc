// The DOCX reader on good packages (text, field marks, tables, tracked changes) and on
// every kind of bad Word input: each is refused with one error naming the file, or, for
// links and embedded objects, read with a note and nothing fetched.

#include "docx_reader/docx_reader.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace ehcp {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

// A ZIP package built in memory with libzip (an independent writer).
std::string Zip(const Entries& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    zip_file_add(archive, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(buffer, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

const std::string kTypes =
    R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";

std::string Body(const std::string& inner) {
  return R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         inner + "</w:body></w:document>";
}

std::string Docx(const std::string& inner, Entries extra = {}) {
  Entries entries{{"[Content_Types].xml", kTypes}, {"word/document.xml", Body(inner)}};
  for (auto& e : extra) entries.push_back(std::move(e));
  return Zip(entries);
}

struct Read {
  std::optional<WordDocument> document;
  DiagnosticList diagnostics;
};

Read ReadBytes(const std::string& bytes, const DocxLimits& limits = {}) {
  Read r;
  r.document = ParseDocx(bytes, "plan-edit.docx", r.diagnostics, limits);
  return r;
}

// Refused: no document, exactly one error, code docx.unreadable, naming the file, and
// saying `words`.
void ExpectRefused(const Read& r, const std::string& words) {
  EXPECT_FALSE(r.document);
  ASSERT_EQ(r.diagnostics.Items().size(), 1u);
  const Diagnostic& d = r.diagnostics.Items()[0];
  EXPECT_EQ(d.severity, Severity::kError);
  EXPECT_EQ(d.code, "docx.unreadable");
  EXPECT_EQ(d.location.FileName(), "plan-edit.docx");
  EXPECT_NE(d.message.find(words), std::string::npos) << d.message;
}

TEST(DocxReader, ReadsParagraphsMarksAndCells) {
  Read r = ReadBytes(Docx(
      R"(<w:p><w:r><w:t>Section F</w:t></w:r></w:p>)"
      R"(<w:tbl><w:tr><w:tc><w:p><w:bookmarkStart w:id="7" w:name="ehcp_description_F1"/>)"
      R"(<w:r><w:t xml:space="preserve">Speech therapy </w:t></w:r><w:r><w:t>weekly</w:t></w:r>)"
      R"(<w:bookmarkEnd w:id="7"/></w:p></w:tc><w:tc><w:p><w:r><w:t>SaLT</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)"
      R"(<w:p><w:bookmarkStart w:id="8" w:name="ehcp_text3_H1_d2"/><w:r><w:t>x</w:t></w:r><w:bookmarkEnd w:id="8"/></w:p>)"));
  ASSERT_TRUE(r.document);
  const auto& p = r.document->paragraphs;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].text, "Section F");
  EXPECT_TRUE(p[0].marks.empty());
  EXPECT_EQ(p[1].text, "Speech therapy weekly");
  ASSERT_EQ(p[1].marks.size(), 1u);
  EXPECT_EQ(p[1].marks[0].item_id, "F1");
  EXPECT_EQ(p[1].marks[0].field, "description");
  EXPECT_EQ(p[1].place.ToString(), "table 1, row 1, column 1");
  EXPECT_EQ(p[2].place.column, 2);
  ASSERT_EQ(p[3].marks.size(), 1u);
  EXPECT_EQ(p[3].marks[0].item_id, "H1.2");
  EXPECT_EQ(p[3].marks[0].part, 3);
  EXPECT_EQ(p[3].place.ToString(), "paragraph 4");
}

TEST(DocxReader, TrackedChangesReadAsAccepted) {
  Read r = ReadBytes(Docx(
      R"(<w:p><w:r><w:t>Twice </w:t></w:r><w:del w:id="1"><w:r><w:delText>a week</w:delText></w:r></w:del>)"
      R"(<w:ins w:id="2"><w:r><w:t>daily</w:t></w:r></w:ins></w:p>)"));
  ASSERT_TRUE(r.document);
  EXPECT_EQ(r.document->paragraphs.at(0).text, "Twice daily");
}

TEST(DocxReader, MarkSplitOverTwoParagraphsCoversBoth) {
  Read r = ReadBytes(Docx(
      R"(<w:p><w:bookmarkStart w:id="1" w:name="ehcp_text_E1"/><w:r><w:t>One.</w:t></w:r></w:p>)"
      R"(<w:p><w:r><w:t>Two.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p><w:p><w:r><w:t>Three.</w:t></w:r></w:p>)"));
  ASSERT_TRUE(r.document);
  EXPECT_EQ(r.document->paragraphs.at(0).marks.size(), 1u);
  EXPECT_EQ(r.document->paragraphs.at(1).marks.size(), 1u);
  EXPECT_TRUE(r.document->paragraphs.at(2).marks.empty());
}

// An advice form's box (forms/form_writer.h) is a content control tagged with a field
// mark: every paragraph in it carries the mark, with or without a bookmark (Word may drop
// either), and so does a paragraph holding an inline control; the paragraph after has none.
TEST(DocxReader, TaggedContentControlsMarkTheirParagraphs) {
  Read r = ReadBytes(Docx(
      R"(<w:sdt><w:sdtPr><w:tag w:val="ehcp_formneed_area1"/></w:sdtPr><w:sdtContent>)"
      R"(<w:p><w:r><w:t>One.</w:t></w:r></w:p><w:p><w:r><w:t>Two.</w:t></w:r></w:p></w:sdtContent></w:sdt>)"
      R"(<w:p><w:sdt><w:sdtPr><w:tag w:val="ehcp_formfield_role"/></w:sdtPr><w:sdtContent>)"
      R"(<w:r><w:t>SENCO</w:t></w:r></w:sdtContent></w:sdt></w:p>)"
      R"(<w:p><w:sdt><w:sdtPr><w:tag w:val="not-ours"/></w:sdtPr><w:sdtContent>)"
      R"(<w:r><w:t>Three.</w:t></w:r></w:sdtContent></w:sdt></w:p>)"));
  ASSERT_TRUE(r.document);
  const auto& p = r.document->paragraphs;
  ASSERT_EQ(p.size(), 4u);
  for (int i : {0, 1}) {
    ASSERT_EQ(p[i].marks.size(), 1u) << i;
    EXPECT_EQ(p[i].marks[0].field, "formneed");
    EXPECT_EQ(p[i].marks[0].item_id, "area1");
  }
  ASSERT_EQ(p[2].marks.size(), 1u);
  EXPECT_EQ(p[2].marks[0].item_id, "role");
  EXPECT_EQ(p[2].text, "SENCO");
  EXPECT_TRUE(p[3].marks.empty());
  EXPECT_EQ(p[3].text, "Three.");
}

TEST(DocxReader, EncryptedWordFileIsRefused) {
  // Word saves a password-protected document as an OLE compound file.
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(4096, '\0');
  ExpectRefused(ReadBytes(ole), "password-protected");
}

TEST(DocxReader, NotAZipIsRefused) {
  ExpectRefused(ReadBytes("%PDF-1.7\n..."), "not a ZIP");
}

TEST(DocxReader, CorruptZipIsRefused) {
  std::string bytes = Docx("<w:p><w:r><w:t>text</w:t></w:r></w:p>");
  ExpectRefused(ReadBytes(bytes.substr(0, bytes.size() / 2)), "damaged");
}

TEST(DocxReader, CorruptEntryIsRefused) {
  std::string body(20000, 'x');
  std::string bytes = Docx("<w:p><w:r><w:t>" + body + "</w:t></w:r></w:p>");
  size_t at = bytes.find("word/document.xml") + 100;  // inside the compressed data
  for (size_t i = 0; i < 20; ++i) bytes[at + i] = static_cast<char>(bytes[at + i] ^ 0x5A);
  ExpectRefused(ReadBytes(bytes), "damaged");
}

TEST(DocxReader, MacrosAreRefused) {
  ExpectRefused(ReadBytes(Docx("<w:p/>", {{"word/vbaProject.bin", "macro"}})), "macros");
}

TEST(DocxReader, MacroEnabledContentTypeIsRefused) {
  std::string types = kTypes;
  types.replace(types.find("document.main+xml"), 17, "document.macroEnabled.main+xml");
  ExpectRefused(
      ReadBytes(Zip({{"[Content_Types].xml", types}, {"word/document.xml", Body("<w:p/>")}})),
      "macro-enabled");
}

TEST(DocxReader, ZipBombByRatioIsRefused) {
  // 8 MB of one letter deflates to a few kilobytes.
  std::string filler(8u * 1024 * 1024, 'a');
  ExpectRefused(ReadBytes(Docx("<w:p><w:r><w:t>" + filler + "</w:t></w:r></w:p>")), "ZIP bomb");
}

TEST(DocxReader, ZipBombBySizeIsRefused) {
  DocxLimits limits;
  limits.max_entry_bytes = 64 * 1024;
  std::string text;
  for (int i = 0; text.size() < 100'000; ++i) text += std::to_string(i * 7919 % 10007) + " ";
  ExpectRefused(ReadBytes(Docx("<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"), limits),
                "ZIP bomb");
}

TEST(DocxReader, TooManyPartsAreRefused) {
  DocxLimits limits;
  limits.max_entries = 10;
  Entries extra;
  for (int i = 0; i < 20; ++i) extra.push_back({"word/media/p" + std::to_string(i) + ".png", "x"});
  ExpectRefused(ReadBytes(Docx("<w:p/>", extra), limits), "parts");
}

TEST(DocxReader, VeryLargeFileIsRefused) {
  DocxLimits limits;
  limits.max_file_bytes = 1024;
  ExpectRefused(ReadBytes(Docx("<w:p><w:r><w:t>" + std::string(5000, 'z') + "</w:t></w:r></w:p>") +
                              std::string(2048, '\0'),
                          limits),
                "over the limit");
}

TEST(DocxReader, MalformedBodyIsRefused) {
  ExpectRefused(ReadBytes(Zip({{"[Content_Types].xml", kTypes},
                               {"word/document.xml", "<w:document><w:body>"}})),
                "not well-formed");
}

TEST(DocxReader, NoBodyPartIsRefused) {
  ExpectRefused(ReadBytes(Zip({{"[Content_Types].xml", kTypes}})), "word/document.xml");
}

TEST(DocxReader, LinkedImagesAndEmbeddedObjectsAreNotedNotFetched) {
  std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://192.0.2.1/tracker.png" TargetMode="External"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.gov.uk/" TargetMode="External"/>)"
      R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject" Target="embeddings/oleObject1.bin"/>)"
      R"(</Relationships>)";
  Read r = ReadBytes(
      Docx(R"(<w:p><w:r><w:t>Kept</w:t></w:r><w:r><w:object/></w:r></w:p>)",
           {{"word/_rels/document.xml.rels", rels}, {"word/embeddings/oleObject1.bin", "ole"}}));
  ASSERT_TRUE(r.document);
  EXPECT_EQ(r.document->paragraphs.at(0).text, "Kept");
  ASSERT_EQ(r.diagnostics.Items().size(), 3u);
  for (const auto& d : r.diagnostics.Items()) {
    EXPECT_EQ(d.severity, Severity::kWarning);
    EXPECT_EQ(d.code, "docx.ignored");
  }
  EXPECT_NE(r.diagnostics.Items()[0].message.find("not fetched"), std::string::npos);
  EXPECT_NE(r.diagnostics.Items()[1].message.find("embedded"), std::string::npos);
}

TEST(DocxReader, DoctypeIsNotExpanded) {
  std::string body =
      R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>a&e;b</w:t></w:r></w:p></w:body></w:document>)";
  Read r = ReadBytes(Zip({{"[Content_Types].xml", kTypes}, {"word/document.xml", body}}));
  ASSERT_TRUE(r.document);
  EXPECT_EQ(r.document->paragraphs.at(0).text, "a&e;b");  // left as written, never resolved
}

TEST(DocxReader, MissingFileIsAnIoError) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(ReadDocxFile("/nonexistent/plan.docx", diagnostics));
  ASSERT_EQ(diagnostics.Items().size(), 1u);
  EXPECT_EQ(diagnostics.Items()[0].code, "io.read");
}

}  // namespace
}  // namespace ehcp
