// Glyph ranges for the UI fonts and a UTF-8 walk to check text against them.
#include "ui/theme/glyph_ranges.h"

namespace kiosk::ui {

const std::vector<std::pair<std::uint32_t, std::uint32_t>>& ui_glyph_ranges() {
  static const std::vector<std::pair<std::uint32_t, std::uint32_t>> r = {
      {0x0020, 0x007E},  // ASCII
      {0x00A0, 0x00FF},  // Latin-1 supplement: á é í ó ú ü ñ ¿ ¡ · «»
      {0x0100, 0x017F},  // Latin Extended-A
      {0x2010, 0x2015},  // hyphens and dashes (– —)
      {0x2018, 0x201F},  // typographic quotes (‘ ’ “ ”)
      {0x2022, 0x2022},  // bullet
      {0x2026, 0x2026},  // ellipsis
      {0x20AC, 0x20AC},  // euro
      {0x2122, 0x2122},  // trade mark
  };
  return r;
}

bool ui_font_has(std::uint32_t cp) {
  if (cp == '\n' || cp == '\t') return true;  // layout, not glyphs
  for (const auto& [lo, hi] : ui_glyph_ranges())
    if (cp >= lo && cp <= hi) return true;
  return false;
}

std::uint32_t first_missing_glyph(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp;
    int n;
    if (c < 0x80)
      cp = c, n = 1;
    else if ((c >> 5) == 6)
      cp = c & 0x1F, n = 2;
    else if ((c >> 4) == 14)
      cp = c & 0x0F, n = 3;
    else
      cp = c & 0x07, n = 4;
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!ui_font_has(cp)) return cp;
    i += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace kiosk::ui
