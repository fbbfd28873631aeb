// IdleTimer: phases computed from the time elapsed since the last activity.
#include "kiosk/app/idle_timer.h"

#include <cassert>

namespace kiosk {

using namespace std::chrono;

IdleTimer::IdleTimer(const Clock& clock, Clock::Millis timeout, Clock::Millis countdown)
    : clock_(clock), timeout_(timeout), countdown_(countdown), last_activity_(clock.now()) {
  assert(timeout > Clock::Millis(0) && countdown > Clock::Millis(0));
}

void IdleTimer::reset() { last_activity_ = clock_.now(); }

void IdleTimer::set_timeout(Clock::Millis timeout) {
  assert(timeout > Clock::Millis(0));
  timeout_ = timeout;
}

void IdleTimer::set_stretch(int factor) {
  assert(factor >= 1);
  stretch_ = factor;
}

IdleTimer::Phase IdleTimer::phase() const {
  auto idle = clock_.now() - last_activity_;
  if (idle < timeout()) return Phase::Active;
  if (idle < timeout() + countdown()) return Phase::Prompt;
  return Phase::Expired;
}

int IdleTimer::seconds_left() const {
  if (phase() != Phase::Prompt) return 0;
  auto left = (last_activity_ + timeout() + countdown()) - clock_.now();
  auto ms = duration_cast<milliseconds>(left).count();
  return static_cast<int>((ms + 999) / 1000);
}

Clock::Mono IdleTimer::next_change() const {
  Clock::Mono prompt_at = last_activity_ + timeout();
  Clock::Mono expire_at = prompt_at + countdown();
  Clock::Mono now = clock_.now();
  if (now < prompt_at) return prompt_at;
  if (now >= expire_at) return now;
  // During the countdown the visible number changes on each whole second before expiry.
  auto left = expire_at - now;
  auto whole = duration_cast<seconds>(left);
  Clock::Mono next = expire_at - whole;
  if (next <= now) next = expire_at - (whole - seconds(1));
  return next;
}

}  // namespace kiosk
