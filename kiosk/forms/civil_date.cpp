// Proleptic Gregorian arithmetic (Howard Hinnant's days_from_civil) and strict date/time parsing.
#include "kiosk/forms/civil_date.h"

#include <cstdio>
#include <ctime>

namespace kiosk::forms {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  out = 0;
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

const char* const kMonthsEn[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
const char* const kMonthsEs[] = {"enero",      "febrero", "marzo",     "abril",
                                 "mayo",       "junio",   "julio",     "agosto",
                                 "septiembre", "octubre", "noviembre", "diciembre"};

}  // namespace

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day))
    return std::nullopt;
  if (d.year < 1900 || d.year > 2199 || d.month < 1 || d.month > 12) return std::nullopt;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_date_long(const Date& d, Lang lang) {
  int m = d.month >= 1 && d.month <= 12 ? d.month - 1 : 0;
  if (lang == Lang::Es)
    return std::to_string(d.day) + " de " + kMonthsEs[m] + " de " + std::to_string(d.year);
  return std::string(kMonthsEn[m]) + " " + std::to_string(d.day) + ", " + std::to_string(d.year);
}

long days_from_civil(const Date& d) {
  long y = d.year - (d.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  Date d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

Date add_days(const Date& d, long days) { return civil_from_days(days_from_civil(d) + days); }

Date local_date(Clock::Wall t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::optional<TimeOfDay> parse_time(std::string_view s) {
  TimeOfDay t;
  std::size_t colon = s.find(':');
  if (colon != 1 && colon != 2) return std::nullopt;
  if (s.size() != colon + 3) return std::nullopt;
  if (!digits(s, 0, colon, t.hour) || !digits(s, colon + 1, 2, t.minute)) return std::nullopt;
  if (t.hour > 23 || t.minute > 59) return std::nullopt;
  return t;
}

std::string format_time(const TimeOfDay& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour % 24, t.minute % 60);
  return buf;
}

std::string format_time_display(const TimeOfDay& t, Lang l) {
  int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  bool pm = t.hour >= 12;
  char buf[24];
  if (l == Lang::Es)
    std::snprintf(buf, sizeof buf, "%d:%02d %s", h12, t.minute % 60, pm ? "p. m." : "a. m.");
  else
    std::snprintf(buf, sizeof buf, "%d:%02d %s", h12, t.minute % 60, pm ? "PM" : "AM");
  return buf;
}

}  // namespace kiosk::forms
