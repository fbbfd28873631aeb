// Event dates and times as a visitor reads them, in English or Spanish ("Tuesday, August 4, 2026",
// "Martes, 4 de agosto de 2026"), from the text content stores. The calendar (kiosk/core/calendar.h)
// does the parsing and formatting.
#pragma once
#include <string>

#include "kiosk/core/clock.h"
#include "kiosk/core/lang.h"

namespace kiosk {

struct Event;

// "Tuesday, August 4, 2026" / "Martes, 4 de agosto de 2026". `ymd` is YYYY-MM-DD; anything else is
// returned unchanged (the content loader rejects it, so this is only a guard).
std::string format_date(const std::string& ymd, Lang lang);
// "August 4, 2026" / "4 de agosto de 2026" (no weekday: short enough for a button); unchanged
// when malformed.
std::string format_date_long(const std::string& ymd, Lang lang);
// "6:00 PM" / "6:00 p. m." from HH:MM; unchanged when malformed.
std::string format_time(const std::string& hhmm, Lang lang);
// The date (or "first – last" date of a multi-day event) and, when known, "6:00 PM – 9:00 PM",
// joined by " · ".
std::string format_event_when(const Event& e, Lang lang);
// Today's local date as YYYY-MM-DD (the kiosk's own time zone).
std::string local_date(Clock::Wall now);

}  // namespace kiosk
