// The one calendar: leap years, month ends, strict parsing and its year range, day arithmetic and
// weekdays, relative bounds, and dates and times written the same way in English and Spanish by
// every caller (forms, events, validation messages).
#include <catch2/catch.hpp>

#include "kiosk/app/event_text.h"
#include "kiosk/content/value_rules.h"
#include "kiosk/core/calendar.h"
#include "kiosk/forms/civil_date.h"

using kiosk::Lang;
namespace cal = kiosk::cal;
using cal::Date;

TEST_CASE("calendar: leap years and month ends") {
  CHECK_FALSE(cal::is_leap_year(1900));
  CHECK(cal::is_leap_year(2000));
  CHECK(cal::is_leap_year(2024));
  CHECK_FALSE(cal::is_leap_year(2100));
  CHECK_FALSE(cal::is_leap_year(2026));
  CHECK(cal::days_in_month(1900, 2) == 28);
  CHECK(cal::days_in_month(2000, 2) == 29);
  CHECK(cal::days_in_month(2024, 2) == 29);
  CHECK(cal::days_in_month(2100, 2) == 28);
  CHECK(cal::days_in_month(2026, 4) == 30);
  CHECK(cal::days_in_month(2026, 12) == 31);
  CHECK(cal::days_in_month(2026, 13) == 0);
  CHECK(cal::parse_date("2000-02-29"));
  CHECK(cal::parse_date("2024-02-29"));
  CHECK_FALSE(cal::parse_date("1900-02-29"));
  CHECK_FALSE(cal::parse_date("2100-02-29"));
  CHECK(cal::parse_date("2026-04-30"));
  CHECK_FALSE(cal::parse_date("2026-04-31"));
  CHECK(cal::parse_date("2026-12-31") == Date{2026, 12, 31});
}

TEST_CASE("calendar: strict YYYY-MM-DD in the documented year range") {
  CHECK(cal::parse_date(std::to_string(cal::kMinYear) + "-01-01"));
  CHECK(cal::parse_date(std::to_string(cal::kMaxYear) + "-12-31"));
  for (const char* bad : {"1899-12-31", "2200-01-01", "2026-00-10", "2026-13-01", "2026-01-00",
                          "2026-1-05", "2026/01/05", "26-01-05", "2026-01-05 ", " 2026-01-05",
                          "2026-01-0x", "+026-01-05", "", "today"}) {
    INFO(bad);
    CHECK_FALSE(cal::parse_date(bad));
  }
  CHECK(cal::parse_time("7:05") == cal::TimeOfDay{7, 5});
  CHECK(cal::parse_time("23:59") == cal::TimeOfDay{23, 59});
  for (const char* bad : {"24:00", "12:60", "12:5", "123:00", "12-30", "", "12:30 "}) {
    INFO(bad);
    CHECK_FALSE(cal::parse_time(bad));
  }
}

TEST_CASE("calendar: day arithmetic and weekdays across month, year and century ends") {
  CHECK(cal::days_from_civil(Date{1970, 1, 1}) == 0);
  CHECK(cal::days_from_civil(Date{1969, 12, 31}) == -1);
  CHECK(cal::civil_from_days(cal::days_from_civil(Date{2024, 2, 29})) == Date{2024, 2, 29});
  CHECK(cal::add_days(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(cal::add_days(Date{2100, 2, 28}, 1) == Date{2100, 3, 1});
  CHECK(cal::add_days(Date{2026, 12, 31}, 1) == Date{2027, 1, 1});
  CHECK(cal::add_days(Date{2026, 3, 1}, -1) == Date{2026, 2, 28});
  CHECK(cal::add_days(Date{2026, 3, 5}, -3650) == Date{2016, 3, 7});
  CHECK(cal::weekday(Date{1970, 1, 1}) == 4);  // Thursday
  CHECK(cal::weekday(Date{2000, 1, 1}) == 6);  // Saturday
  CHECK(cal::weekday(Date{2026, 8, 4}) == 2);  // Tuesday
  CHECK(cal::weekday(Date{1900, 1, 1}) == 1);  // Monday
}

TEST_CASE("calendar: relative date bounds") {
  CHECK(cal::parse_date_bound("today-3650d")->resolve(Date{2026, 3, 5}) == Date{2016, 3, 7});
  CHECK(cal::parse_date_bound("1950-06-01")->date == Date{1950, 6, 1});
  CHECK(cal::parse_date_bound("today+73000d"));
  CHECK_FALSE(cal::parse_date_bound("today+73001d"));
  // Content and forms accept the same bounds.
  for (const char* s : {"today", "today+7d", "today-36500d", "1950-06-01", "2199-12-31",
                        "today+73001d", "1899-12-31", "next week"}) {
    INFO(s);
    CHECK(kiosk::content::check_relative_date(s).empty() == cal::parse_date_bound(s).has_value());
  }
}

TEST_CASE("calendar: dates and times read the same in English and Spanish everywhere") {
  Date d{2026, 8, 4};
  CHECK(cal::format_date(d) == "2026-08-04");
  CHECK(cal::format_date_long(d, Lang::En) == "August 4, 2026");
  CHECK(cal::format_date_long(d, Lang::Es) == "4 de agosto de 2026");
  CHECK(cal::format_date_with_weekday(d, Lang::En) == "Tuesday, August 4, 2026");
  CHECK(cal::format_date_with_weekday(d, Lang::Es) == "Martes, 4 de agosto de 2026");
  CHECK(cal::format_date_with_weekday(Date{2027, 3, 3}, Lang::Es) ==
        "Miércoles, 3 de marzo de 2027");
  CHECK(cal::month_name(1, Lang::Es) == "enero");
  CHECK(cal::weekday_name(0, Lang::En) == "Sunday");

  for (auto [hhmm, en, es] : {std::tuple{"18:00", "6:00 PM", "6:00 p. m."},
                              std::tuple{"00:05", "12:05 AM", "12:05 a. m."},
                              std::tuple{"12:00", "12:00 PM", "12:00 p. m."},
                              std::tuple{"09:30", "9:30 AM", "9:30 a. m."}}) {
    INFO(hhmm);
    auto t = cal::parse_time(hhmm);
    REQUIRE(t);
    CHECK(cal::format_time_display(*t, Lang::En) == en);
    CHECK(cal::format_time_display(*t, Lang::Es) == es);
    // The events screens and the form's time answers agree.
    CHECK(kiosk::format_time(hhmm, Lang::En) == en);
    CHECK(kiosk::format_time(hhmm, Lang::Es) == es);
    CHECK(kiosk::forms::format_time_display(*t, Lang::Es) == es);
  }
  // The events screens and the form's dates agree too.
  CHECK(kiosk::format_date("2026-08-04", Lang::Es) == cal::format_date_with_weekday(d, Lang::Es));
  CHECK(kiosk::forms::format_date_long(d, Lang::En) == cal::format_date_long(d, Lang::En));
}
