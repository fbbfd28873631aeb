// TouchInput: the one source of io.MousePos / io.MouseDown. It takes PointerEvents (from real
// touch, a mouse or the script player) and hands out one PointerFrame per drawn frame:
//  - at most one press or release per frame, so a quick tap is never lost (ImGui 1.86 has no
//    input queue: a press and release inside one frame would vanish);
//  - a press that moves more than `tap_slop` px becomes a drag: ImGui then sees the press
//    released off-screen, so the widget under the finger is NOT activated (a drag never taps);
//  - the frame after a release, the pointer moves off-screen so nothing stays hovered;
//  - presses that start inside a "raw zone" (e.g. a signature pad) are never turned into drags.
// Pure logic (no SDL, no ImGui context), unit-tested with recorded event streams.
#pragma once
#include <deque>
#include <vector>

#include "ui/platform/pointer_event.h"

namespace kiosk::ui {

// Where ImGui's pointer rests when no finger is on the glass.
inline ImVec2 offscreen_pos() { return ImVec2(-1e30f, -1e30f); }

struct TouchParams {
  float tap_slop = 16.0f;              // px a press may wander and still be a tap
  Clock::Millis velocity_window{100};  // fling speed = movement over the last this-much
};

struct PointerFrame {
  // What ImGui is told this frame.
  ImVec2 mouse_pos = offscreen_pos();
  bool mouse_down = false;
  // Gesture facts for widgets.
  bool activity = false;  // at least one pointer event was consumed (idle timer)
  bool pressed = false;   // a press began this frame, at press_pos
  ImVec2 press_pos{0, 0};
  bool tap = false;  // released without becoming a drag, at tap_pos
  ImVec2 tap_pos{0, 0};
  bool dragging = false;          // a drag is in progress (ImGui sees no press)
  bool drag_started = false;      // ... and it began this frame
  ImVec2 drag_origin{0, 0};       // where the dragging press began
  ImVec2 drag_delta{0, 0};        // finger movement applied this frame while dragging
  bool drag_released = false;     // a drag ended this frame ...
  ImVec2 release_velocity{0, 0};  // ... with this finger speed (px/s) for inertia
  bool raw = false;               // the current press is in a raw zone
};

class TouchInput {
 public:
  explicit TouchInput(TouchParams p = {}) : params_(p) {}

  void set_params(TouchParams p) { params_ = p; }
  const TouchParams& params() const { return params_; }
  void push(const PointerEvent& e) { queue_.push_back(e); }
  // Consumes queued events up to (and including) the next press or release.
  PointerFrame next_frame();
  // Events are waiting for a later frame, or a release still has to move the pointer off-screen.
  bool needs_frame() const { return !queue_.empty() || park_next_; }
  bool is_down() const { return down_; }
  // Rectangles where presses stay raw, as drawn in the previous frame.
  void set_raw_zones(std::vector<Rect> zones) { raw_zones_ = std::move(zones); }
  // Forget the gesture in progress and every queued event (session reset).
  void reset();

 private:
  void apply(const PointerEvent& e, PointerFrame& f);
  ImVec2 velocity() const;

  TouchParams params_;
  std::deque<PointerEvent> queue_;
  std::vector<Rect> raw_zones_;
  bool down_ = false;
  bool dragging_ = false;
  bool raw_ = false;
  bool park_next_ = false;  // move the pointer off-screen next frame
  ImVec2 pos_ = offscreen_pos();
  ImVec2 origin_{0, 0};
  ImVec2 last_drag_pos_{0, 0};
  struct Sample {
    Clock::Mono t;
    ImVec2 p;
  };
  std::deque<Sample> samples_;  // recent positions of the current drag
};

}  // namespace kiosk::ui
