#include "loader/xml_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "loader/loader_test_support.h"

namespace ehcp {
namespace {

using testing::MinimalPlan;
using testing::MinimalPlanWith;
using testing::Schemas;

const Diagnostic* FirstWithCode(const DiagnosticList& list, const std::string& code) {
  for (const auto& d : list) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

TEST(XmlTreeTest, ValidPlanParsesWithLocations) {
  ParsedXml parsed = ParseXmlMemory(MinimalPlan(), "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root) << (parsed.diagnostics.Empty()
                                   ? ""
                                   : FormatDiagnostic(parsed.diagnostics.Items()[0]));
  EXPECT_TRUE(parsed.diagnostics.Empty());
  EXPECT_EQ(parsed.root->name, "plan");
  EXPECT_EQ(parsed.root->ns, kEhcpNamespace);
  EXPECT_EQ(parsed.root->location.line, 3);
  EXPECT_EQ(parsed.root->location.column, 1);
  const XmlElement* meta = parsed.root->Child("meta");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->location.line, 4);
  EXPECT_EQ(meta->location.column, 3);
  EXPECT_EQ(parsed.root->AttributeOr("xml:lang"), "en-GB");
}

TEST(XmlTreeTest, MalformedXmlReportsLineAndColumn) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<plan xmlns=\"urn:ehcp:schema:1\">\n  <meta>\n</plan>\n";
  ParsedXml parsed = ParseXmlMemory(xml, "broken.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  const Diagnostic& d = parsed.diagnostics.Items()[0];
  EXPECT_EQ(d.code, "xml.malformed");
  EXPECT_EQ(d.location.FileName(), "broken.xml");
  EXPECT_EQ(d.location.line, 4);
  EXPECT_GT(d.location.column, 0);
  EXPECT_NE(d.message.find("mismatch"), std::string::npos) << d.message;
}

// Lint parses a plan while it parses the rule files, and caseloads parse on every core;
// libxml2's process-wide error handler once sent one file's errors to another's report.
TEST(XmlTreeTest, ParsersOnSeveralThreadsReportUnderTheirOwnNames) {
  constexpr int kThreads = 4;
  std::vector<std::string> wrong(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &wrong] {
      const std::string name = "broken-" + std::to_string(t) + ".xml";
      for (int i = 0; i < 200 && wrong[t].empty(); ++i) {
        ParsedXml parsed = ParseXmlMemory("<plan>\n  <child>\n</plan>\n", name, Schemas());
        if (parsed.diagnostics.Empty()) wrong[t] = "no diagnostic";
        for (const auto& d : parsed.diagnostics)
          if (d.location.FileName() != name)
            wrong[t] = d.location.FileName() + " instead of " + name;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], "") << "thread " << t;
}

TEST(XmlTreeTest, SchemaErrorsCarryLineColumnAndPath) {
  std::string xml = MinimalPlanWith("per=\"week\"", "per=\"sometimes\"");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  const Diagnostic* d = FirstWithCode(parsed.diagnostics, "schema.invalid");
  ASSERT_NE(d, nullptr);
  EXPECT_GT(d->location.line, 40);
  EXPECT_EQ(d->location.column, 7);  // the '<' of <frequency>
  EXPECT_EQ(d->element_path, "/plan/sectionF/provision/frequency");
  EXPECT_NE(d->message.find("sometimes"), std::string::npos);
  EXPECT_EQ(d->message.find("urn:ehcp"), std::string::npos)
      << "namespace noise left in: " << d->message;
}

TEST(XmlTreeTest, ReportsEverySchemaErrorNotOnlyTheFirst) {
  std::string xml = MinimalPlanWith("per=\"week\"", "per=\"sometimes\"");
  auto at = xml.find("minutes=\"30\"");
  xml.replace(at, 12, "minutes=\"-4\"");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  EXPECT_GE(parsed.diagnostics.Count(Severity::kError), 2);
}

TEST(XmlTreeTest, DanglingReferenceIsASchemaError) {
  std::string xml = MinimalPlanWith("<towards ref=\"E1\"/>", "<towards ref=\"E9\"/>");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  const Diagnostic* d = FirstWithCode(parsed.diagnostics, "schema.invalid");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("E9"), std::string::npos) << d->message;
  EXPECT_GT(d->location.column, 0);
}

TEST(XmlTreeTest, DoctypeIsRefusedBeforeAnyEntityIsRead) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE plan [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n"
      "<plan xmlns=\"urn:ehcp:schema:1\">&xxe;</plan>\n";
  ParsedXml parsed = ParseXmlMemory(xml, "xxe.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_EQ(parsed.diagnostics.Size(), 1u);
  const Diagnostic& d = parsed.diagnostics.Items()[0];
  EXPECT_EQ(d.code, "xml.doctype");
  EXPECT_EQ(d.location.line, 2);
  EXPECT_EQ(d.location.column, 1);
}

TEST(XmlTreeTest, EntityBombIsRefused) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    xml += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j)
      xml += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    xml += "\">\n";
  }
  xml += "]>\n<plan xmlns=\"urn:ehcp:schema:1\">&lol9;</plan>\n";
  ParsedXml parsed = ParseXmlMemory(xml, "bomb.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.doctype");
}

