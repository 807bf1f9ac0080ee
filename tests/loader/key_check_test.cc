#include "loader/key_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "loader/loader_test_support.h"
#include "loader/xml_tree.h"

namespace ehcp {
namespace {

using testing::MinimalPlan;
using testing::MinimalPlanWith;
using testing::ReadFile;
using testing::Schemas;

const std::map<std::string, std::string> kBindings = {{"e", std::string(kEhcpNamespace)},
                                                      {"", "urn:default"}};

std::string Formatted(const DiagnosticList& list) {
  std::string out;
  for (const auto& d : list) out += FormatDiagnostic(d) + "\n";
  return out;
}

// The document read the way it was before KeyCheck: libxml2's own check of the identity
// constraints, on the tree path. A character reference in the root's namespace keeps the
// streamed read from starting (its peek at the root does not decode references), and
// libxml2 reads the same namespace, so only the path differs.
ParsedXml ReadWithLibxml2Keys(std::string xml, const std::string& name,
                              const SchemaRegistry& schemas) {
  const std::string from = "xmlns=\"urn:ehcp:schema:1\"";
  auto at = xml.find(from);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) xml.replace(at, from.size(), "xmlns=\"urn:ehcp:schema&#58;1\"");
  return ParseXmlMemory(xml, name, schemas);
}

// Reads `xml` strictly both ways; expects the same diagnostics and the same verdict, and
// returns whether KeyCheck itself let the tree through.
struct BothReads {
  ParsedXml checked;  // through KeyCheck (the streamed read)
  ParsedXml libxml2;  // libxml2's check
  bool key_check_holds = false;
};

// The KeyCheck compiled from `xsd`, once per file.
const KeyCheck* CheckFor(const std::string& xsd) {
  static std::map<std::string, std::unique_ptr<KeyCheck>> checks;
  auto& check = checks[xsd];
  std::string why;
  if (!check) check = KeyCheck::Compile(xsd, why);
  return check.get();
}

const std::string kPlanXsd = EHCP_SOURCE_DIR "/schemas/ehcp-plan-1.xsd";
const std::string kKeyTestXsd = EHCP_TEST_DATA "/keys/ehcp-keytest-1.xsd";

BothReads ReadBothWays(const std::string& xml, const SchemaRegistry& schemas,
                       const std::string& xsd) {
  BothReads reads;
  reads.checked = ParseXmlMemory(xml, "plan.xml", schemas);
  reads.libxml2 = ReadWithLibxml2Keys(xml, "plan.xml", schemas);
  EXPECT_EQ(Formatted(reads.checked.diagnostics), Formatted(reads.libxml2.diagnostics));
  EXPECT_EQ(reads.checked.root.has_value(), reads.libxml2.root.has_value());
  const KeyCheck* check = CheckFor(xsd);
  EXPECT_NE(check, nullptr);
  ParsedXml tolerant = ParseXmlMemory(xml, "plan.xml", schemas, {}, SchemaCheck::kTolerant);
  if (check != nullptr && tolerant.root) reads.key_check_holds = check->Holds(*tolerant.root);
  return reads;
}

// ---------- The path compiler ----------

TEST(KeyPathTest, CompilesTheSubsetTheSchemasUse) {
  std::string why;
  auto union_path =
      CompileKeyPath("e:sectionB/e:need|e:sectionC/e:need", kBindings, KeyPathRole::kSelector, why);
  ASSERT_TRUE(union_path) << why;
  ASSERT_EQ(union_path->size(), 2u);
  EXPECT_FALSE((*union_path)[0].descendants);
  ASSERT_EQ((*union_path)[1].steps.size(), 2u);
  EXPECT_EQ((*union_path)[1].steps[0].local, "sectionC");
  EXPECT_EQ((*union_path)[1].steps[1].ns, kEhcpNamespace);

  auto descendants = CompileKeyPath(".//e:meets", kBindings, KeyPathRole::kSelector, why);
  ASSERT_TRUE(descendants) << why;
  EXPECT_TRUE((*descendants)[0].descendants);
  ASSERT_EQ((*descendants)[0].steps.size(), 1u);

  auto self = CompileKeyPath(" . ", kBindings, KeyPathRole::kSelector, why);
  ASSERT_TRUE(self) << why;
  EXPECT_TRUE((*self)[0].self);

  auto any = CompileKeyPath("*|e:*", kBindings, KeyPathRole::kSelector, why);
  ASSERT_TRUE(any) << why;
  EXPECT_TRUE((*any)[0].steps[0].any_namespace);
  EXPECT_EQ((*any)[1].steps[0].ns, kEhcpNamespace);
  EXPECT_TRUE((*any)[1].steps[0].local.empty());

  // An unprefixed name is in no namespace, whatever the default namespace (XSD 1.0).
  auto unprefixed = CompileKeyPath("section", kBindings, KeyPathRole::kSelector, why);
  ASSERT_TRUE(unprefixed) << why;
  EXPECT_EQ((*unprefixed)[0].steps[0].ns, "");

  auto field = CompileKeyPath("e:name/@code", kBindings, KeyPathRole::kField, why);
  ASSERT_TRUE(field) << why;
  ASSERT_TRUE((*field)[0].attribute);
  EXPECT_EQ((*field)[0].attribute->local, "code");
  EXPECT_EQ((*field)[0].steps.size(), 1u);
}

TEST(KeyPathTest, RefusesWhatItDoesNotSupport) {
  const std::vector<std::pair<std::string, KeyPathRole>> refused = {
      {"child::e:need", KeyPathRole::kSelector},  // axes written out
      {"e:a / e:b", KeyPathRole::kSelector},      // white space inside a path
      {"e:a/./e:b", KeyPathRole::kSelector},      // "." inside a path
      {"./e:a", KeyPathRole::kSelector},          // "./"
      {"/e:plan", KeyPathRole::kSelector},        // the document root
      {"e:a//e:b", KeyPathRole::kSelector},       // "//" inside a path
      {"@id", KeyPathRole::kSelector},            // an attribute in a selector
      {"q:need", KeyPathRole::kSelector},         // an unbound prefix
      {"e:caf\xc3\xa9", KeyPathRole::kSelector},  // a name outside ASCII
      {"", KeyPathRole::kSelector},               // nothing
      {"e:a|", KeyPathRole::kSelector},           // an empty alternative
      {".", KeyPathRole::kField},                 // the element's own value
      {"e:code", KeyPathRole::kField},            // an element's value
      {".//@id", KeyPathRole::kField},            // ".//" in a field
      {"@*", KeyPathRole::kField},                // any attribute
      {"@e:id", KeyPathRole::kField},             // a prefixed attribute
      {"@id/e:a", KeyPathRole::kField},           // an attribute mid-path
      {"attribute::id", KeyPathRole::kField},     // axes written out
  };
  for (const auto& [xpath, role] : refused) {
    std::string why;
    EXPECT_FALSE(CompileKeyPath(xpath, kBindings, role, why)) << xpath;
    EXPECT_FALSE(why.empty()) << xpath;
  }
}

// ---------- The schemas ----------

TEST(KeyCheckTest, CompilesEverySchemaWithConstraints) {
  const std::filesystem::path dir = EHCP_SOURCE_DIR "/schemas";
  Schemas();  // a registry lets libxml2's guarded loader read the folder
  const std::vector<std::pair<std::string, size_t>> expected = {
      {"ehcp-plan-1.xsd", 10},     {"ehcp-contribution-1.xsd", 7}, {"ehcp-case-1.xsd", 1},
      {"ehcp-assembly-1.xsd", 2},  {"ehcp-bundle-1.xsd", 3},       {"ehcp-form-1.xsd", 1},
      {"ehcp-proposals-1.xsd", 2}, {"ehcp-grammar-1.xsd", 0},      {"ehcp-timescales-1.xsd", 0},
      {"ehcp-council-1.xsd", 0},
  };
  for (const auto& [file, count] : expected) {
    std::string why;
    auto check = KeyCheck::Compile(dir / file, why);
    ASSERT_NE(check, nullptr) << file << ": " << why;
    EXPECT_EQ(check->Constraints().size(), count) << file;
  }
  // The rule files' selectors ("rule", "wordList") are unprefixed, so in no namespace, and
  // select nothing in a schema whose elements are all qualified: their fields' types (one
  // attribute called name is free text) do not matter.
  std::string why;
  auto rules = KeyCheck::Compile(dir / "ehcp-rules-1.xsd", why);
  ASSERT_NE(rules, nullptr) << why;
  EXPECT_EQ(rules->Constraints().size(), 2u);
  auto plan = KeyCheck::Compile(dir / "ehcp-plan-1.xsd", why);
  ASSERT_NE(plan, nullptr);
  const auto& constraints = plan->Constraints();
  EXPECT_EQ(constraints[0].name, "itemId");
  EXPECT_EQ(constraints[0].selector.size(), 10u);
  EXPECT_EQ(constraints[0].scope_local, "plan");
  EXPECT_EQ(constraints[0].scope_ns, kEhcpNamespace);
  EXPECT_EQ(constraints[5].name, "needRef");
  EXPECT_EQ(constraints[5].kind, KeyCheck::Kind::kKeyref);
  EXPECT_EQ(constraints[constraints[5].refer].name, "needId");
  EXPECT_EQ(constraints[9].name, "acceptedItemRef");
  EXPECT_EQ(constraints[constraints[9].refer].name, "itemId");
}

TEST(KeyCheckTest, KeepsLibxml2ForAFieldComparedWithItsWhiteSpace) {
  SchemaRegistry schemas(EHCP_TEST_DATA "/keys");
  schemas.Register("keyText", "ehcp-keytext-1.xsd");
  std::string why;
  auto check = KeyCheck::Compile(EHCP_TEST_DATA "/keys/ehcp-keytext-1.xsd", why);
  EXPECT_EQ(check, nullptr);
  EXPECT_NE(why.find("@label"), std::string::npos) << why;

  // The strict read still reports what libxml2 does.
  ParsedXml parsed = ParseXmlMemory(
      "<keyText xmlns=\"urn:ehcp:schema:1\"><entry label=\"a\"/><entry label=\"a\"/></keyText>",
      "text.xml", schemas);
  EXPECT_FALSE(parsed.root);
  EXPECT_NE(Formatted(parsed.diagnostics).find("Duplicate key-sequence ['a']"), std::string::npos)
      << Formatted(parsed.diagnostics);
}

// ---------- The plan: the new read and libxml2's give the same answer ----------

TEST(KeyCheckTest, CleanPlansHoldAndReadTheSame) {
  std::vector<std::string> files = {EHCP_TEST_DATA "/minimal-plan.xml",
                                    EHCP_TEST_DATA "/many-scripts-plan.xml"};
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(EHCP_SOURCE_DIR "/samples")) {
    const std::string path = entry.path().string();
    if (entry.path().extension() == ".xml" && path.find("/invalid/") == std::string::npos)
      files.push_back(path);
  }
  int plans = 0;
  for (const std::string& file : files) {
    const std::string xml = ReadFile(file);
    if (ParseXmlMemory(xml, file, Schemas(), {}, SchemaCheck::kTolerant).root_name != "plan")
      continue;
    BothReads reads = ReadBothWays(xml, Schemas(), kPlanXsd);
    ASSERT_TRUE(reads.checked.root) << file << "\n" << Formatted(reads.checked.diagnostics);
    EXPECT_TRUE(reads.key_check_holds) << file;
    ++plans;
  }
  EXPECT_GE(plans, 3);
}

