// Accessibility panel (issue 16): the "Accessibility" button every visitor screen and the attract
// screen carry, and the panel it opens over the screen — Read aloud on/off and the speech volume
// now, the low-vision choices (issue 18) later as more rows. The choices live in
// App::accessibility() and end with the visit.
#pragma once
#include <string>

#include "ui/widgets/ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

// The button's width for its label (top bars and the attract screen size it alike).
float accessibility_button_width(const Ui& ui);
// The button at the cursor, `width` wide, in the given look; a tap opens the panel.
void accessibility_button(Ui& ui, float width, ButtonKind kind, float min_h = 0);
// The panel over everything drawn so far, while App::accessibility().panel_open. Call it after the
// screen and its dialogs, before the idle prompt (which must stay on top of it).
void draw_accessibility_panel(Ui& ui);

}  // namespace kiosk::ui
