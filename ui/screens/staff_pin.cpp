// Staff entry: the hidden hold on the department name, the PIN pad screen and the no-PIN screen.
#include <algorithm>
#include <string>

#include "kiosk/core/log.h"
#include "kiosk/forms/secure_buffer.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/modal_dialog.h"
#include "ui/widgets/pin_pad.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

std::string minutes(const Ui& ui, Clock::Millis ms) {
  long long m = std::max<long long>(1, (ms.count() + 59'999) / 60'000);
  return m == 1 ? ui.t("staff.minute") : staff_fmt(ui, "staff.minutes", {{"n", std::to_string(m)}});
}

void check_pin(Ui& ui, StaffUi& st) {
  std::string pin(st.pin.digits.begin(), st.pin.digits.end());
  st.pin.clear();
  StaffSession::PinCheck c = st.session.check_pin(pin);
  forms::wipe_buffer(pin);
  if (c.store_failed) {
    st.pin_message = ui.t("staff.pin.store_failed");
    return;
  }
  switch (c.attempt.result) {
    case staff::PinResult::Ok:
      st.pin_message.clear();
      ui.app.enter_staff();
      break;
    case staff::PinResult::Wrong:
      st.pin_message =
          staff_fmt(ui, c.attempts_left == 1 ? "staff.pin.wrong_one" : "staff.pin.wrong",
                    {{"n", std::to_string(c.attempts_left)}});
      break;
    case staff::PinResult::LockedOut:
      st.pin_message =
          staff_fmt(ui, "staff.pin.wrong_locked", {{"time", minutes(ui, c.attempt.locked_for)}});
      break;
    case staff::PinResult::NotSet:
      st.pin_message.clear();
      ui.app.back();
      ui.app.open_staff_pin(false);
      break;
  }
}

}  // namespace

bool staff_hold_zone(Ui& ui, const char* id, const std::string& label, Rect r) {
  ui.reg.add({label, label, r, true});
  if (!ui.staff) return ui.pointer.tap && r.contains(ui.pointer.tap_pos);
  StaffUi& st = *ui.staff;
  (void)id;
  if (ui.pointer.pressed && r.contains(ui.pointer.press_pos)) {
    st.holding = true;
    st.hold_since = ui.now;
  }
  // A drag or a lift ends the hold; while the finger rests, frames keep coming so it fires on time.
  if (st.holding &&
      (!ui.pointer.mouse_down || ui.pointer.dragging || !r.contains(ui.pointer.mouse_pos)))
    st.holding = false;
  if (st.holding) {
    ui.animating = true;
    if (ui.now - st.hold_since >= kStaffHold) {
      st.holding = false;
      st.pin.clear();
      st.pin_message.clear();
      log::info("staff: the hold gesture opened the PIN screen");
      ui.app.open_staff_pin(st.session.pin_is_set());
      return false;
    }
  }
  return ui.pointer.tap && r.contains(ui.pointer.tap_pos);
}

void draw_staff_pin(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  StaffUi* st = ui.staff;
  if (!st) return;
  if (ui.screen_entered) {
    st->pin.clear();
    st->pin_message.clear();
    Clock::Millis left = st->session.pin_locked_for();
    if (left.count() > 0)
      st->pin_message = staff_fmt(ui, "staff.pin.locked", {{"time", minutes(ui, left)}});
  }
  float y = screen_title(ui, ui.t("staff.pin.title"), content);
  float w = std::min(content.w - 2 * m.pad, m.base * 0.9f);
  float x = content.x + (content.w - w) * 0.5f;
  move_to(ImVec2(x, y));
  const std::string& msg = st->pin_message;
  text(ui, msg.empty() ? ui.t("staff.pin.prompt") : msg, ui.f().heading,
       msg.empty() ? ui.p().text : ui.p().alert, w, true);
  y = ImGui::GetCursorScreenPos().y + m.gap * 0.25f;
  float avail = content.y + content.h - y - m.pad;
  // Big keys, as big as the screen allows (at least the normal tap height).
  float key_h = m.tap_h * 1.5f;
  while (key_h > m.tap_h && pin_pad_height(ui, key_h) > avail) key_h -= 4;
  PinPadAction a = pin_pad(ui, st->pin, Rect{x, y, w, avail}, key_h);
  if (a == PinPadAction::Cancel) {
    st->pin.clear();
    st->pin_message.clear();
    ui.app.back();
  } else if (a == PinPadAction::Ok) {
    if (st->pin.digits.empty())
      st->pin_message = ui.t("staff.pin.first");
    else
      check_pin(ui, *st);
  }
}