TEST(KeyCheckTest, DuplicateIdInOneSection) {
  BothReads reads = ReadBothWays(
      MinimalPlanWith("<sectionC><none>Alex has no identified health care needs related to his "
                      "special educational needs.</none></sectionC>",
                      "<sectionC><need id=\"B1\" area=\"cognition-learning\"><description><p>A "
                      "second need.</p></description></need></sectionC>"),
      Schemas(), kPlanXsd);
  EXPECT_FALSE(reads.checked.root);
  EXPECT_FALSE(reads.key_check_holds);
  EXPECT_NE(Formatted(reads.checked.diagnostics).find("Duplicate key-sequence ['B1']"),
            std::string::npos)
      << Formatted(reads.checked.diagnostics);
}

TEST(KeyCheckTest, DuplicateIdAcrossSections) {
  // A need with the provision's id: itemId spans every section.
  BothReads reads =
      ReadBothWays(MinimalPlanWith("<need id=\"B1\"", "<need id=\"F1\""), Schemas(), kPlanXsd);
  EXPECT_FALSE(reads.checked.root);
  EXPECT_FALSE(reads.key_check_holds);
  EXPECT_NE(Formatted(reads.checked.diagnostics).find("'itemId'"), std::string::npos)
      << Formatted(reads.checked.diagnostics);
}

