// Touch layer: tap vs drag threshold, no tap after a drag (ImGui sees the press released
// off-screen), one press/release per frame, the pointer parked off-screen after a lift, raw
// zones, fling velocity, inertia that decays and stops, and finger-vs-mouse de-duplication of
// recorded SDL event streams (touch screens cannot be tested under Xvfb).
#include <catch2/catch.hpp>

#include <SDL2/SDL.h>

#include <vector>

#include "ui/platform/frame_pacer.h"
#include "ui/platform/pointer_source.h"
#include "ui/platform/scroll_physics.h"
#include "ui/platform/touch_input.h"

using namespace std::chrono;
using kiosk::Clock;
using namespace kiosk::ui;
using K = PointerEvent::Kind;

namespace {

const Clock::Mono t0 = Clock::Mono{} + hours(1);

PointerEvent ev(K k, float x, float y, int ms) {
  return PointerEvent{k, ImVec2(x, y), t0 + milliseconds(ms)};
}

bool offscreen(ImVec2 p) { return p.x < -1e20f && p.y < -1e20f; }

// ---- recorded SDL events ----
SDL_Event finger(Uint32 type, float x, float y, Uint32 ms, SDL_FingerID id = 7) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.timestamp = ms;
  e.tfinger.touchId = 1;
  e.tfinger.fingerId = id;
  e.tfinger.x = x;
  e.tfinger.y = y;
  return e;
}
SDL_Event button(Uint32 type, int x, int y, Uint32 ms, Uint32 which) {
  SDL_Event e{};
  e.type = type;
  e.button.timestamp = ms;
  e.button.which = which;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
  e.button.x = x;
  e.button.y = y;
  return e;
}
SDL_Event motion(int x, int y, Uint32 ms, Uint32 which) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.timestamp = ms;
  e.motion.which = which;
  e.motion.x = x;
  e.motion.y = y;
  return e;
}

std::vector<PointerEvent> run(PointerSource& src, const std::vector<SDL_Event>& events) {
  std::vector<PointerEvent> out;
  for (const auto& e : events)
    if (auto p = src.translate(e, ImVec2(1920, 1080))) out.push_back(*p);
  return out;
}

}  // namespace

TEST_CASE("a tap: press and release in separate frames, then the pointer leaves the screen") {
  TouchInput in;
  in.push(ev(K::Down, 100, 200, 0));
  in.push(ev(K::Up, 103, 202, 80));  // queued together: must not share a frame
  PointerFrame f1 = in.next_frame();
  CHECK(f1.pressed);
  CHECK(f1.mouse_down);
  CHECK(f1.mouse_pos.x == 100);
  CHECK_FALSE(f1.tap);
  PointerFrame f2 = in.next_frame();
  CHECK(f2.tap);
  CHECK(f2.tap_pos.x == 103);
  CHECK_FALSE(f2.mouse_down);
  CHECK(f2.mouse_pos.x == 103);  // ImGui sees the release over the button: it fires
  CHECK(in.needs_frame());
  PointerFrame f3 = in.next_frame();
  CHECK(offscreen(f3.mouse_pos));  // nothing stays hovered
  CHECK_FALSE(f3.activity);
  CHECK_FALSE(in.needs_frame());
}

TEST_CASE("movement within the slop is still a tap, beyond it, a drag that never taps") {
  TouchParams p;
  p.tap_slop = 16;
  SECTION("within the slop") {
    TouchInput in(p);
    in.push(ev(K::Down, 100, 100, 0));
    in.next_frame();
    in.push(ev(K::Move, 110, 110, 30));  // 14.1 px
    PointerFrame m = in.next_frame();
    CHECK_FALSE(m.dragging);
    CHECK(m.mouse_down);
    in.push(ev(K::Up, 110, 110, 60));
    CHECK(in.next_frame().tap);
  }
  SECTION("beyond the slop") {
    TouchInput in(p);
    in.push(ev(K::Down, 100, 100, 0));
    CHECK(in.next_frame().mouse_down);
    in.push(ev(K::Move, 100, 117, 30));  // 17 px
    PointerFrame d = in.next_frame();
    CHECK(d.dragging);
    CHECK(d.drag_started);
    CHECK(d.drag_delta.y == 17);  // the whole distance from the press, so content keeps up
    // ImGui sees the press released off-screen: the widget under the finger does not fire.
    CHECK_FALSE(d.mouse_down);
    CHECK(offscreen(d.mouse_pos));
    in.push(ev(K::Move, 100, 150, 60));
    PointerFrame d2 = in.next_frame();
    CHECK(d2.drag_delta.y == 33);
    CHECK_FALSE(d2.drag_started);
    // Back over the starting point before lifting: still no tap.
    in.push(ev(K::Move, 100, 100, 90));
    in.push(ev(K::Up, 100, 100, 120));
    PointerFrame up = in.next_frame();
    CHECK(up.drag_released);
    CHECK_FALSE(up.tap);
    CHECK_FALSE(up.mouse_down);
    CHECK(offscreen(up.mouse_pos));
    PointerFrame after = in.next_frame();
    CHECK_FALSE(after.tap);
    CHECK_FALSE(after.dragging);
  }
}

