// IdleTimer: decides when a visitor has walked away. After `timeout` without activity it asks
// "Still there?" for `countdown`, then reports Expired so the App can clear the session.
// A pure function of the clock: no threads, no callbacks; tests drive it with a VirtualClock.
#pragma once
#include "kiosk/core/clock.h"

namespace kiosk {

class IdleTimer {
 public:
  enum class Phase { Active, Prompt, Expired };

  // Invariant: timeout > 0 and countdown > 0 (the config loader bounds both).
  IdleTimer(const Clock& clock, Clock::Millis timeout, Clock::Millis countdown);

  // Activity (a touch, a key): the visitor is here; restarts the timeout and dismisses a prompt.
  void reset();
  Phase phase() const;
  // While prompting: whole seconds until Expired, rounded up (20, 19, ... 1). 0 otherwise.
  int seconds_left() const;
  // The next instant at which phase() or seconds_left() changes (for frame pacing).
  Clock::Mono next_change() const;

  // A new timeout (the booth profile's shorter one); the time since the last activity counts.
  void set_timeout(Clock::Millis timeout);
  Clock::Millis timeout() const { return timeout_; }
  Clock::Millis countdown() const { return countdown_; }

 private:
  const Clock& clock_;
  Clock::Millis timeout_;
  Clock::Millis countdown_;
  Clock::Mono last_activity_;
};

}  // namespace kiosk
