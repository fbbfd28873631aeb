// App model, staff mode: the PIN screens, entering a staff session, its 2-minute auto-leave on the
// virtual clock (touch keeps it open), the idle reset and end_session always ending it, staff
// screens refused outside a session, the booth profile's idle timeout, the staff exit quit, and
// the event tag stamped on submissions by the FormFlow.
#include <catch2/catch.hpp>

#include "kiosk/app/app.h"
#include "kiosk/app/form_flow.h"
#include "test_form_util.h"

using namespace std::chrono;
using kiosk::App;
using kiosk::AppSettings;
using kiosk::IdleTimer;
using kiosk::Profile;
using kiosk::QuitRequest;
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
  return s;
}
}  // namespace

TEST_CASE("staff: no PIN set shows how to set one, never the dashboard") {
  VirtualClock clock;
  App app(clock, settings());
  app.open_staff_pin(false);
  CHECK(app.screen() == Screen::StaffNoPin);
  CHECK_FALSE(app.staff());
  app.open(Route{Screen::StaffHome, {}});  // refused outside a session
  CHECK(app.screen() == Screen::StaffNoPin);
  app.back();
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("staff: the PIN pad, then the dashboard and its screens") {
  VirtualClock clock;
  App app(clock, settings());
  app.start();
  app.open_staff_pin(true);
  CHECK(app.screen() == Screen::StaffPin);
  CHECK_FALSE(app.staff());
  app.enter_staff();
  CHECK(app.staff());
  CHECK(app.screen() == Screen::StaffHome);
  app.open(Route{Screen::StaffRecords, "pending"});
  app.open(Route{Screen::StaffRecord, "some-id"});
  CHECK(app.route() == Route{Screen::StaffRecord, "some-id"});
  app.home();  // inside a session, "home" is the dashboard
  CHECK(app.screen() == Screen::StaffHome);
  app.back();  // leaving the dashboard ends the session
  CHECK_FALSE(app.staff());
  CHECK(app.screen() == Screen::Attract);
  app.open(Route{Screen::StaffExport, {}});
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("staff: the session ends by itself after staff_timeout without touch") {
  VirtualClock clock;
  App app(clock, settings());
  unsigned session = app.session();
  app.enter_staff();
  CHECK(app.next_deadline() == clock.now() + seconds(100));  // the warning, 20 s before the end
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  clock.advance(seconds(100));  // past the visitor's 90 s: no "Still there?" for staff
  app.tick();
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  CHECK(app.staff());
  CHECK(app.staff_seconds_left() == 20);
  CHECK(app.staff_warning());
  app.stay_signed_in();  // "Stay signed in" restarts the two minutes (a touch must answer it)
  clock.advance(milliseconds(119'999));
  app.tick();
  CHECK(app.staff());
  clock.advance(milliseconds(1));
  app.tick();
  CHECK_FALSE(app.staff());
  CHECK(app.screen() == Screen::Attract);
  CHECK(app.session() == session + 1);  // reset hooks ran: nothing of the session survives
  CHECK(app.staff_seconds_left() == 0);
}

TEST_CASE("staff: end_session and leave_staff always end the session") {
  VirtualClock clock;
  App app(clock, settings());
  app.enter_staff();
  app.end_session();
  CHECK_FALSE(app.staff());
  CHECK(app.screen() == Screen::Attract);
  app.enter_staff();
  app.leave_staff();
  CHECK_FALSE(app.staff());
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("staff: the PIN pad itself times out like any visitor screen") {
  VirtualClock clock;
  App app(clock, settings());
  app.open_staff_pin(true);
  clock.advance(seconds(110));
  app.tick();
  CHECK(app.screen() == Screen::Attract);
}

TEST_CASE("staff exit: honoured only inside a staff session") {
  VirtualClock clock;
  App app(clock, settings());
  CHECK_FALSE(app.on_quit_request(QuitRequest::StaffExit));
  CHECK_FALSE(app.quit_requested());
  app.enter_staff();
  CHECK(app.on_quit_request(QuitRequest::StaffExit));
  CHECK(app.quit_requested());
}

TEST_CASE("profile: booth uses the shorter idle timeout, lobby the normal one") {
  VirtualClock clock;
  AppSettings s = settings();
  s.profile = Profile::Booth;
  App app(clock, s);
  CHECK(app.profile() == Profile::Booth);
  app.start();
  clock.advance(seconds(45));
  CHECK(app.idle_phase() == IdleTimer::Phase::Prompt);
  app.more_time();
  app.set_profile(Profile::Lobby);
  clock.advance(seconds(60));
  CHECK(app.idle_phase() == IdleTimer::Phase::Active);
  clock.advance(seconds(30));
  CHECK(app.idle_phase() == IdleTimer::Phase::Prompt);
  app.end_session();
  CHECK(app.profile() == Profile::Lobby);  // a setting, not visitor state: kept across sessions
}

TEST_CASE("profile names") {
  Profile p = Profile::Lobby;
  CHECK(kiosk::parse_profile("booth", p));
  CHECK(p == Profile::Booth);
  CHECK_FALSE(kiosk::parse_profile("Booth", p));
  CHECK_FALSE(kiosk::parse_profile("", p));
  CHECK(p == Profile::Booth);
  CHECK(std::string(kiosk::profile_name(Profile::Lobby)) == "lobby");
  CHECK(std::string(kiosk::profile_name(Profile::Booth)) == "booth");
  CHECK(kiosk::is_staff_screen(Screen::StaffHome));
  CHECK_FALSE(kiosk::is_staff_screen(Screen::StaffPin));
}

TEST_CASE("event tag: stamped on every submission saved after it is set, until changed") {
  using namespace kiosk::forms::test;
  VirtualClock clock;
  std::vector<std::string> tags;
  kiosk::FormFlow flow(clock, [&](const kiosk::store::NewSubmission& s) {
    tags.push_back(s.event_tag);
    return std::string("5b0c8f1e-3a52-4c8e-9d51-7f1c2a9e6b4") + std::to_string(tags.size());
  });
  auto form = std::make_shared<const kiosk::forms::FormSpec>(
      one_field({{"type", "text"}, {"required", true}}));
  auto fill_and_submit = [&] {
    flow.wipe();
    flow.start(form, "t", kiosk::Lang::En);
    REQUIRE(flow.session()->set_text("f", kiosk::forms::Part::None, "Made up") ==
            kiosk::forms::InputResult::Ok);
    REQUIRE(flow.session()->next());
    REQUIRE(flow.submit() == kiosk::FormFlow::SubmitResult::Saved);
  };
  fill_and_submit();
  flow.set_event_tag("National Night Out 2026 \u2014 Riverside Park");
  fill_and_submit();
  fill_and_submit();  // wipe() between visitors keeps the tag
  flow.set_event_tag("");
  fill_and_submit();
  CHECK(tags == std::vector<std::string>{"", "National Night Out 2026 \u2014 Riverside Park",
                                         "National Night Out 2026 \u2014 Riverside Park", ""});
}
