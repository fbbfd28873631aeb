// Sign-ups for a specific event (issue 15): which events offer "Sign up for this event", how the
// event rides in the sign-up screen's route, and why `--submit --event` refuses an event. The
// event's id is stored outside the sealed answers (protocol v2's event_id); nothing here is
// visitor data.
#pragma once
#include <string>
#include <vector>

#include "kiosk/content/catalogue.h"

namespace kiosk {

// An event can be signed up for when it belongs to a program that takes sign-ups and is still
// upcoming on `today` (YYYY-MM-DD): it has not ended and its `until` has not passed, the rule the
// events screen uses to show it at all.
bool event_takes_signups(const Catalogue& cat, const Event& e, const std::string& today);

// The events of `program_id` that can be signed up for on `today`, in date order.
std::vector<const Event*> signup_events(const Catalogue& cat, const std::string& program_id,
                                        const std::string& today);

enum class EventRefusal {
  None,          // the event can be signed up for
  Unknown,       // no event has that id
  OtherProgram,  // the event belongs to another program (or to none)
  NoSignups,     // its program takes no sign-ups
  Passed,        // it has ended, or its `until` has passed
};

struct EventCheck {
  const Event* event = nullptr;  // set whenever the id is known
  EventRefusal refusal = EventRefusal::Unknown;
};

// Whether a sign-up for `program_id` may name `event_id` on `today`.
EventCheck check_event_signup(const Catalogue& cat, const std::string& program_id,
                              const std::string& event_id, const std::string& today);

// The sign-up screen's Route::id: the program id, then "@" and the event id for an event sign-up
// ("car-seat-inspections@car-seat-check-2026-12"). Content ids never hold "@" ([a-z0-9-]).
std::string signup_route_id(const std::string& program_id, const std::string& event_id = {});
struct SignupRoute {
  std::string program_id;
  std::string event_id;  // "" = a sign-up for the program as a whole
};
SignupRoute parse_signup_route(const std::string& route_id);

}  // namespace kiosk
