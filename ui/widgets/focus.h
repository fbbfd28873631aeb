// Keypad focus (issue 16): which one tappable widget the keyboard acts on, and the pure rules
// that move it — reading order over the last frame's registry (top to bottom, then left to
// right; a scroll region's widgets stay together at the region's place), Tab / Shift+Tab
// wrapping, keys aimed at the focused widget for the frame that draws it. No ImGui calls here
// except in draw_focus_ring, so the rules are unit-tested on plain registry entries.
#pragma once
#include <imgui/imgui.h>

#include <optional>
#include <vector>

#include "ui/theme/palette.h"
#include "ui/widgets/registry.h"

namespace kiosk::ui {

// What a key asks of the focus model. Typing itself goes to the form as text.
enum class NavKey {
  Next,      // Tab, Down
  Prev,      // Shift+Tab, Up
  Activate,  // Return: as a tap on the focused widget
  Toggle,    // Space: a choice or check box (a tap on it); typed as a space in a field
  Left,      // a choice group, stepper or picker: the previous value
  Right,     // ... the next value
  Escape,    // Back, or the dialog's safe choice
};

// Whether Tab stops on `e`: a tappable widget with an id and a role, not a key of the on-screen
// keyboard (inside `keyboard`, the keyboard's area; the physical keyboard types instead).
bool focusable(const WidgetEntry& e, const std::vector<Rect>& keyboards);

// The focusable entries of one frame (the visible ones and those scrolled out of view) in reading
// order: rows top to bottom (tops within `row_slack` px share a row), each row left to right. A
// scroll region counts as one block at its view's place; inside it, its widgets in their own
// reading order (by their unclipped rects), a form field's widgets (WidgetEntry::group) kept
// together at the place of its first.
std::vector<const WidgetEntry*> reading_order(const std::vector<WidgetEntry>& visible,
                                              const std::vector<WidgetEntry>& offscreen,
                                              float row_slack = 8);

// The id Tab (dir +1) or Shift+Tab (dir -1) moves to from `current` in `order`, wrapping. From no
// focus (or a focus no longer there) Tab starts at the first, Shift+Tab at the last. 0: nothing
// focusable.
unsigned step_focus(const std::vector<const WidgetEntry*>& order, unsigned current, int dir);

// Keypad focus across frames. The runner queues keys (push), applies them before each frame
// against the frame drawn before (begin_frame), and checks the result after drawing (end_frame);
// widgets ask it while drawing whether they are focused and what was aimed at them.
class FocusModel {
 public:
  void push(NavKey k) { queued_.push_back(k); }
  // No focus (a touch, a new screen or step): nothing ringed until the next Tab.
  void clear();

  void begin_frame(const std::vector<WidgetEntry>& last, const std::vector<WidgetEntry>& offscreen,
                   bool last_covered);
  void end_frame(const std::vector<WidgetEntry>& frame, const std::vector<WidgetEntry>& offscreen,
                 bool covered);

  unsigned focused() const { return focused_; }
  bool active() const { return focused_ != 0; }
  bool is(unsigned id) const { return id != 0 && id == focused_; }
  // Focus came to a widget by a key this frame.
  bool moved() const { return moved_; }
  // Return (or Space) aimed at `id` this frame: the widget acts as if tapped. Consumed.
  bool take_activate(unsigned id);
  // Space aimed at `id`: only choices and check boxes take it. Consumed.
  bool take_toggle(unsigned id);
  // Left / Right aimed at `id`: -1, +1, or 0. Consumed.
  int take_step(unsigned id);
  // Escape this frame, for a dialog (`in_dialog`) or for the screen. Consumed.
  bool take_escape(bool in_dialog);
  // The widget to scroll wholly into view inside region `region` this frame: its unclipped rect
  // last frame, and the region's view then.
  struct ScrollRequest {
    Rect whole;
    Rect view;
  };
  std::optional<ScrollRequest> take_scroll(unsigned region);
  // Gives focus to `id` (a typed box that took the text focus by keys keeps the ring on it).
  void set(unsigned id) { focused_ = id; }
  // With no keypad focus, the next Tab moves on from `id` (a box given the typing by a tap).
  void set_anchor(unsigned id) { anchor_ = id; }

 private:
  std::vector<NavKey> queued_;
  unsigned focused_ = 0;
  unsigned anchor_ = 0;
  bool moved_ = false;
  unsigned activate_ = 0, toggle_ = 0, step_id_ = 0;
  int step_ = 0;
  std::optional<bool> escape_;  // set: Escape pressed; value: a dialog was up
  Rect last_rect_{};            // where the focused widget was last frame
  bool last_in_dialog_ = false;
  unsigned scroll_region_ = 0;
  ScrollRequest scroll_{};
};

// The ring around a focused widget: at least 3 px, in a colour with at least 3:1 against the
// surface around it, with a gap of that surface between it and the widget (palette.h).
void draw_focus_ring(ImDrawList* dl, const Palette& p, float border, Rect r, bool on_dark);

}  // namespace kiosk::ui
