// KeyFilter: which key presses reach the kiosk once a visitor chose an accessibility setting
// (issue 18): auto-repeat presses are dropped (EN 301 549 5.7), and with Extra time a second
// press of the same key within 300 ms is dropped too (double-strike tolerance, EN 301 549 5.8).
// Pure: the caller passes the time; tests drive it with a VirtualClock.
#pragma once
#include <string>
#include <string_view>

#include "kiosk/core/clock.h"

namespace kiosk {

class KeyFilter {
 public:
  // A press of the same key at most this long after the last accepted one is a double strike.
  static constexpr Clock::Millis kDoubleStrike{300};

  // `drop_repeats`: auto-repeat presses are ignored. `double_strike`: a second press of the same
  // key within kDoubleStrike of the last accepted press of it is ignored. Both off: all pass.
  void set_mode(bool drop_repeats, bool double_strike);

  // A key press. `key` names the key ("backspace", "osk:a"); "" when the keyboard cannot say
  // which key it is (a letter on a physical keyboard: the text that follows is judged instead).
  // Returns false when the press must be ignored.
  bool accept(std::string_view key, Clock::Mono now, bool repeat);
  // Typed text. SDL sends a key's press and then its text: text right after a named press shares
  // its fate (dropped with it, kept with it), so one press is never judged twice; text after an
  // unnamed press or on its own is judged as a press of the key that typed it.
  bool accept_text(std::string_view text, Clock::Mono now);
  // A key of the on-screen keyboard (it types by itself; no text event follows): only the double
  // strike applies, and the physical keyboard's press-then-text pairing is left alone.
  bool accept_tap(std::string_view key, Clock::Mono now) { return strike(key, now); }
  // Any other input event: the next text belongs to no press.
  void other_event() { after_ = After::Nothing; }
  // Forgets the last key (it may be a typed character): at the end of every visit.
  void clear();

 private:
  enum class After { Nothing, Dropped, Kept, Unnamed };
  bool strike(std::string_view key, Clock::Mono now);  // double-strike test; records a kept press

  bool drop_repeats_ = false;
  bool double_strike_ = false;
  After after_ = After::Nothing;  // what the last event was, for the text that may follow it
  std::string last_key_;          // the last accepted key ("" = none)
  Clock::Mono last_at_{};
};

}  // namespace kiosk
