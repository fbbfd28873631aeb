// Civil dates and clock times for form fields: strict YYYY-MM-DD / HH:MM parsing, day arithmetic
// for date bounds ("today-3650d"), the local "today" and long dates in English and Spanish.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"

namespace kiosk::forms {

struct Date {
  int year = 1970, month = 1, day = 1;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Strict "YYYY-MM-DD" naming a real calendar day in years 1900..2199; nullopt otherwise.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(const Date& d);                  // "2026-03-05"
std::string format_date_long(const Date& d, Lang lang);  // "March 5, 2026" / "5 de marzo de 2026"
int days_in_month(int year, int month);

// Days since 1970-01-01 (negative before) and back.
long days_from_civil(const Date& d);
Date civil_from_days(long days);
Date add_days(const Date& d, long days);

// The calendar date at `t` in the kiosk's local time zone (TZ).
Date local_date(Clock::Wall t);

struct TimeOfDay {
  int hour = 0, minute = 0;
  friend bool operator==(const TimeOfDay&, const TimeOfDay&) = default;
};
// "HH:MM" or "H:MM", 24-hour; nullopt otherwise.
std::optional<TimeOfDay> parse_time(std::string_view s);
std::string format_time(const TimeOfDay& t);                  // "07:05"
std::string format_time_display(const TimeOfDay& t, Lang l);  // "7:05 AM" / "7:05 a. m."

}  // namespace kiosk::forms
