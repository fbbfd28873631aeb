// Platform's event queue: SDL events read as PlatformEvents, the script harness's input and the
// sync thread's wake-ups written into it. Kept beside platform.cpp so no other code calls SDL.
#include <cmath>
#include <cstring>

#include "kiosk/core/log.h"
#include "ui/platform/platform.h"

namespace kiosk::ui {
namespace {

// A numeric keypad with Num Lock off (the usual tactile keypad beside a kiosk) sends its own
// keycodes for 8/2/4/6: they move focus like the arrow keys. With Num Lock on they type digits.
PlatformEvent::KeyName key_name(SDL_Keycode k, Uint16 mod) {
  if (!(mod & KMOD_NUM)) {
    switch (k) {
      case SDLK_KP_8: return PlatformEvent::KeyName::Up;
      case SDLK_KP_2: return PlatformEvent::KeyName::Down;
      case SDLK_KP_4: return PlatformEvent::KeyName::Left;
      case SDLK_KP_6: return PlatformEvent::KeyName::Right;
      default: break;
    }
  }
  switch (k) {
    case SDLK_BACKSPACE: return PlatformEvent::KeyName::Backspace;
    case SDLK_TAB: return PlatformEvent::KeyName::Tab;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return PlatformEvent::KeyName::Enter;
    case SDLK_ESCAPE: return PlatformEvent::KeyName::Escape;
    case SDLK_UP: return PlatformEvent::KeyName::Up;
    case SDLK_DOWN: return PlatformEvent::KeyName::Down;
    case SDLK_LEFT: return PlatformEvent::KeyName::Left;
    case SDLK_RIGHT: return PlatformEvent::KeyName::Right;
    case SDLK_SPACE: return PlatformEvent::KeyName::Space;
    case SDLK_F1: return PlatformEvent::KeyName::F1;
    default: return PlatformEvent::KeyName::Other;
  }
}

bool is_quit_chord(const SDL_Keysym& k) {
  return (k.sym == SDLK_F4 && (k.mod & KMOD_ALT)) || (k.sym == SDLK_q && (k.mod & KMOD_CTRL));
}

}  // namespace

bool Platform::translate(const SDL_Event& e, PlatformEvent& out) {
  out = PlatformEvent{};
  if (wake_event_ != static_cast<std::uint32_t>(-1) && e.type == wake_event_) {
    out.kind = PlatformEvent::Kind::Wake;
    return true;
  }
  forward_to_imgui(e);
  if (auto pe = pointer_source_.translate(e, size())) {
    out.kind = PlatformEvent::Kind::Pointer;
    out.pointer = *pe;
    return true;
  }
  switch (e.type) {
    case SDL_QUIT: out.kind = PlatformEvent::Kind::Signal; break;
    case SDL_WINDOWEVENT:
      if (e.window.event == SDL_WINDOWEVENT_CLOSE) out.kind = PlatformEvent::Kind::WindowClose;
      break;
    case SDL_KEYDOWN:
      out.kind = PlatformEvent::Kind::Key;
      out.key = key_name(e.key.keysym.sym, e.key.keysym.mod);
      out.quit_chord = is_quit_chord(e.key.keysym);
      out.repeat = e.key.repeat != 0;
      out.shift = (e.key.keysym.mod & KMOD_SHIFT) != 0;
      break;
    case SDL_TEXTINPUT:
      out.kind = PlatformEvent::Kind::Text;
      out.text = e.text.text;
      break;
    default: break;
  }
  return true;
}

bool Platform::poll(PlatformEvent& out) {
  SDL_Event e;
  return SDL_PollEvent(&e) && translate(e, out);
}

bool Platform::wait(PlatformEvent& out, int timeout_ms) {
  SDL_Event e;
  return SDL_WaitEventTimeout(&e, timeout_ms) && translate(e, out);
}

std::function<void()> Platform::waker() {
  if (wake_event_ == static_cast<std::uint32_t>(-1)) wake_event_ = SDL_RegisterEvents(1);
  return [ev = wake_event_] {
    if (ev == static_cast<std::uint32_t>(-1)) return;
    SDL_Event e{};
    e.type = ev;
    SDL_PushEvent(&e);  // thread-safe
  };
}

void Platform::push(SDL_Event& e) {
  if (SDL_PushEvent(&e) < 0)
    log::warn(std::string("script: SDL_PushEvent failed: ") + SDL_GetError());
}

void Platform::inject_pointer(PointerEvent::Kind kind, ImVec2 pos) {
  SDL_Event e{};
  int x = static_cast<int>(std::lround(pos.x)), y = static_cast<int>(std::lround(pos.y));
  if (kind == PointerEvent::Kind::Move) {
    e.type = SDL_MOUSEMOTION;
    e.motion.windowID = window_id();
    e.motion.which = 0;  // a real mouse, not SDL_TOUCH_MOUSEID
    e.motion.state = SDL_BUTTON_LMASK;
    e.motion.x = x;
    e.motion.y = y;
  } else {
    e.type = kind == PointerEvent::Kind::Down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.windowID = window_id();
    e.button.which = 0;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = kind == PointerEvent::Kind::Down ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
  }
  push(e);
}

void Platform::inject_text(const std::string& utf8_piece) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  e.text.windowID = window_id();
  std::strncpy(e.text.text, utf8_piece.c_str(), sizeof e.text.text - 1);
  push(e);
}

void Platform::inject_key(SDL_Scancode key, bool down, std::uint16_t mod) {
  SDL_Event e{};
  e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
  e.key.windowID = window_id();
  e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.key.keysym.scancode = key;
  e.key.keysym.sym = SDL_GetKeyFromScancode(key);
  e.key.keysym.mod = mod;
  push(e);
}

// What a window manager's close button or Alt+F4 produces (WM_DELETE_WINDOW, checked with a real
// one in test_gui_lifecycle): SDL_WINDOWEVENT_CLOSE, not SDL_QUIT.
void Platform::inject_close() {
  SDL_Event e{};
  e.type = SDL_WINDOWEVENT;
  e.window.windowID = window_id();
  e.window.event = SDL_WINDOWEVENT_CLOSE;
  push(e);
}

}  // namespace kiosk::ui
