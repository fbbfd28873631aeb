// DateEntry: view changes and range checks of the date picker (see date_entry.h).
#include "kiosk/forms/date_entry.h"

#include <algorithm>

namespace kiosk::forms {
namespace {

int month_index(int year, int month) { return year * 12 + (month - 1); }

bool overlaps(Date a0, Date a1, Date lo, Date hi) { return !(a1 < lo) && !(hi < a0); }

}  // namespace

bool decade_in_range(int first_year, Date lo, Date hi) {
  return overlaps(Date{first_year, 1, 1}, Date{first_year + 9, 12, 31}, lo, hi);
}

bool year_in_range(int year, Date lo, Date hi) {
  return overlaps(Date{year, 1, 1}, Date{year, 12, 31}, lo, hi);
}

bool month_in_range(int year, int month, Date lo, Date hi) {
  return overlaps(Date{year, month, 1}, Date{year, month, days_in_month(year, month)}, lo, hi);
}

std::vector<int> decades_in_range(Date lo, Date hi) {
  std::vector<int> out;
  for (int d = lo.year / 10 * 10; d <= hi.year; d += 10) out.push_back(d);
  return out;
}

void clamp_month(DatePickerState& s, Date lo, Date hi) {
  int shown = std::clamp(month_index(s.year, s.month), month_index(lo.year, lo.month),
                         month_index(hi.year, hi.month));
  s.year = shown / 12;
  s.month = shown % 12 + 1;
}

bool day_offered(const Date& d, Date lo, Date hi, const cal::DateSchedule& schedule, Date today) {
  return !(d < lo) && !(hi < d) &&
         cal::check_schedule(schedule, d, today) == cal::ScheduleVerdict::Ok;
}

std::vector<Date> offered_days(int year, int month, Date lo, Date hi,
                               const cal::DateSchedule& schedule, Date today) {
  std::vector<Date> out;
  for (int d = 1; d <= days_in_month(year, month); ++d)
    if (day_offered(Date{year, month, d}, lo, hi, schedule, today))
      out.push_back(Date{year, month, d});
  return out;
}

bool month_offered(int year, int month, Date lo, Date hi, const cal::DateSchedule& schedule,
                   Date today) {
  if (!month_in_range(year, month, lo, hi)) return false;
  if (schedule.empty()) return true;
  return !offered_days(year, month, lo, hi, schedule, today).empty();
}

DatePickerState open_date_picker(const std::string& field, std::optional<Date> value, Date lo,
                                 Date hi, Date today) {
  DatePickerState s;
  s.field = field;
  if (value) {
    s.view = DateView::Days;
    s.year = value->year;
    s.month = value->month;
  } else if (days_from_civil(hi) - days_from_civil(lo) > kWideRangeDays) {
    s.view = DateView::Decades;
    Date start = std::min(std::max(today, lo), hi);
    s.year = start.year;
    s.month = start.month;
  } else {
    s.view = DateView::Days;
    Date start = std::min(std::max(today, lo), hi);
    s.year = start.year;
    s.month = start.month;
  }
  clamp_month(s, lo, hi);
  return s;
}

void choose_decade(DatePickerState& s, int first_year) {
  s.view = DateView::Years;
  s.year = first_year;
  s.refused.reset();
}

void choose_year(DatePickerState& s, int year) {
  s.view = DateView::Months;
  s.year = year;
  s.refused.reset();
}

void choose_month(DatePickerState& s, int year, int month) {
  s.view = DateView::Days;
  s.year = year;
  s.month = month;
  s.refused.reset();
}

void go_up(DatePickerState& s) {
  s.refused.reset();
  switch (s.view) {
    case DateView::Days: s.view = DateView::Months; break;
    case DateView::Months: s.view = DateView::Years; break;
    case DateView::Years:
    case DateView::Decades: s.view = DateView::Decades; break;
  }
}

void step_month(DatePickerState& s, int delta, Date lo, Date hi) {
  int shown = month_index(s.year, s.month) + delta;
  s.year = shown / 12;
  s.month = shown % 12 + 1;
  clamp_month(s, lo, hi);
  s.refused.reset();
}

}  // namespace kiosk::forms
