// Keyboard layouts and state for the on-screen keyboard, without ImGui: which keys each layout has
// (QWERTY letters with Spanish characters, numbers and symbols, email, folder path, numeric and
// phone keypads), which layout a field type (or a staff field's TextKind) gets, shift / caps lock / auto-capitals, and what a key press does to
// any TextInput (a form field, a staff field). on_screen_keyboard.h draws it. Unit-tested without a display.
//
// Invariant: the state holds no visitor text (keys type straight into the FormSession), only the
// layout, the shift state and the Delete key's repeat timing; reset() returns it to its defaults.
#pragma once
#include <string>
#include <vector>

#include "kiosk/app/form_flow.h"
#include "kiosk/app/text_input.h"
#include "kiosk/core/clock.h"
#include "kiosk/forms/form_spec.h"

namespace kiosk::ui {

enum class KeyLayout { Letters, Email, Path, Numeric, Phone, PhoneIntl };

// What a staff text field holds (staff fields are not form fields): a folder path gets "/" and "~"
// on the keyboard's first page, beside digits and letters.
enum class TextKind { Plain, FolderPath };

enum class KeyAction { Char, Shift, Delete, Space, Symbols, Letters, Next };

struct Key {
  KeyAction action = KeyAction::Char;
  std::string text;  // Char: what it types (lower case; shift gives upper case)
  float units = 1;   // width in key units
};
using KeyRow = std::vector<Key>;

// The layout a field (or address part) gets.
KeyLayout layout_for(forms::FieldType type, forms::Part part);
// The layout a staff text field of this kind gets.
KeyLayout layout_for(TextKind kind);
// Rows of the layout, or of the numbers-and-symbols page of a letters/email layout.
const std::vector<KeyRow>& keyboard_rows(KeyLayout layout, bool symbols);
// Upper case of a key's text (ASCII letters and á é í ó ú ü ñ); other text unchanged.
std::string upper(const std::string& text);

struct KeyboardState {
  KeyLayout layout = KeyLayout::Letters;
  bool symbols = false;      // the "123" page of a letters/email layout
  bool shift = false;        // the next letter is a capital
  bool caps = false;         // every letter is a capital (Shift pressed twice)
  bool auto_caps = false;    // person names: a capital at the start of each word
  bool delete_held = false;  // Delete is pressed: it repeats on the app clock
  Clock::Mono delete_since{};
  int delete_repeats = 0;

  // A text field got the keyboard: pick its layout; names and states start with a capital.
  void on_focus(forms::FieldType type, forms::Part part, bool field_empty);
  // A staff field of `kind` got the keyboard: its layout, no automatic capitals.
  void on_focus_kind(TextKind kind);
  void reset() { *this = KeyboardState{}; }
  bool is_reset() const;
};

// Delete repeats after this, then every kDeleteRepeatEvery while held.
inline constexpr Clock::Millis kDeleteRepeatAfter{500};
inline constexpr Clock::Millis kDeleteRepeatEvery{100};

enum class KeyOutcome { None, Next };
// Applies a tapped key (Delete is handled on press by delete_pressed/delete_tick).
KeyOutcome press_key(KeyboardState& kb, TextInput& input, const Key& key);
// Delete: removes one character when pressed, then repeats while held.
void delete_pressed(KeyboardState& kb, TextInput& input, Clock::Mono now);
void delete_tick(KeyboardState& kb, TextInput& input,
                 Clock::Mono now);  // call every frame while held
void delete_released(KeyboardState& kb);
// The next moment the held Delete key repeats (frame pacing).
Clock::Mono delete_next_repeat(const KeyboardState& kb);

}  // namespace kiosk::ui
