// Quick interest (booth): one screen for a festival visitor with 30 seconds — a name, one
// contact and the programs they tick, stored as one sign-up record per program. Being built
// (issue 17); until then the screen offers only the way back.
#include "ui/screens/chrome.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {

void draw_quick_interest(Ui& ui, Rect content) { screen_title(ui, ui.t("nav.home"), content); }

}  // namespace kiosk::ui
