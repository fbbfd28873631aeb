// FormUi: the form screens' state for one visitor — the FormFlow (answers, focus, saving, code),
// the on-screen keyboard's state, which calendar is open and the month it shows, the "Leave this
// form?" dialog and physical keys waiting for the next frame. Created once by the runner; wiped
// with the session (attach()), on leaving a form, and after a save.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/form_flow.h"
#include "kiosk/forms/date_entry.h"
#include "ui/widgets/keyboard_layout.h"

namespace kiosk::ui {

// Keys from a physical keyboard that act on the form (text arrives as SDL_TEXTINPUT instead).
enum class PhysicalKey { Backspace, Tab, Enter };

struct FormUi {
  FormUi(Clock& clock, FormFlow::Saver saver) : flow(clock, std::move(saver)) {}
  FormUi(Clock& clock, FormFlow::Saver saver, FormFlow::Identity identity)
      : flow(clock, std::move(saver), std::move(identity)) {}

  FormFlow flow;
  KeyboardState kb;
  std::string open_date;                                  // the date field whose calendar is shown
  std::map<std::string, forms::DatePickerState> pickers;  // date field -> its calendar's view
  bool leave_prompt = false;                              // "Leave this form?" is up
  bool done_prompt = false;      // "Close this screen?" is up on the confirmation
  bool leave_back = false;       // ... and leaving goes back one screen (else home)
  std::string pending_focus;     // review's Edit: the field to focus once its step is shown
  bool scroll_to_focus = false;  // bring the focused field into view (next layout)
  std::string scroll_to_field;   // bring this field (its first error) into view
  std::string reveal_field;      // bring this field (a calendar just opened) into view, top first
  int shown_step = -1;           // the step (or review) drawn last frame: a change resets focus
  // Where each field and typed box of the step lay last frame, in the field region's content
  // coordinates (top, bottom), and the region's scroll then. The layout does not move when focus
  // or errors change (columns are fixed, an error's line is reserved), so the frame that shows
  // the keyboard or the errors can scroll to them before it draws anything.
  std::map<std::string, std::pair<float, float>> spans;
  float fields_scroll = 0;
  float fields_end = 0;  // where the last field ends (content coordinates), before the room below
  std::vector<PhysicalKey> keys;  // this frame's physical keys
  bool keys_typing = false;  // the focused box took the typing by keypad focus: no on-screen keys

  // Everything of the visitor, overwritten: answers, code, keyboard, calendars, dialogs.
  void wipe();
  bool all_buffers_zero_for_test() const;
  // Registers wipe() with the App's session reset (idle timeout, "Start over").
  void attach(App& app);
};

}  // namespace kiosk::ui
