// The kiosk's one calendar: civil dates and clock times on C++20 <chrono> (year_month_day,
// weekday, sys_days). Strict YYYY-MM-DD / HH:MM parsing (GCC 12 has no chrono::parse), day
// arithmetic, relative date bounds ("today-3650d"), the local "today", and dates and times as a
// visitor reads them in English and Spanish, with month, weekday and AM/PM words from the string
// tables (cal.*, time.am, time.pm). Forms, content and the event screens all use this.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"

namespace kiosk::cal {

// Every date the kiosk parses lies in these years: birth dates of anyone alive today up to
// bounds two centuries ahead. Content adds its own, narrower rule for event dates.
inline constexpr int kMinYear = 1900, kMaxYear = 2199;

struct Date {
  int year = 1970, month = 1, day = 1;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

struct TimeOfDay {
  int hour = 0, minute = 0;
  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
};

// Strict "YYYY-MM-DD" naming a real calendar day in kMinYear..kMaxYear; nullopt otherwise.
std::optional<Date> parse_date(std::string_view s);
// "HH:MM" or "H:MM", 24-hour; nullopt otherwise.
std::optional<TimeOfDay> parse_time(std::string_view s);

bool is_leap_year(int year);
int days_in_month(int year, int month);  // 0 when month is not 1..12

// Days since 1970-01-01 (negative before) and back; add_days moves by whole days.
long days_from_civil(const Date& d);
Date civil_from_days(long days);
Date add_days(const Date& d, long days);
// 0 = Sunday .. 6 = Saturday.
int weekday(const Date& d);

// The calendar date at `t` in the kiosk's local time zone (TZ).
Date local_date(Clock::Wall t);

// A date bound as forms and content write it: "today", "today+7d", "today-3650d" (at most
// kMaxBoundOffsetDays either way) or a fixed YYYY-MM-DD.
inline constexpr long kMaxBoundOffsetDays = 365L * 200;
struct DateBound {
  bool relative = false;
  long offset_days = 0;  // when relative
  Date date;             // when fixed
  Date resolve(const Date& today) const { return relative ? add_days(today, offset_days) : date; }
};
std::optional<DateBound> parse_date_bound(std::string_view s);

// A date field's schedule (docs/forms.md, "Schedules"): which days of its range may be chosen.
// Weekdays are written "sun" .. "sat" in forms and content.
std::optional<int> parse_weekday(std::string_view s);  // "sat" -> 6; nullopt otherwise
const char* weekday_code(int weekday);                 // 6 -> "sat"

// The n-th given weekday of a month: n 1..5, or -1 for the last one.
struct NthWeekday {
  int n = 1;
  int weekday = 6;
  friend bool operator==(const NthWeekday&, const NthWeekday&) = default;
};
// That day in `year`/`month`; nullopt when the month has no such day (a 5th Saturday).
std::optional<Date> nth_weekday_in_month(int year, int month, const NthWeekday& nth);
bool is_nth_weekday(const Date& d, const NthWeekday& nth);

inline constexpr int kMaxNoticeDays = 3650;

struct DateSchedule {
  unsigned weekdays = 0;          // bit w set: weekday w (0 = Sunday) may be chosen; 0 = any day
  std::optional<NthWeekday> nth;  // only this day of each month
  std::optional<int> min_notice_days, max_notice_days;  // from today, 0..kMaxNoticeDays

  bool empty() const { return weekdays == 0 && !nth && !min_notice_days && !max_notice_days; }
};

// Why a day does not fit a schedule, first the notice (what a visitor most often gets wrong),
// then the day of the week.
enum class ScheduleVerdict { Ok, TooLittleNotice, TooFarAhead, WrongWeekday, WrongNthWeekday };
ScheduleVerdict check_schedule(const DateSchedule& s, const Date& d, const Date& today);
// The first day on or after `from`, up to `last`, that fits the schedule; nullopt when none does.
std::optional<Date> first_scheduled_day(const DateSchedule& s, const Date& from, const Date& last,
                                        const Date& today);

std::string format_date(const Date& d);       // "2026-03-05"
std::string format_time(const TimeOfDay& t);  // "07:05"

// As a visitor reads them; words from Strings::builtin().
std::string month_name(int month, Lang lang);            // "March" / "marzo"
std::string weekday_name(int weekday, Lang lang);        // 0 = Sunday: "Sunday" / "domingo"
std::string format_date_long(const Date& d, Lang lang);  // "March 5, 2026" / "5 de marzo de 2026"
// "Tuesday, August 4, 2026" / "Martes, 4 de agosto de 2026".
std::string format_date_with_weekday(const Date& d, Lang lang);
// One style per language everywhere: "6:05 PM" / "6:05 p. m." (as Spanish content writes times).
std::string format_time_display(const TimeOfDay& t, Lang lang);

}  // namespace kiosk::cal
