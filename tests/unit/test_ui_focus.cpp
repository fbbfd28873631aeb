// Keypad focus (issue 16): reading order over registry entries, Tab / Shift+Tab wrapping, keys
// aimed at the focused widget, focus moving into a dialog, and the focus ring's contrast.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "ui/theme/palette.h"
#include "ui/widgets/focus.h"

using namespace kiosk::ui;

namespace {

WidgetEntry widget(const std::string& label, float x, float y, unsigned id,
                   Control c = Control::Button, float w = 100, float h = 50) {
  WidgetEntry e;
  e.label = label;
  e.text = label;
  e.rect = Rect{x, y, w, h};
  e.whole = e.rect;
  e.tappable = true;
  e.control = c;
  e.id = id;
  return e;
}

std::vector<std::string> labels(const std::vector<const WidgetEntry*>& order) {
  std::vector<std::string> out;
  for (const auto* e : order) out.push_back(e->label);
  return out;
}

}  // namespace

TEST_CASE("focus: reading order is rows top to bottom, each row left to right") {
  std::vector<WidgetEntry> frame = {
      widget("Language", 1700, 10, 1), widget("Back", 10, 12, 2),  // same row, 2 px lower
      widget("Second", 500, 300, 3),   widget("First", 10, 300, 4), widget("Below", 10, 600, 5),
  };
  CHECK(labels(reading_order(frame, {})) ==
        std::vector<std::string>{"Back", "Language", "First", "Second", "Below"});
}

TEST_CASE("focus: text, covered widgets, keyboard keys and views are not focusable") {
  std::vector<WidgetEntry> frame = {widget("Next", 10, 10, 1)};
  WidgetEntry plain;  // text: no label, not tappable
  plain.text = "Just words";
  plain.rect = plain.whole = Rect{10, 100, 300, 40};
  frame.push_back(plain);
  WidgetEntry covered = widget("Behind the dialog", 10, 200, 2);
  covered.tappable = false;
  frame.push_back(covered);
  WidgetEntry no_id = widget("No id", 10, 300, 0);
  frame.push_back(no_id);
  WidgetEntry kb;
  kb.role = EntryRole::Keyboard;
  kb.rect = kb.whole = Rect{0, 700, 1920, 380};
  frame.push_back(kb);
  frame.push_back(widget("q", 10, 720, 3));  // an on-screen key
  CHECK(labels(reading_order(frame, {})) == std::vector<std::string>{"Next"});
}

TEST_CASE("focus: a scroll region's widgets stay together at the region's place") {
  std::vector<WidgetEntry> frame;
  frame.push_back(widget("Home", 10, 10, 1));
  WidgetEntry view;
  view.role = EntryRole::View;
  view.rect = view.whole = Rect{0, 100, 1000, 800};
  view.id = 77;
  frame.push_back(view);
  WidgetEntry a = widget("In list", 10, 150, 2);
  a.region = 77;
  frame.push_back(a);
  frame.push_back(widget("Privacy", 10, 1000, 3));  // the bottom band, below the list
  // Scrolled far below the view: still before Privacy, which follows the whole list.
  WidgetEntry far = widget("Far down the list", 10, 2400, 4);
  far.region = 77;
  std::vector<WidgetEntry> offscreen{far};
  CHECK(labels(reading_order(frame, offscreen)) ==
        std::vector<std::string>{"Home", "In list", "Far down the list", "Privacy"});
}

TEST_CASE("focus: Tab and Shift+Tab wrap, from nothing they start at the ends") {
  std::vector<WidgetEntry> frame = {widget("A", 10, 10, 1), widget("B", 10, 100, 2),
                                    widget("C", 10, 200, 3)};
  auto order = reading_order(frame, {});
  CHECK(step_focus(order, 0, +1) == 1);
  CHECK(step_focus(order, 0, -1) == 3);
  CHECK(step_focus(order, 1, +1) == 2);
  CHECK(step_focus(order, 3, +1) == 1);   // wraps
  CHECK(step_focus(order, 1, -1) == 3);   // wraps back
  CHECK(step_focus(order, 99, +1) == 1);  // a focus no longer there: start again
  CHECK(step_focus({}, 1, +1) == 0);
}

TEST_CASE("focus model: keys act on the frame drawn before them") {
  std::vector<WidgetEntry> frame = {
      widget("Name", 10, 10, 1, Control::Field), widget("Yes", 10, 100, 2, Control::Choice),
      widget("No", 200, 100, 3, Control::Choice), widget("Next", 10, 300, 4)};
  frame[0].types = true;
  frame[1].checked = true;
  FocusModel f;
  CHECK_FALSE(f.active());

  f.push(NavKey::Next);
  f.begin_frame(frame, {}, false);
  CHECK(f.is(1));
  CHECK(f.moved());
  CHECK(f.take_activate(1));        // a typed box takes the typing as focus reaches it
  CHECK_FALSE(f.take_activate(1));  // once
  f.end_frame(frame, {}, false);

  f.push(NavKey::Next);
  f.push(NavKey::Toggle);
  f.begin_frame(frame, {}, false);
  CHECK(f.is(2));
  CHECK(f.take_activate(2));  // Space on a choice: as a tap on it

  // Right in a choice group: the next option, chosen since the current one was.
  f.end_frame(frame, {}, false);
  f.push(NavKey::Right);
  f.begin_frame(frame, {}, false);
  CHECK(f.is(3));
  CHECK(f.take_activate(3));

  // Space on a button does nothing; Return activates it.
  f.end_frame(frame, {}, false);
  f.push(NavKey::Next);
  f.push(NavKey::Toggle);
  f.begin_frame(frame, {}, false);
  CHECK(f.is(4));
  CHECK_FALSE(f.take_activate(4));
  f.end_frame(frame, {}, false);
  f.push(NavKey::Activate);
  f.begin_frame(frame, {}, false);
  CHECK(f.take_activate(4));
  CHECK_FALSE(f.take_activate(1));  // only the focused widget

  f.clear();  // a touch
  CHECK_FALSE(f.active());
}

