#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bundle/source_pdf.h"
#include "pdfio/object_writer.h"
#include "pdfio/reader.h"
#include "support/classic_pdf.h"
#include "support/file_text.h"
#include "support/shell_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using pdfio::PdfFile;
using pdfio::Value;

// A small two-page tagged PDF with a classic xref table: the second page's content length
// is an indirect object, the catalog carries a name with #xx escapes, a string with
// nested parentheses and escapes, and a hex string.
std::string ClassicPdf() {
  return testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R /StructTreeRoot 8 0 R /Lang (en-GB)"
      " /Odd#20Name (a (nested) \\) string) /Hex <48656C6C6F>>>",
      "<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842]>>",
      "<</Type /Page /Parent 2 0 R /Contents 5 0 R /Resources <<>>>>",
      "<</Type /Page /Parent 2 0 R /Contents 6 0 R /Resources <<>> /Rotate 90>>",
      "<</Length 44>>\nstream\nBT /F1 12 Tf 72 700 Td (Hello world) Tj ET\n\nendstream",
      "<</Length 7 0 R>>\nstream\n0.5 g 50 50 400 600 re f\nendstream",
      "24",
      "<</Type /StructTreeRoot /K []>>",
      "<</A -5 /B .5 /C -.5 /D +3 /E 1.0 /F [1 0 R 2 0 R 3] % a comment\n /G (a\\(b)"
      " /H <41 42> /I true /J null /K 99 0 R /BaseFont /ABCDEF+Sans>>",
  });
}

class PdfReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ehcp-pdf-reader-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "classic.pdf", std::ios::binary) << ClassicPdf();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Qpdf(const std::string& args, const std::string& out) {
    auto r = testing::RunShell("qpdf " + args + " " +
                               testing::ShellQuote((dir_ / "classic.pdf").string()) + " " +
                               testing::ShellQuote((dir_ / out).string()) + " 2>&1");
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.output;  // 3: warnings
    return testing::ReadFileText(dir_ / out);
  }
  std::unique_ptr<SourcePdf> Open(const std::string& name, DiagnosticList& diagnostics) {
    return SourcePdf::Open(dir_ / name, "Test document", {}, diagnostics);
  }
  fs::path dir_;
};

TEST_F(PdfReaderTest, ReadsAClassicXrefTableAndItsObjects) {
  std::string bytes = ClassicPdf();
  PdfFile file(bytes);
  EXPECT_FALSE(file.Encrypted());
  EXPECT_FALSE(file.Recovered());
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  ASSERT_NE(catalog, nullptr);
  EXPECT_TRUE(catalog->Get("Type")->IsName("Catalog"));
  EXPECT_EQ(catalog->Get("Lang")->text, "(en-GB)");
  ASSERT_NE(catalog->Get("Odd#20Name"), nullptr);  // names keep their escapes as written
  EXPECT_EQ(catalog->Get("Odd#20Name")->text, "(a (nested) \\) string)");
  EXPECT_EQ(catalog->Get("Hex")->text, "<48656C6C6F>");
  std::string written;
  pdfio::WriteValue(*catalog->Get("Odd#20Name"), written);
  EXPECT_EQ(written, "(a (nested) \\) string)");

  // A stream whose /Length is an indirect object.
  const pdfio::Object* content = file.Get(6);
  ASSERT_NE(content, nullptr);
  ASSERT_TRUE(content->has_stream);
  EXPECT_EQ(content->stream, "0.5 g 50 50 400 600 re f");
  const pdfio::Object* text = file.Get(5);
  EXPECT_EQ(text->stream.substr(0, 2), "BT");
  EXPECT_EQ(file.Get(99), nullptr);
}

