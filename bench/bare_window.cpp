// bare_window: the baseline the kiosk's GUI figures are compared with (bench/README.md) — the least
// an SDL2 + OpenGL3 + Dear ImGui 1.86 program needs to show the same 200-item list: a borderless
// window at the desktop's size, the same Noto Sans fonts at the same sizes and glyph ranges, the
// list drawn as cards (bold title + wrapped summary) in a child window, drag-to-scroll, and frames
// drawn only after input (SDL_WaitEventTimeout), as any careful ImGui program would.
// No kiosk code except ui/theme/metrics (the pure size arithmetic, so fonts and paddings match)
// and ui/platform/bench_stats (the same frame recorder, so both are measured by one instrument).
//
//   bare_window --items FILE [--drag X1 Y1 X2 Y2 MS] [--drags N] [--lead-ms MS] [--tail-ms MS]
//               [--bench-stats FILE]
// Without --drag it sits idle for --tail-ms (default 0: until the window is closed).
// Drags mimic `kiosk --script`'s `drag`: press, one move per 16 ms of real time (the loop runs
// in between), release, 3 settle frames; input goes in as pushed SDL mouse events.
#include <SDL2/SDL.h>
#include <imgui/backends/imgui_impl_opengl3.h>
#include <imgui/backends/imgui_impl_sdl.h>
#include <imgui/imgui.h>

#include <GL/gl.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "ui/platform/bench_stats.h"
#include "ui/theme/metrics.h"

namespace {

const char* kRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
const char* kBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

// The kiosk's glyph set (ui/theme/glyph_ranges.cpp), written out again: Latin-1, Latin
// Extended-A, dashes, typographic quotes, bullet, ellipsis, euro, trade mark.
const ImWchar kRanges[] = {0x0020, 0x007E, 0x00A0, 0x00FF, 0x0100, 0x017F, 0x2010,
                           0x2015, 0x2018, 0x201F, 0x2022, 0x2022, 0x2026, 0x2026,
                           0x20AC, 0x20AC, 0x2122, 0x2122, 0};

struct Item {
  std::string title, summary;
};

struct Args {
  std::string items;
  bool drag = false;
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  int ms = 1000, drags = 1, lead_ms = 500, tail_ms = 0;
};

struct Fonts {
  ImFont *body, *small, *body_bold, *heading, *title;
};

ImFont* add_font(const char* path, float size) {
  ImFontConfig cfg;  // the kiosk's settings: no oversampling at these large sizes, snapped
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, size, &cfg, kRanges);
}

// The pointer, owned by the program (the 1.86 SDL backend reads the global X mouse, which pushed
// events do not move): position, button, and the y where the last move left it.
struct Pointer {
  ImVec2 pos{-1e5f, -1e5f};
  bool down = false;
  bool dragging = false;  // down and moved since the press (the kiosk's "dragging")
  float drag_dy = 0;      // finger movement since the last frame, applied as scroll
};

class Bare {
 public:
  Bare(SDL_Window* w, std::vector<Item> items, kiosk::ui::Metrics m, Fonts f)
      : window_(w), items_(std::move(items)), m_(m), f_(f) {}

  void handle(const SDL_Event& e) {
    owed_ = 3;  // settle frames after any input, as the kiosk draws
    switch (e.type) {
      case SDL_MOUSEBUTTONDOWN:
        p_.down = true;
        p_.pos = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        break;
      case SDL_MOUSEBUTTONUP:
        p_.down = false;
        p_.dragging = false;
        p_.pos = ImVec2(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
        break;
      case SDL_MOUSEMOTION:
        if (p_.down) {
          p_.drag_dy += static_cast<float>(e.motion.y) - p_.pos.y;
          p_.dragging = true;
        }
        p_.pos = ImVec2(static_cast<float>(e.motion.x), static_cast<float>(e.motion.y));
        break;
      case SDL_QUIT: quit_ = true; break;
      default: ImGui_ImplSDL2_ProcessEvent(&e);
    }
  }

  void pump() {
    SDL_Event e;
    while (SDL_PollEvent(&e)) handle(e);
  }

  // The normal loop for `ms` of real time: sleep in SDL_WaitEventTimeout, draw owed frames at most
  // every 16 ms.
  void run_for(int ms) {
    Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(ms);
    while (!quit_) {
      Uint64 now = SDL_GetTicks64();
      if (now >= end) return;
      Uint64 due = owed_ > 0 ? std::max(now, last_frame_ + 16) : end;
      int wait = static_cast<int>(std::min(due, end) - now);
      SDL_Event e;
      if (wait <= 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, wait)) {
        handle(e);
        pump();
      }
      if (owed_ > 0 && SDL_GetTicks64() >= last_frame_ + 16) frame();
    }
  }

