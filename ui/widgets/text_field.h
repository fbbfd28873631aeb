// TextField: a typed answer drawn from the app-owned text (never ImGui::InputText, which in 1.86
// drops focus on any outside tap and loses same-frame keys). A tap on the box gives it the
// on-screen keyboard; the focused box has a thick outline and a caret at the end. A long one-line
// value shows its end (where typing happens); multi-line values wrap.
// Registered with the field's label (what scripts tap) and its current value (what they expect).
#pragma once
#include <string>
#include <string_view>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

struct TextFieldLook {
  bool focused = false;
  bool multiline = false;  // long_text: three lines tall, wraps
  bool error = false;      // outlined in the alert colour
  bool secret = false;     // a private field: its value never reaches the registry's `value`
  std::string help{};      // what F1 reads for it
};

float text_field_height(const Ui& ui, bool multiline);
// Draws the box at the cursor, `width` wide; returns true on a tap.
// `item_out`: the box's ImGuiID (what keypad focus holds).
bool text_field(Ui& ui, const char* id, const std::string& label, std::string_view value,
                float width, const TextFieldLook& look, unsigned* item_out = nullptr);

}  // namespace kiosk::ui
