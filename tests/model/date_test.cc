#include "model/date.h"

#include <gtest/gtest.h>

namespace ehcp {
namespace {

TEST(DateTest, ParsesIsoDatesAndRejectsImpossibleOnes) {
  EXPECT_EQ(Date::FromIso("2026-02-28"), (Date{2026, 2, 28}));
  EXPECT_EQ(Date::FromIso("2024-02-29Z"), (Date{2024, 2, 29}));
  EXPECT_EQ(Date::FromIso("2024-02-29+01:00"), (Date{2024, 2, 29}));
  EXPECT_FALSE(Date::FromIso("2026-02-29"));
  EXPECT_FALSE(Date::FromIso("2026-13-01"));
  EXPECT_FALSE(Date::FromIso("26-01-01"));
  EXPECT_FALSE(Date::FromIso("2026-01-01T10:00"));
  EXPECT_FALSE(Date::FromIso(""));
}

TEST(DateTest, DayArithmeticRoundTrips) {
  Date d{2026, 1, 5};
  EXPECT_EQ(d.AddDays(20 * 7), (Date{2026, 5, 25}));  // the 20-week limit
  EXPECT_EQ(d.AddDays(-5), (Date{2025, 12, 31}));
  EXPECT_EQ(Date::FromDays(d.DaysSinceEpoch()), d);
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{1970, 1, 1}).Weekday(), 3);  // Thursday
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ((Date{2026, 1, 31}).AddMonths(1), (Date{2026, 2, 28}));
  EXPECT_EQ((Date{2026, 5, 18}).AddMonths(12), (Date{2027, 5, 18}));
  EXPECT_EQ((Date{2026, 11, 30}).AddMonths(-12), (Date{2025, 11, 30}));
}

TEST(DateTest, LongEnglishForm) {
  EXPECT_EQ((Date{2015, 3, 1}).ToLongEnglish(), "1 March 2015");
}

TEST(DateTest, NationalCurriculumYearFollowsTheEnglishSchoolYear) {
  // Born 1 March 2016: turns 5 in 2021, so Reception in 2020/21 and Year 1 in 2021/22.
  Date birth{2016, 3, 1};
  EXPECT_EQ(NationalCurriculumYear(birth, Date{2021, 1, 10}), 0);
  EXPECT_EQ(NationalCurriculumYear(birth, Date{2021, 9, 1}), 1);
  // A 31 August birthday is the youngest in the year; 1 September the oldest of the next.
  EXPECT_EQ(NationalCurriculumYear(Date{2012, 8, 31}, Date{2026, 10, 1}), 10);
  EXPECT_EQ(NationalCurriculumYear(Date{2012, 9, 1}, Date{2026, 10, 1}), 9);
  EXPECT_EQ(AgeInYears(Date{2012, 9, 1}, Date{2026, 8, 31}), 13);
}

}  // namespace
}  // namespace ehcp
