// ConsentBox: the text being agreed to, in a card, then one big check box button with the
// agreement ("I understand and agree"). The visitor reads, then ticks: a tap toggles it.
#pragma once
#include <string>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

// Returns true on a tap (the caller flips the answer).
bool consent_box(Ui& ui, const char* id, const std::string& consent_text, const std::string& label,
                 bool agreed, float width, const std::string& help = {});

}  // namespace kiosk::ui
