#include "document/template_set.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

#include "image/test_images.h"
#include "plan_fixture.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

// A scratch templates/ folder per test, removed afterwards.
class TemplateSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("ehcp-template-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "council");
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const fs::path& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  void WritePng(const fs::path& relative) {
    // The loader decodes the whole image, so it must be a real one.
    Write(relative, testing::MakePng(8, 4, 3, testing::GradientPixels(8, 4, 3)));
  }
  std::optional<TemplateSet> Load(DiagnosticList& diagnostics) {
    return LoadTemplateSet(root_ / "council", diagnostics);
  }
  bool HasCode(const DiagnosticList& diagnostics, const std::string& code) {
    for (const auto& d : diagnostics) {
      if (d.code == code) return true;
    }
    return false;
  }

  fs::path root_;
};

TEST_F(TemplateSetTest, DefaultSetHasEveryStatutorySectionTitle) {
  TemplateSet set = testing::LoadTemplateOrDie("default");
  EXPECT_EQ(set.String("section.B.title", ""), "Special educational needs");
  EXPECT_EQ(set.String("section.H1.title", ""), "Social care provision (CSDPA 1970 s.2)");
  EXPECT_EQ(set.String("section.K.title", ""), "Advice and information");
  EXPECT_EQ(set.String("no.such.key", "fallback"), "fallback");
  EXPECT_TRUE(set.branding.logo.empty());
}

TEST_F(TemplateSetTest, ExtendsInheritsStringsAndOverridesSome) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  Write("council/template.json",
        R"({"extends": "default", "strings": {"section": {"B": {"lead": "Our own words."}}},
            "branding": {"council_name": "Testshire Council", "contact_lines": ["SEND team"]}})");
  DiagnosticList diagnostics;
  auto set = Load(diagnostics);
  ASSERT_TRUE(set) << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));
  EXPECT_EQ(set->String("section.B.lead", ""), "Our own words.");
  EXPECT_EQ(set->String("section.C.title", ""), "Health care needs");
  EXPECT_EQ(set->branding.council_name, "Testshire Council");
  EXPECT_EQ(set->branding.contact_lines, std::vector<std::string>{"SEND team"});
}

// A hostile template with tens of thousands of nested sections made the Mustache engine's
// memory grow with the square of the depth, then crash; it is now refused when it loads.
TEST_F(TemplateSetTest, DeeplyNestedSectionsAreRefusedAtLoad) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  std::string nested;
  for (int i = 0; i < 20000; ++i) nested += "{{#x}}";
  for (int i = 0; i < 20000; ++i) nested += "{{/x}}";
  Write("council/template.json",
        R"({"extends": "default", "strings": {"section": {"B": {"lead": ")" + nested + R"("}}}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  ASSERT_TRUE(HasCode(diagnostics, "template.invalid"));
  EXPECT_NE(FormatDiagnostic(diagnostics.Items()[0]).find("nests sections 20000 deep"),
            std::string::npos)
      << FormatDiagnostic(diagnostics.Items()[0]);
  // Ordinary nesting still loads.
  Write(
      "council/template.json",
      R"({"extends": "default", "strings": {"section": {"B": {"lead": "{{#a}}{{#b}}{{^c}}x{{/c}}{{/b}}{{/a}}"}}}})");
  DiagnosticList fine;
  EXPECT_TRUE(Load(fine));
}

TEST_F(TemplateSetTest, LogoEscapingTheFolderIsRefused) {
  WritePng("outside.png");
  Write("council/template.json", R"({"branding": {"logo": "../outside.png", "logo_alt": "Logo"}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.logo-outside"));
}

TEST_F(TemplateSetTest, AbsoluteLogoPathIsRefused) {
  WritePng("outside.png");
  Write("council/template.json", R"({"branding": {"logo": ")" + (root_ / "outside.png").string() +
                                     R"(", "logo_alt": "Logo"}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.logo-outside"));
}

TEST_F(TemplateSetTest, LogoSymlinkPointingOutsideIsRefused) {
  WritePng("outside.png");
  fs::create_symlink(root_ / "outside.png", root_ / "council" / "logo.png");
  Write("council/template.json", R"({"branding": {"logo": "logo.png", "logo_alt": "Logo"}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.logo-outside"));
}

