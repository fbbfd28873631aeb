// Calendar arithmetic is <chrono>'s (leap years, month ends, weekdays); what GCC 12 lacks,
// parsing and formatting, is written here once.
#include "kiosk/core/calendar.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "kiosk/core/strings.h"

namespace kiosk::cal {
namespace {

namespace ch = std::chrono;

// Exactly `n` ASCII digits at s[pos..pos+n) as a number.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  out = 0;
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

ch::year_month_day to_ymd(const Date& d) {
  return ch::year{d.year} / ch::month{static_cast<unsigned>(d.month)} /
         ch::day{static_cast<unsigned>(d.day)};
}

Date from_ymd(const ch::year_month_day& ymd) {
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// A Spanish weekday is written lower case ("martes") but starts the date line: capitalise it.
// Every weekday name starts with an ASCII letter in both languages.
std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day))
    return std::nullopt;
  if (d.year < kMinYear || d.year > kMaxYear || !to_ymd(d).ok()) return std::nullopt;
  return d;
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

bool is_leap_year(int year) { return ch::year{year}.is_leap(); }

int days_in_month(int year, int month) {
  if (month < 1 || month > 12) return 0;
  auto last = ch::year{year} / ch::month{static_cast<unsigned>(month)} / ch::last;
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

long days_from_civil(const Date& d) {
  return static_cast<long>(ch::sys_days{to_ymd(d)}.time_since_epoch().count());
}

Date civil_from_days(long days) {
  return from_ymd(ch::year_month_day{ch::sys_days{ch::days{days}}});
}

Date add_days(const Date& d, long days) { return civil_from_days(days_from_civil(d) + days); }

int weekday(const Date& d) {
  return static_cast<int>(ch::weekday{ch::sys_days{to_ymd(d)}}.c_encoding());
}

Date local_date(Clock::Wall t) {
  // <chrono>'s time zones (current_zone) are not in GCC 12: the C library reads TZ.
  std::time_t tt = ch::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::optional<DateBound> parse_date_bound(std::string_view s) {
  DateBound b;
  if (s == "today") {
    b.relative = true;
    return b;
  }
  if (s.starts_with("today") && s.size() >= 8 && (s[5] == '+' || s[5] == '-') && s.back() == 'd') {
    std::string_view num = s.substr(6, s.size() - 7);
    int n = 0;
    if (num.empty() || num.size() > 6 || !digits(num, 0, num.size(), n) || n > kMaxBoundOffsetDays)
      return std::nullopt;
    b.relative = true;
    b.offset_days = s[5] == '-' ? -n : n;
    return b;
  }
  auto d = parse_date(s);
  if (!d) return std::nullopt;
  b.date = *d;
  return b;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_time(const TimeOfDay& t) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour % 24, t.minute % 60);
  return buf;
}

std::string month_name(int month, Lang lang) {
  return Strings::builtin().get(lang, "cal.month." + std::to_string(month));
}

std::string weekday_name(int weekday, Lang lang) {
  return Strings::builtin().get(lang, "cal.weekday." + std::to_string(weekday));
}

std::string format_date_long(const Date& d, Lang lang) {
  return Strings::builtin().format(lang, "cal.date_long",
                                   {{"day", std::to_string(d.day)},
                                    {"month", month_name(d.month, lang)},
                                    {"year", std::to_string(d.year)}});
}

std::string format_date_with_weekday(const Date& d, Lang lang) {
  return capitalised(weekday_name(weekday(d), lang)) + ", " + format_date_long(d, lang);
}

std::string format_time_display(const TimeOfDay& t, Lang lang) {
  int h12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  const std::string& suffix =
      Strings::builtin().get(lang, t.hour % 24 >= 12 ? "time.pm" : "time.am");
  char buf[8];
  std::snprintf(buf, sizeof buf, "%d:%02d", h12, t.minute % 60);
  return buf + (" " + suffix);
}

}  // namespace kiosk::cal
