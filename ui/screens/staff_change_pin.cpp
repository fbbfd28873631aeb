// Staff: change the staff PIN on the kiosk, on the PIN pad, in three steps — the current PIN, the
// new one (6 to 12 digits), the new one again — then StaffSession::change_pin. The dashboard leads
// here when the PIN that opened it is shorter than the rule for new PINs. Digits are never shown
// (dots only) and every buffer is wiped when the change is done, cancelled or the session resets.
#include <algorithm>
#include <string>

#include "kiosk/forms/secure_buffer.h"
#include "ui/screens/chrome.h"
#include "ui/screens/staff_screens.h"
#include "ui/screens/staff_ui.h"
#include "ui/widgets/pin_pad.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {
namespace {

using Step = StaffUi::ChangeStep;

std::string minutes(const Ui& ui, Clock::Millis ms) {
  long long m = std::max<long long>(1, (ms.count() + 59'999) / 60'000);
  return m == 1 ? ui.t("staff.minute") : staff_fmt(ui, "staff.minutes", {{"n", std::to_string(m)}});
}

const char* prompt_key(Step s) {
  switch (s) {
    case Step::Old: return "staff.change_pin.old";
    case Step::New: return "staff.change_pin.new";
    case Step::Again: return "staff.change_pin.again";
  }
  return "staff.change_pin.old";
}

// Moves `from`'s digits into `to` (a zeroing buffer) and clears `from`.
void keep(PinPadState& from, PinPadState& to) {
  to.clear();
  to.digits = from.digits;
  from.clear();
}

// The third OK: the session checks the new PIN twice, then the old one.
void finish(Ui& ui, StaffUi& st) {
  std::string old_pin(st.change_old.digits.begin(), st.change_old.digits.end());
  std::string new_pin(st.change_new.digits.begin(), st.change_new.digits.end());
  std::string again(st.pin.digits.begin(), st.pin.digits.end());
  st.pin.clear();
  const StaffSession::PinChangeCheck c = st.session.change_pin(old_pin, new_pin, again);
  forms::wipe_buffer(old_pin);
  forms::wipe_buffer(new_pin);
  forms::wipe_buffer(again);
  using R = StaffSession::PinChange;
  switch (c.result) {
    case R::Changed:
      st.clear_change();
      ui.app.home();
      st.say(ui.app, ui.t("staff.change_pin.done"));
      return;
    case R::Mismatch:
      st.change_new.clear();
      st.change_step = Step::New;
      st.change_message = ui.t("staff.change_pin.mismatch");
      return;
    case R::BadLength:
    case R::NotDigits:
      st.change_new.clear();
      st.change_step = Step::New;
      st.change_message = ui.t("staff.change_pin.rule");
      return;
    case R::SameAsOld:
      st.change_new.clear();
      st.change_step = Step::New;
      st.change_message = ui.t("staff.change_pin.same");
      return;
    case R::WrongOld:
      st.clear_change();
      st.change_message =
          staff_fmt(ui, c.attempts_left == 1 ? "staff.pin.wrong_one" : "staff.pin.wrong",
                    {{"n", std::to_string(c.attempts_left)}});
      return;
    case R::LockedOut:
      st.clear_change();
      st.change_message =
          staff_fmt(ui, "staff.pin.wrong_locked", {{"time", minutes(ui, c.locked_for)}});
      return;
    case R::StoreFailed:
      st.clear_change();
      st.change_message = ui.t("staff.pin.store_failed");
      return;
  }
}

void on_ok(Ui& ui, StaffUi& st) {
  if (st.pin.digits.empty()) {
    st.change_message = ui.t("staff.pin.first");
    return;
  }
  switch (st.change_step) {
    case Step::Old:
      keep(st.pin, st.change_old);
      st.change_step = Step::New;
      st.change_message.clear();
      return;
    case Step::New: {
      // The rule is said at once, before the PIN is typed a second time.
      std::string typed(st.pin.digits.begin(), st.pin.digits.end());
      const bool fits = staff::PinGuard::new_pin_problem(typed) == staff::NewPinProblem::None;
      forms::wipe_buffer(typed);
      if (!fits) {
        st.pin.clear();
        st.change_message = ui.t("staff.change_pin.rule");
        return;
      }
      keep(st.pin, st.change_new);
      st.change_step = Step::Again;
      st.change_message.clear();
      return;
    }
    case Step::Again: finish(ui, st); return;
  }
}

}  // namespace

void draw_staff_change_pin(Ui& ui, Rect content) {
  const Metrics& m = ui.m();
  if (!ui.staff) return;
  StaffUi& st = *ui.staff;
  if (ui.screen_entered) {
    st.pin.clear();
    st.clear_change();
  }
  float y = screen_title(ui, ui.t("staff.change_pin.title"), content);
  float w = std::min(content.w - 2 * m.pad, m.base * 0.9f);
  float x = content.x + (content.w - w) * 0.5f;
  move_to(ImVec2(x, y));
  // One line, as on the PIN screen: a refusal says what to do next, in place of the prompt.
  const std::string& msg = st.change_message;
  text(ui, msg.empty() ? ui.t(prompt_key(st.change_step)) : msg, ui.f().heading,
       msg.empty() ? ui.p().text : ui.p().alert, w, true);
  y = ImGui::GetCursorScreenPos().y + m.gap * 0.25f;
  float avail = content.y + content.h - y - m.pad;
  float key_h = m.tap_h * 1.5f;
  while (key_h > m.tap_h && pin_pad_height(ui, key_h) > avail) key_h -= 4;
  PinPadAction a = pin_pad(ui, st.pin, Rect{x, y, w, avail}, key_h);
  if (a == PinPadAction::Cancel) {
    st.pin.clear();
    st.clear_change();
    ui.app.back();
  } else if (a == PinPadAction::Ok) {
    on_ok(ui, st);
  }
}

}  // namespace kiosk::ui
