// Golden HTML pages of sample plans: any change to the page's markup or wording shows up
// as a readable diff of tests/html/golden/*.html. One sample with the default template,
// one with Exampleshire's (its logo, and the "about me" page it asks for).
//
// To regenerate after an intended change, run the test with EHCP_UPDATE_GOLDEN=1:
//   EHCP_UPDATE_GOLDEN=1 build/tests/html_test --gtest_filter='*Golden*'
// and review the diff before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "document/plan_fixture.h"
#include "html/html_writer.h"
#include "support/file_text.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(EHCP_SOURCE_DIR) / "tests/html/golden";

struct GoldenCase {
  std::string sample;
  std::string template_name;
};

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.sample << " with " << c.template_name;
}

class GoldenPage : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenPage, MatchesGoldenFile) {
  const GoldenCase& c = GetParam();
  Plan plan = testing::LoadPlanOrDie((fs::path(EHCP_SAMPLES) / c.sample / "plan.xml").string());
  TemplateSet templates = testing::LoadTemplateOrDie(c.template_name);
  DiagnosticList diagnostics;
  doc::Document document = BuildPlanDocument(plan, templates, diagnostics);
  HtmlOptions options;
  options.page_template = templates.html_page;
  options.page_template_file = templates.html_page_file.string();
  options.asset_root = templates.folder;
  std::string page;
  ASSERT_TRUE(RenderHtml(document, options, page, diagnostics));
  EXPECT_TRUE(diagnostics.Empty())
      << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));

  fs::path golden = kGolden / (c.sample + "-" + c.template_name + ".html");
  const char* update = std::getenv("EHCP_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << page;
    GTEST_SKIP() << "updated " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden
                                  << " missing: run with EHCP_UPDATE_GOLDEN=1 to create it";
  std::istringstream actual(page), expected(testing::ReadFileText(golden));
  std::string a, e;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(actual, a));
    bool more_e = static_cast<bool>(std::getline(expected, e));
    if (!more_a && !more_e) break;
    if (a != e || more_a != more_e) {
      ADD_FAILURE()
          << golden.filename() << ":" << line
          << " differs\n  expected: " << (more_e ? e.substr(0, 300) : "(end)")
          << "\n  actual:   " << (more_a ? a.substr(0, 300) : "(end)")
          << "\nIf the change is intended, rerun with EHCP_UPDATE_GOLDEN=1 and review the diff.";
      break;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenPage,
                         ::testing::Values(GoldenCase{"ks3-autism-anxiety", "default"},
                                           GoldenCase{"year10-pfa", "exampleshire"}),
                         [](const auto& info) {
                           std::string name = info.param.sample + "_" + info.param.template_name;
                           for (char& c : name)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace ehcp