TEST_F(TemplateSetTest, LogoNeedsAltTextAndAnImage) {
  WritePng("council/logo.png");
  Write("council/template.json", R"({"branding": {"logo": "logo.png"}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.logo-alt"));

  Write("council/logo.png", "not an image");
  Write("council/template.json", R"({"branding": {"logo": "logo.png", "logo_alt": "Logo"}})");
  DiagnosticList diagnostics2;
  EXPECT_FALSE(Load(diagnostics2));
  EXPECT_TRUE(HasCode(diagnostics2, "template.logo-format"));

  Write("council/template.json", R"({"branding": {"logo": "missing.png", "logo_alt": "Logo"}})");
  DiagnosticList diagnostics3;
  EXPECT_FALSE(Load(diagnostics3));
  EXPECT_TRUE(HasCode(diagnostics3, "template.logo-missing"));
}

TEST_F(TemplateSetTest, DamagedOrOversizedLogoIsRefusedWhenTheSetLoads) {
  std::string png = testing::MakePng(64, 64, 3, testing::GradientPixels(64, 64, 3));
  std::string jpeg = testing::MakeJpeg(64, 64, 3, testing::GradientPixels(64, 64, 3));
  const std::pair<const char*, std::string> cases[] = {
      {"20000 x 20000", testing::PngClaimingSize(20000, 20000)},
      {"damaged", png.substr(0, png.size() - 20)},
      {"CRC", testing::PngWithBadCrc(png)},
      {"JPEG data is damaged", testing::JpegWithBadScanData(jpeg)},
  };
  Write("council/template.json", R"({"branding": {"logo": "logo.png", "logo_alt": "Logo"}})");
  for (const auto& [expected, bytes] : cases) {
    Write("council/logo.png", bytes);
    DiagnosticList diagnostics;
    EXPECT_FALSE(Load(diagnostics)) << expected;
    ASSERT_EQ(diagnostics.Size(), 1u);
    const Diagnostic& d = diagnostics.Items()[0];
    EXPECT_EQ(d.code, "template.image");
    EXPECT_NE(d.message.find(expected), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("logo.png"), std::string::npos) << d.message;
    EXPECT_EQ(d.location.FileName(), (root_ / "council" / "template.json").string());
  }
  Write("council/logo.png", jpeg);  // a JPEG named .png is still a good image
  DiagnosticList diagnostics;
  EXPECT_TRUE(Load(diagnostics));
  EXPECT_TRUE(diagnostics.Empty());
}

TEST_F(TemplateSetTest, GoodLogoResolvesInsideTheFolder) {
  WritePng("council/images/logo.png");
  Write(
      "council/template.json",
      R"({"branding": {"logo": "images/logo.png", "logo_alt": "Testshire Council", "logo_width_pt": 90}})");
  DiagnosticList diagnostics;
  auto set = Load(diagnostics);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->branding.logo, fs::canonical(root_ / "council/images/logo.png"));
  EXPECT_EQ(set->branding.logo_width_pt, 90);
}

TEST_F(TemplateSetTest, MalformedJsonIsReportedWithItsLine) {
  Write("council/template.json", "{\n  \"strings\": {\n    \"a\": \"b\",,\n  }\n}\n");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  ASSERT_FALSE(diagnostics.Empty());
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.code, "template.malformed");
  EXPECT_EQ(d.location.line, 3);
  EXPECT_NE(FormatDiagnostic(d).find("template.json:3:"), std::string::npos) << FormatDiagnostic(d);
}

// Found by fuzz_template_set: nlohmann reports a number too large for a double as
// out_of_range, not parse_error; it used to escape as an uncaught exception.
TEST_F(TemplateSetTest, NumberTooLargeIsMalformedNotACrash) {
  Write("council/template.json", "{\n  \"layout\": {\"page\": 88888e888}\n}\n");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  ASSERT_FALSE(diagnostics.Empty());
  const Diagnostic& d = diagnostics.Items()[0];
  EXPECT_EQ(d.code, "template.malformed");
  EXPECT_EQ(d.location.line, 2) << FormatDiagnostic(d);
}