TEST_CASE("focus model: Left / Right on a button nobody takes move focus, a stepper takes it") {
  std::vector<WidgetEntry> frame = {widget("1960", 10, 10, 1), widget("1961", 200, 10, 2),
                                    widget("Count -", 10, 100, 3), widget("Count +", 300, 100, 4)};
  FocusModel f;
  f.push(NavKey::Next);
  f.begin_frame(frame, {}, false);
  f.end_frame(frame, {}, false);
  f.push(NavKey::Right);
  f.begin_frame(frame, {}, false);
  f.end_frame(frame, {}, false);  // nobody took the step
  CHECK(f.is(2));
  f.push(NavKey::Next);
  f.push(NavKey::Left);
  f.begin_frame(frame, {}, false);
  CHECK(f.is(3));
  CHECK(f.take_step(3) == -1);  // the stepper's minus button takes it
  f.end_frame(frame, {}, false);
  CHECK(f.is(3));
}

TEST_CASE("focus model: a dialog takes focus, Escape knows whether one was up") {
  std::vector<WidgetEntry> screen = {widget("Back", 10, 10, 1), widget("Next", 10, 300, 2)};
  FocusModel f;
  f.push(NavKey::Next);
  f.push(NavKey::Next);
  f.begin_frame(screen, {}, false);
  f.end_frame(screen, {}, false);
  REQUIRE(f.is(2));
  // A dialog opens: the screen is covered, its own buttons are the only tappable ones.
  std::vector<WidgetEntry> with_dialog = screen;
  for (auto& e : with_dialog) e.tappable = false;
  with_dialog.push_back(widget("Stay", 500, 400, 10));
  with_dialog.push_back(widget("Leave", 500, 500, 11));
  f.end_frame(with_dialog, {}, true);
  CHECK(f.is(10));
  f.push(NavKey::Escape);
  f.begin_frame(with_dialog, {}, true);
  CHECK_FALSE(f.take_escape(false));
  CHECK(f.take_escape(true));
  // The dialog closes: no focus until the next Tab.
  f.end_frame(screen, {}, false);
  CHECK_FALSE(f.active());
}

TEST_CASE("focus model: the focused widget out of its region's view asks for a scroll") {
  WidgetEntry view;
  view.role = EntryRole::View;
  view.rect = view.whole = Rect{0, 100, 1000, 500};
  view.id = 9;
  std::vector<WidgetEntry> frame = {view};
  WidgetEntry low = widget("Low", 10, 900, 5);
  low.region = 9;
  std::vector<WidgetEntry> off{low};
  FocusModel f;
  f.push(NavKey::Next);
  f.begin_frame(frame, off, false);
  CHECK(f.is(5));
  auto want = f.take_scroll(9);
  REQUIRE(want);
  CHECK(want->whole.y == 900);
  CHECK(want->view.y == 100);
  CHECK_FALSE(f.take_scroll(9));
}

TEST_CASE("focus ring: 3:1 against every surface it is drawn on and its gap against the widget") {
  const Palette& p = palette();
  // Around light widgets: the page and cards.
  CHECK(contrast_ratio(p.focus_ring, p.page) >= 3);
  CHECK(contrast_ratio(p.focus_ring, p.card) >= 3);
  // Around bar and band buttons.
  CHECK(contrast_ratio(p.focus_ring_on_dark, p.bar) >= 3);
  CHECK(contrast_ratio(p.focus_ring_on_dark, p.alert) >= 3);
  // The gap (page colour, bar colour on dark) against the button it surrounds: filled and
  // outlined buttons, pressed ones and the band's.
  for (Rgb edge : {p.primary, p.card_border, p.pressed_text, p.alert})
    CHECK(contrast_ratio(p.page, edge) >= 3);
  for (Rgb edge : {p.bar_text, p.alert_text}) CHECK(contrast_ratio(p.bar, edge) >= 3);
}

TEST_CASE("focus: a form field's parts stay together in Tab order") {
  // Two columns: an address (column 2) starts above a yes/no question (column 1), whose buttons
  // lie level with the address's second row.
  std::vector<WidgetEntry> frame = {widget("Street", 960, 300, 1, Control::Field, 900),
                                    widget("Unit", 960, 400, 2, Control::Field),
                                    widget("City", 1400, 400, 3, Control::Field),
                                    widget("ZIP", 1400, 600, 4, Control::Field),
                                    widget("Yes", 10, 400, 5, Control::Choice),
                                    widget("No", 400, 400, 6, Control::Choice)};
  for (int i = 0; i < 4; ++i) frame[static_cast<std::size_t>(i)].group = 100;
  frame[4].group = frame[5].group = 200;
  frame[4].whole.y = frame[5].whole.y = 340;
  CHECK(labels(reading_order(frame, {})) ==
        std::vector<std::string>{"Street", "Unit", "City", "ZIP", "Yes", "No"});
}
