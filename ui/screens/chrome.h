// Chrome: what surrounds every screen — the navigation bar (Back, Home, department, language
// switch, Accessibility), the red notice band ("Not for emergencies — call 911" + Privacy) and the
// idle dialog — plus small layout helpers the screens share. The navigation bar is at the top in
// landscape and at the bottom, just above the notice band, in portrait and in Low reach (issue 17,
// 18): on a floor-standing portrait screen the top is out of a seated visitor's reach.
#pragma once
#include <string>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

float top_bar_height(const Ui& ui);  // the navigation bar's height, wherever it is
// The navigation bar goes at the bottom (portrait, or Low reach in any orientation).
bool nav_at_bottom(const Ui& ui);
// Low reach is on (the visitor's Accessibility choice, issue 18).
bool low_reach(const Ui& ui);
// In Low reach, the y (px) of the 1.22 m reach line (ui/theme/reach.h): lists and actions start at
// or below it. 0 when Low reach is off.
float reach_top(const Ui& ui);
float bottom_bar_height(const Ui& ui);
// `nav` false: no Back or Home (Out of service has nowhere to go); Accessibility and the language
// switch always.
void draw_top_bar(Ui& ui, Rect bar, bool nav);
void draw_bottom_bar(Ui& ui, Rect bar);
// The "Still there?" dialog over everything, when the idle timer is prompting.
void draw_idle_prompt(Ui& ui);

// Places the ImGui cursor at `p` (screen pixels).
void move_to(ImVec2 p);
// A screen title at the top of `content`; returns the y below it — in Low reach, never above the
// reach line, so what a screen puts after its title (lists, actions) starts within reach.
float screen_title(Ui& ui, const std::string& title, Rect content);
// A bold section heading followed by its text, `width` wide (nothing when `body` is empty).
void section(Ui& ui, const std::string& heading, const std::string& body, float width);

}  // namespace kiosk::ui