// Found by reading after fuzz_template_set's crash: strings nested thousands of objects
// deep overflowed the stack of the recursive walk that flattens them.
TEST_F(TemplateSetTest, DeeplyNestedStringsAreInvalidNotAStackOverflow) {
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"a\":";
  nested += "\"x\"" + std::string(100000, '}');
  Write("council/template.json", "{\"strings\": " + nested + "}");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  ASSERT_EQ(diagnostics.Count(Severity::kError), 1);
  EXPECT_EQ(diagnostics.Items()[0].code, "template.invalid");
  EXPECT_NE(diagnostics.Items()[0].message.find("8 levels"), std::string::npos);

  // Eight levels still load, as the shipped sets' three do.
  Write("council/template.json",
        R"({"strings": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": "x"}}}}}}}}})");
  DiagnosticList fine;
  auto set = Load(fine);
  ASSERT_TRUE(set) << fine.Items().size();
  EXPECT_EQ(set->strings.at("a.b.c.d.e.f.g.h"), "x");
}

TEST_F(TemplateSetTest, WrongTypesAndUnknownKeysAreErrors) {
  Write("council/template.json", R"({"strings": {"cover": {"title": 5}}, "colours": {}})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_EQ(diagnostics.Count(Severity::kError), 2);
}

TEST_F(TemplateSetTest, MissingFolderOrBadExtendsIsAnError) {
  DiagnosticList diagnostics;
  EXPECT_FALSE(LoadTemplateSet(root_ / "nowhere", diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.not-found"));

  Write("council/template.json", R"({"extends": "../etc"})");
  DiagnosticList diagnostics2;
  EXPECT_FALSE(Load(diagnostics2));
  EXPECT_TRUE(HasCode(diagnostics2, "template.invalid"));

  // A loop of extends ends with an error, not a hang.
  Write("council/template.json", R"({"extends": "council"})");
  DiagnosticList diagnostics3;
  EXPECT_FALSE(Load(diagnostics3));
  EXPECT_TRUE(diagnostics3.HasErrors());
}

TEST_F(TemplateSetTest, ASymlinkedExtendsLeadingOutsideIsRefused) {
  // templates/default is a link to a folder elsewhere: its template.json is not read.
  fs::path elsewhere = root_.parent_path() / (root_.filename().string() + "-elsewhere");
  fs::create_directories(elsewhere);
  std::ofstream(elsewhere / "template.json")
      << R"({"strings": {"cover": {"heading": "Not ours"}}})";
  fs::create_directory_symlink(elsewhere, root_ / "default");
  Write("council/template.json", R"({"extends": "default"})");
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  EXPECT_TRUE(HasCode(diagnostics, "template.outside"));
  fs::remove_all(elsewhere);
}

TEST_F(TemplateSetTest, TheSetListsEveryFileItRead) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  WritePng("council/logo.png");
  Write("council/template.json",
        R"({"extends": "default", "branding": {"logo": "logo.png", "logo_alt": "Council logo"}})");
  DiagnosticList diagnostics;
  auto set = Load(diagnostics);
  ASSERT_TRUE(set);
  std::vector<std::string> names;
  for (const auto& file : set->files)
    names.push_back(file.parent_path().filename().string() + "/" + file.filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"council/logo.png", "council/template.json",
                                             "default/plan.html", "default/template.json"}));
}

TEST_F(TemplateSetTest, ATemplateThatIsAFifoIsRefusedUnread) {
  ASSERT_EQ(::mkfifo((root_ / "council" / "template.json").c_str(), 0600), 0);
  DiagnosticList diagnostics;
  EXPECT_FALSE(Load(diagnostics));
  ASSERT_TRUE(HasCode(diagnostics, "template.not-found"));
  EXPECT_NE(diagnostics.Items()[0].message.find("FIFO"), std::string::npos);
}

