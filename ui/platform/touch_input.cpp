// TouchInput: per-frame pointer state, tap-versus-drag decision and fling velocity.
#include "ui/platform/touch_input.h"

#include <chrono>
#include <cmath>

namespace kiosk::ui {

void TouchInput::reset() {
  queue_.clear();
  samples_.clear();
  down_ = dragging_ = raw_ = park_next_ = false;
  pos_ = offscreen_pos();
}

ImVec2 TouchInput::velocity() const {
  if (samples_.size() < 2) return ImVec2(0, 0);
  const Sample& last = samples_.back();
  // The oldest sample inside the window (samples_ is pruned to it in apply()).
  const Sample& first = samples_.front();
  double dt = std::chrono::duration<double>(last.t - first.t).count();
  if (dt < 0.008) return ImVec2(0, 0);  // too short to tell a fling from a jitter
  return ImVec2(static_cast<float>((last.p.x - first.p.x) / dt),
                static_cast<float>((last.p.y - first.p.y) / dt));
}

void TouchInput::apply(const PointerEvent& e, PointerFrame& f) {
  using K = PointerEvent::Kind;
  f.activity = true;
  switch (e.kind) {
    case K::Down:
      down_ = true;
      dragging_ = false;
      pos_ = origin_ = e.pos;
      raw_ = false;
      for (const Rect& z : raw_zones_) raw_ = raw_ || z.contains(e.pos);
      samples_.clear();
      samples_.push_back({e.time, e.pos});
      f.pressed = true;
      f.press_pos = e.pos;
      break;
    case K::Move: {
      if (!down_) break;  // no hover: a pointer that is up stays off-screen
      pos_ = e.pos;
      samples_.push_back({e.time, e.pos});
      while (samples_.size() > 2 && e.time - samples_[1].t > params_.velocity_window)
        samples_.pop_front();
      float dx = e.pos.x - origin_.x, dy = e.pos.y - origin_.y;
      if (!dragging_ && !raw_ && std::sqrt(dx * dx + dy * dy) > params_.tap_slop) {
        dragging_ = true;
        f.drag_started = true;
      }
      break;
    }
    case K::Up:
      if (!down_) break;
      pos_ = e.pos;
      samples_.push_back({e.time, e.pos});
      while (samples_.size() > 2 && e.time - samples_[1].t > params_.velocity_window)
        samples_.pop_front();
      down_ = false;
      if (dragging_) {
        f.drag_released = true;
        f.release_velocity = velocity();
      } else {
        f.tap = true;
        f.tap_pos = e.pos;
      }
      park_next_ = true;
      break;
    case K::Cancel:
      if (!down_) break;
      down_ = false;
      dragging_ = false;
      pos_ = offscreen_pos();  // released off-screen: nothing is activated
      break;
  }
}

PointerFrame TouchInput::next_frame() {
  PointerFrame f;
  bool was_dragging = dragging_;
  if (park_next_ && !down_) pos_ = offscreen_pos();
  park_next_ = false;
  // Moves are coalesced; a press or release ends the frame, so it gets a frame of its own.
  while (!queue_.empty()) {
    PointerEvent e = queue_.front();
    queue_.pop_front();
    apply(e, f);
    if (e.kind != PointerEvent::Kind::Move) break;
  }
  f.raw = raw_;
  f.drag_origin = origin_;
  if (dragging_) {
    // The first drag frame moves content by the whole distance from the press (no jump later).
    if (!was_dragging) last_drag_pos_ = origin_;
    f.dragging = true;
    f.drag_delta = ImVec2(pos_.x - last_drag_pos_.x, pos_.y - last_drag_pos_.y);
    last_drag_pos_ = pos_;
  }
  if (f.drag_released) dragging_ = false;
  // ImGui sees the press only while it may still be a tap (or is raw): a drag releases it
  // off-screen so the widget under the finger never fires.
  f.mouse_down = down_ && !dragging_;
  f.mouse_pos = f.dragging ? offscreen_pos() : pos_;
  return f;
}

}  // namespace kiosk::ui
