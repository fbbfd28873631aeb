// PointerSource: turns SDL finger and mouse events into PointerEvents for one pointer.
// SDL reports each touch twice: as finger events and as synthetic mouse events (which ==
// SDL_TOUCH_MOUSEID); X11 may also emulate a core pointer for a touch. We use finger events for
// touch and mouse events only for a real mouse, never both: a mouse event is dropped when it is
// synthetic, while a finger is down, or within kMouseQuietMs after the last finger event.
// Only the first finger counts; other fingers are ignored until it lifts. A mouse that moves with
// no button down is ignored too (nothing on the kiosk needs hover).
// Pure logic over SDL_Event values (no SDL calls), so recorded event streams are unit-tested.
#pragma once
#include <SDL2/SDL_events.h>

#include <cstdint>
#include <optional>

#include "ui/platform/pointer_event.h"

namespace kiosk::ui {

class PointerSource {
 public:
  static constexpr std::uint32_t kMouseQuietMs = 800;

  // `window_size` converts normalised finger coordinates (0..1) to pixels. The returned event has
  // no time stamp yet (the caller stamps it from the app clock).
  std::optional<PointerEvent> translate(const SDL_Event& e, ImVec2 window_size);

  bool finger_down() const { return finger_active_; }
  bool mouse_down() const { return mouse_down_; }

 private:
  bool mouse_allowed(std::uint32_t timestamp, std::uint32_t which) const;

  bool finger_active_ = false;
  SDL_TouchID touch_id_ = 0;
  SDL_FingerID finger_id_ = 0;
  bool seen_finger_ = false;
  std::uint32_t last_finger_ms_ = 0;
  bool mouse_down_ = false;
};

}  // namespace kiosk::ui