TEST_F(TemplateSetTest, AboutMePageAndHtmlPageAreInheritedAndOverridden) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  Write("council/template.json", R"({"extends": "default", "about_me_page": true})");
  DiagnosticList diagnostics;
  auto set = Load(diagnostics);
  ASSERT_TRUE(set) << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));
  EXPECT_TRUE(set->AboutMePage());
  EXPECT_EQ(set->html_page_file, root_ / "default/plan.html");
  EXPECT_NE(set->html_page.find("{{body}}"), std::string::npos);
  // The page skeleton is an input of the run, so no output may overwrite it.
  EXPECT_NE(std::find(set->files.begin(), set->files.end(), root_ / "default/plan.html"),
            set->files.end());

  // The set's own page replaces the one it extends; the default set has no about-me page.
  Write("council/plan.html", "<main>{{body}}</main>");
  DiagnosticList own;
  set = Load(own);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->html_page, "<main>{{body}}</main>");
  EXPECT_FALSE(testing::LoadTemplateOrDie("default").AboutMePage());
  EXPECT_TRUE(testing::LoadTemplateOrDie("exampleshire").AboutMePage());

  // A page that is a symbolic link out of the folder is refused, as a logo would be.
  Write("elsewhere.html", "<main>{{body}}</main>");
  fs::remove(root_ / "council/plan.html");
  fs::create_symlink(root_ / "elsewhere.html", root_ / "council/plan.html");
  DiagnosticList outside;
  EXPECT_FALSE(Load(outside));
  EXPECT_TRUE(HasCode(outside, "template.outside"));
  fs::remove(root_ / "council/plan.html");

  Write("council/template.json", R"({"extends": "default", "about_me_page": "yes"})");
  DiagnosticList wrong;
  EXPECT_FALSE(Load(wrong));
  EXPECT_TRUE(HasCode(wrong, "template.invalid"));
}

// The layout a template leaves out is today's: each writer keeps its own look.
TEST_F(TemplateSetTest, DefaultLayoutIsTodaysA4WithEachFormatsOwnLook) {
  TemplateSet set = testing::LoadTemplateOrDie("default");
  const doc::LayoutSpec& layout = set.layout;
  EXPECT_DOUBLE_EQ(layout.page_width, 595.28);
  EXPECT_DOUBLE_EQ(layout.page_height, 841.89);
  EXPECT_FALSE(layout.margins);
  EXPECT_EQ(layout.font_family, "Arial");
  EXPECT_DOUBLE_EQ(layout.body_size, 12);
  EXPECT_DOUBLE_EQ(layout.table_size, 12);
  EXPECT_DOUBLE_EQ(layout.title_size, 26);
  EXPECT_FALSE(layout.heading_size[0] || layout.heading_size[1] || layout.heading_size[2]);
  EXPECT_FALSE(layout.line_spacing);
  EXPECT_FALSE(layout.text_colour || layout.heading_colour || layout.link_colour ||
               layout.rule_colour || layout.table_header_colour);
}

TEST_F(TemplateSetTest, ExampleshireSetsItsOwnHeadingColour) {
  TemplateSet set = testing::LoadTemplateOrDie("exampleshire");
  ASSERT_TRUE(set.layout.heading_colour);
  EXPECT_EQ(*set.layout.heading_colour, (doc::Colour{0x00, 0x5E, 0x42}));
  EXPECT_EQ(set.layout.table_header_colour, (doc::Colour{0xE3, 0xF1, 0xEA}));
  EXPECT_FALSE(set.layout.margins);  // the rest is the default's
}

