// The sample plans (samples/*/plan.xml) rendered through the real pipeline: loader ->
// BuildPlanDocument with templates/default -> WritePdf, then checked with qpdf, pdffonts,
// the PDF/UA checker, and a golden structure tree per sample (pdfinfo -struct-text).
// Slow (external programs): labelled `slow`.
//
// Regenerate the golden trees after an intended change with
//   EHCP_UPDATE_GOLDEN=1 ctest --test-dir build-pdf -R pdf_samples
// and review the diff in tests/pdf/golden/.

#include <gtest/gtest.h>

#include <cstdlib>

#include "document/plan_document.h"
#include "loader/document_loader.h"
#include "pdf/pdf_writer.h"
#include "pdf_tools.h"
#include "support/golden_file.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::Quote;
using testing::RunTool;

std::vector<std::string> SampleNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(EHCP_SAMPLES)) {
    if (fs::exists(entry.path() / "plan.xml")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class SamplePdf : public ::testing::TestWithParam<std::string> {};

TEST_P(SamplePdf, RendersAccessiblePdf) {
  const std::string name = GetParam();
  auto schemas = SchemaRegistry::WithDocumentSchemas(fs::path(EHCP_SOURCE_DIR) / "schemas");
  LoadedDocument loaded =
      LoadDocument((fs::path(EHCP_SAMPLES) / name / "plan.xml").string(), *schemas);
  ASSERT_TRUE(loaded.Ok() && loaded.plan.has_value()) << name;
  DiagnosticList diagnostics;
  auto templates = LoadTemplateSet(fs::path(EHCP_SOURCE_DIR) / "templates/default", diagnostics);
  ASSERT_TRUE(templates.has_value());
  doc::Document document = BuildPlanDocument(*loaded.plan, *templates, diagnostics);
  ASSERT_FALSE(diagnostics.HasErrors());

  testing::TempFolder folder("ehcp-pdf-sample-" + name);
  PdfOptions options;
  options.source_date_epoch = 1767225600;
  options.asset_root = templates->folder;
  std::string pdf = folder.File("plan.pdf");
  ASSERT_TRUE(WritePdf(document, options, pdf, diagnostics)) << [&] {
    std::string out;
    for (const auto& d : diagnostics) out += FormatDiagnostic(d) + "\n";
    return out;
  }();

  auto qpdf = RunTool("qpdf --check " + Quote(pdf));
  EXPECT_EQ(qpdf.exit_code, 0) << qpdf.output;

  auto fonts = RunTool("pdffonts " + Quote(pdf));
  ASSERT_EQ(fonts.exit_code, 0);
  std::istringstream lines(fonts.output);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (line.find("Identity-H") == std::string::npos) continue;
    EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;
    ++rows;
  }
  EXPECT_GE(rows, 2) << fonts.output;

  auto check = RunTool("/usr/bin/python3 " + Quote(testing::kChecker) + " " + Quote(pdf));
  EXPECT_EQ(check.exit_code, 0) << check.output;

  auto text = RunTool("pdftotext -enc UTF-8 " + Quote(pdf) + " -");
  ASSERT_EQ(text.exit_code, 0);
  for (char letter = 'A'; letter <= 'K'; ++letter) {
    EXPECT_NE(text.output.find(std::string("Section ") + letter), std::string::npos)
        << name << " " << letter;
  }

  auto tree = RunTool("pdfinfo -struct-text " + Quote(pdf));
  ASSERT_EQ(tree.exit_code, 0);
  fs::path golden = testing::kGolden / ("sample-" + name + ".struct.txt");
  testing::ExpectMatchesGolden(tree.output, golden, testing::WithoutObjectNumbers);
}

INSTANTIATE_TEST_SUITE_P(Samples, SamplePdf, ::testing::ValuesIn(SampleNames()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace ehcp
