// Staff text entry (event tag, export folder): a text field that, when tapped, takes the on-screen
// keyboard, which types into StaffUi::text (a TextInput). Physical-keyboard text and keys work too.
#pragma once
#include <string>

#include "ui/screens/staff_ui.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

struct StaffTextResult {
  bool typing = false;  // the keyboard types into this field
  bool done = false;    // Enter on a physical keyboard: `value` holds the text
  std::string value;
};

bool staff_typing(const StaffUi& st, const char* field);
// The label and the field at the cursor, `width` wide; shows `initial` until tapped, then takes at
// most `max` characters; `kind` picks the keyboard's first page.
StaffTextResult staff_text_entry(Ui& ui, StaffUi& st, const char* field, const std::string& label,
                                 const std::string& initial, std::size_t max, float width,
                                 TextKind kind = TextKind::Plain);
// The keyboard at the bottom of `content` while a field is typed into; true on "Done typing".
bool staff_keyboard(Ui& ui, StaffUi& st, Rect content);
float staff_keyboard_height(const Ui& ui, const StaffUi& st);
// The field's own height (without its label): to put a button beside it.
float staff_field_height(const Ui& ui);

}  // namespace kiosk::ui
