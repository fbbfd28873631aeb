// WidgetRegistry: what each frame showed — every visible text and every tappable widget with its
// on-screen rectangle. Widgets fill it while drawing; the script harness taps labels and checks
// `expect` against the last completed frame. Pure data (no ImGui calls).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/lang.h"

#include "ui/platform/pointer_event.h"

namespace kiosk::ui {

// What an entry is: a widget, or an area the harness judges "in view" against (expect-in-view).
enum class EntryRole {
  Widget,    // a text or a tappable widget
  View,      // a scroll region's visible area: the content a person can see
  Keyboard,  // the on-screen keyboard's area: covers whatever lies under it
};

// What a widget is, for speech and the keypad path (issue 16): how it is announced ("Next,
// button"), and whether Tab stops on it. `None` is plain text that is only read, never focused.
enum class Control {
  None,      // plain text
  Heading,   // a screen's title: read first when a screen is entered
  Button,    // buttons and tiles
  Field,     // a text, date, time or number field (value = what it holds)
  Choice,    // one option of a single or multi choice (checked = chosen)
  CheckBox,  // a consent or yes/no box (checked = ticked)
  Alert,     // a field error, the idle warning and its countdown: read as soon as it appears
  Code,      // a confirmation code: read character by character
};

struct WidgetEntry {
  std::string label;      // what `tap "Label"` matches (exactly); empty for plain text
  std::string text;       // everything the widget shows (what `expect` searches)
  Rect rect;              // the VISIBLE part, in screen pixels (clipped by scrolling)
  bool tappable = false;  // false for text, and for widgets covered by a dialog
  Rect whole{};           // the whole widget, unclipped (empty: same as `rect`)
  EntryRole role = EntryRole::Widget;
  // ---- speech and keypad path (issue 16) ----
  Control control = Control::None;
  std::string value{};   // a field's current value as it should be read (empty when secret)
  bool checked = false;  // Choice / CheckBox
  bool secret = false;   // a private field: speech echoes "character", never the value
  bool focused = false;  // the widget with keypad focus (at most one per frame)
  std::string help{};    // what F1 reads for it (empty: the label again)
  // The language its words are in when not the screen's (WCAG 3.1.2): the attract screen's
  // Spanish half, "Español" on the language button. Speech reads them in that language's voice.
  std::optional<Lang> lang{};
  // ---- keypad focus ----
  unsigned id = 0;      // the widget's ImGuiID: what keypad focus holds across frames (0: none)
  unsigned region = 0;  // the scroll region it lies in (ImGuiID, 0: none): scrolled into view
  bool types = false;   // a typed box: keypad focus gives it the physical keyboard's typing
  bool typing = false;  // the box being typed in now (the on-screen keyboard types into it)
  unsigned group = 0;   // the form field it belongs to (0: none): its parts are read together
  // ---- layout checks (issue 18) ----
  // A text's box (where it must fit) and its measured size unclipped (widest line, lines x line
  // height): `expect-layout` fails when the text is larger than its box. Empty box: not checked.
  Rect text_box{};
  float text_w = 0, text_h = 0;
};

class WidgetRegistry {
 public:
  // Starts a new frame (forgets the previous one). The texts are overwritten before they are
  // freed: a text field's entry holds a visitor's answer.
  void begin_frame();
  // Adds to the frame being drawn. Entries whose visible rect is empty are dropped — except a
  // focusable widget (tappable, with an id) scrolled out of view, kept in offscreen() so Tab can
  // reach it (and scroll it in). An empty `whole` becomes `rect`.
  void add(WidgetEntry e);
  // Scroll regions being drawn (innermost last): entries added meanwhile carry its id.
  void push_region(unsigned id) { regions_.push_back(id); }
  void pop_region() {
    if (!regions_.empty()) regions_.pop_back();
  }
  // Words drawn meanwhile are in `lang`, whatever the screen's language (WidgetEntry::lang).
  void push_lang(Lang lang) { langs_.push_back(lang); }
  void pop_lang() {
    if (!langs_.empty()) langs_.pop_back();
  }
  // A form field being drawn: its widgets (an address's five boxes) stay together in Tab order.
  void begin_group(unsigned id) { group_ = id; }
  void end_group() { group_ = 0; }
  // A dialog covers everything drawn so far: it stays visible but can no longer be tapped.
  void cover_all();
  // An opaque cover over `r`: what was drawn so far and touches `r` is no longer visible at all
  // (dropped, its text overwritten).
  void hide_under(const Rect& r);
  // The frame being drawn; once drawing ends, the frame last drawn (what the harness reads).
  const std::vector<WidgetEntry>& current() const { return frame_; }
  // Focusable widgets of the same frame that lie wholly outside their scroll region's view.
  const std::vector<WidgetEntry>& offscreen() const { return offscreen_; }
  // A dialog covered the frame (cover_all was called).
  bool covered() const { return covered_; }

  // Look-ups over a frame.
  static std::vector<const WidgetEntry*> tappable_with_label(const std::vector<WidgetEntry>& frame,
                                                             std::string_view label);
  static bool shows_text(const std::vector<WidgetEntry>& frame, std::string_view needle);
  static bool tappable_at(const std::vector<WidgetEntry>& frame, ImVec2 p);
  // One line per entry, for failure messages: [button] "Home"  @ 10,10 200x84
  static std::string describe(const std::vector<WidgetEntry>& frame);
  // The layout problems of a frame on a `screen` of that size, one line each (none: empty):
  // a widget outside the screen (scrolled content is judged by its visible part), two tappable
  // widgets overlapping, a text larger than its box, the box being typed in not shown whole above
  // the on-screen keyboard.
  static std::vector<std::string> layout_problems(const std::vector<WidgetEntry>& frame,
                                                  ImVec2 screen);

 private:
  std::vector<WidgetEntry> frame_;
  std::vector<WidgetEntry> offscreen_;
  std::vector<unsigned> regions_;
  std::vector<Lang> langs_;
  unsigned group_ = 0;
  bool covered_ = false;
};

}  // namespace kiosk::ui
