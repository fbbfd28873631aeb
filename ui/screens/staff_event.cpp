// Staff: the event tag stamped on every new submission — pick one of the content's upcoming
// events, or type one; "No event tag" clears it. StaffSession stores it (settings "event_tag",
// with an audit row) and hands it to the form flow.
#include <algorithm>
#include <string>

#include "kiosk/app/event_text.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_text.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

// "National Night Out 2026 — Riverside Park": the event's name, its year, where. In English: the
// tag travels with the records to the department, whatever language the kiosk shows.
std::string tag_for(const Event& e) {
  std::string tag = e.title.en;
  std::string year = e.date.substr(0, 4);
  if (tag.find(year) == std::string::npos) tag += " " + year;
  if (!e.place.en.empty()) tag += " \u2014 " + e.place.en;
  return tag.substr(0, kEventTagMax);
}

void set_tag(Ui& ui, StaffUi& st, const std::string& tag) {
  if (st.session.set_event_tag(tag) == StaffOutcome::Done) {
    st.stop_text();
    ui.app.home();
    st.say(ui.app, tag.empty() ? ui.t("staff.event.cleared")
                               : staff_fmt(ui, "staff.event.set", {{"tag", tag}}));
  } else {
    st.say(ui.app, ui.t("staff.event.failed"));
  }
}

}  // namespace

void draw_staff_event(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  const Palette& p = ui.p();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  if (ui.screen_entered) st.stop_text();
  const std::string& current = st.session.event_tag();
  bool typing = staff_typing(st, kEventTagField);
  float kb_h = staff_keyboard_height(ui, st);
  float y = screen_title(ui, ui.t("staff.event.title"), content);
  Rect area{content.x + m.pad, y, content.w - 2 * m.pad,
            content.y + content.h - kb_h - y - m.gap * 0.5f};
  begin_scroll(ui, "staff-event", area);
  float inner = scroll_content_width(ui, area.w);
  float w = std::min(inner, m.base * 1.4f);
  if (const std::string* said = st.said(ui.app)) text(ui, *said, ui.f().heading, p.alert, w);
  text(ui,
       staff_fmt(ui, "staff.event.now",
                 {{"tag", current.empty() ? ui.t("staff.event.no_tag_lower") : current}}),
       ui.f().heading, p.text, w);
  float fx = ImGui::GetCursorScreenPos().x;
  if (!typing) {
    text(ui, ui.t("staff.event.help"), nullptr, p.muted, w);
    ImGui::Dummy(ImVec2(0, m.gap * 0.5f));
  }
  move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
  // While typing, the field and its button share a row above the keyboard.
  float bw = std::min(w * 0.3f, m.base * 0.35f);
  StaffTextResult r = staff_text_entry(ui, st, kEventTagField, ui.t("staff.event.type"), current,
                                       kEventTagMax, typing ? w - bw - m.gap : w);
  if (typing) {
    ImVec2 after = ImGui::GetCursorScreenPos();
    move_to(ImVec2(fx + w - bw, after.y - staff_field_height(ui)));
    if (button(ui, "save-typed", ui.t("staff.event.use"), bw))
      r.done = true, r.value = st.text.value();
    move_to(ImVec2(fx, std::max(after.y, ImGui::GetCursorScreenPos().y)));
  }
  if (r.done) set_tag(ui, st, r.value);
  ImGui::Dummy(ImVec2(0, m.gap));
  move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));

  if (!typing) {
    text(ui, ui.t("staff.event.choose"), ui.f().heading, p.primary, w);
    auto events = ui.cat.upcoming_events(local_date(ui.clock.wall()));
    if (events.empty()) text(ui, ui.t("staff.event.none_upcoming"), nullptr, p.text, w);
    for (const Event* e : events) {
      std::string tag = tag_for(*e);
      move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y));
      if (tile(ui, ("ev-" + e->id).c_str(), tag,
               {Para{format_event_when(*e, ui.lang()), nullptr, p.text}}, w))
        set_tag(ui, st, tag);
      ImGui::Dummy(ImVec2(0, m.gap * 0.4f));
    }
    move_to(ImVec2(fx, ImGui::GetCursorScreenPos().y + m.gap * 0.5f));
    if (!current.empty() && button(ui, "no-tag", ui.t("staff.event.no_tag"),
                                   std::min(w, m.base * 0.5f), ButtonKind::Secondary))
      set_tag(ui, st, "");
  }
  ImGui::Dummy(ImVec2(inner, m.pad));
  end_scroll(ui);
  if (typing && staff_keyboard(ui, st, content)) set_tag(ui, st, st.text.value());
}

}  // namespace kiosk::ui