TEST_F(PdfReaderTest, LexesNumbersStringsAndReferences) {
  std::string bytes = ClassicPdf();
  PdfFile file(bytes);
  const Value& v = file.Get(9)->value;
  ASSERT_TRUE(v.IsDict());
  EXPECT_TRUE(v.Get("A")->IsInt());
  EXPECT_EQ(v.Get("A")->integer, -5);
  EXPECT_EQ(v.Get("B")->text, "0.5");
  EXPECT_EQ(v.Get("C")->text, "-0.5");
  EXPECT_EQ(v.Get("D")->integer, 3);
  EXPECT_EQ(v.Get("E")->text, "1.0");
  ASSERT_EQ(v.Get("F")->array.size(), 3u);
  EXPECT_TRUE(v.Get("F")->array[1].IsRef());
  EXPECT_EQ(v.Get("F")->array[1].integer, 2);
  EXPECT_TRUE(v.Get("F")->array[2].IsInt());
  EXPECT_EQ(v.Get("G")->text, "(a\\(b)");
  EXPECT_EQ(v.Get("H")->text, "<41 42>");

  // A raw copy says the same, with references renumbered (a missing object becomes null)
  // and the subset font name reported where it lands.
  struct Sink : pdfio::RawSink {
    std::vector<std::pair<std::string, size_t>> names;
    void Reference(int64_t number, uint32_t, std::string& out) override {
      if (number == 99)
        out += "null";
      else
        out += std::to_string(number + 100) + " 0 R";
    }
    void TopLevelName(std::string_view key, std::string_view name, size_t offset) override {
      names.emplace_back(std::string(key) + "=" + std::string(name), offset);
    }
  } sink;
  std::string out = "xx";
  file.CopyRaw(9, out, sink);
  EXPECT_EQ(out,
            "xx<</A -5/B 0.5/C -0.5/D 3/E 1.0/F [101 0 R 102 0 R 3]/G (a\\(b)/H <41 42>/I true"
            "/J null/K null/BaseFont /ABCDEF+Sans>>");
  ASSERT_EQ(sink.names.size(), 1u);
  EXPECT_EQ(sink.names[0].first, "BaseFont=ABCDEF+Sans");
  EXPECT_EQ(out.substr(sink.names[0].second, 6), "ABCDEF");

  // A stream's /Length (here indirect) becomes the real length, written last.
  out.clear();
  file.CopyRaw(6, out, sink);
  EXPECT_EQ(out, "<</Length 24>>\nstream\n0.5 g 50 50 400 600 re f\nendstream");
}

// Found by fuzz_pdf_reader: a number token that is only a sign ("+", "-", "+.") once
// emptied the token text and then read its last character.
TEST_F(PdfReaderTest, ASignAloneIsTheNumberZero) {
  std::string bytes = testing::PdfWithClassicXref({"<</Type /Catalog /A + /B - /C +. /D -.>>"});
  PdfFile file(bytes);
  const Value& v = file.Get(1)->value;
  ASSERT_TRUE(v.IsDict());
  for (const char* key : {"A", "B", "C", "D"}) {
    ASSERT_NE(v.Get(key), nullptr) << key;
    EXPECT_EQ(v.Get(key)->text, "0") << key;
  }
}

TEST_F(PdfReaderTest, OpensAClassicFileWithPagesTagsAndTextLayer) {
  DiagnosticList diagnostics;
  auto pdf = Open("classic.pdf", diagnostics);
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->PageCount(), 2);
  EXPECT_TRUE(pdf->Tagged());  // it has a StructTreeRoot with /K
  EXPECT_EQ(pdf->PagesWithoutText(), std::vector<int>{2});
}

TEST_F(PdfReaderTest, ReadsXrefStreamsAndObjectStreams) {
  std::string bytes = Qpdf("--object-streams=generate", "objstm.pdf");
  ASSERT_NE(bytes.find("/ObjStm"), std::string::npos);
  ASSERT_NE(bytes.find("/XRef"), std::string::npos);
  ASSERT_NE(bytes.find("/Predictor 12"), std::string::npos);  // PNG-predicted xref rows
  PdfFile file(bytes);
  EXPECT_FALSE(file.Recovered());
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  ASSERT_NE(catalog, nullptr);
  EXPECT_TRUE(catalog->Get("Type")->IsName("Catalog"));
  EXPECT_EQ(catalog->Get("Lang")->text, "(en-GB)");
  DiagnosticList diagnostics;
  auto pdf = Open("objstm.pdf", diagnostics);
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->PageCount(), 2);
  EXPECT_EQ(pdf->PagesWithoutText(), std::vector<int>{2});
}

TEST_F(PdfReaderTest, ReadsCompressedContentStreams) {
  Qpdf("--compress-streams=y --object-streams=generate", "compressed.pdf");
  DiagnosticList diagnostics;
  auto pdf = Open("compressed.pdf", diagnostics);
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->PagesWithoutText(), std::vector<int>{2});
}

