// Golden-file tests: each sample case assembled from its contributions gives exactly the
// draft in tests/assemble/golden/<case>.xml. After an intended change, regenerate with
//   EHCP_UPDATE_GOLDEN=1 ctest --test-dir build-assemble -R AssembleSamples
// and review the diff like any other change to the drafts officers will see.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "assemble/assembly_inputs.h"
#include "assemble/plan_xml_writer.h"
#include "assemble_test_support.h"
#include "support/file_text.h"
#include "support/golden_file.h"

namespace ehcp {
namespace {

using namespace ehcp::testing;
namespace fs = std::filesystem;

const std::vector<std::string> kCases = {"early-years-hearing", "ks3-autism-anxiety", "year10-pfa"};

struct Assembled {
  AssemblyResult result;
  std::string xml;
};

Assembled AssembleInputs(const std::vector<std::string>& inputs) {
  AssemblyInputs read = ReadAssemblyInputs(inputs, AssemblySchemaSet());
  for (const auto& d : read.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  Assembled out;
  if (!read.Ok()) return out;
  out.result = AssemblePlan(*read.case_file, std::move(read.contributions), ShippedPolicy());
  if (out.result.plan) out.xml = RenderPlanXml(*out.result.plan);
  return out;
}

class AssembleSamples : public ::testing::TestWithParam<std::string> {};

TEST_P(AssembleSamples, DraftMatchesGoldenAndValidates) {
  const fs::path dir = fs::path(EHCP_SAMPLES) / GetParam();
  Assembled out = AssembleInputs({dir.string()});
  ASSERT_TRUE(out.result.plan) << DiagnosticsText(out.result.report);

  ParsedXml check = ParseXmlMemory(out.xml, GetParam() + " draft", AssemblySchemaSet());
  for (const auto& d : check.diagnostics) ADD_FAILURE() << FormatDiagnostic(d);
  EXPECT_TRUE(check.root);

  const fs::path golden =
      fs::path(EHCP_SOURCE_DIR) / "tests/assemble/golden" / (GetParam() + ".xml");
  testing::ExpectMatchesGolden(out.xml, golden);
}

// What an officer expects of any assembled draft.
TEST_P(AssembleSamples, DraftReadsLikeADraft) {
  const fs::path dir = fs::path(EHCP_SAMPLES) / GetParam();
  Assembled out = AssembleInputs({dir.string()});
  ASSERT_TRUE(out.result.plan);
  const Plan& plan = *out.result.plan;
  EXPECT_EQ(plan.meta.status, PlanStatus::kDraft);
  EXPECT_TRUE(plan.i.placements.empty());
  EXPECT_TRUE(plan.i.none);
  EXPECT_TRUE(plan.meta.dates.next_review);
  // One K entry per contribution file, each appended and pointing at its file.
  size_t files =
      std::distance(fs::directory_iterator(dir / "contributions"), fs::directory_iterator{});
  ASSERT_EQ(plan.k.advice.size(), files);
  for (const auto& advice : plan.k.advice) {
    EXPECT_TRUE(advice.appended);
    EXPECT_TRUE(fs::exists(dir / advice.file)) << advice.file;
  }
  // Every need and provision item cites a K entry that exists.
  auto cites = [&](const std::vector<SourceRef>& sources, const std::string& id) {
    EXPECT_FALSE(sources.empty()) << id;
    for (const auto& s : sources) EXPECT_NE(plan.FindAdvice(s.advice_id), nullptr) << id;
  };
  for (SectionId s : {SectionId::kB, SectionId::kC, SectionId::kD})
    for (const auto& n : plan.Needs(s).needs) cites(n.sources, n.id);
  for (SectionId s : {SectionId::kF, SectionId::kG, SectionId::kH1, SectionId::kH2})
    for (const auto& p : plan.Provision(s).items) cites(p.sources, p.id);
  // Therapy is in F whoever advised it (s.21(5)).
  for (SectionId s : {SectionId::kG, SectionId::kH1, SectionId::kH2})
    for (const auto& p : plan.Provision(s).items)
      EXPECT_TRUE(p.kind != ProvisionKind::kSpeechLanguageTherapy &&
                  p.kind != ProvisionKind::kOccupationalTherapy &&
                  p.kind != ProvisionKind::kPhysiotherapy)
          << p.id;
  // Nothing dropped: every contribution item is placed.
  size_t items = 0;
  AssemblyInputs read = ReadAssemblyInputs({dir.string()}, AssemblySchemaSet());
  for (const auto& c : read.contributions)
    items += c.contribution.views.size() + c.contribution.needs.size() +
             c.contribution.outcomes.size() + c.contribution.provision.size();
  EXPECT_EQ(out.result.report.placements.size(), items);
  // Each sample has a real conflict of quantities for the officer to resolve.
  EXPECT_GE(out.result.report.conflicts.size(), 1u);
}

TEST_P(AssembleSamples, FileOrderDoesNotChangeTheDraft) {
  const fs::path dir = fs::path(EHCP_SAMPLES) / GetParam();
  Assembled folder = AssembleInputs({dir.string()});
  std::vector<std::string> files{(dir / "case.xml").string()};
  for (const auto& entry : fs::directory_iterator(dir / "contributions"))
    files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::mt19937 shuffle(20260901);  // fixed seed: the same orders on every run
  for (int round = 0; round < 4; ++round) {
    std::shuffle(files.begin(), files.end(), shuffle);
    Assembled explicit_files = AssembleInputs(files);
    ASSERT_TRUE(explicit_files.result.plan);
    EXPECT_EQ(explicit_files.xml, folder.xml) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, AssembleSamples, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
}  // namespace ehcp
