// The lint HTML reports opened in a real browser: headless Chromium takes a screenshot of
// the single-plan report and of the caseload dashboard, and the picture is checked to be
// a rendered page (text, coloured grade badges) rather than a blank or broken one. The
// reports are self-contained, so Chromium must not need the network.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "run_command.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;
using testing::RunEhcp;
using testing::RunShell;
using testing::ShellQuote;

class ReportInBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ehcp-browser-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Screenshot of `html` at 1280 px wide; returns the PNG path.
  std::string Screenshot(const std::string& html, const std::string& name) {
    std::string png = (dir_ / (name + ".png")).string();
    auto shot = RunShell(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
        "--no-first-run --user-data-dir=" +
        ShellQuote((dir_ / "profile").string()) + " --window-size=1280,2400 --screenshot=" +
        ShellQuote(png) + " " + ShellQuote("file://" + html));
    EXPECT_TRUE(fs::exists(png)) << shot.output;
    return png;
  }

  // What the picture holds: "size dark-share colours red-badge green-badge".
  std::string Measure(const std::string& png) {
    auto m = RunShell(
        "/usr/bin/python3 -c " +
        ShellQuote("import sys\n"
                   "from PIL import Image\n"
                   "im = Image.open(sys.argv[1]).convert('RGB')\n"
                   "px = list(im.getdata())\n"
                   "dark = sum(1 for r, g, b in px if r + g + b < 200) / len(px)\n"
                   "red = any(r > 140 and g < 60 and b < 60 for r, g, b in px)\n"
                   "green = any(g > 80 and r < 60 and b < 80 for r, g, b in px)\n"
                   "print(im.size[0], round(dark, 4), len(set(px)), int(red), int(green))\n") +
        " " + ShellQuote(png));
    EXPECT_EQ(m.exit_code, 0) << m.output;
    return m.output;
  }

  fs::path dir_;
};

TEST_F(ReportInBrowser, WeakPlanReportRendersWithItsGrades) {
  std::string html = (dir_ / "weak.html").string();
  auto lint = RunEhcp({"lint", "--format", "html", "-o", html, EHCP_SAMPLES "/weak-plan/plan.xml"});
  ASSERT_EQ(lint.exit_code, 1) << lint.output;  // the weak plan has errors
  std::istringstream fields(Measure(Screenshot(html, "weak")));
  int width = 0, colours = 0, red = 0, green = 0;
  double dark = 0;
  fields >> width >> dark >> colours >> red >> green;
  EXPECT_EQ(width, 1280);
  EXPECT_GT(dark, 0.005) << "text is drawn";
  EXPECT_GT(colours, 50) << "anti-aliased text and coloured badges, not a blank page";
  EXPECT_EQ(red, 1) << "the Inadequate badge";
  EXPECT_EQ(green, 1) << "an Outstanding badge";
}

TEST_F(ReportInBrowser, CaseloadDashboardRenders) {
  std::string html = (dir_ / "dashboard.html").string();
  auto lint =
      RunEhcp({"lint", "--format", "html", "-o", html, EHCP_SAMPLES "/weak-plan/plan.xml",
               EHCP_SAMPLES "/ks3-autism-anxiety/plan.xml", EHCP_SAMPLES "/year10-pfa/plan.xml"});
  ASSERT_EQ(lint.exit_code, 1) << lint.output;
  std::istringstream fields(Measure(Screenshot(html, "dashboard")));
  int width = 0, colours = 0;
  double dark = 0;
  fields >> width >> dark >> colours;
  EXPECT_EQ(width, 1280);
  EXPECT_GT(dark, 0.002);
  EXPECT_GT(colours, 50);
}

}  // namespace
}  // namespace ehcp
