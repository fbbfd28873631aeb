// Form screens: a form one step per screen (Screen::Form, Screen::Signup), its review, the
// confirmation (Screen::FormDone), the form's own top bar and the "Leave this form?" dialog.
// They draw Ui::form (FormUi); draw_app() calls them. Shared pieces live in form_parts.h.
#pragma once
#include "ui/widgets/ui.h"

namespace kiosk::ui {

// Every frame, before the screen: wipes the visitor's form once they are no longer on a form
// screen (nor reading the privacy notice from one), so no answer outlives the visit.
void form_guard(Ui& ui);
void draw_form(Ui& ui, Rect content);       // Screen::Form and Screen::Signup
void draw_form_done(Ui& ui, Rect content);  // Screen::FormDone
// The form's top bar: Home (asks before erasing answers), the form's title, the language switch.
void draw_form_top_bar(Ui& ui, Rect bar);
// "Leave this form? Your answers will be erased." over everything, when asked for.
void draw_form_dialogs(Ui& ui);
// "Close this screen?" over the confirmation, after Done: the code goes only when confirmed.
void draw_form_done_dialog(Ui& ui);

}  // namespace kiosk::ui