TEST(XmlTreeTest, UndeclaredEntityIsMalformed) {
  std::string xml = MinimalPlanWith("I like drawing.", "I like &xxe;");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  EXPECT_TRUE(parsed.diagnostics.HasErrors());
}

TEST(XmlTreeTest, InvalidUtf8IsReportedWithItsPosition) {
  std::string xml = MinimalPlanWith("Alex</given>", "Al\xC3\x28x</given>");
  ParsedXml parsed = ParseXmlMemory(xml, "utf8.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  const Diagnostic& d = parsed.diagnostics.Items()[0];
  EXPECT_EQ(d.location.line, 11);
  EXPECT_NE(d.message.find("UTF-8"), std::string::npos) << d.message;
}

// The UTF-16 a Windows editor saves: a byte order mark, then 16-bit units (ASCII and
// two-byte characters are enough here; the converter also pairs surrogates).
std::string Utf16(const std::string& utf8, bool little_endian) {
  std::string out = little_endian ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0xC0 && c < 0xE0 && i + 1 < utf8.size())
      c = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
    char hi = static_cast<char>(c >> 8), lo = static_cast<char>(c & 0xFF);
    out += little_endian ? lo : hi;
    out += little_endian ? hi : lo;
  }
  return out;
}

TEST(XmlTreeTest, Utf16WithAByteOrderMarkIsReadAsTheSameText) {
  std::string utf8 = MinimalPlanWith("Alex</given>", "Zo\xC3\xAB</given>");
  utf8.replace(utf8.find("UTF-8"), 5, "UTF-16");  // as the editor declares it
  for (bool little : {true, false}) {
    std::string xml = Utf16(utf8, little);
    ParsedXml parsed = ParseXmlMemory(xml, "utf16.xml", Schemas());
    ASSERT_TRUE(parsed.root) << (parsed.diagnostics.Empty()
                                     ? ""
                                     : FormatDiagnostic(parsed.diagnostics.Items()[0]));
    EXPECT_EQ(parsed.root->location.line, 3);
    EXPECT_NE(parsed.root->Child("child"), nullptr);
  }
}

TEST(XmlTreeTest, Utf16ErrorsKeepTheirLine) {
  std::string xml = Utf16(
      "<?xml version=\"1.0\"?>\n<plan xmlns=\"urn:ehcp:schema:1\">\n  <meta>\n</plan>\n", true);
  ParsedXml parsed = ParseXmlMemory(xml, "broken16.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.malformed");
  EXPECT_EQ(parsed.diagnostics.Items()[0].location.line, 4);
}

TEST(XmlTreeTest, AnUnpairedSurrogateIsAnEncodingError) {
  std::string xml = Utf16("<?xml version=\"1.0\"?>\n<plan/>", true) + std::string("\x00\xD8", 2);
  ParsedXml parsed = ParseXmlMemory(xml, "surrogate.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.encoding");
  EXPECT_EQ(parsed.diagnostics.Items()[0].location.line, 2);
}

TEST(XmlTreeTest, OversizedInputIsRefusedUnread) {
  XmlLimits limits;
  limits.max_file_bytes = 1000;
  ParsedXml parsed = ParseXmlMemory(MinimalPlan(), "big.xml", Schemas(), limits);
  EXPECT_FALSE(parsed.root);
  ASSERT_EQ(parsed.diagnostics.Size(), 1u);
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.limit");
}

TEST(XmlTreeTest, DeepNestingIsRefused) {
  std::string xml = "<plan xmlns=\"urn:ehcp:schema:1\">";
  for (int i = 0; i < 100; ++i) xml += "<x>";
  for (int i = 0; i < 100; ++i) xml += "</x>";
  xml += "</plan>";
  ParsedXml parsed = ParseXmlMemory(xml, "deep.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.limit");
}

