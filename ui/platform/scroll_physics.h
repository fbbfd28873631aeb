// ScrollPhysics: the coasting of a list after a flick (ImGui 1.86 has no inertia). Velocity
// decays exponentially on the app clock, v(t) = v0 * exp(-t / tau), and stops below
// stop_speed, so a fling travels at most v0 * tau px whatever the frame rate. Pure logic.
#pragma once
#include "kiosk/core/clock.h"

namespace kiosk::ui {

struct ScrollParams {
  double tau_s = 0.325;       // time constant of the decay
  double stop_speed = 20.0;   // px/s below which the list stops
  double max_speed = 9000.0;  // px/s cap on a fling
};

class ScrollPhysics {
 public:
  explicit ScrollPhysics(ScrollParams p = {}) : params_(p) {}

  // Starts coasting at `velocity` px/s in finger terms (positive = content moves down).
  void fling(double velocity, Clock::Mono now);
  void stop() { velocity_ = 0; }
  // Distance (px, finger terms) travelled since the previous step; 0 when at rest.
  double step(Clock::Mono now);
  bool moving() const { return velocity_ != 0; }
  double velocity() const { return velocity_; }

 private:
  ScrollParams params_;
  double velocity_ = 0;
  Clock::Mono last_{};
};

}  // namespace kiosk::ui
