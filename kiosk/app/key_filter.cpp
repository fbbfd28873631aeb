// KeyFilter: auto-repeat and double-strike decisions, and which press a typed text belongs to.
#include "kiosk/app/key_filter.h"

#include <algorithm>

namespace kiosk {

void KeyFilter::set_mode(bool drop_repeats, bool double_strike) {
  drop_repeats_ = drop_repeats;
  double_strike_ = double_strike;
}

bool KeyFilter::strike(std::string_view key, Clock::Mono now) {
  if (double_strike_ && !last_key_.empty() && key == last_key_ && now - last_at_ <= kDoubleStrike)
    return false;
  last_key_.assign(key);
  last_at_ = now;
  return true;
}

bool KeyFilter::accept(std::string_view key, Clock::Mono now, bool repeat) {
  if (repeat) {
    // A held key: not a new strike, so it never starts a double-strike window.
    after_ = drop_repeats_ ? After::Dropped : After::Kept;
    return !drop_repeats_;
  }
  if (key.empty()) {
    after_ = After::Unnamed;
    return true;
  }
  bool kept = strike(key, now);
  after_ = kept ? After::Kept : After::Dropped;
  return kept;
}

bool KeyFilter::accept_text(std::string_view text, Clock::Mono now) {
  After after = after_;
  after_ = After::Nothing;  // one text per press
  switch (after) {
    case After::Dropped: return false;
    case After::Kept: return true;
    case After::Unnamed:
    case After::Nothing: break;
  }
  return strike(std::string("text:").append(text), now);
}

void KeyFilter::clear() {
  std::fill(last_key_.begin(), last_key_.end(), '\0');
  last_key_.clear();
  after_ = After::Nothing;
}

}  // namespace kiosk
