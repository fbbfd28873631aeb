// Script: the UI test-script language (docs/script-harness.md), parsed into commands. One command
// per line, `#` starts a comment outside quotes. Parsing is pure and unit-tested; player.h runs it.
//   tap "Label" | tap X Y | drag X1 Y1 X2 Y2 [MS] | type "text" | wait MS | expect "text" |
//   expect-not "text" | expect-in-view "text" | screenshot PATH.png | hold "Label" MS | hold X Y MS | key CHORD | close | quit
//   focus "Label" | expect-focus "Label" | expect-focus-order   (the keypad path, issue 16)
//   expect-spoken "text"
//   low-reach on|off | expect-below FRACTION "Label"|nav | expect-reach   (reach, issues 17 and 18)
//   reset-touches | expect-touches-at-most N   (touches counted, issue 17)
//   expect-layout [known "text"]... | text-size standard|large|extra-large | high-contrast on|off
//   (issue 18)
//   extra-time on|off   (issue 18: the visitor's Extra time choice, without the panel)
//   scroll-to "Label"   (drags the list holding it until it is wholly in view, as a finger would)
//   drag-in "Label" X1 Y1 X2 Y2 [MS]   (a drag inside that widget, points in % of its rectangle)
// X and Y are pixels, or percentages of the screen's width/height ("50%"), so one script can run
// at every screen size.
#pragma once
#include <SDL2/SDL_keycode.h>
#include <SDL2/SDL_scancode.h>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// A key with modifiers, e.g. alt+f4: modifiers {LALT}, key F4.
struct KeyChord {
  std::vector<SDL_Scancode> modifiers;  // pressed before `key`, released after, in reverse
  SDL_Scancode key = SDL_SCANCODE_UNKNOWN;
  Uint16 mod = KMOD_NONE;  // the modifier state while `key` is down
};
// "alt+f4", "ctrl+shift+tab", "escape", "enter". Names are SDL's key names, case-insensitive, plus
// aliases esc, enter, del, ins, pgup, pgdn, space. Returns false with `error` on an unknown name.
bool parse_chord(std::string_view text, KeyChord& out, std::string& error);

struct Command {
  enum class Kind {
    TapLabel,
    TapXY,
    Drag,
    Type,
    Wait,
    Expect,
    ExpectNot,
    ExpectInView,
    Screenshot,
    HoldLabel,
    HoldXY,
    Key,
    Close,
    Quit,
    // ---- keypad focus (issue 16) ----
    Focus,             // Tab until the focused widget's label is exactly `text`
    ExpectFocus,       // the focused widget's label is exactly `text`
    ExpectFocusOrder,  // Tab through the screen: focus visits the reading order, then wraps
    // ---- speech (issue 16) ----
    ExpectSpoken,
    // ---- reach (issues 17 and 18) ----
    LowReach,     // the visitor's Low reach choice on (`on` true) or off
    ExpectBelow,  // every widget labelled `text` (all navigation when `nav`) starts below y
    ExpectReach,  // every tappable widget starts at or below the 1.22 m reach line
    // ---- touch count (issue 17) ----
    ResetTouches,         // the touch count starts again from 0
    ExpectTouchesAtMost,  // taps, holds and drags since the last reset-touches are <= `count`
    // ---- text size and contrast (issue 18) ----
    ExpectLayout,  // nothing off screen, no two tappable widgets overlap, no text outgrows its box
    TextSizeSet,   // `text` = standard | large | extra-large: the panel's choice, without the panel
    HighContrast,  // `text` = on | off
    // ---- extra time (issue 18) ----
    ExtraTime,  // `ms` 1 = on, 0 = off
    // ---- scrolling as a visitor does ----
    ScrollTo,  // drag the View holding the widget labelled `text` until it is wholly in view
    DragIn,    // a drag inside the widget labelled `text`, x1..y2 in % of its visible rectangle
  };
  Kind kind = Kind::Quit;
  int line = 0;        // 1-based line in the script
  std::string source;  // the line as written (trimmed), for messages
  std::string text;    // label, text to type or expect, screenshot path
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  bool rel_x1 = false, rel_y1 = false, rel_x2 = false, rel_y2 = false;  // given as % of the screen
  int ms = 0;  // wait, hold and drag durations
  KeyChord chord;
  // ---- reach ----
  bool on = false;                 // low-reach on|off
  bool nav = false;                // expect-below ... nav: the navigation widgets, not a label
  float fraction = 0;              // expect-below: of the screen's height, 0..1
  int count = 0;                   // expect-touches-at-most
  std::vector<std::string> known;  // expect-layout: texts whose widgets' faults are known
  std::string lang;                // expect-spoken ... in en|es: the voice it must be spoken in
};

struct ParsedScript {
  std::vector<Command> commands;
  std::vector<std::string> errors;  // "line 3: tap: expected \"Label\" or X Y"
  bool ok() const { return errors.empty(); }
};

ParsedScript parse_script(std::string_view text);

// The input commands (`tap drag hold type key focus`): `expect-spoken` looks at what was spoken
// since the latest of them began.
bool is_input_command(Command::Kind kind);

// A touch for the touch count: tap, hold or drag (typed characters, keys and waits are not).
bool is_touch_command(Command::Kind kind);

inline constexpr int kDefaultDragMs = 300;
inline constexpr int kMaxWaitMs = 24 * 3600 * 1000;

}  // namespace kiosk::ui
