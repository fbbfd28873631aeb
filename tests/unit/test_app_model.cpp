// App model: navigation (open/back/home), language, idle timer phases and countdown on a
// VirtualClock, session reset (language, history, hooks), attract rotation, quit policy,
// Out of service. No SDL, no ImGui.
#include <catch2/catch.hpp>

#include "kiosk/app/app.h"
#include "kiosk/app/idle_timer.h"

using namespace std::chrono;
using kiosk::App;
using kiosk::AppSettings;
using kiosk::IdleTimer;
using kiosk::Lang;
using kiosk::QuitRequest;
using kiosk::Route;
using kiosk::Screen;
using kiosk::VirtualClock;

namespace {
AppSettings settings() {
  AppSettings s;
  s.idle_timeout = seconds(90);
  s.idle_countdown = seconds(20);
  s.attract_rotate = seconds(8);
  s.highlight_count = 3;
  return s;
}
}  // namespace

TEST_CASE("idle timer: active, prompt with a countdown, then expired") {
  VirtualClock clock;
  IdleTimer t(clock, seconds(90), seconds(20));
  CHECK(t.phase() == IdleTimer::Phase::Active);
  CHECK(t.seconds_left() == 0);
  CHECK(t.next_change() == clock.now() + seconds(90));
  clock.advance(milliseconds(89'999));
  CHECK(t.phase() == IdleTimer::Phase::Active);
  clock.advance(milliseconds(1));
  CHECK(t.phase() == IdleTimer::Phase::Prompt);
  CHECK(t.seconds_left() == 20);
  CHECK(t.next_change() == clock.now() + seconds(1));
  clock.advance(milliseconds(500));
  CHECK(t.seconds_left() == 20);  // rounded up: 19.5 s left shows 20
  CHECK(t.next_change() == clock.now() + milliseconds(500));
  clock.advance(milliseconds(500));
  CHECK(t.seconds_left() == 19);
  clock.advance(milliseconds(18'999));
  CHECK(t.seconds_left() == 1);
  CHECK(t.next_change() == clock.now() + milliseconds(1));
  clock.advance(milliseconds(1));
  CHECK(t.phase() == IdleTimer::Phase::Expired);
}

TEST_CASE("idle timer: activity restarts the timeout, also during the prompt") {
  VirtualClock clock;
  IdleTimer t(clock, seconds(90), seconds(20));
  clock.advance(seconds(95));
  REQUIRE(t.phase() == IdleTimer::Phase::Prompt);
  t.reset();
  CHECK(t.phase() == IdleTimer::Phase::Active);
  clock.advance(seconds(89));
  CHECK(t.phase() == IdleTimer::Phase::Active);
}

TEST_CASE("app: attract -> home -> list -> detail, back and home") {
  VirtualClock clock;
  App app(clock, settings());
  CHECK(app.screen() == Screen::Attract);
  app.start();
  CHECK(app.screen() == Screen::Home);
  app.open(Route{Screen::ProgramList, "neighborhood-safety"});
  app.open(Route{Screen::ProgramDetail, "neighborhood-watch"});
  app.open(
      Route{Screen::ProgramDetail, "neighborhood-watch"});  // same screen twice: no extra history
  CHECK(app.route() == Route{Screen::ProgramDetail, "neighborhood-watch"});
  app.back();
  CHECK(app.route() == Route{Screen::ProgramList, "neighborhood-safety"});
  app.open(Route{Screen::ProgramDetail, "block-watch"});
  app.home();
  CHECK(app.screen() == Screen::Home);
  app.back();  // from home: the visit ends
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("app: leaving home through Back ends the session") {
  VirtualClock clock;
  App app(clock, settings());
  int resets = 0;
  app.add_reset_hook([&] { ++resets; });
  app.set_lang(Lang::Es);
  app.start();
  app.back();
  CHECK(app.screen() == Screen::Attract);
  CHECK(app.lang() == Lang::En);
  CHECK(resets == 1);
}

TEST_CASE("app: idle timeout prompts, More time keeps the visit, expiry clears everything") {
  VirtualClock clock;
  AppSettings s = settings();
  s.default_lang = Lang::En;
  App app(clock, s);
  unsigned session = app.session();
  int resets = 0;
  app.add_reset_hook([&] { ++resets; });
  app.start();
  app.set_lang(Lang::Es);
  app.open(Route{Screen::ProgramList, "youth-schools"});
  app.open(Route{Screen::ProgramDetail, "red-ribbon-week"});

  clock.advance(seconds(89));
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  clock.advance(seconds(1));
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Prompt);
  CHECK(app.idle_seconds_left() == 20);
  CHECK(app.next_deadline() == clock.now() + seconds(1));

  // A touch while the prompt shows does not dismiss it: only an answer to the prompt does.
  app.activity();
  CHECK(app.idle_phase() == IdleTimer::Phase::Prompt);
  app.more_time();
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  CHECK(app.screen() == Screen::ProgramDetail);
  CHECK(app.lang() == Lang::Es);

  clock.advance(seconds(90 + 19));
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Prompt);
  CHECK(app.idle_seconds_left() == 1);
  clock.advance(seconds(1));
  app.tick();
  CHECK(app.screen() == Screen::Attract);
  CHECK(app.lang() == Lang::En);
  CHECK(app.session() != session);
  CHECK(resets == 1);
  app.back();  // the history is gone: back on attract stays there
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("app: touches keep the visit alive, the attract screen never times out") {
  VirtualClock clock;
  App app(clock, settings());
  clock.advance(seconds(600));
  app.tick();
  CHECK(app.screen() == Screen::Attract);
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  app.start();
  for (int i = 0; i < 10; ++i) {
    clock.advance(seconds(80));
    app.activity();
    app.tick();
  }
  CHECK(app.screen() == Screen::Home);
}

TEST_CASE("app: attract highlights rotate every attract_rotate seconds") {
  VirtualClock clock;
  App app(clock, settings());
  CHECK(app.highlight_index() == 0);
  CHECK(app.next_deadline() == clock.now() + seconds(8));
  clock.advance(milliseconds(7999));
  CHECK(app.highlight_index() == 0);
  clock.advance(milliseconds(1));
  CHECK(app.highlight_index() == 1);
  CHECK(app.next_deadline() == clock.now() + seconds(8));
  clock.advance(seconds(16));
  CHECK(app.highlight_index() == 0);  // 3 highlights: wraps around
  app.start();
  CHECK(app.next_deadline() == clock.now() + seconds(90));  // home: only the idle timer
}

TEST_CASE("app: one highlight or none schedules no rotation") {
  VirtualClock clock;
  AppSettings s = settings();
  s.highlight_count = 1;
  App app(clock, s);
  CHECK(app.next_deadline() == kiosk::Clock::Mono::max());
  CHECK(app.highlight_index() == 0);
}

TEST_CASE(
    "app: lockdown — in kiosk mode a visitor's keys and the window's close are ignored, a signal "
    "quits") {
  VirtualClock clock;
  App kiosk_app(clock, settings());
  for (QuitRequest why : {QuitRequest::EscapeKey, QuitRequest::QuitKey, QuitRequest::WindowClose,
                          QuitRequest::StaffExit}) {
    CHECK_FALSE(kiosk_app.on_quit_request(why));
    CHECK_FALSE(kiosk_app.quit_requested());
  }
  kiosk_app.start();  // the kiosk goes on after ignored requests
  CHECK(kiosk_app.screen() == Screen::Home);
  CHECK(kiosk_app.on_quit_request(QuitRequest::Signal));
  CHECK(kiosk_app.quit_requested());
  CHECK(kiosk_app.quit_reason() == QuitRequest::Signal);
  CHECK(kiosk_app.on_quit_request(
      QuitRequest::EscapeKey));  // already quitting: stays so, for the first reason
  CHECK(kiosk_app.quit_reason() == QuitRequest::Signal);
}

TEST_CASE("app: a development window quits on Escape, the quit keys, its close and a signal") {
  VirtualClock clock;
  AppSettings s = settings();
  s.windowed = true;
  for (QuitRequest why : {QuitRequest::EscapeKey, QuitRequest::QuitKey, QuitRequest::WindowClose,
                          QuitRequest::Signal}) {
    App dev(clock, s);
    CHECK(dev.on_quit_request(why));
    CHECK(dev.quit_requested());
    CHECK(dev.quit_reason() == why);
  }
}

TEST_CASE("app: quit request names for the log") {
  CHECK(std::string(kiosk::quit_request_name(QuitRequest::Signal)) == "signal");
  CHECK(std::string(kiosk::quit_request_name(QuitRequest::WindowClose)) == "window close");
  CHECK(std::string(kiosk::quit_request_name(QuitRequest::QuitKey)) == "quit key");
  CHECK(std::string(kiosk::quit_request_name(QuitRequest::EscapeKey)) == "escape");
  CHECK(std::string(kiosk::quit_request_name(QuitRequest::StaffExit)) == "staff exit");
}

TEST_CASE("app: invalid config keeps the kiosk on Out of service") {
  VirtualClock clock;
  AppSettings s = settings();
  s.config_errors = {"kiosk.idle_timeout_s: expected an integer from 15 to 3600, got \"soon\""};
  App app(clock, s);
  CHECK(app.out_of_service());
  CHECK(app.screen() == Screen::OutOfService);
  app.start();
  app.open(Route{Screen::Home, {}});
  app.home();
  app.back();
  app.end_session();
  clock.advance(seconds(3600));
  app.tick();
  CHECK(app.screen() == Screen::OutOfService);
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  app.set_lang(Lang::Es);  // the language switch still works there
  CHECK(app.lang() == Lang::Es);
}
