// Clocks: the virtual clock moves only when advanced, wall jumps leave monotonic time alone,
// waits on a virtual clock end when another thread advances it; RFC 3339 round trip.
#include <catch2/catch.hpp>

#include <thread>

#include "kiosk/core/clock.h"

using namespace std::chrono;
using kiosk::VirtualClock;

TEST_CASE("virtual clock moves only when advanced") {
  VirtualClock c;
  auto t0 = c.now();
  auto w0 = c.wall();
  std::this_thread::sleep_for(milliseconds(20));
  CHECK(c.now() == t0);
  c.advance(milliseconds(1500));
  CHECK(c.now() - t0 == milliseconds(1500));
  CHECK(c.wall() - w0 == milliseconds(1500));
}

TEST_CASE("a wall-clock jump leaves monotonic time alone") {
  VirtualClock c;
  auto t0 = c.now();
  auto w0 = c.wall();
  c.jump_wall(-hours(24 * 365));
  CHECK(c.now() == t0);
  CHECK(w0 - c.wall() == hours(24 * 365));
}

TEST_CASE("a wait on the virtual clock ends when another thread advances it") {
  VirtualClock c;
  std::mutex mu;
  std::condition_variable cv;
  auto deadline = c.now() + seconds(3600);
  std::thread t([&] {
    std::this_thread::sleep_for(milliseconds(20));
    c.advance(seconds(3600));
  });
  std::unique_lock lk(mu);
  bool done = c.wait_until(lk, cv, deadline, [] { return false; });
  t.join();
  CHECK_FALSE(done);
  CHECK(c.now() >= deadline);
}

TEST_CASE("RFC 3339 round trip and rejection") {
  kiosk::Clock::Wall t;
  REQUIRE(kiosk::parse_rfc3339("2026-08-04T18:30:05Z", t));
  CHECK(kiosk::format_rfc3339(t) == "2026-08-04T18:30:05Z");
  CHECK_FALSE(kiosk::parse_rfc3339("2026-13-04T18:30:05Z", t));
  CHECK_FALSE(kiosk::parse_rfc3339("2026-08-04 18:30:05", t));
  CHECK_FALSE(kiosk::parse_rfc3339("", t));
  // Years past system_clock's nanoseconds (1677 to 2262) overflowed (tests/fuzz).
  CHECK_FALSE(kiosk::parse_rfc3339("4052-12-06T03:00:00Z", t));
  CHECK_FALSE(kiosk::parse_rfc3339("0001-01-01T00:00:00Z", t));
  CHECK(kiosk::parse_rfc3339("2261-12-31T23:59:59Z", t));
  CHECK(kiosk::format_rfc3339(t) == "2261-12-31T23:59:59Z");
  VirtualClock c(system_clock::from_time_t(0));
  CHECK(kiosk::format_rfc3339(c.wall()) == "1970-01-01T00:00:00Z");
}
