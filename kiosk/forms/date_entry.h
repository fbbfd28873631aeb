// DateEntry: the calendar's navigation for one date field, without drawing — which view is on
// show (the decades, the years of one decade, the months of one year, the days of one month), what
// each tap leads to, and which decades, years, months and days can be chosen in a range. A wide
// range (a date of birth) opens at the decades, so any date of the last century is four taps
// away (decade, year, month, day); others open at a month, whose heading leads up to the rest.
// A field's schedule (2nd Saturdays, weekends only) narrows which days and months are offered.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "kiosk/forms/civil_date.h"

namespace kiosk::forms {

enum class DateView { Decades, Years, Months, Days };

// Ranges wider than this open at the decades: lifetimes, not recent events.
inline constexpr long kWideRangeDays = 366L * 25;

struct DatePickerState {
  std::string field;  // the date field this calendar belongs to ("" none open)
  DateView view = DateView::Days;
  int year = 1970, month = 1;   // Days: the month on show; Months: the year; Years: its decade
  std::optional<Date> refused;  // a day outside the range, tapped last: say why under the grid

  bool open_for(const std::string& id) const { return !field.empty() && field == id; }
};

// The calendar as it opens for a field: at the chosen date's month, else at the decades for a
// wide range, else at today's month (kept inside the range; a month whose scheduled days are
// past still opens, its days disabled, so the calendar always starts where the visitor is).
DatePickerState open_date_picker(const std::string& field, std::optional<Date> value, Date lo,
                                 Date hi, Date today);

// Whether the calendar offers day `d`: in [lo, hi] and allowed by the schedule.
bool day_offered(const Date& d, Date lo, Date hi, const cal::DateSchedule& schedule, Date today);
// The days of one month the calendar offers, in order.
std::vector<Date> offered_days(int year, int month, Date lo, Date hi,
                               const cal::DateSchedule& schedule, Date today);
// Whether a month holds a day on offer (a month without a 5th Saturday holds none of those).
bool month_offered(int year, int month, Date lo, Date hi, const cal::DateSchedule& schedule,
                   Date today);

// Whether a period holds at least one day of [lo, hi].
bool decade_in_range(int first_year, Date lo, Date hi);
bool year_in_range(int year, Date lo, Date hi);
bool month_in_range(int year, int month, Date lo, Date hi);
// The first years of the decades that hold a day of [lo, hi], oldest first.
std::vector<int> decades_in_range(Date lo, Date hi);

// Taps. Each changes the view; none chooses a date (a day's tap does, in the caller).
void choose_decade(DatePickerState& s, int first_year);      // -> its years
void choose_year(DatePickerState& s, int year);              // -> its months
void choose_month(DatePickerState& s, int year, int month);  // -> its days
// One level up: days -> months of that year -> years of that decade -> decades.
void go_up(DatePickerState& s);
// The previous / next month on show, never leaving [lo, hi].
void step_month(DatePickerState& s, int delta, Date lo, Date hi);
// The month on show kept inside [lo, hi].
void clamp_month(DatePickerState& s, Date lo, Date hi);

}  // namespace kiosk::forms