TEST(XmlTreeTest, UnknownRootIsNamed) {
  ParsedXml parsed = ParseXmlMemory("<invoice xmlns=\"urn:other\"/>", "other.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_TRUE(parsed.diagnostics.HasErrors());
  EXPECT_EQ(parsed.diagnostics.Items()[0].code, "xml.unknown-root");
  EXPECT_NE(parsed.diagnostics.Items()[0].message.find("invoice"), std::string::npos);
}

TEST(XmlTreeTest, SchemaLocationHintsAreNeverFollowed) {
  std::string xml =
      MinimalPlanWith("xml:lang=\"en-GB\">",
                      "xml:lang=\"en-GB\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                      "xsi:schemaLocation=\"urn:ehcp:schema:1 http://example.invalid/evil.xsd\">");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  // The registered schema decides; the hint neither loads nor breaks validation.
  EXPECT_TRUE(parsed.root) << FormatDiagnostic(parsed.diagnostics.Items()[0]);
}

TEST(XmlTreeTest, TextIsNormalisedToNfcAndSpaceCollapsed) {
  std::string xml = MinimalPlanWith("I like drawing.", "I like  Zoe\xCC\x88's\n   drawings.");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root);
  const XmlElement& p =
      parsed.root->Child("sectionA")->Children("entry")[0]->Child("text")->children[0];
  EXPECT_EQ(p.text, "I like Zo\xC3\xAB's drawings.");
}

// Line and column (1-based) of the first occurrence of `what` in `xml`.
std::pair<int, int> PositionOf(const std::string& xml, const std::string& what) {
  size_t at = xml.find(what);
  size_t line_start = xml.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  int line =
      1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(at), '\n'));
  return {line, static_cast<int>(at - line_start) + 1};
}

TEST(XmlTreeTest, TextSplitByACommentOrCdataIsCollapsedAsOne) {
  std::string xml = MinimalPlanWith(
      "I like drawing.", "  I like <!-- a note -->\n  drawing<![CDATA[ and ]]>  painting.  ");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root);
  const XmlElement& p =
      parsed.root->Child("sectionA")->Children("entry")[0]->Child("text")->children[0];
  EXPECT_EQ(p.text, "I like drawing and painting.");
  auto [line, column] = PositionOf(xml, "I like <!--");
  EXPECT_EQ(p.text_location.line, line);
  EXPECT_EQ(p.text_location.column, column);
  // An element holding only white space between its children has no text.
  EXPECT_EQ(parsed.root->Child("sectionA")->text, "");
}

TEST(XmlTreeTest, TheTextLimitCountsWhiteSpaceToo) {
  XmlLimits limits;
  limits.max_text_bytes = 250;  // above every other text in the plan
  std::string xml = MinimalPlanWith("I like drawing.", "I" + std::string(300, ' ') + "like");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas(), limits);
  EXPECT_FALSE(parsed.root);
  const Diagnostic* limit = FirstWithCode(parsed.diagnostics, "xml.limit");
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ(limit->message, "text of <p> is 305 bytes; the limit is 250");
}

TEST(XmlTreeTest, AttributeValuesAreCollapsedAndNormalised) {
  std::string xml =
      MinimalPlanWith("<parentCarer>", "<parentCarer note=\"  Zoe\xCC\x88 \n  Example \">");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
  ASSERT_TRUE(parsed.root);
  const XmlElement* carer = nullptr;
  std::vector<const XmlElement*> pending{&*parsed.root};
  while (!pending.empty() && carer == nullptr) {
    const XmlElement* e = pending.back();
    pending.pop_back();
    if (e->name == "parentCarer") carer = e;
    for (const auto& child : e->children) pending.push_back(&child);
  }
  ASSERT_NE(carer, nullptr);
  EXPECT_EQ(carer->AttributeOr("note"), "Zo\xC3\xAB Example");
}

TEST(XmlTreeTest, AQuotedGreaterThanDoesNotEndAStartTag) {
  // Locations come from our own scan of the start tags; a '>' or the other quote inside an
  // attribute value must not throw it out.
  std::string xml = MinimalPlanWith("<entry id=\"A1\"", "<entry note='a > \"b\"' id=\"A1\"");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
  ASSERT_TRUE(parsed.root);
  const XmlElement* entry = parsed.root->Child("sectionA")->Children("entry")[0];
  auto [entry_line, entry_column] = PositionOf(xml, "<entry note=");
  EXPECT_EQ(entry->location.line, entry_line);
  EXPECT_EQ(entry->location.column, entry_column);
  const XmlElement* text = entry->Child("text");
  ASSERT_NE(text, nullptr);
  auto [line, column] = PositionOf(xml, "<text><p>I like");
  EXPECT_EQ(text->location.line, line);
  EXPECT_EQ(text->location.column, column);
}

