// Exponential backoff with full jitter, and Retry-After / HTTP-date parsing (RFC 9110).
#include "kiosk/sync/backoff.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <vector>

namespace kiosk::sync {

using namespace std::chrono;

Backoff::Backoff(Millis base, Millis cap, uint64_t seed)
    : base_(std::max(base, Millis(1))),
      cap_(std::max(cap, std::max(base, Millis(1)))),
      rng_(seed) {}

Millis Backoff::ceiling(int failures) const {
  if (failures < 1) failures = 1;
  Millis c = base_;
  // Doubling stops at the cap, so the shift can never overflow.
  for (int i = 1; i < failures && c < cap_; ++i) c *= 2;
  return std::min(c, cap_);
}

Millis Backoff::delay(int failures) {
  std::uniform_int_distribution<int64_t> pick(0, ceiling(failures).count());
  return Millis(pick(rng_));
}

Millis Backoff::delay(int failures, std::optional<Millis> retry_after) {
  Millis d = delay(failures);
  if (retry_after) d = std::max(d, std::min(*retry_after, cap_));
  return d;
}

namespace {

int month_index(const std::string& m) {
  static const char* names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i)
    if (m == names[i]) return i;
  return -1;
}

bool is_day_name(const std::string& d, bool long_form) {
  static const char* shorts[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* longs[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                "Friday", "Saturday", "Sunday"};
  for (int i = 0; i < 7; ++i)
    if (d == (long_form ? longs[i] : shorts[i])) return true;
  return false;
}

bool all_digits(const std::string& s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool parse_clock(const std::string& s, std::tm& tm) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return false;
  if (!all_digits(s.substr(0, 2), 2) || !all_digits(s.substr(3, 2), 2) ||
      !all_digits(s.substr(6, 2), 2))
    return false;
  tm.tm_hour = std::stoi(s.substr(0, 2));
  tm.tm_min = std::stoi(s.substr(3, 2));
  tm.tm_sec = std::stoi(s.substr(6, 2));
  return tm.tm_hour <= 23 && tm.tm_min <= 59 && tm.tm_sec <= 60;
}

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool finish(std::tm& tm, system_clock::time_point& out) {
  if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_year < 0) return false;
  out = system_clock::from_time_t(timegm(&tm));
  return true;
}

}  // namespace

bool parse_http_date(const std::string& s, system_clock::time_point& out) {
  std::vector<std::string> t = split_spaces(s);
  std::tm tm{};
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (t.size() == 6 && t[0].size() == 4 && t[0][3] == ',' &&
      is_day_name(t[0].substr(0, 3), false)) {
    if (!all_digits(t[1], 2) || (tm.tm_mon = month_index(t[2])) < 0 || !all_digits(t[3], 4) ||
        t[5] != "GMT")
      return false;
    tm.tm_mday = std::stoi(t[1]);
    tm.tm_year = std::stoi(t[3]) - 1900;
    return parse_clock(t[4], tm) && finish(tm, out);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" (two-digit years: 70-99 -> 19xx, else 20xx)
  if (t.size() == 4 && !t[0].empty() && t[0].back() == ',' &&
      is_day_name(t[0].substr(0, t[0].size() - 1), true)) {
    const std::string& d = t[1];
    if (d.size() != 9 || d[2] != '-' || d[6] != '-' || !all_digits(d.substr(0, 2), 2) ||
        !all_digits(d.substr(7, 2), 2))
      return false;
    if ((tm.tm_mon = month_index(d.substr(3, 3))) < 0 || t[3] != "GMT") return false;
    tm.tm_mday = std::stoi(d.substr(0, 2));
    int yy = std::stoi(d.substr(7, 2));
    tm.tm_year = (yy >= 70 ? 1900 + yy : 2000 + yy) - 1900;
    return parse_clock(t[2], tm) && finish(tm, out);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (t.size() == 5 && is_day_name(t[0], false)) {
    if ((tm.tm_mon = month_index(t[1])) < 0 || t[2].empty() || t[2].size() > 2 ||
        !all_digits(t[2], t[2].size()) || !all_digits(t[4], 4))
      return false;
    tm.tm_mday = std::stoi(t[2]);
    tm.tm_year = std::stoi(t[4]) - 1900;
    return parse_clock(t[3], tm) && finish(tm, out);
  }
  return false;
}

std::optional<Millis> parse_retry_after(const std::string& raw, const std::string& date_header,
                                        system_clock::time_point now_wall) {
  std::string v = raw;
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
  size_t start = v.find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  v = v.substr(start);
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    // delta-seconds; anything past ~31 years is as good as forever (the cap applies anyway).
    if (v.size() > 9) return Millis(seconds(999999999));
    return Millis(seconds(std::stoll(v)));
  }
  system_clock::time_point when;
  if (!parse_http_date(v, when)) return std::nullopt;
  system_clock::time_point reference = now_wall;
  system_clock::time_point server_now;
  if (parse_http_date(date_header, server_now)) reference = server_now;
  if (when <= reference) return Millis(0);
  return duration_cast<Millis>(when - reference);
}

}  // namespace kiosk::sync
