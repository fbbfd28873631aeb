// Event sign-up rules and the sign-up route's event part (see event_signup.h).
#include "kiosk/app/event_signup.h"

#include <algorithm>

namespace kiosk {
namespace {

// The events screen's rule (Catalogue::upcoming_events): not ended, `until` not passed.
bool still_upcoming(const Event& e, const std::string& today) {
  const std::string& last_day = e.end_date.empty() ? e.date : e.end_date;
  return last_day >= today && (e.until.empty() || e.until >= today);
}

}  // namespace

bool event_takes_signups(const Catalogue& cat, const Event& e, const std::string& today) {
  if (e.program_id.empty() || !still_upcoming(e, today)) return false;
  const Program* p = cat.find_program(e.program_id);
  return p && p->takes_signups;
}

std::vector<const Event*> signup_events(const Catalogue& cat, const std::string& program_id,
                                        const std::string& today) {
  std::vector<const Event*> out;
  for (const Event* e : cat.upcoming_events(today))
    if (e->program_id == program_id && event_takes_signups(cat, *e, today)) out.push_back(e);
  return out;
}

EventCheck check_event_signup(const Catalogue& cat, const std::string& program_id,
                              const std::string& event_id, const std::string& today) {
  EventCheck c;
  auto it = std::find_if(cat.events.begin(), cat.events.end(),
                         [&](const Event& e) { return e.id == event_id; });
  if (it == cat.events.end()) return c;
  c.event = &*it;
  const Program* p = cat.find_program(program_id);
  if (it->program_id != program_id)
    c.refusal = EventRefusal::OtherProgram;
  else if (!p || !p->takes_signups)
    c.refusal = EventRefusal::NoSignups;
  else if (!still_upcoming(*it, today))
    c.refusal = EventRefusal::Passed;
  else
    c.refusal = EventRefusal::None;
  return c;
}

std::string signup_route_id(const std::string& program_id, const std::string& event_id) {
  return event_id.empty() ? program_id : program_id + "@" + event_id;
}

SignupRoute parse_signup_route(const std::string& route_id) {
  auto at = route_id.find('@');
  if (at == std::string::npos) return {route_id, {}};
  return {route_id.substr(0, at), route_id.substr(at + 1)};
}

}  // namespace kiosk
