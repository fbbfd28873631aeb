// Theme: font atlas set-up (Noto Sans at fixed sizes, our glyph ranges) and ImGui style.
#include "ui/theme/theme.h"

#include <cstdio>
#include <cstring>

#include "kiosk/core/log.h"
#include "ui/theme/glyph_ranges.h"

namespace kiosk::ui {
namespace {

const ImWchar* glyph_ranges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder b;
    for (const auto& [lo, hi] : ui_glyph_ranges())
      for (std::uint32_t cp = lo; cp <= hi; ++cp) b.AddChar(static_cast<ImWchar>(cp));
    ImVector<ImWchar> out;
    b.BuildRanges(&out);
    return out;
  }();
  return ranges.Data;
}

// True when `path` opens and starts like a TrueType/OpenType font. ImGui asserts (aborts) on a
// file it cannot read, so we check first.
bool font_file_ok(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char magic[4] = {0, 0, 0, 0};
  size_t n = std::fread(magic, 1, 4, f);
  std::fclose(f);
  if (n != 4) return false;
  return (magic[0] == 0 && magic[1] == 1 && magic[2] == 0 && magic[3] == 0) ||
         std::memcmp(magic, "OTTO", 4) == 0 || std::memcmp(magic, "true", 4) == 0;
}

ImFont* add_font(const std::string& path, bool ok, float size) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // large sizes gain nothing from oversampling; it would triple the atlas
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  if (ok) return io.Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, glyph_ranges());
  cfg.SizePixels = size;
  return io.Fonts->AddFontDefault(&cfg);
}

}  // namespace

Fonts load_fonts(const Metrics& m, const std::string& regular, const std::string& bold) {
  bool reg_ok = font_file_ok(regular);
  bool bold_ok = font_file_ok(bold);
  if (!reg_ok)
    log::warn("font " + regular +
              " is missing or unreadable: using ImGui's built-in font (install fonts-noto-core)");
  if (!bold_ok)
    log::warn("font " + bold + " is missing or unreadable: using the regular font for bold text");
  Fonts f;
  f.fallback = !reg_ok;
  ImGui::GetIO().Fonts->TexDesiredWidth = 2048;
  f.body = add_font(regular, reg_ok, m.font_body);  // first font = ImGui's default font
  // Help text is body-sized (issue 18): one font serves both, a smaller atlas to rebuild.
  f.small = m.font_small == m.font_body ? f.body : add_font(regular, reg_ok, m.font_small);
  const std::string& b = bold_ok ? bold : regular;
  bool b_ok = bold_ok || reg_ok;
  f.body_bold = add_font(b, b_ok, m.font_body);
  f.heading = add_font(b, b_ok, m.font_heading);
  f.title = add_font(b, b_ok, m.font_title);
  return f;
}

ImU32 col(Rgb c, float alpha) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f + 0.5f));
}

void apply_style(const Theme& t) {
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 0;
  s.WindowRounding = 0;
  s.FramePadding = ImVec2(t.m.pad, t.m.pad * 0.5f);
  s.ItemSpacing = ImVec2(t.m.gap, t.m.gap * 0.6f);
  s.ItemInnerSpacing = ImVec2(t.m.gap, t.m.gap);
  s.ScrollbarSize = 0;  // scroll regions draw their own passive indicator
  s.AntiAliasedFill = true;
  s.AntiAliasedLines = true;
  ImVec4* c = s.Colors;
  auto v4 = [](Rgb x, float a = 1.0f) {
    return ImVec4(x.r / 255.0f, x.g / 255.0f, x.b / 255.0f, a);
  };
  c[ImGuiCol_WindowBg] = v4(t.p.page);
  c[ImGuiCol_ChildBg] = v4(t.p.page, 0.0f);
  c[ImGuiCol_Text] = v4(t.p.text);
  c[ImGuiCol_Border] = v4(t.p.card_border);
  ImGui::GetIO().ConfigInputTextCursorBlink = false;  // a blinking cursor would force redraws
}

}  // namespace kiosk::ui
