// TimePicker: hour and minute steppers and AM / PM buttons (12-hour display; the answer is 24-hour
// HH:MM). No typing. Minutes move in 5s ("about what time?"). From no answer, the first tap starts
// at 12:00 noon.
#pragma once
#include <optional>

#include "kiosk/forms/civil_date.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

float time_picker_height(const Ui& ui, float width);
// Returns the new time when a button was tapped.
std::optional<forms::TimeOfDay> time_picker(Ui& ui, const char* id,
                                            std::optional<forms::TimeOfDay> value, float width);

}  // namespace kiosk::ui
