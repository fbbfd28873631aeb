// Event date/time formatting: civil-date weekday arithmetic and month/weekday names in EN/ES.
#include "kiosk/app/event_text.h"

#include <cstdio>
#include <ctime>

#include "kiosk/content/catalogue.h"

namespace kiosk {
namespace {

const char* const kMonthsEn[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
const char* const kMonthsEs[] = {"enero",      "febrero", "marzo",     "abril",
                                 "mayo",       "junio",   "julio",     "agosto",
                                 "septiembre", "octubre", "noviembre", "diciembre"};
const char* const kDaysEn[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                               "Thursday", "Friday", "Saturday"};
const char* const kDaysEs[] = {"Domingo", "Lunes",   "Martes", "Miércoles",
                               "Jueves",  "Viernes", "Sábado"};

bool parse_ymd(const std::string& s, int& y, int& m, int& d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

// 0 = Sunday. Days-from-civil (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
int weekday(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long days =
      era * 146097L + static_cast<long>(doe) - 719468L;  // days since 1970-01-01 (a Thursday)
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

bool parse_hm(const std::string& s, int& h, int& m) {
  if (s.size() != 5 || s[2] != ':') return false;
  char tail = 0;
  return std::sscanf(s.c_str(), "%2d:%2d%c", &h, &m, &tail) == 2 && h >= 0 && h <= 23 && m >= 0 &&
         m <= 59;
}

}  // namespace

std::string format_date(const std::string& ymd, Lang lang) {
  int y, m, d;
  if (!parse_ymd(ymd, y, m, d)) return ymd;
  int wd = weekday(y, m, d);
  char buf[96];
  if (lang == Lang::Es)
    std::snprintf(buf, sizeof buf, "%s, %d de %s de %d", kDaysEs[wd], d, kMonthsEs[m - 1], y);
  else
    std::snprintf(buf, sizeof buf, "%s, %s %d, %d", kDaysEn[wd], kMonthsEn[m - 1], d, y);
  return buf;
}

std::string format_time(const std::string& hhmm, Lang lang) {
  int h, m;
  if (!parse_hm(hhmm, h, m)) return hhmm;
  char buf[32];
  if (lang == Lang::Es) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  } else {
    int h12 = h % 12 == 0 ? 12 : h % 12;
    std::snprintf(buf, sizeof buf, "%d:%02d %s", h12, m, h < 12 ? "AM" : "PM");
  }
  return buf;
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

std::string local_date(Clock::Wall now) {
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace kiosk
