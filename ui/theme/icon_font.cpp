// Icon font: Fork Awesome glyphs for the content's icons, built into the same atlas as the text.
#include "ui/theme/icon_font.h"

#include <algorithm>
#include <cstdio>

#include "kiosk/content/icon_names.h"
#include "kiosk/core/log.h"

namespace kiosk::ui {

float icon_font_size(const Metrics& m) { return std::round(m.font_heading * 2.0f); }

ImFont* add_icon_font(const Metrics& m, const std::vector<char32_t>& codes,
                      const std::string& path_in) {
  // ImGui reads the glyph ranges when the atlas is built, after this returns: they live here,
  // replaced by the next call (a rebuild adds every font again).
  static ImVector<ImWchar> ranges;
  if (codes.empty()) return nullptr;
  const std::string path = path_in.empty() ? content::kIconFontPath : path_in;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    log::warn("icon font " + path +
              " is missing: tiles show their words only (install fonts-fork-awesome)");
    return nullptr;
  }
  std::fclose(f);
  ImFontGlyphRangesBuilder b;
  for (char32_t c : codes)
    if (c > 0 && c <= 0xFFFF) b.AddChar(static_cast<ImWchar>(c));  // ImWchar is 16 bits in 1.86
  ranges.clear();
  b.BuildRanges(&ranges);
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), icon_font_size(m), &cfg,
                                                  ranges.Data);
}

std::vector<char32_t> catalogue_icon_codes(const Catalogue& cat) {
  std::vector<char32_t> out;
  auto add = [&out](const Visual& v) {
    if (v.icon.empty()) return;
    if (auto code = content::icon_code(v.icon)) out.push_back(*code);
  };
  for (const auto& c : cat.categories) add(c.visual);
  for (const auto& p : cat.programs) add(p.visual);
  for (const auto& h : cat.department.highlights) add(h.visual);
  for (const auto& v : cat.department.features) add(v);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

}  // namespace kiosk::ui
