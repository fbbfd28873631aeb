// Theme: the fonts, sizes and colours every widget draws with, built once at start for the
// window size (ImGui 1.86 cannot resize fonts later). Needs a live ImGui context.
#pragma once
#include <imgui/imgui.h>

#include <string>

#include "ui/theme/metrics.h"
#include "ui/theme/palette.h"

namespace kiosk::ui {

inline constexpr const char* kFontRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
inline constexpr const char* kFontBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

struct Fonts {
  ImFont* small = nullptr;      // regular, font_small
  ImFont* body = nullptr;       // regular, font_body
  ImFont* body_bold = nullptr;  // bold, font_body
  ImFont* heading = nullptr;    // bold, font_heading
  ImFont* title = nullptr;      // bold, font_title
  ImFont* icons = nullptr;      // Fork Awesome at icon size, only the glyphs the content names
                                // (ui/theme/icon_font); null when none or the font is missing
  bool fallback = false;        // Noto Sans was missing: ImGui's built-in font at the same sizes
};

struct Theme {
  Metrics m;
  Palette p;
  Fonts f;
};

// Adds the fonts to io.Fonts (before the renderer builds the atlas). Never fails: a missing or
// unreadable font file falls back to ImGui's default font, with a log warning.
Fonts load_fonts(const Metrics& m, const std::string& regular = kFontRegular,
                 const std::string& bold = kFontBold);
// Style for a touch kiosk: no window chrome, big spacing, theme colours, no blinking cursor.
void apply_style(const Theme& t);
// Colour as ImGui wants it.
ImU32 col(Rgb c, float alpha = 1.0f);

}  // namespace kiosk::ui
