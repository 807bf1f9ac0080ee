// The sample plans laid out by the real pipeline (loader -> BuildPlanDocument with
// templates/default -> LayoutEngine), in memory, and checked for the layout faults a
// family reading a printed plan met (issue #19): a heading or a section's opening
// sentence left at a page foot, a page left mostly empty mid-plan, a short table split,
// a last page holding only the end of a sentence. Fast: no external program, no file.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "document/plan_document.h"
#include "loader/document_loader.h"
#include "pdf/figure_images.h"
#include "pdf/font_set.h"
#include "pdf/layout_engine.h"

namespace ehcp {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SamplePlans() {
  std::vector<std::string> plans;
  for (const auto& entry : fs::recursive_directory_iterator(EHCP_SAMPLES)) {
    std::string name = entry.path().filename().string();
    if (name == "plan.xml" || name == "current-plan.xml" || name == "amended-plan.xml") {
      plans.push_back(fs::relative(entry.path(), EHCP_SAMPLES).string());
    }
  }
  std::sort(plans.begin(), plans.end());
  return plans;
}

class SampleLayout : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto schemas = SchemaRegistry::WithDocumentSchemas(fs::path(EHCP_SOURCE_DIR) / "schemas");
    LoadedDocument loaded = LoadDocument((fs::path(EHCP_SAMPLES) / GetParam()).string(), *schemas);
    ASSERT_TRUE(loaded.Ok() && loaded.plan.has_value()) << GetParam();
    DiagnosticList diagnostics;
    auto templates = LoadTemplateSet(fs::path(EHCP_SOURCE_DIR) / "templates/default", diagnostics);
    ASSERT_TRUE(templates.has_value());
    document_ = BuildPlanDocument(*loaded.plan, *templates, diagnostics);
    ASSERT_FALSE(diagnostics.HasErrors());
    pdf::FontSet fonts;
    pdf::FigureImages images(templates->folder);
    pdf::LayoutEngine engine(fonts, images, diagnostics);
    ASSERT_TRUE(engine.Run(document_, layout_));
  }

  const pdf::TagElement& Element(int index) const { return layout_.tags.Element(index); }

  // Pages of an element's marked content, in order, one entry per piece.
  void PiecePages(int element, std::vector<int>& pages) const {
    for (const auto& kid : Element(element).kids) {
      if (kid.kind == pdf::TagKid::Kind::kMarkedContent) pages.push_back(kid.page);
      if (kid.kind == pdf::TagKid::Kind::kElement) PiecePages(kid.value, pages);
    }
  }
  std::vector<int> PiecePages(int element) const {
    std::vector<int> pages;
    PiecePages(element, pages);
    return pages;
  }

  std::vector<int> Children(int element) const {
    std::vector<int> out;
    for (const auto& kid : Element(element).kids) {
      if (kid.kind == pdf::TagKid::Kind::kElement) out.push_back(kid.value);
    }
    return out;
  }

  double PageSpace() const { return layout_.geometry.body_top - layout_.geometry.body_bottom; }

  doc::Document document_;
  pdf::Layout layout_;
};

// A heading is on the page of what follows it, and an opening paragraph after it has at
// least two of its lines there (or all of them).
TEST_P(SampleLayout, HeadingsAreKeptWithTwoLinesOfWhatFollows) {
  std::vector<int> top = Children(pdf::TagTree::kDocument);
  int checked = 0;
  for (size_t i = 0; i + 1 < top.size(); ++i) {
    const std::string& type = Element(top[i]).type;
    if (type.size() != 2 || type[0] != 'H') continue;
    std::vector<int> heading = PiecePages(top[i]), next = PiecePages(top[i + 1]);
    if (heading.empty() || next.empty()) continue;
    ++checked;
    EXPECT_EQ(heading.back(), next.front())
        << type << " #" << i << " is stranded at the foot of page " << heading.back() + 1;
    if (Element(top[i + 1]).type == "P") {
      long on_page = std::count(next.begin(), next.end(), heading.back());
      EXPECT_GE(on_page, std::min<long>(2, static_cast<long>(next.size())))
          << type << " #" << i << " has one line of the paragraph after it on page "
          << heading.back() + 1;
    }
  }
  EXPECT_GT(checked, 20);
}

// No page is left more than a third empty, except the page before the document's own
// page break (the cover) and the last page; and the last page holds more than a line.
TEST_P(SampleLayout, NoPageIsLeftMoreThanAThirdEmpty) {
  const auto& pages = layout_.pages;
  ASSERT_GT(pages.size(), 3u);
  for (size_t p = 0; p + 1 < pages.size(); ++p) {
    if (pages[p].ended_by_break) continue;
    double empty = pages[p].filled_to - layout_.geometry.body_bottom;
    EXPECT_LE(empty, PageSpace() / 3) << "page " << p + 1 << " of " << pages.size() << " is "
                                      << static_cast<int>(100 * empty / PageSpace()) << "% empty";
  }
  double last_filled = layout_.geometry.body_top - pages.back().filled_to;
  EXPECT_GT(last_filled, 3 * 12 * 1.3) << "the last page holds less than three lines";
}

// A short table (no taller than a third of a page: the personal budget, an outcome's
// facts) is on one page. Each table's height is measured by laying it out alone.
TEST_P(SampleLayout, ShortTablesAreNotSplit) {
  std::vector<const doc::Table*> tables;
  for (const auto& block : document_.blocks) {
    if (const auto* table = std::get_if<doc::Table>(&block)) tables.push_back(table);
  }
  size_t next = 0;
  int short_tables = 0;
  for (int element : Children(pdf::TagTree::kDocument)) {
    if (Element(element).type != "Table") continue;
    ASSERT_LT(next, tables.size());
    const doc::Table& table = *tables[next++];
    doc::Document alone;
    alone.blocks.push_back(table);
    pdf::Layout measured;
    {
      DiagnosticList diagnostics;
      pdf::FontSet fonts;
      pdf::FigureImages images(EHCP_SOURCE_DIR "/templates/default");
      pdf::LayoutEngine engine(fonts, images, diagnostics);
      ASSERT_TRUE(engine.Run(alone, measured));
    }
    double height = measured.geometry.body_top - measured.pages.front().filled_to;
    if (measured.pages.size() > 1 || height > PageSpace() / 3) continue;
    ++short_tables;
    std::vector<int> pages = PiecePages(element);
    EXPECT_EQ(std::set<int>(pages.begin(), pages.end()).size(), 1u)
        << "\"" << table.caption << "\" (" << static_cast<int>(height)
        << " pt high) is split, first page " << pages.front() + 1;
  }
  EXPECT_EQ(next, tables.size());
  EXPECT_GT(short_tables, 3);
}

// A paragraph of three lines or more leaves no line alone at a page's foot or top.
TEST_P(SampleLayout, NoLineOfAParagraphIsLeftAlone) {
  for (int element : Children(pdf::TagTree::kDocument)) {
    if (Element(element).type != "P") continue;
    std::vector<int> pages = PiecePages(element);
    if (pages.size() < 3 || pages.front() == pages.back()) continue;
    long first = std::count(pages.begin(), pages.end(), pages.front());
    long last = std::count(pages.begin(), pages.end(), pages.back());
    EXPECT_GE(first, 2) << "one line alone at the foot of page " << pages.front() + 1;
    EXPECT_GE(last, 2) << "one line alone at the top of page " << pages.back() + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleLayout, ::testing::ValuesIn(SamplePlans()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace ehcp
