// Stepper: a number chosen with big "-" and "+" buttons around its value (no typing). Registered
// as "<label> -" and "<label> +" so several steppers on one screen stay distinct for scripts.
#pragma once
#include <string>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

float stepper_height(const Ui& ui);
// Draws `shown` between the buttons, `width` wide at most; returns -1, +1 or 0 (no tap).
int stepper(Ui& ui, const char* id, const std::string& label, const std::string& shown,
            float width);

}  // namespace kiosk::ui
