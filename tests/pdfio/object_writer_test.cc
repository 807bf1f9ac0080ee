// Unit tests of the one PDF object serialiser (object_writer.h) and of the writers built on
// it: the plan writer's ObjectWriter (xref offsets, strings, names, numbers), the value
// type's factories and WriteValue, and the bundle's OutputPdf and Copier, read back with
// the reader.

#include "pdfio/object_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "pdfio/copier.h"
#include "pdfio/reader.h"

namespace ehcp::pdfio {
namespace {

TEST(ObjectWriter, XrefOffsetsPointAtTheirObjects) {
  ObjectWriter writer;
  int catalog = writer.Allocate();
  int pages = writer.Allocate();
  int info = writer.Allocate();
  writer.WriteObject(pages, "<</Type/Pages/Kids[]/Count 0>>");
  writer.WriteStream(info, "/Type/Metadata", "abc");  // any object will do for the test
  writer.WriteObject(catalog, "<</Type/Catalog/Pages 2 0 R>>");
  std::string file = writer.Finish(catalog, info);

  ASSERT_EQ(file.rfind("%PDF-1.7\n", 0), 0u);
  size_t startxref = file.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  size_t xref = std::stoul(file.substr(startxref + 10));
  ASSERT_EQ(file.compare(xref, 7, "xref\n0 "), 0);
  std::istringstream table(file.substr(xref + 5));
  int first = -1, count = 0;
  table >> first >> count;
  EXPECT_EQ(first, 0);
  EXPECT_EQ(count, 4);
  size_t entries = file.find('\n', xref + 5) + 1;
  for (int n = 1; n < count; ++n) {
    std::string entry = file.substr(entries + 20 * n, 20);
    ASSERT_EQ(entry.substr(10), " 00000 n \n") << entry;
    size_t offset = std::stoul(entry.substr(0, 10));
    EXPECT_EQ(file.compare(offset, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj"), 0)
        << n;
  }
  EXPECT_NE(file.find("/Root 1 0 R/Info 3 0 R/ID[<"), std::string::npos);
  EXPECT_NE(file.find("/Length 3>>\nstream\nabc\nendstream"), std::string::npos);
}

// A page's operators are deflated (zlib's inflate, as every reader has, reads them back);
// a few bytes that would not shrink are stored as they are, without a filter.
TEST(ObjectWriter, FlateStreamsAreDeflatedWhenThatMakesThemSmaller) {
  std::string page;
  for (int line = 0; line < 200; ++line)
    page += "BT /F1 10.5 Tf 72 " + std::to_string(700 - 3 * line) + " Td (Line) Tj ET\n";
  ObjectWriter writer;
  int catalog = writer.Allocate();
  int long_stream = writer.Allocate();
  int short_stream = writer.Allocate();
  writer.WriteFlateStream(long_stream, "/Type/Test", page);
  writer.WriteFlateStream(short_stream, "/Type/Test", "q Q");
  writer.WriteObject(catalog, "<</Type/Catalog>>");
  std::string file = writer.Finish(catalog, catalog);

  PdfFile read(file);
  const Object* deflated = read.Get(long_stream);
  ASSERT_NE(deflated, nullptr);
  ASSERT_NE(deflated->value.Get("Filter"), nullptr);
  EXPECT_EQ(deflated->value.Get("Filter")->text, "FlateDecode");
  EXPECT_LT(deflated->stream.size(), page.size() / 4);
  EXPECT_EQ(read.Decode(*deflated).value_or(""), page);
  const Object* stored = read.Get(short_stream);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->value.Get("Filter"), nullptr);
  EXPECT_EQ(stored->stream, "q Q");
  EXPECT_NE(file.find("/Type/Test/Length 3>>\nstream\nq Q\nendstream"), std::string::npos);
}

// What EncodeStream returns, written with WriteEncodedStream, is what WriteFlateStream
// writes (a font subset kept from one render to the next relies on it), and the same data
// compresses to the same bytes every time.
TEST(ObjectWriter, EncodedStreamsWriteAsFlateStreamsDo) {
  std::string data;
  for (int i = 0; i < 500; ++i) data += static_cast<char>((i * 7) % 13 + 'a');
  ObjectWriter direct, kept;
  int first = direct.Allocate();
  kept.Allocate();
  direct.WriteFlateStream(first, "/Length1 500", data);
  EncodedStream encoded = kept.EncodeStream(data);
  EXPECT_TRUE(encoded.deflated);
  kept.WriteEncodedStream(first, "/Length1 500", encoded);
  EXPECT_EQ(direct.Bytes(), kept.Bytes());
  EXPECT_EQ(Deflate(data), encoded.bytes);
}

TEST(ObjectWriter, AnObjectLeftUnwrittenIsAnError) {
  ObjectWriter writer;
  int catalog = writer.Allocate();
  writer.Allocate();
  writer.WriteObject(catalog, "<<>>");
  EXPECT_THROW(writer.Finish(catalog, catalog), std::logic_error);
}

TEST(PdfSyntax, StringsNamesAndNumbers) {
  std::string out;
  AppendTextString(out, "Plan (v2) \\ final");
  EXPECT_EQ(out, "(Plan \\(v2\\) \\\\ final)");
  out.clear();
  AppendTextString(out, "Zoë \U0001F600");
  EXPECT_EQ(out, "<FEFF005A006F00EB0020D83DDE00>");
  out.clear();
  AppendName(out, "A B#(c)");
  EXPECT_EQ(out, "/A#20B#23#28c#29");
  out.clear();
  AppendNumber(out, -3.256);
  out += ' ';
  AppendNumber(out, 12);
  EXPECT_EQ(out, "-3.26 12");
}

// AppendNumber rounds as std::llround does (half-way cases away from zero) and writes no
// trailing zeros, for the coordinates, sizes and colours a plan writes and their halves.
TEST(PdfSyntax, NumbersRoundAsLlroundDoes) {
  auto reference = [](double value) {
    long long hundredths = std::llround(value * 100.0);
    std::string text = hundredths < 0 ? "-" : "";
    unsigned long long magnitude = hundredths < 0 ? -hundredths : hundredths;
    text += std::to_string(magnitude / 100);
    if (magnitude % 100 != 0) {
      text += '.';
      text += static_cast<char>('0' + magnitude % 100 / 10);
      if (magnitude % 10 != 0) text += static_cast<char>('0' + magnitude % 10);
    }
    return text;
  };
  for (int i = -200000; i <= 200000; i += 7) {
    for (double value : {i / 1000.0, i / 200.0 + 0.005, i * 0.0123, i * 3.7}) {
      std::string out;
      AppendNumber(out, value);
      ASSERT_EQ(out, reference(value)) << value;
    }
  }
  std::string out;
  AppendNumber(out, -0.004);
  EXPECT_EQ(out, "0");
}

TEST(PdfValue, TextStringsAreLiteralsOrUtf16) {
  EXPECT_EQ(Value::Text("Index").text, "(Index)");
  EXPECT_EQ(Value::Text("a (b) \\").text, "(a \\(b\\) \\\\)");
  EXPECT_EQ(Value::Text("caf\xC3\xA9").text, "<FEFF00630061006600E9>");
  EXPECT_EQ(Value::Text("\xF0\x9F\x98\x80").text, "<FEFFD83DDE00>");
  EXPECT_EQ(Value::Real(12.5).text, "12.5");
  EXPECT_EQ(Value::Real(-0.0).text, "0");
}

TEST(PdfValue, FactoriesWriteWhatTheHelpersWrite) {
  // One way to write a string or a number, whether a writer builds text or values.
  for (const char* text :
       {"Index", "Tab\there", "line\nend", "Zo\xC3\xAB \xF0\x9F\x98\x80", "(a) \\"}) {
    std::string expected;
    AppendTextString(expected, text);
    EXPECT_EQ(Value::Text(text).text, expected) << text;
    expected.clear();
    AppendLiteralString(expected, text);
    EXPECT_EQ(Value::Bytes(text).text, expected) << text;
  }
  EXPECT_EQ(Value::Text("Tab\there").text, "(Tab\\011here)");
  for (double number : {0.0, -3.256, 12.0, 595.276, 1e-9}) {
    std::string expected;
    AppendNumber(expected, number);
    EXPECT_EQ(Value::Real(number).text, expected) << number;
  }
}

TEST(WriteValue, DictionariesArraysReferencesAndNames) {
  Value dict = Value::Dict();
  dict.Set("Type", Value::Name("Page"));
  Value kids = Value::Array();
  kids.array = {Value::Ref(4), Value::Ref(12, 1), Value::Null(), Value::Bool(true)};
  dict.Set("Kids", std::move(kids));
  dict.Set("Count", Value::Int(-2));
  dict.Set("T", Value::Text("A (b)"));
  std::string out;
  WriteValue(dict, out);
  EXPECT_EQ(out, "<</Type /Page/Kids [4 0 R 12 1 R null true]/Count -2/T (A \\(b\\))>>");
  out.clear();
  AppendRef(out, 7);
  EXPECT_EQ(out, "7 0 R");
}

// The bundle's object table written through the same file writer as a plan: one header,
// one xref table, one trailer syntax, and every offset right.
TEST(OutputPdf, WritesThroughTheObjectWriter) {
  OutputPdf out;
  int64_t catalog = out.Add(Value::Dict());
  int64_t pages = out.Add(Value::Dict());
  int64_t content = out.AddStream(Value::Dict(), "q Q");
  int64_t info = out.Add(Value::Dict());
  out.Owned(catalog).value.Set("Type", Value::Name("Catalog"));
  out.Owned(catalog).value.Set("Pages", Value::Ref(pages));
  Value& p = out.Owned(pages).value;
  p.Set("Type", Value::Name("Pages"));
  p.Set("Count", Value::Int(0));
  p.Set("Kids", Value::Array());
  p.Set("Extra", Value::Ref(content));
  out.Owned(info).value.Set("Title", Value::Text("Bundle"));
  std::string file = out.Write(catalog, info, 0);

  EXPECT_EQ(file.rfind("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 0), 0u);
  EXPECT_NE(file.find("3 0 obj\n<</Length 3>>\nstream\nq Q\nendstream\nendobj\n"),
            std::string::npos);
  EXPECT_NE(file.find("/Root 1 0 R/Info 4 0 R/ID[<"), std::string::npos);
  PdfFile read(file);
  EXPECT_FALSE(read.Recovered());  // the xref table was usable
  const Value* root = read.Resolve(read.Trailer().Get("Root"));
  ASSERT_NE(root, nullptr);
  EXPECT_TRUE(root->Get("Type")->IsName("Catalog"));
  const Value* title = read.Resolve(read.Resolve(read.Trailer().Get("Info"))->Get("Title"));
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->text, "(Bundle)");
  const Object* stream = read.Get(content);
  ASSERT_NE(stream, nullptr);
  EXPECT_EQ(stream->stream, "q Q");
}

// A plan written by ObjectWriter, copied object by object into another file by the
// copier (references renumbered, stream data raw), reads back the same.
TEST(Copier, CopiesAPlanWriterFileIntoAnother) {
  ObjectWriter writer;
  int catalog = writer.Allocate();
  int pages = writer.Allocate();
  int page = writer.Allocate();
  int content = writer.Allocate();
  int info = writer.Allocate();
  std::string body = "<</Type/Catalog/Pages ";
  AppendRef(body, pages);
  body += ">>";
  writer.WriteObject(catalog, body);
  body = "<</Type/Pages/Count 1/Kids[";
  AppendRef(body, page);
  body += "]>>";
  writer.WriteObject(pages, body);
  body = "<</Type/Page/Parent ";
  AppendRef(body, pages);
  body += "/MediaBox[0 0 595.28 841.89]/Contents ";
  AppendRef(body, content);
  body += ">>";
  writer.WriteObject(page, body);
  writer.WriteFlateStream(content, "", "BT /F1 12 Tf (Hello) Tj ET");
  body = "<</Title";
  AppendTextString(body, "Plan");
  body += ">>";
  writer.WriteObject(info, body);
  const std::string plan = writer.Finish(catalog, info);

  PdfFile source(plan);
  OutputPdf out;
  int64_t first = out.Add(Value::Dict());  // the copies are numbered after it
  Copier copier(source, out, 0, "the plan");
  const Value* source_root = source.Resolve(source.Trailer().Get("Root"));
  ASSERT_NE(source_root, nullptr);
  Value copied_pages = copier.MapReference(*source_root->Get("Pages"));
  ASSERT_TRUE(copied_pages.IsRef());
  out.Owned(first).value.Set("Type", Value::Name("Catalog"));
  out.Owned(first).value.Set("Pages", copied_pages);
  int64_t new_info = out.Add(Value::Dict());
  std::string file = out.Write(first, new_info, plan.size());

  PdfFile read(file);
  const Value* root = read.Resolve(read.Trailer().Get("Root"));
  ASSERT_NE(root, nullptr);
  const Value* tree = read.Resolve(root->Get("Pages"));
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(tree->Get("Count")->integer, 1);
  const Value* kid = read.Resolve(&tree->Get("Kids")->array.at(0));
  ASSERT_NE(kid, nullptr);
  const Value* contents = kid->Get("Contents");
  ASSERT_TRUE(contents != nullptr && contents->IsRef());
  const Object* stream = read.Get(contents->integer);
  ASSERT_NE(stream, nullptr);
  EXPECT_EQ(read.Decode(*stream).value_or(""), "BT /F1 12 Tf (Hello) Tj ET");
  EXPECT_EQ(read.Resolve(kid->Get("Parent")), tree);  // the back reference renumbered too
}

}  // namespace
}  // namespace ehcp::pdfio
