// App model, Extra time (issue 18) on a VirtualClock: idle, "Still there?", the confirmation and
// the staff session each tripled; each warns before it ends (prompt, confirmation warning, staff
// warning) and the way to more time restores the full span; turning Extra time on mid-visit
// stretches the running timers; the end of the visit puts every timeout back to normal; frame
// pacing (next_deadline) wakes for each warning and each second of its countdown.
#include <catch2/catch.hpp>

#include "kiosk/app/app.h"
#include "kiosk/app/idle_timer.h"

using namespace std::chrono;
using kiosk::App;
using kiosk::AppSettings;
using kiosk::IdleTimer;
using kiosk::Profile;
using kiosk::Route;
using kiosk::Screen;
using kiosk::VirtualClock;

namespace {
AppSettings settings() {
  AppSettings s;
  s.idle_timeout = seconds(90);
  s.booth_idle_timeout = seconds(45);
  s.idle_countdown = seconds(20);
  s.staff_timeout = seconds(120);
  s.confirmation_timeout = seconds(60);
  return s;
}
}  // namespace

TEST_CASE("idle timer: a stretch multiplies timeout and countdown, counting time already spent") {
  VirtualClock clock;
  IdleTimer t(clock, seconds(90), seconds(20));
  clock.advance(seconds(80));
  t.set_stretch(3);
  CHECK(t.timeout() == seconds(270));
  CHECK(t.countdown() == seconds(60));
  CHECK(t.next_change() == clock.now() + seconds(190));  // 80 s of the 270 are gone
  clock.advance(seconds(190));
  CHECK(t.phase() == IdleTimer::Phase::Prompt);
  CHECK(t.seconds_left() == 60);
  clock.advance(seconds(59));
  CHECK(t.seconds_left() == 1);
  t.set_stretch(1);  // back to normal: 329 s idle is long past 90 + 20
  CHECK(t.phase() == IdleTimer::Phase::Expired);
}

TEST_CASE("extra time: idle is tripled, warns with a 60 s countdown, More time restores") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.set_extra_time(true);
  CHECK(app.time_factor() == 3);
  CHECK(app.idle_timeout() == seconds(270));
  CHECK(app.idle_countdown() == seconds(60));
  CHECK(app.next_deadline() == clock.now() + seconds(270));
  clock.advance(milliseconds(269'999));
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  clock.advance(milliseconds(1));
  app.tick();
  REQUIRE(app.idle_phase() == IdleTimer::Phase::Prompt);  // the warning: "Still there?"
  CHECK(app.idle_seconds_left() == 60);
  CHECK(app.next_deadline() == clock.now() + seconds(1));
  clock.advance(seconds(59));
  app.tick();
  CHECK(app.idle_seconds_left() == 1);
  app.more_time();  // the way to more time: the whole 270 s again
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  CHECK(app.next_deadline() == clock.now() + seconds(270));
  clock.advance(seconds(270 + 59));
  app.tick();
  CHECK(app.screen() == Screen::Home);
  clock.advance(seconds(1));
  app.tick();
  CHECK(app.screen() == Screen::Attract);       // expired: the visit ends ...
  CHECK_FALSE(app.accessibility().extra_time);  // ... and the next one starts at normal times
  CHECK(app.time_factor() == 1);
  app.start();
  CHECK(app.next_deadline() == clock.now() + seconds(90));
}

TEST_CASE("extra time: the booth profile's idle timeout is tripled too") {
  VirtualClock clock;
  AppSettings s = settings();
  s.profile = Profile::Booth;
  App app(clock, s);
  app.start();
  CHECK(app.idle_timeout() == seconds(45));
  app.set_extra_time(true);
  CHECK(app.idle_timeout() == seconds(135));
  CHECK(app.next_deadline() == clock.now() + seconds(135));
}

TEST_CASE("extra time: turned on mid-visit, the running idle timer stretches at once") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.open(Route{Screen::Events, {}});
  clock.advance(seconds(85));
  app.tick();
  CHECK(app.next_deadline() == clock.now() + seconds(5));
  // Set as the panel does (the field itself): the next tick stretches the timer.
  app.accessibility().extra_time = true;
  app.tick();
  CHECK(app.next_deadline() == clock.now() + seconds(270 - 85));
  clock.advance(seconds(10));  // 95 s: past the normal prompt, well before the tripled one
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
}

