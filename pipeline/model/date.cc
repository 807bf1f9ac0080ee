#include "model/date.h"

#include <array>
#include <charconv>

namespace ehcp {

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

static bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::optional<Date> Date::FromIso(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  std::string_view rest = text.substr(10);
  // Allow an xs:date time-zone suffix: Z or +hh:mm / -hh:mm.
  if (!rest.empty() && rest != "Z" && !(rest.size() == 6 && (rest[0] == '+' || rest[0] == '-')))
    return std::nullopt;
  Date d;
  if (!ParseInt(text.substr(0, 4), d.year) || !ParseInt(text.substr(5, 2), d.month) ||
      !ParseInt(text.substr(8, 2), d.day))
    return std::nullopt;
  if (!IsValidDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t Date::DaysSinceEpoch() const {
  int y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::ToLongEnglish() const {
  static constexpr std::array<const char*, 12> kMonths = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  if (month < 1 || month > 12) return ToIso();
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
}

Date Date::AddDays(int64_t days) const {
  return FromDays(DaysSinceEpoch() + days);
}

Date Date::AddMonths(int months) const {
  int total = year * 12 + (month - 1) + months;
  Date d{total / 12, total % 12 + 1, day};
  int last = DaysInMonth(d.year, d.month);
  if (d.day > last) d.day = last;
  return d;
}

int Date::Weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int64_t w = (DaysSinceEpoch() + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int AgeInYears(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

int NationalCurriculumYear(const Date& birth, const Date& on) {
  // Academic year containing `on` starts in September of `start_year`.
  int start_year = on.month >= 9 ? on.year : on.year - 1;
  // Age on 31 August at the start of that academic year.
  int age = AgeInYears(birth, Date{start_year, 8, 31});
  return age - 4;  // aged 5 on 31 August -> Year 1 (turns 6 during the year).
}

}  // namespace ehcp
