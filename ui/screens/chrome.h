// Chrome: what surrounds every screen — the top bar (Back, Home, department, language switch),
// the red notice band ("Not for emergencies — call 911" + Privacy) and the idle dialog — plus
// small layout helpers the screens share.
#pragma once
#include <string>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

float top_bar_height(const Ui& ui);
float bottom_bar_height(const Ui& ui);
// `nav` false: no Back or Home (Out of service has nowhere to go); Accessibility and the language
// switch always.
void draw_top_bar(Ui& ui, Rect bar, bool nav);
void draw_bottom_bar(Ui& ui, Rect bar);
// The "Still there?" dialog over everything, when the idle timer is prompting.
void draw_idle_prompt(Ui& ui);

// Places the ImGui cursor at `p` (screen pixels).
void move_to(ImVec2 p);
// A screen title at the top of `content`; returns the y below it.
float screen_title(Ui& ui, const std::string& title, Rect content);
// A bold section heading followed by its text, `width` wide (nothing when `body` is empty).
void section(Ui& ui, const std::string& heading, const std::string& body, float width);

}  // namespace kiosk::ui
