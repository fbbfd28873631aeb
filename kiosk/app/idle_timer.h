// IdleTimer: decides when a visitor has walked away. After `timeout` without activity it asks
// "Still there?" for `countdown`, then reports Expired so the App can clear the session.
// A pure function of the clock: no threads, no callbacks; tests drive it with a VirtualClock.
// Extra time (issue 18) stretches both spans by a factor; a running timer stretches at once.
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
  // Both spans times `factor` (1 normally, 3 with Extra time). The time since the last activity
  // counts against the new spans, so turning Extra time on mid-visit lengthens what is left.
  void set_stretch(int factor);
  int stretch() const { return stretch_; }
  // The spans in effect (stretched).
  Clock::Millis timeout() const { return timeout_ * stretch_; }
  Clock::Millis countdown() const { return countdown_ * stretch_; }

 private:
  const Clock& clock_;
  Clock::Millis timeout_;
  Clock::Millis countdown_;
  int stretch_ = 1;  // invariant: >= 1
  Clock::Mono last_activity_;
};

}  // namespace kiosk
