// PinPad: the staff PIN keypad — big keys 1-9, Clear, 0, OK and a Cancel button under them. The
// entered digits are never drawn or registered: the field shows one dot per digit, and the
// registry gets only "N digits entered". Keys register their labels ("1" .. "9", "0", "Clear",
// "OK", "Cancel") so scripts tap them like a person would.
//
// Invariant: the digits live only in PinPadState::digits (a zeroing buffer); clear() overwrites them.
#pragma once
#include "kiosk/forms/secure_buffer.h"
#include "ui/widgets/ui.h"

namespace kiosk::ui {

struct PinPadState {
  forms::SecureString digits;
  void clear() {
    forms::wipe_buffer(digits);
    digits.clear();
  }
};

inline constexpr std::size_t kPinPadMaxDigits = 12;

enum class PinPadAction { None, Ok, Cancel };

// The height the pad needs for keys `key_h` tall (dots row, 4 key rows, Cancel).
float pin_pad_height(const Ui& ui, float key_h);
// Draws the pad centred in `area` with keys `key_h` tall; applies digit, Clear keys to `st`.
PinPadAction pin_pad(Ui& ui, PinPadState& st, Rect area, float key_h);

}  // namespace kiosk::ui
