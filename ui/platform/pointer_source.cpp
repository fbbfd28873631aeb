// PointerSource: finger-or-mouse selection and coordinate conversion for SDL input events.
#include "ui/platform/pointer_source.h"

#include <SDL2/SDL_mouse.h>
#include <SDL2/SDL_touch.h>
#include <SDL2/SDL_video.h>

namespace kiosk::ui {

bool PointerSource::mouse_allowed(std::uint32_t timestamp, std::uint32_t which) const {
  if (which == SDL_TOUCH_MOUSEID) return false;  // SDL's copy of a finger event
  if (finger_active_) return false;
  // X11 may deliver an emulated core-pointer copy of a touch shortly after it: unsigned arithmetic
  // keeps this right across the 49-day SDL_GetTicks wrap.
  if (seen_finger_ && timestamp - last_finger_ms_ < kMouseQuietMs) return false;
  return true;
}

std::optional<PointerEvent> PointerSource::translate(const SDL_Event& e, ImVec2 size) {
  using K = PointerEvent::Kind;
  switch (e.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      const SDL_TouchFingerEvent& f = e.tfinger;
      seen_finger_ = true;
      last_finger_ms_ = f.timestamp;
      ImVec2 p(f.x * size.x, f.y * size.y);
      if (e.type == SDL_FINGERDOWN) {
        if (finger_active_) return std::nullopt;  // a second finger: ignored
        if (mouse_down_) return std::nullopt;     // a mouse press owns the pointer
        finger_active_ = true;
        touch_id_ = f.touchId;
        finger_id_ = f.fingerId;
        return PointerEvent{K::Down, p, {}};
      }
      if (!finger_active_ || f.touchId != touch_id_ || f.fingerId != finger_id_)
        return std::nullopt;
      if (e.type == SDL_FINGERMOTION) return PointerEvent{K::Move, p, {}};
      finger_active_ = false;
      return PointerEvent{K::Up, p, {}};
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
      const SDL_MouseButtonEvent& b = e.button;
      if (b.button != SDL_BUTTON_LEFT) return std::nullopt;
      ImVec2 p(static_cast<float>(b.x), static_cast<float>(b.y));
      if (e.type == SDL_MOUSEBUTTONDOWN) {
        if (!mouse_allowed(b.timestamp, b.which) || mouse_down_) return std::nullopt;
        mouse_down_ = true;
        return PointerEvent{K::Down, p, {}};
      }
      // A release ends a press we accepted, whatever happened meanwhile.
      if (!mouse_down_ || b.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      mouse_down_ = false;
      return PointerEvent{K::Up, p, {}};
    }
    case SDL_MOUSEMOTION: {
      const SDL_MouseMotionEvent& m = e.motion;
      if (!mouse_down_ || m.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      return PointerEvent{K::Move, ImVec2(static_cast<float>(m.x), static_cast<float>(m.y)), {}};
    }
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_FOCUS_LOST && (finger_active_ || mouse_down_)) {
        finger_active_ = false;
        mouse_down_ = false;
        return PointerEvent{K::Cancel, {}, {}};
      }
      return std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace kiosk::ui
