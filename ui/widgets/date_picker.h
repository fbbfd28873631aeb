// DatePicker: the calendar of one date field, in four views (forms::DatePickerState): the decades,
// the years of a decade, the months of a year, and a month's days with previous / next month and
// its heading leading up to the months. Always the same height, so nothing below it moves when the
// view changes. Days outside the range are drawn disabled (low contrast, no border) but still
// answer a tap: the caller says why they cannot be chosen. Days the field's schedule does not
// allow (not a 2nd Saturday) are outside it alike. Today is marked. No typing.
// Labels for scripts: days by the long date ("November 5, 2026"), months "March 1960", years
// "1960", decades "1960–1969", and the headings "November 2026", "Other years", "All decades".
#pragma once
#include <optional>

#include "kiosk/forms/civil_date.h"
#include "kiosk/forms/date_entry.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

struct DateTap {
  std::optional<forms::Date> picked;   // a day in range was tapped
  std::optional<forms::Date> refused;  // a day outside the range or the schedule was tapped
};

// Draws the calendar `width` wide; view changes are made in `state`.
DateTap date_picker(Ui& ui, const char* id, forms::DatePickerState& state,
                    std::optional<forms::Date> value, forms::Date lo, forms::Date hi,
                    forms::Date today, float width, const cal::DateSchedule& schedule = {});
float date_picker_height(const Ui& ui, float width);
// Day of week, 0 = Sunday.
int weekday(const forms::Date& d);

}  // namespace kiosk::ui
