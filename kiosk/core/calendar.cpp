// Calendar arithmetic is <chrono>'s (leap years, month ends, weekdays); what GCC 12 lacks,
// parsing and formatting, is written here once.
#include "kiosk/core/calendar.h"

#include <algorithm>
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

namespace {
constexpr const char* kWeekdayCodes[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
}

std::optional<int> parse_weekday(std::string_view s) {
  for (int i = 0; i < 7; ++i)
    if (s == kWeekdayCodes[i]) return i;
  return std::nullopt;
}

const char* weekday_code(int weekday) {
  return weekday >= 0 && weekday < 7 ? kWeekdayCodes[weekday] : "?";
}

std::optional<Date> nth_weekday_in_month(int year, int month, const NthWeekday& nth) {
  if (nth.weekday < 0 || nth.weekday > 6) return std::nullopt;
  ch::year_month ym = ch::year{year} / ch::month{static_cast<unsigned>(month)};
  if (!ym.ok()) return std::nullopt;
  ch::weekday wd{static_cast<unsigned>(nth.weekday)};
  ch::year_month_day ymd;
  if (nth.n == -1) {
    ymd = ch::year_month_day{ch::sys_days{ym / ch::weekday_last{wd}}};
  } else if (nth.n >= 1 && nth.n <= 5) {
    ch::year_month_weekday ymw = ym / ch::weekday_indexed{wd, static_cast<unsigned>(nth.n)};
    if (!ymw.ok()) return std::nullopt;  // no 5th such day this month
    ymd = ch::year_month_day{ch::sys_days{ymw}};
  } else {
    return std::nullopt;
  }
  return from_ymd(ymd);
}

bool is_nth_weekday(const Date& d, const NthWeekday& nth) {
  auto day = nth_weekday_in_month(d.year, d.month, nth);
  return day && *day == d;
}

ScheduleVerdict check_schedule(const DateSchedule& s, const Date& d, const Date& today) {
  long ahead = days_from_civil(d) - days_from_civil(today);
  if (s.min_notice_days && ahead < *s.min_notice_days) return ScheduleVerdict::TooLittleNotice;
  if (s.max_notice_days && ahead > *s.max_notice_days) return ScheduleVerdict::TooFarAhead;
  if (s.weekdays != 0 && !(s.weekdays & (1u << weekday(d)))) return ScheduleVerdict::WrongWeekday;
  if (s.nth && !is_nth_weekday(d, *s.nth)) return ScheduleVerdict::WrongNthWeekday;
  return ScheduleVerdict::Ok;
}

std::optional<Date> first_scheduled_day(const DateSchedule& s, const Date& from, const Date& last,
                                        const Date& today) {
  // Every schedule has a day within 400 of any start (weekdays: every week; an n-th weekday:
  // every month, a 5th one at least every three), so the walk is bounded.
  Date d = from;
  if (s.min_notice_days) d = std::max(d, add_days(today, *s.min_notice_days));
  Date end = last;
  if (s.max_notice_days) end = std::min(end, add_days(today, *s.max_notice_days));
  for (int i = 0; i < 400 && !(end < d); ++i, d = add_days(d, 1))
    if (check_schedule(s, d, today) == ScheduleVerdict::Ok) return d;
  return std::nullopt;
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
