// The forms library's names for the calendar (kiosk/core/calendar.h), which owns parsing, day
// arithmetic and formatting; kept so form code and its callers read forms::Date, forms::parse_date.
#pragma once
#include "kiosk/core/calendar.h"

namespace kiosk::forms {

using cal::add_days;
using cal::civil_from_days;
using cal::Date;
using cal::days_from_civil;
using cal::days_in_month;
using cal::format_date;
using cal::format_date_long;
using cal::format_time;
using cal::format_time_display;
using cal::local_date;
using cal::parse_date;
using cal::parse_time;
using cal::TimeOfDay;

}  // namespace kiosk::forms
