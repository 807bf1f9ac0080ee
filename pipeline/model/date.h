#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ehcp {

// A civil calendar date with no time zone (plan dates are days, not instants).
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  // Parses "YYYY-MM-DD" (an xs:date; a trailing time-zone suffix is ignored).
  static std::optional<Date> FromIso(std::string_view text);
  static Date FromDays(int64_t days_since_epoch);

  std::string ToIso() const;
  // "1 March 2015", the en-GB long form used in plans.
  std::string ToLongEnglish() const;
  int64_t DaysSinceEpoch() const;  // days since 1970-01-01
  Date AddDays(int64_t days) const;
  // Same day of month `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb).
  Date AddMonths(int months) const;
  int Weekday() const;  // 0 = Monday ... 6 = Sunday

  auto operator<=>(const Date&) const = default;
};

bool IsValidDate(int year, int month, int day);
int DaysInMonth(int year, int month);

// Whole years between `birth` and `on` (age on a date).
int AgeInYears(const Date& birth, const Date& on);

// The national curriculum year a child born on `birth` is in during the school year that
// contains `on` (England: the school year runs 1 September – 31 August; Year 1 is the year
// in which the child turns 6). Reception is 0, nursery -1.
int NationalCurriculumYear(const Date& birth, const Date& on);

}  // namespace ehcp
