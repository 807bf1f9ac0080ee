// Unit tests of the typed dictionary and array builders (dict_writer.h): the fewest
// delimiters, nesting, stream entries, values put as they are, and a file written with
// WriteDict read back by the reader.

#include "pdfio/dict_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "pdfio/object_writer.h"
#include "pdfio/reader.h"

namespace ehcp::pdfio {
namespace {

TEST(DictWriter, SeparatesOnlyTokensThatWouldRunTogether) {
  std::string out;
  {
    DictWriter d(out);
    d.Name("Type", "Page").Ref("Parent", 2);
    d.Array("MediaBox").Int(0).Int(0).Number(595.276).Number(841.89);
    d.Int("StructParents", 7).Bool("Marked", true).Text("Title", "A plan").Bytes("D", "x(y)");
  }
  EXPECT_EQ(out,
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595.28 841.89]/StructParents 7"
            "/Marked true/Title(A plan)/D(x\\(y\\))>>");
}

TEST(DictWriter, NestsDictionariesAndArrays) {
  std::string out;
  {
    DictWriter d(out);
    {
      DictWriter resources = d.Dict("Resources");
      resources.Array("ProcSet").Name("PDF").Name("Text");
      resources.Dict("Font").Ref("F1", 5).Ref("F2", 6);
    }
    ArrayWriter widths = d.Array("W");
    widths.Int(3);
    widths.Array().Number(500).Number(250.5);
    widths.Int(10);
    widths.Array().Number(1000);
  }
  EXPECT_EQ(
      out,
      "<</Resources<</ProcSet[/PDF/Text]/Font<</F1 5 0 R/F2 6 0 R>>>>/W[3[500 250.5]10[1000]]>>");
}

TEST(ArrayWriter, SetsDictionariesApartAndKeepsLines) {
  std::string out;
  {
    ArrayWriter kids(out);
    kids.Dict().Name("Type", "MCR").Int("MCID", 0);
    kids.Ref(4).Int(2);
    kids.Dict().Name("Type", "OBJR").Ref("Obj", 9);
    kids.Ref(5);
  }
  EXPECT_EQ(out, "[<</Type/MCR/MCID 0>> 4 0 R 2 <</Type/OBJR/Obj 9 0 R>> 5 0 R]");

  out.clear();
  {
    ArrayWriter nums(out);
    nums.Int(0).Array().Ref(7).Ref(8);
    nums.NewLine().Int(1).Array();
    nums.NewLine().Int(2).Ref(9).NewLine();
  }
  EXPECT_EQ(out, "[0[7 0 R 8 0 R]\n1[]\n2 9 0 R\n]");
}

TEST(DictWriter, EscapesNamesAndWritesStreamEntriesWithoutBrackets) {
  std::string out;
  DictWriter::Entries(out).Name("Type", "Metadata").Int("Length1", 12);
  EXPECT_EQ(out, "/Type/Metadata/Length1 12");
  out.clear();
  DictWriter(out).Ref("A B", 3).Name("S", "Sect#1");
  EXPECT_EQ(out, "<</A#20B 3 0 R/S/Sect#231>>");
}

TEST(DictWriter, PutsValuesAsTheMatchingCallsWrite) {
  Value info = Value::Dict();
  info.Set("Title", Value::Text("Plan"));
  info.Set("Count", Value::Int(3));
  info.Set("Width", Value::Real(12.5));
  Value kids = Value::Array();
  kids.array = {Value::Ref(4), Value::Name("XYZ"), Value::Null(), Value::Dict()};
  info.Set("K", std::move(kids));
  std::string put;
  DictWriter(put).Put("Info", info);
  std::string called;
  {
    DictWriter d(called);
    DictWriter nested = d.Dict("Info");
    nested.Text("Title", "Plan").Int("Count", 3).Number("Width", 12.5);
    ArrayWriter k = nested.Array("K");
    k.Ref(4).Name("XYZ");
    k.Put(Value::Null());
    k.Dict();
  }
  EXPECT_EQ(put, called);
  EXPECT_EQ(put, "<</Info<</Title(Plan)/Count 3/Width 12.5/K[4 0 R/XYZ null <<>>]>>>>");
}

TEST(ObjectWriter, WriteDictGoesStraightIntoTheFileAndReadsBack) {
  ObjectWriter writer;
  int catalog = writer.Allocate();
  int pages = writer.Allocate();
  int info = writer.Allocate();
  writer.WriteDict(pages, [](DictWriter& d) {
    d.Name("Type", "Pages").Array("Kids");
    d.Int("Count", 0);
  });
  writer.WriteDict(info, [](DictWriter& d) { d.Text("Title", "Caf\xC3\xA9"); });
  writer.WriteDict(catalog, [&](DictWriter& d) {
    d.Name("Type", "Catalog").Ref("Pages", pages);
    d.Dict("MarkInfo").Bool("Marked", true);
  });
  std::string file = writer.Finish(catalog, info);
  EXPECT_NE(file.find("2 0 obj\n<</Type/Pages/Kids[]/Count 0>>\nendobj"), std::string::npos);

  PdfFile pdf(file);
  const Value* root = pdf.Resolve(pdf.Trailer().Get("Root"));
  ASSERT_NE(root, nullptr);
  EXPECT_TRUE(root->Get("Type")->IsName("Catalog"));
  EXPECT_TRUE(root->Get("MarkInfo")->Get("Marked")->boolean);
  const Value* tree = pdf.Resolve(root->Get("Pages"));
  ASSERT_NE(tree, nullptr);
  EXPECT_EQ(tree->Get("Count")->integer, 0);
  const Value* about = pdf.Resolve(pdf.Trailer().Get("Info"));
  ASSERT_NE(about, nullptr);
  EXPECT_EQ(about->Get("Title")->text, "<FEFF00430061006600E9>");
}

TEST(FileId, SameBytesSameIdAndAnyChangeAnother) {
  std::string body(1000, 'a');
  EXPECT_EQ(FileId(body).size(), 16u);
  EXPECT_EQ(FileId(body), FileId(std::string(1000, 'a')));
  std::string changed = body;
  changed[500] = 'b';
  EXPECT_NE(FileId(body), FileId(changed));
  EXPECT_NE(FileId(body), FileId(body + "a"));  // the tail shorter than a word counts
  EXPECT_NE(FileId(""), FileId(std::string(1, '\0')));
}

TEST(FileId, IsTheTrailersId) {
  ObjectWriter writer;
  int catalog = writer.Allocate();
  writer.WriteObject(catalog, "<</Type/Catalog>>");
  std::string body = writer.Bytes();
  std::string file = writer.Finish(catalog, catalog);
  std::string hex;
  AppendHexString(hex, FileId(body));
  EXPECT_NE(file.find("/ID[" + hex + hex + "]"), std::string::npos) << file;
}

}  // namespace
}  // namespace ehcp::pdfio