TEST_CASE("a flick yields its release velocity, a finger that stopped yields none") {
  TouchInput in;
  in.push(ev(K::Down, 500, 800, 0));
  in.next_frame();
  for (int i = 1; i <= 10; ++i)
    in.push(ev(K::Move, 500, 800.0f - 20.0f * i, 10 * i));  // 2000 px/s upward
  in.next_frame();
  in.push(ev(K::Up, 500, 580, 110));
  PointerFrame up = in.next_frame();
  REQUIRE(up.drag_released);
  CHECK(up.release_velocity.y == Approx(-2000).epsilon(0.1));

  TouchInput still;
  still.push(ev(K::Down, 500, 800, 0));
  still.push(ev(K::Move, 500, 700, 50));
  still.push(ev(K::Move, 500, 600, 100));
  still.push(ev(K::Up, 500, 600, 900));  // held still for 0.8 s before lifting
  still.next_frame();
  PointerFrame s = still.next_frame();
  REQUIRE(s.drag_released);
  CHECK(s.release_velocity.y == Approx(0).margin(1));
}

TEST_CASE("a press in a raw zone never becomes a drag (signature pad)") {
  TouchInput in;
  in.set_raw_zones({Rect{0, 0, 400, 400}});
  in.push(ev(K::Down, 100, 100, 0));
  in.next_frame();
  in.push(ev(K::Move, 300, 300, 50));
  PointerFrame f = in.next_frame();
  CHECK(f.raw);
  CHECK_FALSE(f.dragging);
  CHECK(f.mouse_down);
  CHECK(f.mouse_pos.x == 300);
}

TEST_CASE("cancel (focus lost) releases off-screen without a tap, reset forgets everything") {
  TouchInput in;
  in.push(ev(K::Down, 100, 100, 0));
  in.next_frame();
  in.push(PointerEvent{K::Cancel, {}, t0});
  PointerFrame f = in.next_frame();
  CHECK_FALSE(f.tap);
  CHECK_FALSE(f.mouse_down);
  CHECK(offscreen(f.mouse_pos));

  in.push(ev(K::Down, 100, 100, 10));
  in.push(ev(K::Up, 100, 100, 20));
  in.reset();
  CHECK_FALSE(in.needs_frame());
  PointerFrame g = in.next_frame();
  CHECK_FALSE(g.activity);
  CHECK_FALSE(g.pressed);
}

TEST_CASE("inertia decays, stops, and travels the same distance at any frame rate") {
  ScrollParams p;
  auto total = [&](int frame_ms, double& stop_s) {
    ScrollPhysics s(p);
    s.fling(-3000, t0);
    double sum = 0;
    Clock::Mono t = t0;
    double prev_speed = 3000;
    while (s.moving()) {
      t += milliseconds(frame_ms);
      sum += s.step(t);
      REQUIRE(std::abs(s.velocity()) <= prev_speed);  // monotone decay
      prev_speed = std::abs(s.velocity());
      REQUIRE(t - t0 < seconds(10));  // stops by itself
    }
    stop_s = duration<double>(t - t0).count();
    return sum;
  };
  double stop16, stop50;
  double d16 = total(16, stop16), d50 = total(50, stop50);
  CHECK(d16 < 0);                                       // content moves the way the finger went
  CHECK(d16 == Approx(-3000 * p.tau_s).epsilon(0.02));  // at most v0 * tau
  CHECK(d50 == Approx(d16).epsilon(0.02));
  CHECK(stop16 < 2.5);

  ScrollPhysics slow(p);
  slow.fling(5, t0);  // below stop_speed: nothing moves
  CHECK_FALSE(slow.moving());
  CHECK(slow.step(t0 + seconds(1)) == 0);

  ScrollPhysics caught(p);
  caught.fling(2000, t0);
  caught.stop();  // a finger on the coasting list
  CHECK(caught.step(t0 + milliseconds(16)) == 0);

  ScrollPhysics capped(p);
  capped.fling(1e9, t0);
  CHECK(capped.velocity() == p.max_speed);
}

