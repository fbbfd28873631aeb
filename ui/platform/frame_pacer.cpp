// FramePacer: next-frame time from owed settle frames, animation and the App deadline.
#include "ui/platform/frame_pacer.h"

#include <algorithm>

namespace kiosk::ui {

Clock::Mono FramePacer::next_frame_at(Clock::Mono deadline, bool animating) const {
  Clock::Mono earliest = drawn_any_ ? last_ + kFrame : Clock::Mono::min();
  if (owed_ > 0 || animating) return earliest;
  return std::max(deadline, earliest);
}

void FramePacer::frame_drawn(Clock::Mono now) {
  last_ = now;
  drawn_any_ = true;
  if (owed_ > 0) --owed_;
}

}  // namespace kiosk::ui
