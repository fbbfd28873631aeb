// FramePacer: decides when the next frame is drawn, so an idle kiosk costs ~0 % CPU: a few frames
// after each input (ImGui needs them to settle), continuous frames only while something moves
// (a drag, inertia), and otherwise one frame at the App's next deadline (attract rotation, idle
// prompt, countdown). Never more than one frame per kFrame. Pure logic on the app clock.
#pragma once
#include "kiosk/core/clock.h"

namespace kiosk::ui {

class FramePacer {
 public:
  static constexpr Clock::Millis kFrame{16};  // ~60 fps cap
  static constexpr int kSettleFrames = 3;     // frames drawn after each input event

  void on_input() { owed_ = kSettleFrames; }
  // The instant the next frame is due. `deadline` is the App's next scheduled change
  // (Clock::Mono::max() for none); `animating` is true while content moves.
  Clock::Mono next_frame_at(Clock::Mono deadline, bool animating) const;
  void frame_drawn(Clock::Mono now);
  int frames_owed() const { return owed_; }

 private:
  int owed_ = 1;  // the first frame is drawn at once
  bool drawn_any_ = false;
  Clock::Mono last_{};
};

}  // namespace kiosk::ui
