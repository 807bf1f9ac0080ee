// Renders every sample plan to PDF and DOCX with `ehcp render -o DIR` and opens the
// results with real clients: pdfinfo/pdftotext (poppler) and python-docx. Labelled
// `slow` in CMake: it renders every sample in both formats.

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "run_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;
using testing::RunShell;

class RenderSamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("ehcp-render-samples-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    std::vector<std::string> args{"render"};
    for (const auto& plan : testing::SamplePlans()) args.push_back(plan);
    args.insert(args.end(), {"-o", dir_->string()});
    result_ = new testing::CommandResult(RunEhcp(args));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete result_;
  }
  static std::vector<std::string> Cases() {
    std::vector<std::string> cases;
    for (const auto& plan : testing::SamplePlans())
      cases.push_back(fs::path(plan).parent_path().filename());
    return cases;
  }
  static fs::path* dir_;
  static testing::CommandResult* result_;
};

fs::path* RenderSamples::dir_ = nullptr;
testing::CommandResult* RenderSamples::result_ = nullptr;

TEST_F(RenderSamples, EverySampleRenders) {
  ASSERT_GE(Cases().size(), 3u);
  EXPECT_EQ(result_->exit_code, 0) << result_->output;
  for (const auto& name : Cases()) {
    EXPECT_TRUE(fs::exists(*dir_ / (name + ".pdf"))) << name;
    EXPECT_TRUE(fs::exists(*dir_ / (name + ".docx"))) << name;
  }
}

TEST_F(RenderSamples, PdfsOpenInPopplerWithTitleAndAllSections) {
  for (const auto& name : Cases()) {
    fs::path pdf = *dir_ / (name + ".pdf");
    auto info = RunShell("pdfinfo " + testing::ShellQuote(pdf.string()));
    ASSERT_EQ(info.exit_code, 0) << name << "\n" << info.output;
    // pdfinfo pads its labels; look at each line's value.
    std::istringstream lines(info.output);
    std::map<std::string, std::string> fields;
    for (std::string line; std::getline(lines, line);) {
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      auto value = line.find_first_not_of(' ', colon + 1);
      fields[line.substr(0, colon)] = value == std::string::npos ? "" : line.substr(value);
    }
    EXPECT_EQ(fields["Title"].rfind("Education, Health and Care plan: ", 0), 0u) << info.output;
    EXPECT_EQ(fields["Tagged"], "yes") << info.output;
    EXPECT_EQ(fields["Page size"].substr(0, 21), "595.28 x 841.89 pts (") << info.output;  // A4
    EXPECT_GE(std::stoi(fields["Pages"].empty() ? "0" : fields["Pages"]), 10) << info.output;
    auto text = RunShell("pdftotext -enc UTF-8 " + testing::ShellQuote(pdf.string()) + " -");
    ASSERT_EQ(text.exit_code, 0) << text.output;
    for (const char* heading :
         {"Section A: Views, interests and aspirations", "Section B: Special educational needs",
          "Section F: Special educational provision", "Section K: Advice and information"}) {
      EXPECT_NE(text.output.find(heading), std::string::npos) << name << " lacks " << heading;
    }
  }
}

TEST_F(RenderSamples, DocxFilesOpenInPythonDocxWithAllSections) {
  for (const auto& name : Cases()) {
    fs::path docx = *dir_ / (name + ".docx");
    std::string script =
        "import sys, docx\n"
        "d = docx.Document(sys.argv[1])\n"
        "heads = [p.text for p in d.paragraphs if p.style.name.startswith('Heading 1')]\n"
        "print('\\n'.join(heads))\n"
        "print('TABLES', len(d.tables))\n";
    auto result = RunShell("/usr/bin/python3 -c " + testing::ShellQuote(script) + " " +
                           testing::ShellQuote(docx.string()));
    ASSERT_EQ(result.exit_code, 0) << name << "\n" << result.output;
    for (const char* heading :
         {"Section A: Views, interests and aspirations", "Section E: Outcomes",
          "Section H2: Other social care provision", "Section K: Advice and information"}) {
      EXPECT_NE(result.output.find(heading), std::string::npos)
          << name << " lacks " << heading << "\n"
          << result.output;
    }
    EXPECT_EQ(result.output.find("TABLES 0"), std::string::npos) << result.output;
  }
}

}  // namespace
}  // namespace ehcp
