// ModalDialog: the one centred dialog drawn over the whole screen ("Still there?", "Leave this
// form?", the staff confirmations): a title, a body and two stacked buttons, the first the safe
// choice. While it shows, nothing behind it can be tapped (the registry is covered), but what is
// behind stays visible, dimmed — or, for an opaque dialog, hidden under a solid cover. In Low
// reach (issue 18) the dialog sits low enough that its buttons are below the reach line.
#pragma once
#include <string>

#include "ui/widgets/ui.h"

namespace kiosk::ui {

struct DialogButton {
  const char* id = "";  // ImGui id, also what identifies the tap; unique on screen
  std::string label;    // visible text and the registry label scripts tap
};

struct ModalDialog {
  const char* window_id = "##dialog";  // ImGui window name ("##..."): one per dialog
  std::string title;
  std::string body;
  DialogButton primary;       // drawn first, filled: the safe choice ("More time", "Stay")
  DialogButton secondary;     // drawn second, outlined: the choice that ends something
  bool warning = false;       // frame and title in the alert colour instead of the primary one
  bool tall_primary = false;  // the primary button 1.3 × tap height, in the heading font
  float undimmed_bottom = 0;  // px at the bottom left undimmed (the emergency notice band)
  bool opaque = false;        // cover what is behind completely (answers on screen), not dim it
  bool alert = false;         // the body is an alert for speech (the idle countdown)
};

enum class DialogResult {
  None,          // nothing tapped this frame
  Primary,       // the primary button was tapped
  Secondary,     // the secondary button was tapped
  TappedOutside  // a tap landed on nothing tappable (the dialog's background or the dim)
};

// Draws `d` on top of everything drawn before it this frame and returns what was tapped. Call it
// every frame while the dialog should show, after the screen (it takes the focus).
DialogResult modal_dialog(Ui& ui, const ModalDialog& d);

// The layer every dialog and panel draws in: a full-screen window on top that takes every touch,
// with the screen behind still registered but no longer tappable. The caller dims (or hides) what
// is behind, draws into the window and ends it with ImGui::End().
void begin_modal_layer(Ui& ui, const char* window_id);

}  // namespace kiosk::ui
