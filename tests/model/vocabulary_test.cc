#include "model/vocabulary.h"

#include <gtest/gtest.h>

#include "model/plan.h"

namespace ehcp {
namespace {

TEST(VocabularyTest, TokensRoundTripForEveryValue) {
  for (const auto& entry : EnumTable<ProvisionKind>()) {
    EXPECT_EQ(ParseToken<ProvisionKind>(entry.token), entry.value);
    EXPECT_FALSE(entry.label.empty());
  }
  for (const auto& entry : EnumTable<NeedArea>())
    EXPECT_EQ(ParseToken<NeedArea>(entry.token), entry.value);
  EXPECT_EQ(SectionLetter(SectionId::kH1), "H1");
  EXPECT_EQ(EnumTable<SectionId>().size(), 12u);
  EXPECT_FALSE(ParseToken<Period>("sometimes"));
}

TEST(ProvisionItemTest, MinutesPerWeekConvertsPeriods) {
  ProvisionItem item;
  EXPECT_FALSE(item.MinutesPerWeek());
  item.frequency = Frequency{1, Period::kFortnight};
  item.duration_minutes = 30;
  EXPECT_DOUBLE_EQ(*item.MinutesPerWeek(), 15.0);
  item.frequency = Frequency{1, Period::kDay};
  EXPECT_DOUBLE_EQ(*item.MinutesPerWeek(), 150.0);
}

}  // namespace
}  // namespace ehcp
