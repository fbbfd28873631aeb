// Upcoming events: today's and later events with date, time and place. An event that belongs to
// a program is a tile that opens that program; the others are plain cards. An event whose program
// takes sign-ups has "Sign up for this event" under it (kiosk/app/event_signup.h).
#include <algorithm>

#include "kiosk/app/event_signup.h"
#include "kiosk/app/event_text.h"
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

void draw_events(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  float y = screen_title(ui, ui.t("events.title"), content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad, content.y + content.h - y};
  begin_scroll(ui, "events", area);
  float inner = scroll_content_width(ui, area.w);
  const std::string today = local_date(ui.clock.wall());
  auto events = ui.cat.upcoming_events(today);
  if (events.empty()) text(ui, ui.t("events.none"), nullptr, ui.p().text, inner);
  for (const Event* e : events) {
    std::vector<Para> body{Para{format_event_when(*e, ui.lang()), ui.f().body_bold, ui.p().text},
                           Para{ui.t(e->place), nullptr, ui.p().text}};
    if (!ui.t(e->summary).empty()) body.push_back(Para{ui.t(e->summary), nullptr, ui.p().muted});
    const Program* prog = e->program_id.empty() ? nullptr : ui.cat.find_program(e->program_id);
    if (prog) {
      body.push_back(Para{ui.t("events.open_program") + ": " + ui.t(prog->title), ui.f().small,
                          ui.p().primary});
      if (tile(ui, ("event-" + e->id).c_str(), ui.t(e->title), body, inner))
        ui.app.open(Route{Screen::ProgramDetail, prog->id});
      if (event_takes_signups(ui.cat, *e, today)) {
        ImGui::Dummy(ImVec2(0, m.gap * 0.25f));
        // The date makes each button's words its own: recurring events share a title.
        std::string label = ui.str.format(ui.lang(), "eventsignup.button",
                                          {{"date", format_date_long(e->date, ui.lang())}});
        if (button(ui, ("event-signup-" + e->id).c_str(), label, std::min(inner, m.tap_h * 9.0f),
                   ButtonKind::Primary))
          ui.app.open(Route{Screen::Signup, signup_route_id(prog->id, e->id)});
      }
    } else {
      body.insert(body.begin(), Para{ui.t(e->title), ui.f().heading, ui.p().primary});
      card(ui, body, inner);
    }
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
}

}  // namespace kiosk::ui