TEST(KeyCheckTest, DanglingReference) {
  BothReads reads = ReadBothWays(MinimalPlanWith("<meets ref=\"B1\"/>", "<meets ref=\"B9\"/>"),
                                 Schemas(), kPlanXsd);
  EXPECT_FALSE(reads.checked.root);
  EXPECT_FALSE(reads.key_check_holds);
  EXPECT_NE(Formatted(reads.checked.diagnostics).find("No match found for key-sequence ['B9']"),
            std::string::npos)
      << Formatted(reads.checked.diagnostics);
}

TEST(KeyCheckTest, ReferenceToTheWrongKindOfItem) {
  // towards names an outcome; B1 is a need, so outcomeRef finds nothing.
  BothReads reads = ReadBothWays(MinimalPlanWith("<towards ref=\"E1\"/>", "<towards ref=\"B1\"/>"),
                                 Schemas(), kPlanXsd);
  EXPECT_FALSE(reads.checked.root);
  EXPECT_FALSE(reads.key_check_holds);
  EXPECT_NE(Formatted(reads.checked.diagnostics).find("'outcomeRef'"), std::string::npos)
      << Formatted(reads.checked.diagnostics);
}

TEST(KeyCheckTest, ValuesCompareCollapsedAsXsdTokens) {
  // " B1 " is the token B1: the reference holds, both ways.
  BothReads spaced = ReadBothWays(
      MinimalPlanWith("<meets ref=\"B1\"/>", "<meets ref=\" B1&#9; \"/>"), Schemas(), kPlanXsd);
  EXPECT_TRUE(spaced.checked.root) << Formatted(spaced.checked.diagnostics);
  EXPECT_TRUE(spaced.key_check_holds);
  // And " F1" duplicates F1.
  BothReads duplicate = ReadBothWays(MinimalPlanWith("<need id=\"B1\"", "<need id=\"&#10;F1 \""),
                                     Schemas(), kPlanXsd);
  EXPECT_FALSE(duplicate.checked.root);
  EXPECT_FALSE(duplicate.key_check_holds);
}

