// PointerEvent: one press, move, release or cancel of the kiosk's single pointer, in window pixels.
// Real touch, a mouse and the script player all end up as these (see pointer_source.h).
#pragma once
#include <imgui/imgui.h>

#include "kiosk/core/clock.h"

namespace kiosk::ui {

struct PointerEvent {
  enum class Kind { Down, Move, Up, Cancel };
  Kind kind = Kind::Move;
  ImVec2 pos{0, 0};    // window pixels (unused for Cancel)
  Clock::Mono time{};  // stamped from the app clock when the event is taken from SDL
};

// A rectangle in screen pixels: {x, y} top-left, {w, h} size.
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool empty() const { return w <= 0 || h <= 0; }
  bool contains(ImVec2 p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
  ImVec2 center() const { return ImVec2(x + w * 0.5f, y + h * 0.5f); }
  Rect intersect(const Rect& o) const;
  static Rect from_minmax(ImVec2 a, ImVec2 b) { return Rect{a.x, a.y, b.x - a.x, b.y - a.y}; }
};

inline Rect Rect::intersect(const Rect& o) const {
  float x0 = x > o.x ? x : o.x, y0 = y > o.y ? y : o.y;
  float x1 = (x + w) < (o.x + o.w) ? (x + w) : (o.x + o.w);
  float y1 = (y + h) < (o.y + o.h) ? (y + h) : (o.y + o.h);
  if (x1 <= x0 || y1 <= y0) return Rect{x0, y0, 0, 0};
  return Rect{x0, y0, x1 - x0, y1 - y0};
}

}  // namespace kiosk::ui