  void push_mouse(Uint32 type, float x, float y) {
    SDL_Event e{};
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
      e.motion.windowID = SDL_GetWindowID(window_);
      e.motion.state = SDL_BUTTON_LMASK;
      e.motion.x = static_cast<int>(x);
      e.motion.y = static_cast<int>(y);
    } else {
      e.button.windowID = SDL_GetWindowID(window_);
      e.button.button = SDL_BUTTON_LEFT;
      e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
      e.button.clicks = 1;
      e.button.x = static_cast<int>(x);
      e.button.y = static_cast<int>(y);
    }
    SDL_PushEvent(&e);
  }

  // The same steps as the script player's drag (ui/script/player.cpp).
  void drag(const Args& a) {
    push_mouse(SDL_MOUSEBUTTONDOWN, a.x1, a.y1);
    pump();
    frame();
    int steps = std::max(1, a.ms / 16);
    for (int i = 1; i <= steps && !quit_; ++i) {
      int elapsed = a.ms * i / steps - a.ms * (i - 1) / steps;
      run_for(elapsed);
      float f = static_cast<float>(i) / static_cast<float>(steps);
      push_mouse(SDL_MOUSEMOTION, a.x1 + (a.x2 - a.x1) * f, a.y1 + (a.y2 - a.y1) * f);
      pump();
      frame();
    }
    push_mouse(SDL_MOUSEBUTTONUP, a.x2, a.y2);
    for (int i = 0; i < 3; ++i) {
      pump();
      frame();
    }
  }

  bool quit() const { return quit_; }

  void frame() {
    kiosk::ui::bench_stats::frame_begin();
    bool moving = p_.dragging;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p_.pos;
    io.MouseDown[0] = false;  // a drag scrolls; taps are not part of this benchmark
    ImGui::NewFrame();
    draw_list();
    ImGui::Render();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(window_);
    kiosk::ui::bench_stats::frame_end(moving);
    last_frame_ = SDL_GetTicks64();
    if (owed_ > 0) --owed_;
  }

 private:
  void draw_list() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin(
        "list", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorPos(ImVec2(m_.pad, m_.pad));
    ImGui::BeginChild("items", ImVec2(io.DisplaySize.x - 2 * m_.pad, io.DisplaySize.y - 2 * m_.pad),
                      false, ImGuiWindowFlags_NoScrollbar);
    if (p_.drag_dy != 0) {
      ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - p_.drag_dy, 0.0f, ImGui::GetScrollMaxY()));
      p_.drag_dy = 0;
    }
    float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const Item& it : items_) {
      // Card behind the text: draw the text on channel 1, then the card (now that its height is
      // known) on channel 0.
      dl->ChannelsSplit(2);
      dl->ChannelsSetCurrent(1);
      ImVec2 top = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(top.x + m_.pad, top.y + m_.pad));
      ImGui::BeginGroup();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 2 * m_.pad);
      ImGui::PushFont(f_.heading);
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0x0B, 0x3D, 0x91, 0xFF));
      ImGui::TextUnformatted(it.title.c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
      ImGui::TextUnformatted(it.summary.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndGroup();
      float bottom = ImGui::GetItemRectMax().y + m_.pad;
      dl->ChannelsSetCurrent(0);
      dl->AddRectFilled(top, ImVec2(top.x + w, bottom), IM_COL32(0xF2, 0xF4, 0xF7, 0xFF),
                        m_.rounding);
      dl->AddRect(top, ImVec2(top.x + w, bottom), IM_COL32(0x5A, 0x64, 0x6E, 0xFF), m_.rounding, 0,
                  m_.border);
      dl->ChannelsMerge();
      ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + m_.gap * 0.5f));
      ImGui::Dummy(ImVec2(w, 0));
    }
    ImGui::EndChild();
    ImGui::End();
  }

  SDL_Window* window_;
  std::vector<Item> items_;
  kiosk::ui::Metrics m_;
  Fonts f_;
  Pointer p_;
  int owed_ = 1;
  Uint64 last_frame_ = 0;
  bool quit_ = false;
};

