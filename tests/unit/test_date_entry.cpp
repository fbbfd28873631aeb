// DateEntry: the date picker's views and taps — a date of birth opens at the decades and any day
// of the last century is four taps away; narrow ranges open at a month; periods outside the range
// are recognised; the month on show never leaves the range.
#include <catch2/catch.hpp>

#include "kiosk/forms/date_entry.h"

using namespace kiosk::forms;

namespace {
const Date kToday{2026, 11, 23};
}

TEST_CASE("date entry: a wide range opens at the decades, 1960 four taps from there") {
  Date lo = add_days(kToday, -43800), hi = kToday;  // the records request's date of birth
  DatePickerState s = open_date_picker("birth", std::nullopt, lo, hi, kToday);
  CHECK(s.field == "birth");
  CHECK(s.view == DateView::Decades);
  auto decades = decades_in_range(lo, hi);
  REQUIRE(decades.size() == 13);  // 1900s (from 1906) .. 2020s
  CHECK(decades.front() == 1900);
  CHECK(decades.back() == 2020);
  choose_decade(s, 1960);
  CHECK(s.view == DateView::Years);
  choose_year(s, 1960);
  CHECK(s.view == DateView::Months);
  CHECK(s.year == 1960);
  choose_month(s, 1960, 3);
  CHECK(s.view == DateView::Days);
  CHECK(s.month == 3);
  // Going up: days -> months -> years -> decades, never further.
  go_up(s);
  CHECK(s.view == DateView::Months);
  go_up(s);
  CHECK(s.view == DateView::Years);
  go_up(s);
  CHECK(s.view == DateView::Decades);
  go_up(s);
  CHECK(s.view == DateView::Decades);
}

TEST_CASE("date entry: an answer or a narrow range opens at a month inside the range") {
  Date lo = add_days(kToday, -3650), hi = kToday;
  DatePickerState s = open_date_picker("crash", std::nullopt, lo, hi, kToday);
  CHECK(s.view == DateView::Days);
  CHECK(s.year == 2026);
  CHECK(s.month == 11);
  DatePickerState with =
      open_date_picker("birth", Date{1960, 3, 14}, add_days(kToday, -43800), kToday, kToday);
  CHECK(with.view == DateView::Days);
  CHECK(with.year == 1960);
  CHECK(with.month == 3);
  // Future-only range: opens at today's month; arrows stop at the range's ends.
  DatePickerState f = open_date_picker("visit", std::nullopt, kToday, add_days(kToday, 60), kToday);
  step_month(f, -1, kToday, add_days(kToday, 60));
  CHECK(f.month == 11);
  step_month(f, 1, kToday, add_days(kToday, 60));
  step_month(f, 1, kToday, add_days(kToday, 60));
  step_month(f, 1, kToday, add_days(kToday, 60));
  CHECK(f.year == 2027);
  CHECK(f.month == 1);  // today + 60 days is January 22, 2027
}

TEST_CASE("date entry: which decades, years and months hold a day of the range") {
  Date lo{1926, 12, 19}, hi{2026, 11, 23};
  CHECK(decade_in_range(1920, lo, hi));
  CHECK_FALSE(decade_in_range(1910, lo, hi));
  CHECK_FALSE(year_in_range(1925, lo, hi));
  CHECK(year_in_range(1926, lo, hi));
  CHECK_FALSE(month_in_range(1926, 11, lo, hi));
  CHECK(month_in_range(1926, 12, lo, hi));
  CHECK(month_in_range(2026, 11, lo, hi));
  CHECK_FALSE(month_in_range(2026, 12, lo, hi));
}

TEST_CASE("date entry: a refused day is forgotten when the view changes") {
  DatePickerState s = open_date_picker("d", std::nullopt, Date{2026, 1, 1}, kToday, kToday);
  s.refused = Date{2026, 11, 24};
  step_month(s, -1, Date{2026, 1, 1}, kToday);
  CHECK_FALSE(s.refused);
  s.refused = Date{2026, 11, 24};
  go_up(s);
  CHECK_FALSE(s.refused);
}
