// StaffUi: the staff screens' typed text, PIN pad, dialogs and messages (see staff_ui.h).
#include "ui/screens/staff_ui.h"

#include "kiosk/core/utf8.h"
#include "kiosk/forms/secure_buffer.h"

namespace kiosk::ui {

void StaffText::start(const char* field, const std::string& initial, std::size_t max) {
  stop();
  active_ = true;
  field_ = field;
  max_ = max;
  insert_text(initial);
  refusal_.clear();
}

void StaffText::stop() {
  forms::wipe_buffer(value_);
  forms::wipe_buffer(queued_);
  value_.clear();
  queued_.clear();
  refusal_.clear();
  field_.clear();
  active_ = false;
}

void StaffText::insert_text(std::string_view utf8) {
  if (!active_) return;
  refusal_.clear();
  if (!utf8::is_bmp_only(utf8)) {
    refusal_ = "staff.text.refused";
    return;
  }
  for (unsigned char c : utf8)
    if (c < 0x20 || c == 0x7f) {
      refusal_ = "staff.text.refused";
      return;
    }
  if (utf8::length(value_) + utf8::length(utf8) > max_) {
    refusal_ = "staff.text.too_long";
    return;
  }
  value_ += utf8;
}

void StaffText::delete_back() {
  refusal_.clear();
  if (active_ && !value_.empty()) utf8::pop_back(value_);
}

void StaffText::type_queued() {
  if (queued_.empty()) return;
  std::string q;
  q.swap(queued_);
  // One code point at a time, as the keys would type it, so one refused character loses nothing
  // else.
  std::size_t i = 0;
  while (i < q.size()) {
    std::size_t n = 1;
    while (i + n < q.size() && (static_cast<unsigned char>(q[i + n]) & 0xC0) == 0x80) ++n;
    insert_text(std::string_view(q).substr(i, n));
    i += n;
  }
  forms::wipe_buffer(q);
}

void StaffUi::edit_text(const char* field, const std::string& initial, std::size_t max,
                        TextKind kind) {
  text.start(field, initial, max);
  kb.reset();
  kb.on_focus(forms::FieldType::Text, forms::Part::None, initial.empty());
  if (kind != TextKind::Plain) kb.on_focus_kind(kind);
}

void StaffUi::clear_change() {
  change_step = ChangeStep::Old;
  change_old.clear();
  change_new.clear();
  change_message.clear();
}

void StaffUi::stop_text() {
  text.stop();
  kb.reset();
  keys.clear();
}

void StaffUi::say(const App& app, std::string words) {
  message = std::move(words);
  message_screen = std::string(screen_name(app.screen())) + "/" + app.route().id;
}

const std::string* StaffUi::said(const App& app) const {
  if (message.empty() ||
      message_screen != std::string(screen_name(app.screen())) + "/" + app.route().id)
    return nullptr;
  return &message;
}

void StaffUi::reset() {
  pin.clear();
  pin_message.clear();
  clear_change();
  holding = false;
  stop_text();
  confirm_exit = false;
  discard_asked = 0;
  message.clear();
  message_screen.clear();
  session.clear_export();
  session.close_views();
}

void StaffUi::attach(App& app) {
  app.add_reset_hook([this] { reset(); });
}

}  // namespace kiosk::ui
