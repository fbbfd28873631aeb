// Exponential backoff with full jitter, and Retry-After / HTTP-date parsing (RFC 9110; the date
// itself through libcurl's curl_getdate).
#include "kiosk/sync/backoff.h"

#include <curl/curl.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <ctime>

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

// RFC 9110 section 5.6.7's three shapes, exactly (libcurl's parser alone also takes loose forms
// such as "4 Aug 2026" or "UTC" that a server must not send); libcurl turns the fields into time.
// RE2, as for content patterns: the header is the server's text, matched in linear time.
bool has_http_date_shape(const std::string& s) {
  static const re2::RE2 shapes = [] {
    const std::string day = "(Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    const std::string month = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    const std::string clock = "[0-9]{2}:[0-9]{2}:[0-9]{2}";
    const std::string imf_fixdate =  // "Sun, 06 Nov 1994 08:49:37 GMT"
        day + ", [0-9]{2} " + month + " [0-9]{4} " + clock + " GMT";
    const std::string rfc850 =  // "Sunday, 06-Nov-94 08:49:37 GMT"
        "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [0-9]{2}-" + month +
        "-[0-9]{2} " + clock + " GMT";
    const std::string asctime =  // "Sun Nov  6 08:49:37 1994"
        day + " " + month + " ( [0-9]|[0-9]{2}) " + clock + " [0-9]{4}";
    return imf_fixdate + "|" + rfc850 + "|" + asctime;
  }();
  return re2::RE2::FullMatch(s, shapes);
}

}  // namespace

bool parse_http_date(const std::string& s, system_clock::time_point& out) {
  if (!has_http_date_shape(s)) return false;
  // Two-digit RFC 850 years: libcurl reads 70-99 as 19xx and 00-69 as 20xx. Out-of-range fields
  // (hour 25, day 32) make it return -1.
  std::time_t t = curl_getdate(s.c_str(), nullptr);
  if (t == -1) return false;
  // A four-digit year runs from 0000 to 9999, beyond what system_clock's nanoseconds hold (1677 to
  // 2262: from_time_t overflowed, found by tests/fuzz). Clamped: such a date is as good as
  // "never" (or "long ago"), and the backoff cap bounds any wait.
  constexpr std::time_t kLatest = 7258118399;  // 2199-12-31T23:59:59Z
  out = system_clock::from_time_t(std::clamp<std::time_t>(t, 0, kLatest));
  return true;
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