void draw_staff_no_pin(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  float y = screen_title(ui, ui.t("staff.nopin.title"), content);
  float w = std::min(content.w - 2 * m.pad, m.base * 1.4f);
  move_to(ImVec2(content.x + m.pad, y + m.gap));
  card(ui,
       {Para{ui.t("staff.nopin.body"), ui.f().heading, ui.p().text},
        Para{ui.t("staff.nopin.how"), nullptr, ui.p().text},
        Para{"kiosk --set-pin", ui.f().heading, ui.p().primary},
        Para{ui.t("staff.nopin.then"), nullptr, ui.p().text}},
       w);
  ImGui::Dummy(ImVec2(0, m.gap));
  move_to(ImVec2(content.x + m.pad, ImGui::GetCursorScreenPos().y));
  if (button(ui, "staff-nopin-ok", ui.t("staff.ok"), std::min(w, m.base * 0.4f))) ui.app.back();
}

void draw_staff_top_bar(Ui& ui, Rect bar) {
  const Metrics& m = ui.m();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(bar.x, bar.y), ImVec2(bar.x + bar.w, bar.y + bar.h), col(ui.p().bar));
  float y = bar.y + m.pad * 0.5f;
  const std::string& back = ui.t("staff.bar.back");
  const std::string& dash = ui.t("staff.bar.dashboard");
  const std::string& leave = ui.t("staff.bar.leave");
  float bw = std::max(
      m.base * 0.16f,
      std::max(text_width(ui.f().body_bold, dash), text_width(ui.f().body_bold, back)) + 2 * m.pad);
  float left = bar.x + m.pad;
  move_to(ImVec2(left, y));
  if (button(ui, "staff-back", back, bw, ButtonKind::Bar)) ui.app.back();
  left += bw + m.gap;
  if (ui.app.screen() != Screen::StaffHome) {
    move_to(ImVec2(left, y));
    if (button(ui, "staff-dash", dash, bw, ButtonKind::Bar)) ui.app.home();
    left += bw + m.gap;
  }
  float dw = std::max(m.base * 0.22f, text_width(ui.f().body_bold, leave) + 2 * m.pad);
  float right = bar.x + bar.w - m.pad - dw;
  move_to(ImVec2(right, y));
  if (button(ui, "staff-leave", leave, dw, ButtonKind::Bar)) ui.app.leave_staff();
  std::string title = staff_fmt(ui, "staff.bar.title_timeout",
                                {{"n", std::to_string(ui.app.staff_timeout().count() / 1000)}});
  if (text_width(ui.f().body_bold, title) > right - left - 2 * m.gap)
    title = ui.t("staff.bar.title");
  text_at(ui, dl, title, ui.f().body_bold, ui.p().bar_text,
          Rect{left + m.gap, bar.y, right - left - 2 * m.gap, bar.h}, true);
}

int staff_confirm(Ui& ui, const char* id, const std::string& title, const std::string& body,
                  const std::string& yes, const std::string& no) {
  ModalDialog d;
  d.window_id = id;
  d.title = title;
  d.body = body;
  d.primary = DialogButton{"confirm-no", no};  // the safe choice first, filled
  d.secondary = DialogButton{"confirm-yes", yes};
  d.warning = true;
  switch (modal_dialog(ui, d)) {
    case DialogResult::Primary: return 0;
    case DialogResult::Secondary: return 1;
    default: return -1;
  }
}

std::string staff_age(const Ui& ui, const std::string& rfc3339) {
  Clock::Wall t;
  if (!parse_rfc3339(rfc3339, t)) return ui.t("staff.age.unknown");
  auto s = std::chrono::duration_cast<std::chrono::seconds>(ui.clock.wall() - t).count();
  if (s < 0) s = 0;
  if (s < 60) return staff_fmt(ui, "staff.age.s", {{"n", std::to_string(s)}});
  if (s < 3600) return staff_fmt(ui, "staff.age.min", {{"n", std::to_string(s / 60)}});
  if (s < 86400)
    return staff_fmt(ui, "staff.age.h_min",
                     {{"h", std::to_string(s / 3600)}, {"m", std::to_string((s % 3600) / 60)}});
  long long d = s / 86400;
  return d == 1 ? ui.t("staff.age.day")
                : staff_fmt(ui, "staff.age.days", {{"n", std::to_string(d)}});
}

}  // namespace kiosk::ui