TEST(KeyCheckTest, AcceptedFindingsWithAndWithoutTheirItem) {
  // A keyref whose field selects nothing is not checked (accepted's item is optional).
  auto with_review = [](const std::string& accepted) {
    std::string xml = MinimalPlan();
    xml.insert(xml.rfind("</plan>"), "<review>" + accepted + "</review>\n");
    return xml;
  };
  BothReads without_item = ReadBothWays(
      with_review("<accepted rule=\"advice-late\" by=\"Sam Officer\" date=\"2026-05-18\">Agreed "
                  "with the family.</accepted>"),
      Schemas(), kPlanXsd);
  EXPECT_TRUE(without_item.checked.root) << Formatted(without_item.checked.diagnostics);
  EXPECT_TRUE(without_item.key_check_holds);
  BothReads dangling =
      ReadBothWays(with_review("<accepted rule=\"advice-late\" item=\"K9\" by=\"Sam Officer\" "
                               "date=\"2026-05-18\">Agreed with the family.</accepted>"),
                   Schemas(), kPlanXsd);
  EXPECT_FALSE(dangling.checked.root);
  EXPECT_FALSE(dangling.key_check_holds);
  EXPECT_NE(Formatted(dangling.checked.diagnostics).find("'acceptedItemRef'"), std::string::npos)
      << Formatted(dangling.checked.diagnostics);
}