TEST_CASE("recorded touch stream: finger events only, SDL's synthetic mouse copies dropped") {
  PointerSource src;
  auto out = run(src, {
                          finger(SDL_FINGERDOWN, 0.5f, 0.5f, 1000),
                          button(SDL_MOUSEBUTTONDOWN, 960, 540, 1000, SDL_TOUCH_MOUSEID),
                          finger(SDL_FINGERMOTION, 0.5f, 0.6f, 1016),
                          motion(960, 648, 1016, SDL_TOUCH_MOUSEID),
                          finger(SDL_FINGERUP, 0.5f, 0.6f, 1032),
                          button(SDL_MOUSEBUTTONUP, 960, 648, 1032, SDL_TOUCH_MOUSEID),
                      });
  REQUIRE(out.size() == 3);
  CHECK(out[0].kind == K::Down);
  CHECK(out[0].pos.x == 960);
  CHECK(out[0].pos.y == 540);
  CHECK(out[1].kind == K::Move);
  CHECK(out[1].pos.y == Approx(648));
  CHECK(out[2].kind == K::Up);
}

TEST_CASE(
    "recorded touch stream with X11 core-pointer emulation (which = 0) right after the finger") {
  PointerSource src;
  auto out = run(
      src,
      {
          finger(SDL_FINGERDOWN, 0.25f, 0.25f, 5000),
          button(SDL_MOUSEBUTTONDOWN, 480, 270, 5001, 0),  // during the touch: dropped
          finger(SDL_FINGERUP, 0.25f, 0.25f, 5050),
          button(SDL_MOUSEBUTTONUP, 480, 270, 5051, 0),
          button(SDL_MOUSEBUTTONDOWN, 480, 270, 5060, 0),  // emulated copy after the lift: dropped
          button(SDL_MOUSEBUTTONUP, 480, 270, 5070, 0),
      });
  REQUIRE(out.size() == 2);
  CHECK(out[0].kind == K::Down);
  CHECK(out[1].kind == K::Up);
  // Long after the touch, a real mouse works again.
  auto later = run(src, {button(SDL_MOUSEBUTTONDOWN, 10, 10, 9000, 0),
                         button(SDL_MOUSEBUTTONUP, 10, 10, 9100, 0)});
  REQUIRE(later.size() == 2);
  CHECK(later[0].kind == K::Down);
}

TEST_CASE("recorded mouse stream: presses and drags, hover ignored, other buttons ignored") {
  PointerSource src;
  auto out = run(src, {
                          motion(5, 5, 100, 0),  // hover: nothing on a kiosk needs it
                          button(SDL_MOUSEBUTTONDOWN, 100, 100, 200, 0),
                          motion(100, 150, 216, 0),
                          button(SDL_MOUSEBUTTONUP, 100, 150, 232, 0),
                          motion(300, 300, 300, 0),
                      });
  REQUIRE(out.size() == 3);
  CHECK(out[0].kind == K::Down);
  CHECK(out[1].kind == K::Move);
  CHECK(out[1].pos.y == 150);
  CHECK(out[2].kind == K::Up);
  SDL_Event right = button(SDL_MOUSEBUTTONDOWN, 1, 1, 400, 0);
  right.button.button = SDL_BUTTON_RIGHT;
  CHECK_FALSE(src.translate(right, ImVec2(100, 100)));
}

TEST_CASE("a second finger is ignored until the first lifts") {
  PointerSource src;
  auto out = run(src, {
                          finger(SDL_FINGERDOWN, 0.1f, 0.1f, 0, 1),
                          finger(SDL_FINGERDOWN, 0.9f, 0.9f, 10, 2),
                          finger(SDL_FINGERMOTION, 0.8f, 0.8f, 20, 2),
                          finger(SDL_FINGERUP, 0.9f, 0.9f, 30, 2),
                          finger(SDL_FINGERUP, 0.1f, 0.1f, 40, 1),
                          finger(SDL_FINGERDOWN, 0.9f, 0.9f, 50, 2),
                      });
  REQUIRE(out.size() == 3);
  CHECK(out[0].kind == K::Down);
  CHECK(out[1].kind == K::Up);
  CHECK(out[1].pos.x == Approx(192));
  CHECK(out[2].kind == K::Down);
}

TEST_CASE("frame pacing: settle frames after input, animation at 60 fps, else the next deadline") {
  FramePacer p;
  Clock::Mono never = Clock::Mono::max();
  CHECK(p.next_frame_at(never, false) <= t0);  // the first frame at once
  p.frame_drawn(t0);
  CHECK(p.next_frame_at(never, false) == never);  // idle: sleep until something happens
  CHECK(p.next_frame_at(t0 + seconds(8), false) == t0 + seconds(8));
  CHECK(p.next_frame_at(t0 + milliseconds(1), false) ==
        t0 + FramePacer::kFrame);  // never faster than 60 fps
  CHECK(p.next_frame_at(never, true) == t0 + FramePacer::kFrame);
  p.on_input();
  for (int i = 0; i < FramePacer::kSettleFrames; ++i) {
    Clock::Mono due = p.next_frame_at(never, false);
    CHECK(due == t0 + FramePacer::kFrame * (i + 1));
    p.frame_drawn(due);
  }
  CHECK(p.next_frame_at(never, false) == never);
}
