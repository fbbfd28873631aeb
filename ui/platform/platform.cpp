// Platform: SDL2 video + OpenGL 3 context + Dear ImGui 1.86 backends (Debian libimgui).
#include "ui/platform/platform.h"

#include <GL/gl.h>
#include <imgui/backends/imgui_impl_opengl3.h>
#include <imgui/backends/imgui_impl_sdl.h>

#include <cstdlib>
#include <cstring>

#include "kiosk/core/log.h"

namespace kiosk::ui {
namespace {

const char* kNoDisplayFix = "run it under X11/Wayland, or try: xvfb-run -a build/bin/kiosk";

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

std::string no_display_message(const char* sdl_error) {
  const char* x = std::getenv("DISPLAY");
  const char* wl = std::getenv("WAYLAND_DISPLAY");
  if (!env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY"))
    return std::string("kiosk: no display found (DISPLAY/WAYLAND_DISPLAY unset): ") + kNoDisplayFix;
  std::string which = x && *x ? std::string("DISPLAY=") + x : std::string("WAYLAND_DISPLAY=") + wl;
  return "kiosk: cannot open the display (" + which + ": " + sdl_error +
         "): check that the display server runs and " +
         "this user may use it, or try: xvfb-run -a build/bin/kiosk";
}

}  // namespace

std::unique_ptr<Platform> Platform::open(const PlatformOptions& opts, std::string& error) {
  // Before SDL_Init: hints read at video start-up.
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS,
              "0");  // a borderless kiosk must never minimise
  // No synthetic mouse events for touches: finger events are the touch path (PointerSource still
  // drops SDL_TOUCH_MOUSEID events if a driver sends them) and SDL's mouse state stays untouched,
  // so ImGui's backend never turns on SDL_CaptureMouse during a touch (which stops X11 touches).
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  // A window manager's close must arrive only as SDL_WINDOWEVENT_CLOSE (the lockdown ignores it in
  // kiosk mode); by default SDL also sends SDL_QUIT when the last window closes, which the kiosk
  // reads as SIGTERM/SIGINT. Set before the window exists.
  SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
  SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
  // Without X11 or Wayland, SDL would fall back to its invisible "offscreen" driver (a kiosk
  // nobody can see) after libwayland printed its own complaints. Say it once, clearly, instead.
  // A console deployment names its driver explicitly (SDL_VIDEODRIVER=kmsdrm) and skips this.
  if (!env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY") && !env_set("SDL_VIDEODRIVER")) {
    error = no_display_message("");
    return nullptr;
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    error = no_display_message(SDL_GetError());
    SDL_Quit();
    return nullptr;
  }
  const char* driver = SDL_GetCurrentVideoDriver();
  const char* requested = std::getenv("SDL_VIDEODRIVER");
  if (driver && (std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0) &&
      !(requested && std::strcmp(requested, driver) == 0)) {
    error = no_display_message(
        (std::string("only SDL's invisible ") + driver + " video driver is available").c_str());
    SDL_Quit();
    return nullptr;
  }
  std::unique_ptr<Platform> p(new Platform());
  if (SDL_GetNumVideoDisplays() < 1) {
    error = no_display_message("no video display");
    return nullptr;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN;
  int x = 0, y = 0, w = 0, h = 0;
  if (opts.windowed) {
    p->windowed_ = true;
    w = opts.windowed->first;
    h = opts.windowed->second;
    x = y = SDL_WINDOWPOS_CENTERED;
  } else {
    // The desktop's size at 0,0, borderless: FULLSCREEN_DESKTOP alone leaves a clipped, offset
    // window when no window manager runs (the usual kiosk set-up).
    SDL_DisplayMode mode;
    if (SDL_GetDesktopDisplayMode(0, &mode) != 0) {
      error = no_display_message(SDL_GetError());
      return nullptr;
    }
    w = mode.w;
    h = mode.h;
    flags |= SDL_WINDOW_BORDERLESS;
  }
  p->window_ = SDL_CreateWindow("Community Kiosk", x, y, w, h, flags);
  if (!p->window_) {
    error = std::string("kiosk: cannot create the window: ") + SDL_GetError() +
            ": check the display, or install Mesa's OpenGL drivers (libgl1-mesa-dri)";
    return nullptr;
  }
  p->gl_ = SDL_GL_CreateContext(p->window_);
  if (!p->gl_) {
    error = std::string("kiosk: cannot create an OpenGL 3.0 context: ") + SDL_GetError() +
            ": install Mesa's OpenGL drivers (libgl1-mesa-dri) or check the GPU driver";
    return nullptr;
  }
  SDL_GL_MakeCurrent(p->window_, p->gl_);
  if (SDL_GL_SetSwapInterval(1) != 0)
    SDL_GL_SetSwapInterval(0);  // no vsync under Xvfb: we pace frames ourselves
  if (!p->windowed_) {
    SDL_SetWindowPosition(p->window_, 0, 0);
    SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk: no arrow parked in the middle of the screen
  }
  SDL_GetWindowSize(p->window_, &p->w_, &p->h_);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  p->imgui_ctx_ = true;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the kiosk writes nothing outside its data dir
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  p->sdl_backend_ = ImGui_ImplSDL2_InitForOpenGL(p->window_, p->gl_);
  p->gl_backend_ = p->sdl_backend_ && ImGui_ImplOpenGL3_Init("#version 130");
  if (!p->gl_backend_) {
    error =
        "kiosk: cannot start the renderer (Dear ImGui OpenGL3 backend): install Mesa's OpenGL "
        "drivers (libgl1-mesa-dri)";
    return nullptr;
  }
  log::info("display " + std::to_string(p->w_) + "x" + std::to_string(p->h_) +
            (p->windowed_ ? " (windowed)" : " (full screen)") + ", renderer " +
            reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  return p;
}

Platform::~Platform() {
  if (gl_backend_) ImGui_ImplOpenGL3_Shutdown();
  if (sdl_backend_) ImGui_ImplSDL2_Shutdown();
  if (imgui_ctx_) ImGui::DestroyContext();
  if (gl_) SDL_GL_DeleteContext(gl_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool Platform::build_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  if (!io.Fonts->Build()) return false;
  // Shaders and font texture now, so the backend's NewFrame does not rebuild the atlas later.
  if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) return false;
  int tw = io.Fonts->TexWidth, th = io.Fonts->TexHeight;
  io.Fonts->ClearTexData();  // the GPU has it; keep no CPU copies (tens of MB at these sizes)
  log::info("font atlas " + std::to_string(tw) + "x" + std::to_string(th));
  return true;
}

bool Platform::rebuild_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  if (!io.Fonts->Build()) return false;
  if (!ImGui_ImplOpenGL3_CreateFontsTexture()) return false;
  int tw = io.Fonts->TexWidth, th = io.Fonts->TexHeight;
  io.Fonts->ClearTexData();
  log::info("font atlas " + std::to_string(tw) + "x" + std::to_string(th));
  return true;
}

// Pointer events are TouchInput's (through PointerSource), never ImGui's backend's.
void Platform::forward_to_imgui(const SDL_Event& e) {
  switch (e.type) {
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: return;  // TouchInput's job
    default: ImGui_ImplSDL2_ProcessEvent(&e);
  }
}

void Platform::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
}

namespace {

// Clears the back buffer and draws `data` into it at the display's framebuffer size (fw x fh).
void render_to_back_buffer(ImDrawData* data, int& fw, int& fh) {
  ImGuiIO& io = ImGui::GetIO();
  fw = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
  fh = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
  glViewport(0, 0, fw, fh);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(data);
}

}  // namespace

bool Platform::end_frame(const std::string* capture_path, std::string* error) {
  ImGui::Render();
  int fw = 0, fh = 0;
  render_to_back_buffer(ImGui::GetDrawData(), fw, fh);
  bool ok = true;
  if (capture_path) {
    std::string err;
    ok = write_screenshot(*capture_path, fw, fh, err);
    if (!ok && error) *error = err;
  }
  SDL_GL_SwapWindow(window_);
  return ok;
}

bool Platform::capture_last_frame(const std::string& path, std::string& error) {
  ImDrawData* data = ImGui::GetDrawData();
  if (!data || !data->Valid) {
    error = "nothing drawn yet";
    return false;
  }
  int fw = 0, fh = 0;
  render_to_back_buffer(data, fw, fh);
  return write_screenshot(path, fw, fh, error);
}

}  // namespace kiosk::ui
