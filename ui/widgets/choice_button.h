// ChoiceButton: a big button that shows one text and registers another label, with a selected
// state (filled, with a check mark) — single/multiple choice answers, yes/no, the review's "Edit",
// AM/PM. Scripts tap it by `label`, which the caller makes unique on screen ("Edit: Phone number").
// At least Metrics::tap_h tall; no hover needed; a disabled one is drawn greyed and never taps.
#pragma once
#include <string>

#include "ui/widgets/ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

struct ChoiceLook {
  bool selected = false;
  bool enabled = true;
  bool check = true;  // draw the check box at the left (choices); false: a plain button
  ButtonKind kind = ButtonKind::Secondary;  // when not selected
  float min_h = 0;
  ImFont* font = nullptr;           // default body_bold
  Control control = Control::None;  // its role for speech (None: Choice with a check, else Button)
  std::string help{};               // what F1 reads for it
  std::string value{};              // what it changes, read with it (a stepper's number)
};

float choice_button_height(const Ui& ui, const std::string& text, float width,
                           const ChoiceLook& look);
// Returns true on a tap (never after a drag, never when disabled).
bool choice_button(Ui& ui, const char* id, const std::string& text, const std::string& label,
                   float width, const ChoiceLook& look = {});

}  // namespace kiosk::ui
