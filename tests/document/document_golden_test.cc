// Golden dumps of the plan document for the good samples: any change to the layout or
// wording of a plan shows up as a readable diff of tests/document/golden/*.txt.
//
// To regenerate after an intended change, run the test with EHCP_UPDATE_GOLDEN=1:
//   EHCP_UPDATE_GOLDEN=1 build-document/document_test --gtest_filter='Golden*'
// and review the diff before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "document/document_dump.h"
#include "plan_fixture.h"
#include "support/golden_file.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

const fs::path kGolden = fs::path(EHCP_SOURCE_DIR) / "tests/document/golden";

class GoldenDump : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenDump, MatchesGoldenFile) {
  fs::path plan_file = fs::path(EHCP_SAMPLES) / GetParam() / "plan.xml";
  if (!fs::exists(plan_file)) GTEST_SKIP() << plan_file << " not present yet";
  Plan plan = testing::LoadPlanOrDie(plan_file.string());
  TemplateSet templates = testing::LoadTemplateOrDie("default");
  DiagnosticList diagnostics;
  std::string dump = doc::DumpDocument(BuildPlanDocument(plan, templates, diagnostics));
  EXPECT_TRUE(diagnostics.Empty())
      << (diagnostics.Empty() ? "" : FormatDiagnostic(diagnostics.Items()[0]));

  fs::path golden = kGolden / (GetParam() + ".txt");
  testing::ExpectMatchesGolden(dump, golden);
}

INSTANTIATE_TEST_SUITE_P(Samples, GoldenDump,
                         ::testing::Values("early-years-hearing", "ks3-autism-anxiety",
                                           "year10-pfa"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace ehcp