TEST_CASE("extra time: the confirmation lasts three times as long and warns before it ends") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.set_extra_time(true);
  app.open(Route{Screen::FormDone, {}});
  CHECK(app.confirmation_timeout() == seconds(180));
  CHECK(app.confirmation_seconds_left() == 180);
  CHECK_FALSE(app.confirmation_warning());
  clock.advance(milliseconds(119'999));
  app.tick();
  CHECK_FALSE(app.confirmation_warning());
  clock.advance(milliseconds(1));
  app.tick();
  CHECK(app.confirmation_warning());  // the last 60 s (the tripled idle countdown)
  CHECK(app.confirmation_seconds_left() == 60);
  CHECK(app.next_deadline() == clock.now() + seconds(1));  // each second of the countdown
  // No "Still there?" on the confirmation: its own countdown is the warning.
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  app.keep_confirmation();  // "Keep this screen": another 180 s
  CHECK(app.confirmation_seconds_left() == 240);
  CHECK_FALSE(app.confirmation_warning());
  clock.advance(seconds(239));
  app.tick();
  CHECK(app.screen() == Screen::FormDone);
  CHECK(app.confirmation_warning());
  clock.advance(seconds(1));
  app.tick();
  CHECK(app.screen() == Screen::Attract);
  CHECK_FALSE(app.confirmation_warning());
}

TEST_CASE("extra time off: the confirmation warns in its last 20 s") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.open(Route{Screen::FormDone, {}});
  clock.advance(milliseconds(39'999));
  app.tick();
  CHECK_FALSE(app.confirmation_warning());
  clock.advance(milliseconds(1));
  CHECK(app.confirmation_warning());
  CHECK(app.confirmation_seconds_left() == 20);
  // Turned on in the warning: the confirmation stretches to 180 s, the warning goes away.
  app.set_extra_time(true);
  CHECK_FALSE(app.confirmation_warning());
  CHECK(app.confirmation_seconds_left() == 140);
}

TEST_CASE("extra time: the staff session is tripled and warns with Stay signed in") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.set_extra_time(true);
  app.enter_staff();
  CHECK(app.staff_timeout() == seconds(360));
  CHECK(app.next_deadline() == clock.now() + seconds(300));  // the warning's start
  clock.advance(milliseconds(299'999));
  app.tick();
  CHECK_FALSE(app.staff_warning());
  clock.advance(milliseconds(1));
  app.tick();
  REQUIRE(app.staff_warning());
  CHECK(app.staff_seconds_left() == 60);
  CHECK(app.next_deadline() == clock.now() + seconds(1));
  // A touch elsewhere does not pull the warning away: it must be answered.
  app.activity();
  CHECK(app.staff_warning());
  clock.advance(seconds(59));
  app.tick();
  CHECK(app.staff_seconds_left() == 1);
  CHECK(app.next_deadline() == clock.now() + seconds(1));
  app.stay_signed_in();  // the full 360 s again
  CHECK_FALSE(app.staff_warning());
  CHECK(app.staff_seconds_left() == 360);
  clock.advance(seconds(360));
  app.tick();
  CHECK_FALSE(app.staff());
  CHECK(app.screen() == Screen::Attract);
  CHECK_FALSE(app.accessibility().extra_time);  // the end of the session resets it
  CHECK(app.staff_timeout() == seconds(120));
}

TEST_CASE("staff warning: 20 s before the normal staff timeout, touches count again after it") {
  VirtualClock clock;
  App app(clock, settings());
  app.enter_staff();
  clock.advance(seconds(99));
  app.activity();  // before the warning a touch restarts the session
  CHECK(app.next_deadline() == clock.now() + seconds(100));
  clock.advance(seconds(100));
  app.tick();
  CHECK(app.staff_warning());
  CHECK(app.staff_seconds_left() == 20);
  app.stay_signed_in();
  CHECK_FALSE(app.staff_warning());
  clock.advance(seconds(10));
  app.activity();
  CHECK(app.staff_seconds_left() == 120);
}

TEST_CASE("staff warning: never more than half a short staff timeout") {
  VirtualClock clock;
  AppSettings s = settings();
  s.staff_timeout = seconds(30);  // the config's shortest, with a longer idle countdown
  s.idle_countdown = seconds(60);
  App app(clock, s);
  app.enter_staff();
  CHECK(app.next_deadline() == clock.now() + seconds(15));
  clock.advance(milliseconds(14'999));
  app.activity();  // staff can still work: a touch restarts the session
  CHECK_FALSE(app.staff_warning());
  clock.advance(seconds(15));
  CHECK(app.staff_warning());
  CHECK(app.staff_seconds_left() == 15);
}
