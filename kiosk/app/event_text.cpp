// Event dates and times for the events screens: content's YYYY-MM-DD / HH:MM read through the
// calendar, shown in the one style per language every other screen uses.
#include "kiosk/app/event_text.h"

#include "kiosk/content/catalogue.h"
#include "kiosk/core/calendar.h"

namespace kiosk {

std::string format_date(const std::string& ymd, Lang lang) {
  auto d = cal::parse_date(ymd);
  return d ? cal::format_date_with_weekday(*d, lang) : ymd;
}

std::string format_date_long(const std::string& ymd, Lang lang) {
  auto d = cal::parse_date(ymd);
  return d ? cal::format_date_long(*d, lang) : ymd;
}

std::string format_time(const std::string& hhmm, Lang lang) {
  auto t = cal::parse_time(hhmm);
  return t ? cal::format_time_display(*t, lang) : hhmm;
}

std::string format_event_when(const Event& e, Lang lang) {
  std::string out = format_date(e.date, lang);
  if (!e.end_date.empty() && e.end_date != e.date) out += " – " + format_date(e.end_date, lang);
  if (!e.start_time.empty()) {
    out += " · " + format_time(e.start_time, lang);
    if (!e.end_time.empty()) out += " – " + format_time(e.end_time, lang);
  }
  return out;
}

std::string local_date(Clock::Wall now) { return cal::format_date(cal::local_date(now)); }

}  // namespace kiosk
