// Council wording filled from numbers: the noun agrees with the number ("1 week"), in the
// wording itself so that a council rewording it keeps the choice.

#include "policy/wording.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

namespace ehcp {
namespace {

TEST(FillWordingTest, ANounAgreesWithItsNumber) {
  const std::string text = "within {weeks} {weeks|week|weeks} of the request";
  EXPECT_EQ(FillWording(text, {{"weeks", "1"}}), "within 1 week of the request");
  EXPECT_EQ(FillWording(text, {{"weeks", "6"}}), "within 6 weeks of the request");
  EXPECT_EQ(FillWording(text, {{"weeks", "0"}}), "within 0 weeks of the request");
  EXPECT_EQ(FillWording(text, {{"weeks", "11"}}), "within 11 weeks of the request");
}

TEST(FillWordingTest, UnknownNamesAndPlainPlaceholdersAreAsBefore) {
  EXPECT_EQ(FillWording("{child} in {detail}", {{"child", "Sam"}}), "Sam in {detail}");
  // A choice whose number is not known yet stays for the later fill.
  EXPECT_EQ(FillWording("{n} {n|day|days}", {}), "{n} {n|day|days}");
  EXPECT_EQ(FillWording("{n} {n|day|days}", {{"n", "1"}}), "1 day");
  EXPECT_EQ(FillWording("no close {n", {{"n", "1"}}), "no close {n");
  // Only one form given: used for every number.
  EXPECT_EQ(FillWording("{n} {n|sheep}", {{"n", "3"}}), "3 sheep");
}

TEST(FillWordingTest, PlaceholderNameIsBeforeTheForms) {
  EXPECT_EQ(PlaceholderName("weeks|week|weeks"), "weeks");
  EXPECT_EQ(PlaceholderName("child"), "child");
}

TEST(CountedTest, SingularOnlyForOne) {
  EXPECT_EQ(Counted(1, "day", "days"), "1 day");
  EXPECT_EQ(Counted(0, "day", "days"), "0 days");
  EXPECT_EQ(Counted(2, "day", "days"), "2 days");
}

// Every number put into shipped wording (quality/, templates/) with a noun after it has
// the noun chosen by the number: "{weeks} weeks" read "1 weeks" when a council set 1.
TEST(ShippedWordingTest, NoNumberIsFollowedByAFixedPlural) {
  const std::regex fixed(R"((^|[^–\d])\{\{?(\w+)\}\}? (weeks|days|months|years)\b)");
  int files = 0;
  for (const char* folder : {EHCP_SOURCE_DIR "/quality", EHCP_SOURCE_DIR "/templates"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".xml" && ext != ".json" && ext != ".html") continue;
      ++files;
      std::ifstream in(entry.path());
      std::string text((std::istreambuf_iterator<char>(in)), {});
      for (std::sregex_iterator m(text.begin(), text.end(), fixed), end; m != end; ++m)
        ADD_FAILURE() << entry.path() << ": \"" << m->str() << "\": write {" << (*m)[2] << "} {"
                      << (*m)[2] << "|" << std::string((*m)[3]).substr(0, (*m)[3].length() - 1)
                      << "|" << (*m)[3] << "}";
    }
  }
  EXPECT_GT(files, 10);
}

}  // namespace
}  // namespace ehcp