// Every field of two trees, locations included; the first difference as a message.
std::string FirstDifference(const XmlElement& a, const XmlElement& b, const std::string& path) {
  auto where = [](const SourceLocation& l) {
    return std::to_string(l.line) + ":" + std::to_string(l.column);
  };
  const std::string here = path + "/" + a.name;
  if (a.name != b.name || a.ns != b.ns) return here + ": name " + b.name;
  if (where(a.location) != where(b.location)) return here + ": location " + where(b.location);
  if (where(a.text_location) != where(b.text_location)) return here + ": text location";
  if (a.text != b.text) return here + ": text '" + a.text + "' against '" + b.text + "'";
  if (a.attributes.size() != b.attributes.size()) return here + ": attribute count";
  for (size_t i = 0; i < a.attributes.size(); ++i) {
    if (a.attributes[i].name != b.attributes[i].name ||
        a.attributes[i].value != b.attributes[i].value)
      return here + ": attribute " + a.attributes[i].name;
  }
  if (a.children.size() != b.children.size()) return here + ": child count";
  for (size_t i = 0; i < a.children.size(); ++i) {
    std::string difference = FirstDifference(a.children[i], b.children[i], here);
    if (!difference.empty()) return difference;
  }
  return "";
}

// A valid document is read from libxml2's SAX events (the tree is built as the schema
// validates the stream); anything with a problem is read again through libxml2's tree.
// An attribute the schema does not allow on the root sends a tolerant read down the tree
// path without moving any other element, so the two trees must agree in every field.
TEST(XmlTreeTest, TheStreamedTreeIsTheTreePathsTree) {
  const std::vector<std::string> plans = {
      EHCP_SOURCE_DIR "/samples/ks3-autism-anxiety/plan.xml",
      EHCP_SOURCE_DIR "/samples/early-years-hearing/plan.xml",
      EHCP_SOURCE_DIR "/samples/year10-pfa/plan.xml",
      EHCP_SOURCE_DIR "/samples/weak-plan/plan.xml",
      EHCP_TEST_DATA "/minimal-plan.xml",
  };
  for (const std::string& path : plans) {
    SCOPED_TRACE(path);
    std::string xml = testing::ReadFile(path);
    ParsedXml streamed = ParseXmlMemory(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
    ASSERT_TRUE(streamed.root);
    ASSERT_TRUE(streamed.schema_violations.Empty());
    const size_t root_end = xml.find('>', xml.find("<plan"));
    ASSERT_NE(root_end, std::string::npos);
    xml.insert(root_end, " unexpected=\"1\"");
    ParsedXml tree = ParseXmlMemory(xml, "plan.xml", Schemas(), {}, SchemaCheck::kTolerant);
    ASSERT_TRUE(tree.root);
    ASSERT_FALSE(tree.schema_violations.Empty());
    ASSERT_EQ(tree.root->attributes.back().name, "unexpected");
    tree.root->attributes.pop_back();
    EXPECT_EQ(FirstDifference(*streamed.root, *tree.root, ""), "");
    EXPECT_EQ(streamed.root_name, tree.root_name);
  }
}

TEST(XmlTreeTest, ReferencesInAttributesAndTextAreDecodedOnce) {
  // libxml2 passes an attribute's '&' on as "&#38;" when it does not substitute entities.
  std::string xml = MinimalPlanWith("I like drawing.", "I like &amp; &#38;#38; &lt;drawing&gt;.");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root);
  EXPECT_EQ(parsed.root->Child("sectionA")->Children("entry")[0]->Child("text")->children[0].text,
            "I like & &#38; <drawing>.");

  xml = MinimalPlanWith("name=\"Exampleshire County Council\"",
                        "name=\"Tom &amp; Jerry &#38; &#x26;#38; &lt;b&gt; &#233;\"");
  parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root);
  EXPECT_EQ(parsed.root->Child("meta")->Child("localAuthority")->AttributeOr("name"),
            "Tom & Jerry & &#38; <b> \xC3\xA9");
}

TEST(XmlTreeTest, APrologOfCommentsAndInstructionsBeforeTheRootIsRead) {
  const std::string plain = MinimalPlan();
  const size_t root = plain.find("<plan");
  ASSERT_NE(root, std::string::npos);
  const std::string xml = "\xEF\xBB\xBF" + plain.substr(0, root) +
                          "<!-- a <plan> in a comment -->\n<?ehcp note?>" + plain.substr(root);
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  ASSERT_TRUE(parsed.root);
  EXPECT_TRUE(parsed.diagnostics.Empty());
  EXPECT_EQ(parsed.root->location.line, 4);
  EXPECT_EQ(parsed.root->location.column, 14);
  EXPECT_EQ(parsed.root_name, "plan");
}

TEST(XmlTreeTest, ADoctypeAfterACommentIsStillRefused) {
  std::string xml = MinimalPlan();
  xml.insert(xml.find("<plan"), "<!-- x -->\n<!DOCTYPE plan [<!ENTITY e \"x\">]>\n");
  ParsedXml parsed = ParseXmlMemory(xml, "plan.xml", Schemas());
  EXPECT_FALSE(parsed.root);
  ASSERT_NE(FirstWithCode(parsed.diagnostics, "xml.doctype"), nullptr);
}

}  // namespace
}  // namespace ehcp
