// ScrollPhysics: exact integration of an exponentially decaying velocity.
#include "ui/platform/scroll_physics.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kiosk::ui {

void ScrollPhysics::fling(double velocity, Clock::Mono now) {
  velocity_ = std::clamp(velocity, -params_.max_speed, params_.max_speed);
  if (std::abs(velocity_) < params_.stop_speed) velocity_ = 0;
  last_ = now;
}

double ScrollPhysics::step(Clock::Mono now) {
  if (velocity_ == 0) return 0;
  double dt = std::chrono::duration<double>(now - last_).count();
  if (dt <= 0) return 0;
  last_ = now;
  double decay = std::exp(-dt / params_.tau_s);
  double distance = velocity_ * params_.tau_s * (1.0 - decay);  // integral of v over dt
  velocity_ *= decay;
  if (std::abs(velocity_) < params_.stop_speed) velocity_ = 0;
  return distance;
}

}  // namespace kiosk::ui