// Text in streams under the older filters is found, and a stream under a filter the
// reader does not decode counts as text rather than as a scanned image (which would be
// tagged as a Figure and hide its text).
TEST_F(PdfReaderTest, FindsTextUnderLzwAscii85AndRunLengthFilters) {
  const std::string content = "BT /F1 12 Tf 72 700 Td (Hello world) Tj ET";
  // LZW (EarlyChange 1) of `content`, in hex; checked against qpdf's decoder.
  const std::string lzw_hex =
      "80108a820179186220188c84054330806f0a1b8c0610b320805048329b0d86f101dcde7236190530b350808a5480"
      "80>";
  const std::string a85 = "6<#'\\7PQ#?1*BP.+?)%u2_Zp.<+I+\"87cURD]j7BEbo88+B3(u78s~>";
  const std::string run_length =
      std::string(1, static_cast<char>(content.size() - 1)) + content + "\x80";
  auto stream = [](const std::string& filter, const std::string& data) {
    return "<</Length " + std::to_string(data.size()) + " /Filter " + filter + ">>\nstream\n" +
           data + "\nendstream";
  };
  std::string bytes = testing::PdfWithClassicXref({
      "<</Type /Catalog /Pages 2 0 R>>",
      "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R 7 0 R] /Count 5 /MediaBox [0 0 595 842]>>",
      "<</Type /Page /Parent 2 0 R /Contents 8 0 R /Resources <<>>>>",
      "<</Type /Page /Parent 2 0 R /Contents 9 0 R /Resources <<>>>>",
      "<</Type /Page /Parent 2 0 R /Contents 10 0 R /Resources <<>>>>",
      "<</Type /Page /Parent 2 0 R /Contents 11 0 R /Resources <<>>>>",
      "<</Type /Page /Parent 2 0 R /Contents 12 0 R /Resources <<>>>>",
      stream("[/ASCIIHexDecode /LZWDecode]", lzw_hex), stream("/A85", a85),
      stream("/RunLengthDecode", run_length),
      stream("/JBIG2Decode", "not a content stream this reader decodes"),
      stream("/A85", "vwxyz{|}"),  // not ASCII85 at all: damaged, so unknown
  });
  std::ofstream(dir_ / "filters.pdf", std::ios::binary) << bytes;
  DiagnosticList diagnostics;
  auto pdf = Open("filters.pdf", diagnostics);
  ASSERT_NE(pdf, nullptr) << diagnostics.Items().size();
  EXPECT_EQ(pdf->PageCount(), 5);
  EXPECT_EQ(pdf->PagesWithoutText(), std::vector<int>{});
}

TEST_F(PdfReaderTest, LaterIncrementalUpdatesWin) {
  std::string bytes = ClassicPdf();
  size_t prev = std::stoul(bytes.substr(bytes.rfind("startxref") + 10));
  size_t offset = bytes.size();
  bytes += "1 0 obj\n<</Type /Catalog /Pages 2 0 R /Lang (cy)>>\nendobj\n";
  size_t xref = bytes.size();
  char line[32];
  std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
  bytes += "xref\n0 1\n0000000000 65535 f \n1 1\n" + std::string(line) +
           "trailer\n<</Size 9 /Root 1 0 R /Prev " + std::to_string(prev) + ">>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
  PdfFile file(bytes);
  EXPECT_FALSE(file.Recovered());
  const Value* catalog = file.Resolve(file.Trailer().Get("Root"));
  EXPECT_EQ(catalog->Get("Lang")->text, "(cy)");
  ASSERT_NE(file.Get(6), nullptr);  // still found through the older section
  EXPECT_EQ(file.Get(6)->stream, "0.5 g 50 50 400 600 re f");
}

TEST_F(PdfReaderTest, DetectsEncryption) {
  std::string bytes = Qpdf("--encrypt u o 256 --", "encrypted.pdf");
  PdfFile file(bytes);
  EXPECT_TRUE(file.Encrypted());
  DiagnosticList diagnostics;
  EXPECT_EQ(Open("encrypted.pdf", diagnostics), nullptr);
  ASSERT_EQ(diagnostics.Count(Severity::kError), 1);
  EXPECT_NE(
      diagnostics.begin()->message.find("document \"Test document\" (encrypted.pdf) is encrypted"),
      std::string::npos);
}

TEST_F(PdfReaderTest, RecoversFromWrongXrefOffsets) {
  std::string bytes = ClassicPdf();
  // Shift every object by inserting a comment line after the header: the xref is now wrong.
  bytes.insert(bytes.find('\n', 10) + 1, "% inserted by a careless tool\n");
  std::ofstream(dir_ / "shifted.pdf", std::ios::binary) << bytes;
  PdfFile file(bytes);
  EXPECT_TRUE(file.Recovered());
  DiagnosticList diagnostics;
  auto pdf = Open("shifted.pdf", diagnostics);
  ASSERT_NE(pdf, nullptr);
  EXPECT_EQ(pdf->PageCount(), 2);
}

TEST_F(PdfReaderTest, TruncatedFileIsDamaged) {
  std::string bytes = ClassicPdf();
  std::ofstream(dir_ / "truncated.pdf", std::ios::binary) << bytes.substr(0, 120) << "garbage";
  DiagnosticList diagnostics;
  EXPECT_EQ(Open("truncated.pdf", diagnostics), nullptr);
  ASSERT_EQ(diagnostics.Count(Severity::kError), 1);
  EXPECT_NE(diagnostics.begin()->message.find("(truncated.pdf) is damaged and cannot be read"),
            std::string::npos)
      << diagnostics.begin()->message;
}

TEST_F(PdfReaderTest, NonPdfIsRefused) {
  std::ofstream(dir_ / "text.pdf") << "just some text\n";
  DiagnosticList diagnostics;
  EXPECT_EQ(Open("text.pdf", diagnostics), nullptr);
  EXPECT_NE(diagnostics.begin()->message.find("is not a PDF file"), std::string::npos);
}

}  // namespace
}  // namespace ehcp
