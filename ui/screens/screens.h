// Screens: one function per screen, each drawing into the content area between the bars.
// draw_app() is the one entry point: it lays out the bars, picks the screen from the App's route
// and draws the "Still there?" dialog on top when the idle timer asks for it.
#pragma once
#include "ui/widgets/ui.h"

namespace kiosk::ui {

void draw_app(Ui& ui);

// Content screens (content = the area between the top bar and the notice band).
void draw_attract(Ui& ui, Rect content);
void draw_home(Ui& ui, Rect content);
void draw_program_list(Ui& ui, Rect content);
void draw_program_detail(Ui& ui, Rect content);
void draw_events(Ui& ui, Rect content);
void draw_contact(Ui& ui, Rect content);
// Booth: the quick interest screen (issue 17) — one record per ticked program.
void draw_quick_interest(Ui& ui, Rect content);
void draw_privacy(Ui& ui, Rect content);
void draw_out_of_service(Ui& ui, Rect content);

}  // namespace kiosk::ui