TEST_F(TemplateSetTest, LayoutIsReadAndInheritedKeyByKey) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  Write("base/template.json", R"({"extends": "default",
    "layout": {"font_family": "Verdana", "sizes": {"body": 13, "heading1": 22},
               "colours": {"heading": "#1B4D2E"}}})");
  Write("council/template.json", R"({"extends": "base",
    "layout": {"_why": "a council's own page", "page": {"width": 612, "height": 792},
               "margins": {"top": 72, "right": 54, "bottom": 72, "left": 54},
               "sizes": {"table": 12.5, "heading3": 14}, "line_spacing": 1.5,
               "colours": {"text": "#000000", "link": "#0B4F9E", "rule": "#7F7F7F",
                           "table_header": "#DCE6F2"}}})");
  DiagnosticList diagnostics;
  auto set = Load(diagnostics);
  ASSERT_TRUE(set) << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));
  const doc::LayoutSpec& layout = set->layout;
  EXPECT_DOUBLE_EQ(layout.page_width, 612);
  EXPECT_DOUBLE_EQ(layout.page_height, 792);
  ASSERT_TRUE(layout.margins);
  EXPECT_DOUBLE_EQ(layout.margins->top, 72);
  EXPECT_DOUBLE_EQ(layout.margins->left, 54);
  EXPECT_EQ(layout.font_family, "Verdana");   // from base
  EXPECT_DOUBLE_EQ(layout.body_size, 13);     // from base
  EXPECT_DOUBLE_EQ(layout.table_size, 12.5);  // its own
  EXPECT_EQ(layout.heading_size[0], 22);
  EXPECT_FALSE(layout.heading_size[1]);
  EXPECT_EQ(layout.heading_size[2], 14);
  EXPECT_EQ(layout.line_spacing, 1.5);
  EXPECT_EQ(layout.heading_colour, (doc::Colour{0x1B, 0x4D, 0x2E}));
  EXPECT_EQ(layout.text_colour, (doc::Colour{0, 0, 0}));
  EXPECT_EQ(layout.table_header_colour, (doc::Colour{0xDC, 0xE6, 0xF2}));
}

// Each mistake is one error at its key's line and column, naming the key and the rule.
TEST_F(TemplateSetTest, LayoutMistakesAreLocatedErrors) {
  fs::copy(testing::kTemplates / "default", root_ / "default", fs::copy_options::recursive);
  struct Case {
    std::string layout;
    int line, column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {R"({"margins": {"top": 84, "right": 62,
  "bottom": 72, "left": -5}})",
       3, 17, "layout.margins.left is -5: it must be 28 to 288 points"},
      {R"({"colours": {"heading": "navy"}})", 2, 24,
       "layout.colours.heading is \"navy\": a colour is written \"#RRGGBB\""},
      {R"({"colours": {"link": "#7F7F7F"}})", 2, 24,
       "layout.colours.link \"#7F7F7F\" has a contrast of 4:1 on white; it must be 7:1"},
      {R"({"colours": {"table_header": "#404040"}})", 2, 24, "with the text"},
      {R"({"margins": {"top": 84}})", 2, 12, "layout.margins must give all four sides"},
      {R"({"margins": {"top": 84, "right": 200, "bottom": 72, "left": 200}})", 2, 12,
       "less than half the page's width"},
      {R"({"sizes": {"body": 11}})", 2, 22, "layout.sizes.body is 11: it must be 12 to 72"},
      {R"({"sizes": {"heading1": 20.3}})", 2, 22, "whole or half number of points"},
      {R"({"sizes": {"caption": 12}})", 2, 22, "unexpected \"layout.sizes.caption\""},
      {R"({"line_spacing": "double"})", 2, 12, "layout.line_spacing must be a number"},
      {R"({"font_family": "Arial\"/><w:b"})", 2, 12, "layout.font_family must be a font's name"},
      {R"({"paper": "A4"})", 2, 12, "unexpected \"layout.paper\""},
      {R"("A4")", 2, 1, "layout must be an object"},
  };
  for (const auto& c : cases) {
    Write("council/template.json", "{\"extends\": \"default\",\n\"layout\": " + c.layout + "}");
    DiagnosticList diagnostics;
    EXPECT_FALSE(Load(diagnostics)) << c.layout;
    ASSERT_EQ(diagnostics.Size(), 1u) << c.layout;
    const Diagnostic& d = diagnostics.Items()[0];
    EXPECT_EQ(d.code, "template.layout");
    EXPECT_NE(d.message.find(c.message), std::string::npos) << d.message;
    EXPECT_EQ(d.location.line, c.line) << c.layout;
    EXPECT_EQ(d.location.column, c.column) << c.layout;
  }
}

}  // namespace
}  // namespace ehcp
