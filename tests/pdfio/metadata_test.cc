// Unit tests of the shared document metadata (metadata.h): one XML escape, the XMP packet
// and the Info dictionary the plan and the bundle both write.

#include "pdfio/metadata.h"

#include <gtest/gtest.h>

#include <string>

#include "pdfio/dict_writer.h"

namespace ehcp::pdfio {
namespace {

TEST(XmlEscape, EscapesMarkupAndDropsControlsXmlCannotHold) {
  EXPECT_EQ(XmlEscape("O'Brien & <Sons> \"Ltd\""),
            "O&apos;Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;");
  EXPECT_EQ(XmlEscape("a\001b\037c\td\ne\rf\177"), "abc\td\ne\rf\177");
  EXPECT_EQ(XmlEscape(std::string("x\0y", 3)), "xy");
  EXPECT_EQ(XmlEscape("Caf\xC3\xA9 \xE0\xA4\x95"), "Caf\xC3\xA9 \xE0\xA4\x95");  // UTF-8 kept
}

TEST(Xmp, CarriesEveryFieldEscapedOnceAndClaimsPdfUaOnlyWhenAsked) {
  DocumentMetadata about;
  about.title = "Plan for O'Brien & <family>";
  about.author = "Anytown Council";
  about.subject = "EHC plan";
  about.lang = "cy-GB";
  about.epoch = 1767225600;
  std::string xmp = BuildXmp(about);
  EXPECT_NE(xmp.find("Plan for O&apos;Brien &amp; &lt;family&gt;"), std::string::npos);
  EXPECT_EQ(xmp.find("&amp;amp;"), std::string::npos);
  EXPECT_NE(xmp.find("<rdf:li>Anytown Council</rdf:li>"), std::string::npos);
  EXPECT_NE(xmp.find("<rdf:li>cy-GB</rdf:li>"), std::string::npos);
  EXPECT_NE(xmp.find("<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>"), std::string::npos);
  EXPECT_NE(xmp.find("<xmp:CreatorTool>ehcp</xmp:CreatorTool>"), std::string::npos);
  EXPECT_EQ(xmp.find("pdfuaid"), std::string::npos);
  EXPECT_EQ(xmp.find("pdf:Keywords"), std::string::npos);  // none given
  about.pdfua = true;
  xmp = BuildXmp(about);
  EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
  EXPECT_NE(xmp.find("xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""), std::string::npos);
}

TEST(InfoDictionary, WritesTheGivenFieldsInOneOrder) {
  DocumentMetadata about;
  about.title = "Bundle";
  about.subject = "Hearing";
  about.creator = "ehcp bundle";
  about.producer = "ehcp 0.1.0";
  about.epoch = 1767225600;
  std::string out;
  DictWriter(out).Put("Info", InfoDictionary(about));
  EXPECT_EQ(out,
            "<</Info<</Title(Bundle)/Subject(Hearing)/Creator(ehcp bundle)/Producer(ehcp 0.1.0)"
            "/CreationDate(D:20260101000000Z)/ModDate(D:20260101000000Z)>>>>");
}

}  // namespace
}  // namespace ehcp::pdfio