bool parse_args(int argc, char** argv, Args& a) {
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto num = [&](int need) { return i + need < argc; };
    if (k == "--items" && num(1))
      a.items = argv[++i];
    else if (k == "--drag" && num(5)) {
      a.drag = true;
      a.x1 = std::strtof(argv[++i], nullptr);
      a.y1 = std::strtof(argv[++i], nullptr);
      a.x2 = std::strtof(argv[++i], nullptr);
      a.y2 = std::strtof(argv[++i], nullptr);
      a.ms = std::atoi(argv[++i]);
    } else if (k == "--drags" && num(1))
      a.drags = std::atoi(argv[++i]);
    else if (k == "--lead-ms" && num(1))
      a.lead_ms = std::atoi(argv[++i]);
    else if (k == "--tail-ms" && num(1))
      a.tail_ms = std::atoi(argv[++i]);
    else if (k == "--bench-stats" && num(1))
      kiosk::ui::bench_stats::enable(argv[++i]);  // as the kiosk's --bench-stats
    else {
      std::fprintf(stderr, "bare_window: unknown or incomplete argument %s\n", k.c_str());
      return false;
    }
  }
  if (a.items.empty()) {
    std::fprintf(stderr,
                 "usage: bare_window --items FILE [--drag X1 Y1 X2 Y2 MS] [--drags N] [--lead-ms "
                 "MS] [--tail-ms MS] [--bench-stats FILE]\n");
    return false;
  }
  return true;
}

// One item per line: title TAB summary.
std::vector<Item> read_items(const std::string& path) {
  std::vector<Item> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab != std::string::npos) out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) return 2;
  std::vector<Item> items = read_items(args.items);
  if (items.empty()) {
    std::fprintf(stderr, "bare_window: no items in %s\n", args.items.c_str());
    return 2;
  }
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "bare_window: SDL_Init: %s\n", SDL_GetError());
    return 2;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  SDL_DisplayMode mode;
  if (SDL_GetDesktopDisplayMode(0, &mode) != 0) {
    std::fprintf(stderr, "bare_window: %s\n", SDL_GetError());
    return 2;
  }
  SDL_Window* window = SDL_CreateWindow(
      "bare", 0, 0, mode.w, mode.h, SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN | SDL_WINDOW_BORDERLESS);
  SDL_GLContext gl = window ? SDL_GL_CreateContext(window) : nullptr;
  if (!gl) {
    std::fprintf(stderr, "bare_window: window/GL: %s\n", SDL_GetError());
    return 2;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(0);
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init("#version 130");
  ImGuiStyle& style = ImGui::GetStyle();
  kiosk::ui::Metrics m = kiosk::ui::compute_metrics(static_cast<float>(w), static_cast<float>(h));
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.ItemSpacing = ImVec2(m.gap, m.gap * 0.6f);
  style.ScrollbarSize = 0;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 0);
  style.Colors[ImGuiCol_Text] = ImVec4(0.04f, 0.04f, 0.04f, 1);

  // The kiosk's five fonts (ui/theme/theme.cpp: body first, so it is the default).
  io.Fonts->TexDesiredWidth = 2048;
  Fonts f{};
  f.body = add_font(kRegular, m.font_body);
  f.small = add_font(kRegular, m.font_small);
  f.body_bold = add_font(kBold, m.font_body);
  f.heading = add_font(kBold, m.font_heading);
  f.title = add_font(kBold, m.font_title);
  if (!f.body || !f.heading || !io.Fonts->Build() || !ImGui_ImplOpenGL3_CreateDeviceObjects()) {
    std::fprintf(
        stderr,
        "bare_window: cannot load the fonts (install fonts-noto-core) or upload the atlas\n");
    return 2;
  }
  io.Fonts->ClearTexData();  // the GPU holds the atlas; any careful program drops the CPU copies

  {
    Bare bare(window, std::move(items), m, f);
    bare.frame();  // the first frame
    if (args.drag) {
      bare.run_for(args.lead_ms);
      for (int i = 0; i < args.drags && !bare.quit(); ++i) bare.drag(args);
    }
    if (args.tail_ms > 0)
      bare.run_for(args.tail_ms);
    else if (!args.drag)
      while (!bare.quit()) bare.run_for(60'000);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
