// A rejected department bundle in the App model (issue 15): with no last good copy the kiosk is Out
// of service for it, and stays there; with the last good copy in use it runs as usual (the staff
// dashboard shows the problem), so visitors are never locked out by content that still works.
#include <catch2/catch.hpp>

#include <chrono>

#include "kiosk/app/app.h"

using namespace std::chrono;
using kiosk::App;
using kiosk::AppSettings;
using kiosk::Route;
using kiosk::Screen;
using kiosk::VirtualClock;

namespace {

AppSettings with_rejected_bundle(bool last_good_in_use) {
  AppSettings s;
  s.highlight_count = 3;
  s.content_problem.errors = {"department.json: /format_version: unsupported format_version 2",
                              "programs.json: missing file"};
  s.content_problem.last_good_in_use = last_good_in_use;
  if (last_good_in_use) s.content_problem.last_good_date = "2026-11-20";
  return s;
}

}  // namespace

TEST_CASE("app: a rejected bundle without a last good copy keeps the kiosk on Out of service") {
  VirtualClock clock;
  App app(clock, with_rejected_bundle(false));
  CHECK(app.out_of_service());
  CHECK(app.config_errors().empty());  // the content's errors are not the configuration's
  CHECK(app.screen() == Screen::OutOfService);
  app.start();
  app.open(Route{Screen::Home, {}});
  clock.advance(seconds(3600));
  app.tick();
  CHECK(app.screen() == Screen::OutOfService);
}

TEST_CASE("app: a rejected bundle with its last good copy in use runs as usual") {
  VirtualClock clock;
  App app(clock, with_rejected_bundle(true));
  CHECK_FALSE(app.out_of_service());
  CHECK(app.screen() == Screen::Attract);
  app.start();
  CHECK(app.screen() == Screen::Home);
  CHECK(app.settings().content_problem.errors.size() == 2);
  CHECK(app.settings().content_problem.last_good_date == "2026-11-20");
}

TEST_CASE("app: no content problem when the configured bundle or the demo is in use") {
  kiosk::ContentProblem none;
  CHECK_FALSE(none.out_of_service());
  kiosk::ContentProblem kept;
  kept.errors = {"programs.json: missing file"};
  kept.last_good_in_use = true;
  CHECK_FALSE(kept.out_of_service());
  kept.last_good_in_use = false;
  CHECK(kept.out_of_service());
}
