// TimePicker: the time as read ("11:15 PM"), then choice grids — the hours 1 to 12, the quarter
// hours :00 :15 :30 :45, and AM / PM — so any quarter hour is at most three taps, in any order.
// 12-hour display (the app's style in both languages); the answer is 24-hour HH:MM. From no
// answer, an hour or minute tap starts in the afternoon (PM), as the old steppers started at noon.
// Labels for scripts: "Hour 11", "Minutes :15", "AM", "PM" (in the visitor's language); with an
// `owner` (the field's label, given when a screen shows more than one picker) each label is
// "<owner>: Hour 11" and so on, so every button stays one tappable, speakable name.
#pragma once
#include <optional>
#include <string>

#include "kiosk/forms/civil_date.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

float time_picker_height(const Ui& ui, float width);
// Returns the new time when a button was tapped.
std::optional<forms::TimeOfDay> time_picker(Ui& ui, const char* id,
                                            std::optional<forms::TimeOfDay> value, float width,
                                            const std::string& owner = {});

}  // namespace kiosk::ui
