// Sign-ups for a specific event (issue 15), without the UI: which events offer "Sign up for this
// event" (a program that takes sign-ups, not ended, `until` not passed), why --submit --event
// refuses one, the sign-up route's event part, and that FormFlow stamps the event on the record
// it saves (event_id beside the sealed answers) and forgets it on wipe().
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "kiosk/app/event_signup.h"
#include "kiosk/app/form_flow.h"
#include "kiosk/content/catalogue.h"
#include "test_form_util.h"
#include "test_outbox_util.h"

using kiosk::Catalogue;
using kiosk::Event;
using kiosk::EventRefusal;
using kiosk::Program;

namespace {

Program program(const std::string& id, bool signups) {
  Program p;
  p.id = id;
  p.takes_signups = signups;
  p.signup_form = signups ? "signup" : "";
  return p;
}

Event event(const std::string& id, const std::string& program_id, const std::string& date,
            const std::string& end_date = "", const std::string& until = "") {
  Event e;
  e.id = id;
  e.program_id = program_id;
  e.date = date;
  e.end_date = end_date;
  e.until = until;
  return e;
}

// Events in date order, as the loader sorts them.
Catalogue catalogue() {
  Catalogue c;
  c.programs = {program("seminars", true), program("tips", false), program("tours", true)};
  c.events = {
      event("course", "seminars", "2026-12-01", "2026-12-20"),  // began, still running
      event("yesterday", "seminars", "2026-12-05"),
      event("today", "seminars", "2026-12-06"),
      event("no-program", "", "2026-12-10"),
      event("tips-night", "tips", "2026-12-11"),
      event("closed", "seminars", "2026-12-12", "", "2026-12-05"),  // `until` passed
      event("open-until-today", "seminars", "2026-12-14", "", "2026-12-06"),
      event("tour-day", "tours", "2026-12-15"),
      event("later", "seminars", "2027-01-20"),
  };
  return c;
}

const std::string kToday = "2026-12-06";

const Event& by_id(const Catalogue& c, const std::string& id) {
  for (const Event& e : c.events)
    if (e.id == id) return e;
  FAIL("no event " << id);
  return c.events.front();
}

}  // namespace

TEST_CASE("an event offers sign-ups when its program takes them and it is still upcoming") {
  const Catalogue c = catalogue();
  auto offers = [&](const std::string& id) {
    return kiosk::event_takes_signups(c, by_id(c, id), kToday);
  };
  CHECK(offers("today"));
  CHECK(offers("course"));            // a multi-day event that has not ended
  CHECK(offers("open-until-today"));  // `until` is the last day it is shown
  CHECK(offers("tour-day"));
  CHECK(offers("later"));
  CHECK_FALSE(offers("yesterday"));
  CHECK_FALSE(offers("closed"));
  CHECK_FALSE(offers("no-program"));
  CHECK_FALSE(offers("tips-night"));  // its program takes no sign-ups
  // The day after, "open-until-today" is hidden and no longer offered.
  CHECK_FALSE(kiosk::event_takes_signups(c, by_id(c, "open-until-today"), "2026-12-07"));
}

TEST_CASE("a program's sign-up events are its offered events in date order") {
  const Catalogue c = catalogue();
  std::vector<std::string> ids;
  for (const Event* e : kiosk::signup_events(c, "seminars", kToday)) ids.push_back(e->id);
  CHECK(ids == std::vector<std::string>{"course", "today", "open-until-today", "later"});
  CHECK(kiosk::signup_events(c, "tips", kToday).empty());
  CHECK(kiosk::signup_events(c, "unknown", kToday).empty());
}

TEST_CASE("check_event_signup says why an event cannot be named") {
  const Catalogue c = catalogue();
  auto refusal = [&](const std::string& program, const std::string& ev) {
    return kiosk::check_event_signup(c, program, ev, kToday).refusal;
  };
  CHECK(refusal("seminars", "today") == EventRefusal::None);
  CHECK(refusal("seminars", "nope") == EventRefusal::Unknown);
  CHECK(kiosk::check_event_signup(c, "seminars", "nope", kToday).event == nullptr);
  CHECK(refusal("seminars", "tour-day") == EventRefusal::OtherProgram);
  CHECK(refusal("seminars", "no-program") == EventRefusal::OtherProgram);
  CHECK(refusal("tips", "tips-night") == EventRefusal::NoSignups);
  CHECK(refusal("seminars", "yesterday") == EventRefusal::Passed);
  CHECK(refusal("seminars", "closed") == EventRefusal::Passed);
  auto ok = kiosk::check_event_signup(c, "tours", "tour-day", kToday);
  REQUIRE(ok.event);
  CHECK(ok.event->id == "tour-day");
}

TEST_CASE("the bundled events of sign-up programs are offered on the kiosk's demo dates") {
  const Catalogue c = kiosk::bundled_catalogue();
  auto seats = kiosk::signup_events(c, "car-seat-inspections", "2026-12-06");
  REQUIRE(seats.size() >= 2);
  CHECK(seats.front()->id == "car-seat-check-2026-12");
  CHECK(kiosk::check_event_signup(c, "car-seat-inspections", "car-seat-check-2026-12", "2026-12-13")
            .refusal == EventRefusal::Passed);
}

TEST_CASE("the sign-up route carries the event after '@'") {
  CHECK(kiosk::signup_route_id("tours") == "tours");
  CHECK(kiosk::signup_route_id("tours", "tour-day") == "tours@tour-day");
  auto r = kiosk::parse_signup_route("tours@tour-day");
  CHECK(r.program_id == "tours");
  CHECK(r.event_id == "tour-day");
  auto plain = kiosk::parse_signup_route("neighborhood-watch");
  CHECK(plain.program_id == "neighborhood-watch");
  CHECK(plain.event_id.empty());
}

TEST_CASE("FormFlow stores the event signed up for as the record's event_id") {
  kiosk::VirtualClock clock = outbox_test::make_clock();
  std::optional<kiosk::store::NewSubmission> saved;
  kiosk::FormFlow flow(clock, [&](const kiosk::store::NewSubmission& s) {
    saved = s;
    return std::string("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
  });
  auto form = std::make_shared<const kiosk::forms::FormSpec>(
      kiosk::forms::test::one_field({{"type", "text"}, {"required", true}}));
  auto fill = [&] {
    REQUIRE(flow.session());
    REQUIRE(flow.session()->set_text("f", kiosk::forms::Part::None, "Made up") ==
            kiosk::forms::InputResult::Ok);
    REQUIRE(flow.session()->next());
  };

  flow.start(form, "signup/tours@tour-day", kiosk::Lang::En, "tour-day");
  CHECK(flow.event_id() == "tour-day");
  fill();
  REQUIRE(flow.submit() == kiosk::FormFlow::SubmitResult::Saved);
  REQUIRE(saved);
  CHECK(saved->event_id == "tour-day");
  flow.wipe();
  CHECK(flow.event_id().empty());

  // A sign-up for the program as a whole carries none.
  saved.reset();
  flow.start(form, "signup/tours", kiosk::Lang::En);
  fill();
  REQUIRE(flow.submit() == kiosk::FormFlow::SubmitResult::Saved);
  REQUIRE(saved);
  CHECK(saved->event_id.empty());
}
