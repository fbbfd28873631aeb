// Keyboard layouts, shift handling and key presses (no ImGui).
#include "ui/widgets/keyboard_layout.h"

namespace kiosk::ui {
namespace {

using forms::FieldType;
using forms::Part;

Key ch(const char* t, float units = 1) { return Key{KeyAction::Char, t, units}; }
Key act(KeyAction a, float units) { return Key{a, "", units}; }

KeyRow chars(std::initializer_list<const char*> list) {
  KeyRow r;
  for (const char* t : list) r.push_back(ch(t));
  return r;
}

// Every key's label must be unique within a page: scripts tap keys by label.
// Rows are 10 or 11 units wide. The action keys are as wide as their words need at Extra large
// in portrait (1080 px across): Shift and Delete two units, the Next key 4.5 ("Next field"; a
// longer translation breaks onto two lines, on_screen_keyboard.cpp), the space bar three.
const std::vector<KeyRow>& letters() {
  static const std::vector<KeyRow> rows = [] {
    std::vector<KeyRow> r;
    r.push_back(chars({"á", "é", "í", "ó", "ú", "ü", "ñ", "¿", "¡", "'", "-"}));
    r.push_back(chars({"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}));
    r.push_back(chars({"a", "s", "d", "f", "g", "h", "j", "k", "l"}));
    KeyRow r3{act(KeyAction::Shift, 2)};
    for (const char* t : {"z", "x", "c", "v", "b", "n", "m"}) r3.push_back(ch(t));
    r3.push_back(act(KeyAction::Delete, 2));
    r.push_back(r3);
    r.push_back({act(KeyAction::Symbols, 1.5f), ch(","), act(KeyAction::Space, 3), ch("."),
                 act(KeyAction::Next, 4.5f)});
    return r;
  }();
  return rows;
}

const std::vector<KeyRow>& symbols() {
  static const std::vector<KeyRow> rows = [] {
    std::vector<KeyRow> r;
    r.push_back(chars({"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}));
    r.push_back(chars({"-", "/", ":", ";", "(", ")", "$", "&", "@", "\""}));
    r.push_back(chars({"#", "%", "+", "=", "?", "!", "*", "_", "'"}));
    KeyRow r3 = chars({"<", ">", "[", "]", "{", "}", "~", "|"});
    r3.push_back(act(KeyAction::Delete, 2));
    r.push_back(r3);
    r.push_back({act(KeyAction::Letters, 1.5f), ch(","), act(KeyAction::Space, 3), ch("."),
                 act(KeyAction::Next, 4.5f)});
    return r;
  }();
  return rows;
}

const std::vector<KeyRow>& email() {
  static const std::vector<KeyRow> rows = [] {
    std::vector<KeyRow> r;
    r.push_back(chars({"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}));
    r.push_back(chars({"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}));
    r.push_back(chars({"a", "s", "d", "f", "g", "h", "j", "k", "l"}));
    KeyRow r3{act(KeyAction::Shift, 2)};
    for (const char* t : {"z", "x", "c", "v", "b", "n", "m"}) r3.push_back(ch(t));
    r3.push_back(act(KeyAction::Delete, 2));
    r.push_back(r3);
    r.push_back({act(KeyAction::Symbols, 1.5f), ch("_"), ch("-"), ch("@", 1.5f), ch("."),
                 ch(".com", 2), act(KeyAction::Next, 3)});
    return r;
  }();
  return rows;
}

// A folder path: "/" and "~" on the first page with digits, letters, "-", "_" and "."; the accented
// row gives way to digits, which stick labels and dates use far more often.
const std::vector<KeyRow>& path() {
  static const std::vector<KeyRow> rows = [] {
    std::vector<KeyRow> r;
    r.push_back(chars({"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}));
    r.push_back(chars({"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}));
    r.push_back(chars({"a", "s", "d", "f", "g", "h", "j", "k", "l"}));
    KeyRow r3{act(KeyAction::Shift, 2)};
    for (const char* t : {"z", "x", "c", "v", "b", "n", "m"}) r3.push_back(ch(t));
    r3.push_back(act(KeyAction::Delete, 2));
    r.push_back(r3);
    r.push_back({act(KeyAction::Symbols, 1.5f), ch("/"), ch("~"), ch("-"), ch("_"),
                 act(KeyAction::Space, 1.5f), ch("."), act(KeyAction::Next, 3)});
    return r;
  }();
  return rows;
}

const std::vector<KeyRow>& numeric() {
  static const std::vector<KeyRow> rows = {chars({"1", "2", "3"}),
                                           chars({"4", "5", "6"}),
                                           chars({"7", "8", "9"}),
                                           {ch("-"), ch("0"), act(KeyAction::Delete, 1)},
                                           {act(KeyAction::Next, 3)}};
  return rows;
}

const std::vector<KeyRow>& phone() {
  static const std::vector<KeyRow> rows = {
      chars({"1", "2", "3"}),
      chars({"4", "5", "6"}),
      chars({"7", "8", "9"}),
      chars({"(", "0", ")"}),
      {ch("-"), act(KeyAction::Delete, 1), act(KeyAction::Next, 1)}};
  return rows;
}

// An international number starts with "+"; its groups are spaced by the preview, not typed.
const std::vector<KeyRow>& phone_intl() {
  static const std::vector<KeyRow> rows = {chars({"1", "2", "3"}),
                                           chars({"4", "5", "6"}),
                                           chars({"7", "8", "9"}),
                                           chars({"+", "0", "-"}),
                                           {act(KeyAction::Delete, 1), act(KeyAction::Next, 2)}};
  return rows;
}

bool is_letter(const std::string& t) { return upper(t) != t; }

}  // namespace

KeyLayout layout_for(FieldType type, Part part) {
  if (type == FieldType::Email) return KeyLayout::Email;
  if (type == FieldType::PhoneUs) return KeyLayout::Phone;
  if (type == FieldType::PhoneIntl) return KeyLayout::PhoneIntl;
  if (type == FieldType::AddressUs && part == Part::Zip) return KeyLayout::Numeric;
  return KeyLayout::Letters;
}

KeyLayout layout_for(TextKind kind) {
  return kind == TextKind::FolderPath ? KeyLayout::Path : KeyLayout::Letters;
}

const std::vector<KeyRow>& keyboard_rows(KeyLayout layout, bool syms) {
  switch (layout) {
    case KeyLayout::Letters: return syms ? symbols() : letters();
    case KeyLayout::Email: return syms ? symbols() : email();
    case KeyLayout::Path: return syms ? symbols() : path();
    case KeyLayout::Numeric: return numeric();
    case KeyLayout::Phone: return phone();
    case KeyLayout::PhoneIntl: return phone_intl();
  }
  return letters();
}

std::string upper(const std::string& t) {
  if (t.size() == 1 && t[0] >= 'a' && t[0] <= 'z')
    return std::string(1, static_cast<char>(t[0] - 'a' + 'A'));
  // Latin-1 lower-case letters U+00E0..U+00FE (but not ÷ U+00F7) are C3 A0..C3 BE; upper case is 0x20 less.
  if (t.size() == 2 && static_cast<unsigned char>(t[0]) == 0xC3) {
    unsigned char c = static_cast<unsigned char>(t[1]);
    if (c >= 0xA0 && c <= 0xBE && c != 0xB7) return std::string{t[0], static_cast<char>(c - 0x20)};
  }
  return t;
}

void KeyboardState::on_focus(FieldType type, Part part, bool field_empty) {
  layout = layout_for(type, part);
  symbols = false;
  caps = type == FieldType::AddressUs && part == Part::State;  // USPS codes are capitals
  auto_caps = type == FieldType::PersonName ||
              (type == FieldType::AddressUs && (part == Part::Street || part == Part::City));
  shift = auto_caps && field_empty;
  delete_held = false;
  delete_repeats = 0;
}

void KeyboardState::on_focus_kind(TextKind kind) {
  layout = layout_for(kind);
  symbols = false;
  caps = shift = auto_caps = false;
  delete_held = false;
  delete_repeats = 0;
}

bool KeyboardState::is_reset() const {
  KeyboardState d;
  return layout == d.layout && symbols == d.symbols && shift == d.shift && caps == d.caps &&
         auto_caps == d.auto_caps && delete_held == d.delete_held &&
         delete_since == d.delete_since && delete_repeats == d.delete_repeats;
}

KeyOutcome press_key(KeyboardState& kb, TextInput& input, const Key& key) {
  switch (key.action) {
    case KeyAction::Char: {
      bool capital = (kb.shift || kb.caps) && is_letter(key.text);
      input.insert_text(capital ? upper(key.text) : key.text);
      if (is_letter(key.text) && !kb.caps) kb.shift = false;
      if (kb.auto_caps && (key.text == "-")) kb.shift = true;
      return KeyOutcome::None;
    }
    case KeyAction::Space:
      input.insert_text(" ");
      if (kb.auto_caps) kb.shift = true;
      return KeyOutcome::None;
    case KeyAction::Shift:
      // Off -> shift (one capital) -> caps lock -> off.
      if (kb.caps)
        kb.caps = kb.shift = false;
      else if (kb.shift)
        kb.caps = true;
      else
        kb.shift = true;
      return KeyOutcome::None;
    case KeyAction::Symbols: kb.symbols = true; return KeyOutcome::None;
    case KeyAction::Letters: kb.symbols = false; return KeyOutcome::None;
    case KeyAction::Delete: input.delete_back(); return KeyOutcome::None;
    case KeyAction::Next: return KeyOutcome::Next;
  }
  return KeyOutcome::None;
}

void delete_pressed(KeyboardState& kb, TextInput& input, Clock::Mono now) {
  input.delete_back();
  kb.delete_held = true;
  kb.delete_since = now;
  kb.delete_repeats = 0;
}

Clock::Mono delete_next_repeat(const KeyboardState& kb) {
  return kb.delete_since + kDeleteRepeatAfter + kb.delete_repeats * kDeleteRepeatEvery;
}

void delete_tick(KeyboardState& kb, TextInput& input, Clock::Mono now) {
  if (!kb.delete_held) return;
  // Catch up on every repeat that fell due since the last frame, so the rate follows the clock,
  // not the frame rate; bounded so a stalled frame cannot erase a whole long answer at once.
  for (int n = 0; n < 20 && now >= delete_next_repeat(kb); ++n) {
    input.delete_back();
    ++kb.delete_repeats;
  }
}

void delete_released(KeyboardState& kb) {
  kb.delete_held = false;
  kb.delete_repeats = 0;
}

}  // namespace kiosk::ui