// ---------- A schema of the tests' own: every kind of constraint ----------

const SchemaRegistry& KeySchemas() {
  static SchemaRegistry* schemas = [] {
    auto* registry = new SchemaRegistry(EHCP_TEST_DATA "/keys");
    registry->Register("keyTest", "ehcp-keytest-1.xsd");
    return registry;
  }();
  return *schemas;
}

std::string KeyTest(const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<keyTest xmlns=\"urn:ehcp:schema:1\">\n" + body +
         "\n</keyTest>\n";
}

struct KeyCase {
  const char* what;
  std::string body;
  bool valid;
};

TEST(KeyCheckTest, EveryConstraintKindReadsTheSameBothWays) {
  const std::vector<KeyCase> cases = {
      {"clean",
       "<group id=\"g1\"><item id=\"a\"><link ref=\"b\"/></item><item id=\"b\"/>"
       "<tag name=\"t\"/></group><group id=\"g2\"><tag name=\"t\"/></group>"
       "<pair id=\"p1\" x=\"1\" y=\"2\"/><pair id=\"p2\" x=\"1\" y=\"3\"/>",
       true},
      {"duplicate key across groups",
       "<group id=\"g1\"><item id=\"a\"/></group><group id=\"g2\"><item id=\"a\"/></group>", false},
      {"key field missing", "<group id=\"g1\"><item/></group>", false},
      {"dangling keyref", "<group id=\"g1\"><item id=\"a\"><link ref=\"z\"/></item></group>",
       false},
      {"keyref without its field is skipped",
       "<group id=\"g1\"><item id=\"a\"><link/></item></group>", true},
      {"keyref to a group id, not an item id",
       "<group id=\"g1\"><item id=\"a\"><link ref=\"g1\"/></item></group>", false},
      {"unique per group", "<group id=\"g1\"><tag name=\"t\"/><tag name=\"t\"/></group>", false},
      {"unique without its field is skipped", "<group id=\"g1\"><tag/><tag/></group>", true},
      {"unique of two fields", "<pair id=\"p1\" x=\"1\" y=\"2\"/><pair id=\"p2\" x=\"1\" y=\"2\"/>",
       false},
      {"unique of two fields, one missing", "<pair id=\"p1\" x=\"1\"/><pair id=\"p2\" x=\"1\"/>",
       true},
      {"every child: a group and a pair share an id", "<group id=\"s\"/><pair id=\"s\"/>", false},
      // "*" is the children only, not the items inside the groups.
      {"every child, not the grandchildren", "<group id=\"a\"><item id=\"a\"/></group>", true},
      {"collapsed values",
       "<group id=\"g1\"><item id=\" a  \"><link ref=\"&#10;a\"/></item>"
       "</group>",
       true},
      {"collapsed duplicate", "<group id=\"g1\"><item id=\"a\"/><item id=\"a &#13;\"/></group>",
       false},
      // NFC makes these two one value in the tree; libxml2 keeps them apart, and has the
      // last word.
      {"values NFC would merge",
       "<group id=\"g1\"><tag name=\"caf\xc3\xa9\"/>"
       "<tag name=\"cafe\xcc\x81\"/></group>",
       true},
      {"non-ASCII duplicate",
       "<group id=\"g1\"><tag name=\"caf\xc3\xa9\"/>"
       "<tag name=\"caf\xc3\xa9\"/></group>",
       false},
  };
  for (const KeyCase& c : cases) {
    SCOPED_TRACE(c.what);
    BothReads reads = ReadBothWays(KeyTest(c.body), KeySchemas(), kKeyTestXsd);
    EXPECT_EQ(reads.checked.root.has_value(), c.valid) << Formatted(reads.checked.diagnostics);
    // Values outside ASCII are always left to libxml2.
    const bool ascii = c.body.find('\xc3') == std::string::npos;
    EXPECT_EQ(reads.key_check_holds, c.valid && ascii);
  }
}

}  // namespace
}  // namespace ehcp
