// Staff screens (docs/ui.md "Staff mode"): the hidden hold gesture, the PIN pad, the dashboard, the
// record lists, the event tag, export and the staff top bar. Large and touch-sized, in the kiosk's
// language (the "staff." keys of assets/strings). They draw the StaffSession model through
// ui.staff (ui/screens/staff_ui.h) and call its intents; they never touch the store themselves.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/app.h"
#include "ui/widgets/ui.h"
#include "ui/widgets/widgets.h"

namespace kiosk::ui {

// How long the department name must be held to open staff mode.
inline constexpr Clock::Millis kStaffHold{3000};

// The department name as the hidden entry: registered as a tappable widget labelled `label`.
// Holding it kStaffHold opens the PIN pad (or the no-PIN screen). Returns true on a short tap, so
// the screen keeps its own meaning for it (the attract screen starts).
bool staff_hold_zone(Ui& ui, const char* id, const std::string& label, Rect r);

// The dashboard's actions in order (ids, string keys, looks): Export leads, primary, when no server
// is configured; "Change PIN" comes first, primary, while the dashboard asks for a new PIN.
struct StaffAction {
  const char* id;
  const char* key;
  ButtonKind kind;
};
std::vector<StaffAction> staff_dashboard_actions(bool offline, bool pin_change_advised,
                                                 Profile profile);

void draw_staff_top_bar(Ui& ui, Rect bar);
void draw_staff_pin(Ui& ui, Rect content);
void draw_staff_no_pin(Ui& ui, Rect content);
void draw_staff_home(Ui& ui, Rect content);
void draw_staff_records(Ui& ui, Rect content);
void draw_staff_record(Ui& ui, Rect content);
void draw_staff_event(Ui& ui, Rect content);
void draw_staff_export(Ui& ui, Rect content);
void draw_staff_change_pin(Ui& ui, Rect content);
// Dialogs over a staff screen (exit, discard): drawn after the screen, like the idle prompt.
void draw_staff_dialogs(Ui& ui);
// The record screen's two-step discard (inside draw_staff_dialogs).
void draw_discard_dialog(Ui& ui);

// Shared by the staff screens: a confirmation dialog over everything; returns 1 yes, 0 no, -1 none yet.
int staff_confirm(Ui& ui, const char* id, const std::string& title, const std::string& body,
                  const std::string& yes, const std::string& no);
// A staff string with its "{name}" placeholders filled, in the kiosk's language.
inline std::string staff_fmt(const Ui& ui, std::string_view key,
                             const std::vector<std::pair<std::string, std::string>>& args) {
  return ui.str.format(ui.lang(), key, args);
}
// "3 min", "2 h 5 min", "4 days": how long ago `rfc3339` was, from the wall clock.
std::string staff_age(const Ui& ui, const std::string& rfc3339);

}  // namespace kiosk::ui
