// KeyFilter (issue 18, EN 301 549 5.7 / 5.8) on a VirtualClock: auto-repeat dropped in
// accessibility mode and kept otherwise; a double strike within 300 ms dropped, 301 ms kept,
// different keys kept; a key's text sharing its press's fate; App::accept_key following the
// visitor's choices and forgetting the last key at the end of the visit.
#include <catch2/catch.hpp>

#include "kiosk/app/app.h"
#include "kiosk/app/key_filter.h"

using namespace std::chrono;
using kiosk::App;
using kiosk::AppSettings;
using kiosk::KeyFilter;
using kiosk::TextSize;
using kiosk::VirtualClock;

TEST_CASE("key filter: with no choice on, every press passes, repeats included") {
  VirtualClock clock;
  KeyFilter f;
  CHECK(f.accept("key:backspace", clock.now(), false));
  CHECK(f.accept("key:backspace", clock.now(), true));
  CHECK(f.accept("key:backspace", clock.now(), false));  // a double strike too
  CHECK(f.accept_text("a", clock.now()));
  CHECK(f.accept_text("a", clock.now()));
}

TEST_CASE("key filter: repeat dropped in accessibility mode, and the text it would type") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, false);
  CHECK(f.accept("key:backspace", clock.now(), false));
  clock.advance(milliseconds(500));
  CHECK_FALSE(f.accept("key:backspace", clock.now(), true));
  clock.advance(milliseconds(30));
  CHECK_FALSE(f.accept("key:backspace", clock.now(), true));
  // A letter held down: the press is unnamed, its repeats are dropped with their text.
  CHECK(f.accept("", clock.now(), false));
  CHECK(f.accept_text("x", clock.now()));
  clock.advance(milliseconds(500));
  CHECK_FALSE(f.accept("", clock.now(), true));
  CHECK_FALSE(f.accept_text("x", clock.now()));
  // Without double-strike tolerance a quick second press is a press.
  CHECK(f.accept("key:backspace", clock.now(), false));
  CHECK(f.accept("key:backspace", clock.now(), false));
}

TEST_CASE("key filter: double strike within 300 ms dropped, 301 ms kept, other keys kept") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, true);
  CHECK(f.accept("key:enter", clock.now(), false));
  clock.advance(milliseconds(300));
  CHECK_FALSE(f.accept("key:enter", clock.now(), false));  // within 300 ms of the kept press
  clock.advance(milliseconds(1));
  CHECK(f.accept("key:enter", clock.now(), false));  // 301 ms after it
  clock.advance(milliseconds(100));
  CHECK(f.accept("key:tab", clock.now(), false));  // a different key at once
  clock.advance(milliseconds(10));
  CHECK(f.accept("key:enter", clock.now(), false));  // and back: not the same key as the last
  clock.advance(milliseconds(301));
  CHECK(f.accept("key:enter", clock.now(), false));
}

TEST_CASE("key filter: the window runs from the last kept press, not from a dropped one") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, true);
  CHECK(f.accept("osk:7", clock.now(), false));
  clock.advance(milliseconds(200));
  CHECK_FALSE(f.accept("osk:7", clock.now(), false));
  clock.advance(milliseconds(101));  // 301 ms after the kept press, 101 after the dropped one
  CHECK(f.accept("osk:7", clock.now(), false));
}

TEST_CASE("key filter: typed text follows its press, text alone is judged by itself") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, true);
  // Space is a named key: its text " " is kept with it, never judged a second time.
  CHECK(f.accept("key:space", clock.now(), false));
  CHECK(f.accept_text(" ", clock.now()));
  clock.advance(milliseconds(100));
  CHECK_FALSE(f.accept("key:space", clock.now(), false));  // the tremor's second strike
  CHECK_FALSE(f.accept_text(" ", clock.now()));            // ... types nothing
  // A letter: the press cannot say which key it is, so its text is judged.
  clock.advance(milliseconds(400));
  CHECK(f.accept("", clock.now(), false));
  CHECK(f.accept_text("l", clock.now()));
  clock.advance(milliseconds(120));
  CHECK(f.accept("", clock.now(), false));
  CHECK_FALSE(f.accept_text("l", clock.now()));
  clock.advance(milliseconds(10));
  CHECK(f.accept("", clock.now(), false));
  CHECK(f.accept_text("o", clock.now()));
  // Text with no press before it (an input method, a script's `type`): judged by itself.
  f.other_event();
  CHECK_FALSE(f.accept_text("o", clock.now()));
  clock.advance(milliseconds(301));
  CHECK(f.accept_text("o", clock.now()));
  // A press with no text (Backspace), then another event (its release): the next text is judged
  // on its own, not dropped with the Backspace strike before it.
  clock.advance(milliseconds(400));
  CHECK(f.accept("key:backspace", clock.now(), false));
  CHECK_FALSE(f.accept("key:backspace", clock.now(), false));  // a double strike
  f.other_event();
  CHECK(f.accept_text("o", clock.now()));
}

TEST_CASE("key filter: on-screen taps leave the physical press-then-text pairing alone") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, true);
  CHECK(f.accept("key:space", clock.now(), false));
  CHECK(f.accept_tap("osk:5", clock.now()));
  CHECK_FALSE(f.accept_tap("osk:5", clock.now()));
  CHECK(f.accept_text(" ", clock.now()));  // still the Space press's text
}

TEST_CASE("key filter: clear forgets the last key") {
  VirtualClock clock;
  KeyFilter f;
  f.set_mode(true, true);
  CHECK(f.accept_text("q", clock.now()));
  f.clear();
  CHECK(f.accept_text("q", clock.now()));
}

TEST_CASE("app keys: repeat off with any choice, double strike only with Extra time") {
  VirtualClock clock;
  App app(clock, AppSettings{});
  app.start();
  CHECK(app.accept_key("key:backspace", false));
  CHECK(app.accept_key("key:backspace", true));  // no choice: the key repeats as it always did
  CHECK(app.accept_key("key:backspace", false));

  app.accessibility().text_size = TextSize::Large;  // any choice turns repeat off
  CHECK_FALSE(app.accept_key("key:backspace", true));
  CHECK(app.accept_key("key:backspace", false));
  CHECK(app.accept_key("key:backspace", false));  // no double-strike tolerance without Extra time

  app.set_extra_time(true);
  CHECK_FALSE(app.accept_key("key:backspace", false));
  clock.advance(milliseconds(301));
  CHECK(app.accept_key("key:backspace", false));
  // The on-screen keyboard's keys, by place: the same place twice is a double strike.
  CHECK(app.accept_screen_key("osk:3"));
  CHECK_FALSE(app.accept_screen_key("osk:3"));
  CHECK(app.accept_screen_key("osk:4"));
  app.other_input();
  CHECK(app.accept_text("z"));  // text alone, a new key: kept
  CHECK_FALSE(app.accept_text("z"));

  // The visit ends: choices back to normal, the last key forgotten.
  app.end_session();
  CHECK(app.accept_key("key:backspace", true));
  app.start();
  app.set_extra_time(true);
  CHECK(app.accept_text("z"));
}
