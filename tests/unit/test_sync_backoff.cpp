// Backoff: full-jitter delays stay inside [0, min(cap, base*2^(n-1))] and use that whole range;
// Retry-After (delta-seconds and the three HTTP-date forms) is parsed, relative to the server's
// own Date header when present, and honoured up to the cap.
#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/core/clock.h"
#include "kiosk/sync/backoff.h"

using namespace std::chrono;
using kiosk::sync::Backoff;
using kiosk::sync::Millis;
using kiosk::sync::parse_http_date;
using kiosk::sync::parse_retry_after;

namespace {
system_clock::time_point utc(const char* rfc3339) {
  system_clock::time_point t;
  REQUIRE(kiosk::parse_rfc3339(rfc3339, t));
  return t;
}
}  // namespace

TEST_CASE("backoff ceiling doubles from the base and stops at the cap") {
  Backoff b(seconds(5), minutes(15), 1);
  CHECK(b.ceiling(0) == seconds(5));
  CHECK(b.ceiling(1) == seconds(5));
  CHECK(b.ceiling(2) == seconds(10));
  CHECK(b.ceiling(3) == seconds(20));
  CHECK(b.ceiling(8) == seconds(640));
  CHECK(b.ceiling(9) == minutes(15));
  CHECK(b.ceiling(1000000) == minutes(15));  // no overflow however many failures
}

TEST_CASE("full jitter draws from the whole range [0 - ceiling]") {
  Backoff b(seconds(5), minutes(15), 42);
  for (int n : {1, 2, 4, 9, 50}) {
    Millis lo = Millis::max(), hi = Millis::zero();
    double sum = 0;
    const int draws = 4000;
    for (int i = 0; i < draws; ++i) {
      Millis d = b.delay(n);
      REQUIRE(d >= Millis::zero());
      REQUIRE(d <= b.ceiling(n));
      lo = std::min(lo, d);
      hi = std::max(hi, d);
      sum += static_cast<double>(d.count());
    }
    double c = static_cast<double>(b.ceiling(n).count());
    CHECK(static_cast<double>(lo.count()) < 0.01 * c);  // reaches near zero...
    CHECK(static_cast<double>(hi.count()) > 0.99 * c);  // ...and near the ceiling
    CHECK(sum / draws == Approx(c / 2).epsilon(0.05));  // uniform: mean is half the ceiling
  }
}

TEST_CASE("the same seed gives the same delays - different seeds differ") {
  Backoff a(seconds(5), minutes(15), 7), b(seconds(5), minutes(15), 7),
      c(seconds(5), minutes(15), 8);
  bool differs = false;
  for (int i = 1; i < 20; ++i) {
    Millis da = a.delay(i);
    CHECK(da == b.delay(i));
    differs = differs || da != c.delay(i);
  }
  CHECK(differs);
}

TEST_CASE("Retry-After longer than the jitter wins - but never beyond the cap") {
  Backoff b(seconds(5), seconds(60), 3);
  CHECK(b.delay(1, Millis(seconds(30))) >= seconds(30));
  CHECK(b.delay(1, Millis(seconds(30))) <= seconds(60));
  CHECK(b.delay(1, Millis(hours(48))) == seconds(60));
  for (int i = 0; i < 200; ++i) CHECK(b.delay(1, Millis(0)) <= seconds(5));
}

TEST_CASE("Retry-After as delta-seconds") {
  auto now = utc("2026-08-04T18:00:00Z");
  CHECK(parse_retry_after("120", "", now) == Millis(seconds(120)));
  CHECK(parse_retry_after(" 0 ", "", now) == Millis(0));
  CHECK(parse_retry_after("99999999999999999999", "", now) >= Millis(hours(24 * 365)));
  CHECK_FALSE(parse_retry_after("", "", now));
  CHECK_FALSE(parse_retry_after("-5", "", now));
  CHECK_FALSE(parse_retry_after("1.5", "", now));
  CHECK_FALSE(parse_retry_after("soon", "", now));
}

TEST_CASE("Retry-After as an HTTP-date - in each of the three forms") {
  auto now = utc("1994-11-06T08:49:00Z");
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", "", now) == Millis(seconds(37)));
  CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", "", now) == Millis(seconds(37)));
  CHECK(parse_retry_after("Sun Nov  6 08:49:37 1994", "", now) == Millis(seconds(37)));
  // A date in the past means "now".
  CHECK(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", "", now) == Millis(0));
}

TEST_CASE(
    "an HTTP-date Retry-After is measured against the server's Date - not the booth's clock") {
  // The booth's clock is a year off; the server's own Date header puts Retry-After 90 s ahead.
  auto booth_now = utc("2025-01-01T00:00:00Z");
  auto d = parse_retry_after("Tue, 04 Aug 2026 18:01:30 GMT", "Tue, 04 Aug 2026 18:00:00 GMT",
                             booth_now);
  CHECK(d == Millis(seconds(90)));
  // An unreadable Date header falls back to the booth's clock.
  auto d2 =
      parse_retry_after("Tue, 04 Aug 2026 18:01:30 GMT", "yesterday", utc("2026-08-04T18:01:00Z"));
  CHECK(d2 == Millis(seconds(30)));
}

TEST_CASE("malformed HTTP-dates are refused") {
  system_clock::time_point t;
  CHECK(parse_http_date("Tue, 04 Aug 2026 18:01:30 GMT", t));
  CHECK(kiosk::format_rfc3339(t) == "2026-08-04T18:01:30Z");
  CHECK(parse_http_date("Wednesday, 31-Dec-69 23:59:59 GMT", t));
  CHECK(kiosk::format_rfc3339(t) == "2069-12-31T23:59:59Z");
  for (const char* bad : {"", "Tue, 04 Aug 2026 18:01:30 UTC", "Tue, 4 Aug 2026 18:01:30 GMT",
                          "Xyz, 04 Aug 2026 18:01:30 GMT", "Tue, 04 Foo 2026 18:01:30 GMT",
                          "Tue, 04 Aug 2026 25:01:30 GMT", "Tue, 04 Aug 2026 18:01 GMT",
                          "Tue, 32 Aug 2026 18:01:30 GMT", "Tuesday, 04-Aug-2026 18:01:30 GMT",
                          "Tue Aug  4 18:01:30", "2026-08-04T18:01:30Z"})
    CHECK_FALSE(parse_http_date(bad, t));
}

TEST_CASE("HTTP-dates beyond the clock's range are clamped - not overflowed") {
  // system_clock counts nanoseconds (1677 to 2262); an HTTP-date's year runs to 9999 (tests/fuzz).
  system_clock::time_point t;
  CHECK(parse_http_date("Sun, 06 Dec 4052 03:00:00 GMT", t));
  CHECK(kiosk::format_rfc3339(t) == "2199-12-31T23:59:59Z");
  CHECK(parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT", t));
  CHECK(kiosk::format_rfc3339(t) == "2199-12-31T23:59:59Z");
  // As a Retry-After: "as good as never", which the cap bounds.
  auto far = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", "", utc("2026-08-04T18:00:00Z"));
  REQUIRE(far);
  CHECK(*far > Millis(hours(24 * 365 * 100)));
  Backoff b(Millis(1000), Millis(60000), 1);
  CHECK(b.delay(1, far) == Millis(60000));
}
