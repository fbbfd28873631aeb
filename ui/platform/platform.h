// Platform: the one place that calls SDL2 and OpenGL — display check, the borderless window at
// the desktop's size (or --windowed WxH), the GL3 context, Dear ImGui's backends, the event queue
// (read as PlatformEvents, written by the script harness and the sync thread's wake-ups), frame
// begin/end and screenshots. Everything above it sees only ImGui, PlatformEvents and PointerEvents
// (ui/script names keys with SDL's scancode values, plain numbers from SDL's headers, and calls
// nothing).
#pragma once
#include <SDL2/SDL.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <imgui/imgui.h>

#include "ui/platform/pointer_event.h"
#include "ui/platform/pointer_source.h"

namespace kiosk::ui {

struct PlatformOptions {
  std::optional<std::pair<int, int>> windowed;  // development window instead of full screen
};

// One event from the queue, in the kiosk's terms.
struct PlatformEvent {
  enum class Kind {
    Other,        // anything else (already handed to ImGui): still counts as input
    Wake,         // a waker() call from another thread; not input
    Signal,       // SIGTERM/SIGINT (SDL_QUIT; see QuitRequest in kiosk/app/app.h)
    WindowClose,  // a window manager's close (SDL_WINDOWEVENT_CLOSE)
    Pointer,      // `pointer`: the one pointer, from touch or a real mouse (PointerSource)
    Key,          // `key` pressed (physical keyboard)
    Text,         // `text` typed (UTF-8)
  };
  enum class KeyName { Other, Backspace, Tab, Enter, Escape, Up, Down, Left, Right, Space, F1 };
  Kind kind = Kind::Other;
  PointerEvent pointer;  // Pointer: no time stamp yet (the caller stamps it from the app clock)
  KeyName key = KeyName::Other;
  bool quit_chord = false;  // Key: Alt+F4 or Ctrl+Q (no window manager turns them into a close)
  bool repeat = false;      // Key: auto-repeat
  bool shift = false;       // Key: Shift held (Shift+Tab)
  std::string text;         // Text
};

class Platform {
 public:
  // Opens the display, window, GL context and ImGui context. On failure returns nullptr and sets
  // `error` to ONE line for stderr that names the fix (the caller exits 2).
  static std::unique_ptr<Platform> open(const PlatformOptions& opts, std::string& error);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  ImVec2 size() const { return ImVec2(static_cast<float>(w_), static_cast<float>(h_)); }
  std::uint32_t window_id() const { return SDL_GetWindowID(window_); }
  bool windowed() const { return windowed_; }

  // Uploads the font atlas (after fonts were added to io.Fonts) and frees its CPU copy.
  bool build_fonts();
  // Replaces the uploaded atlas with the fonts now in io.Fonts (the caller cleared and re-added
  // them between frames: a text size change). False when the GL upload fails.
  bool rebuild_fonts();
  // The next queued event, if any (poll), or the first within `timeout_ms` (wait). Keyboard, text
  // and window events also go to ImGui's SDL backend; pointer events do not: TouchInput owns
  // io.MousePos / io.MouseDown.
  bool poll(PlatformEvent& out);
  bool wait(PlatformEvent& out, int timeout_ms);
  // A function any thread may call to wake the loop with a PlatformEvent::Kind::Wake (SDL's queue
  // is thread-safe). Registers the event type on first use.
  std::function<void()> waker();

  // The script harness's input, queued like real input (a real-mouse id, not a touch).
  void inject_pointer(PointerEvent::Kind kind, ImVec2 pos);
  void inject_text(const std::string& utf8_piece);  // at most 31 bytes
  void inject_key(SDL_Scancode key, bool down, std::uint16_t mod);
  void inject_close();  // what a window manager's close button sends
  // ImGui backends' NewFrame. Call, then write io.MousePos/MouseDown, then ImGui::NewFrame().
  void begin_frame();
  // Renders ImGui's draw data and presents it. With `capture_path`, first writes the frame as PNG
  // (returns false and sets `error` when that fails; the frame is still presented).
  bool end_frame(const std::string* capture_path, std::string* error);
  // Writes the frame last drawn as PNG without drawing a new one (ImGui's draw data stays valid
  // until the next frame begins): what the screen shows now, for the script harness.
  bool capture_last_frame(const std::string& path, std::string& error);

 private:
  Platform() = default;
  bool translate(const SDL_Event& e, PlatformEvent& out);
  void forward_to_imgui(const SDL_Event& e);
  void push(SDL_Event& e);

  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  bool imgui_ctx_ = false, sdl_backend_ = false, gl_backend_ = false;
  bool windowed_ = false;
  int w_ = 0, h_ = 0;
  PointerSource pointer_source_;
  std::uint32_t wake_event_ = static_cast<std::uint32_t>(-1);  // -1: not registered (or failed)
};

// Writes the current GL back buffer (w x h) to a PNG (top row first). Returns false + `error`.
bool write_screenshot(const std::string& path, int w, int h, std::string& error);

}  // namespace kiosk::ui
