// A staff text entry: one text field and, while it is being typed into, the on-screen keyboard at
// the bottom of the screen, typing into StaffUi::text.
#include "ui/screens/staff_text.h"

#include "ui/screens/chrome.h"
#include "ui/widgets/on_screen_keyboard.h"
#include "ui/widgets/text_field.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

bool staff_typing(const StaffUi& st, const char* field) { return st.text.typing(field); }

StaffTextResult staff_text_entry(Ui& ui, StaffUi& st, const char* field, const std::string& label,
                                 const std::string& initial, std::size_t max, float width,
                                 TextKind kind) {
  StaffTextResult out;
  bool typing = staff_typing(st, field);
  if (typing) {
    st.text.type_queued();
    for (PhysicalKey k : st.keys) {
      if (k == PhysicalKey::Backspace) st.text.delete_back();
      if (k == PhysicalKey::Enter) out.done = true;
    }
    st.keys.clear();
  }
  text(ui, label, ui.f().body_bold, ui.p().primary, width);
  std::string value = typing ? st.text.value() : initial;
  TextFieldLook look;
  look.focused = typing;
  if (text_field(ui, field, label, value, width, look) && !typing)
    st.edit_text(field, initial, max, kind);
  if (typing && !st.text.refusal().empty())
    text(ui, ui.str.format(ui.lang(), st.text.refusal(), {{"n", std::to_string(st.text.max())}}),
         ui.f().body_bold, ui.p().alert, width);
  out.typing = staff_typing(st, field);
  if (out.done) out.value = st.text.value();
  return out;
}

bool staff_keyboard(Ui& ui, StaffUi& st, Rect content) {
  if (!st.text.active()) return false;
  float kb_h = keyboard_height(ui, st.kb);
  Rect kb_area{content.x, content.y + content.h - kb_h, content.w, kb_h};
  return on_screen_keyboard(ui, st.kb, st.text, kb_area, false) == KeyOutcome::Next;
}

float staff_field_height(const Ui& ui) { return text_field_height(ui, false); }

float staff_keyboard_height(const Ui& ui, const StaffUi& st) {
  return st.text.active() ? keyboard_height(ui, st.kb) : 0;
}

}  // namespace kiosk::ui
