// Platform: the one place that talks to SDL2 and OpenGL — display check, the borderless window at
// the desktop's size (or --windowed WxH), the GL3 context, Dear ImGui's backends, frame begin/end
// and screenshots. Everything above it sees only ImGui and PointerEvents.
#pragma once
#include <SDL2/SDL.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <imgui/imgui.h>

namespace kiosk::ui {

struct PlatformOptions {
  std::optional<std::pair<int, int>> windowed;  // development window instead of full screen
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
  // Hands keyboard, text and window events to ImGui's SDL backend. Pointer events are NOT
  // forwarded: TouchInput owns io.MousePos / io.MouseDown.
  void forward_to_imgui(const SDL_Event& e);
  // ImGui backends' NewFrame. Call, then write io.MousePos/MouseDown, then ImGui::NewFrame().
  void begin_frame();
  // Renders ImGui's draw data and presents it. With `capture_path`, first writes the frame as PNG
  // (returns false and sets `error` when that fails; the frame is still presented).
  bool end_frame(const std::string* capture_path, std::string* error);

 private:
  Platform() = default;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  bool imgui_ctx_ = false, sdl_backend_ = false, gl_backend_ = false;
  bool windowed_ = false;
  int w_ = 0, h_ = 0;
};

// Writes the current GL back buffer (w x h) to a PNG (top row first). Returns false + `error`.
bool write_screenshot(const std::string& path, int w, int h, std::string& error);

}  // namespace kiosk::ui
